package io.zkml4j.cli;

import io.zkml4j.model.demo.DemoModels;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/** Runs {@code zkml} in-process, as the jar's {@code main} would, and captures exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {

    static CliRun zkml(Object... args) {
        List<String> a = new ArrayList<>();
        for (Object o : args) {
            a.add(o.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(a.toArray(new String[0]));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** stderr without progress lines ({@code zkml: ...ing...}), which depend on timing. */
    String errors() {
        StringBuilder sb = new StringBuilder();
        for (String line : err.split("\n")) {
            if (!line.isEmpty() && !line.endsWith("...") && !line.startsWith("next: ")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes a bundled model and its example input into {@code dir}: {@code name.onnx}, {@code name.input.json}. */
    static Path bundled(Path dir, String name) throws IOException {
        Files.write(dir.resolve(name + ".onnx"), DemoModels.checkedIn(name + ".onnx"));
        Files.write(dir.resolve(name + ".input.json"), DemoModels.checkedIn(name + ".input.json"));
        return dir.resolve(name + ".onnx");
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
