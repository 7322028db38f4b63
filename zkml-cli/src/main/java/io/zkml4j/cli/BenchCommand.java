package io.zkml4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.bench.table.BenchmarkModel;
import io.zkml4j.bench.table.BenchmarkRow;
import io.zkml4j.bench.table.BenchmarkSettings;
import io.zkml4j.bench.table.BenchmarkTable;
import io.zkml4j.model.InputFileException;
import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.prover.compile.NotProvableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code zkml bench}: the end-to-end benchmark table. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the benchmark table for some models.",
                "Measures the given ONNX models (default: the bundled ones): integer inference, setup, prove and verify "
                        + "times (medians after warm-up runs), proof and key sizes, peak heap while proving, and the "
                        + "prove/inference ratio. Each MODEL.onnx needs an example input beside it: MODEL.input.json or "
                        + "input.json."})
final class BenchCommand extends Subcommand {
    @Parameters(paramLabel = "MODEL.onnx", arity = "0..*", description = "Models to measure (default: the bundled models).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per model (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured warm-up runs per model (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-zk", description = "Measure keys made without hiding (as 'zkml setup --no-zk'), to compare.")
    boolean noZk;

    @Option(names = "--json", description = "Print the table as JSON.")
    boolean json;

    @Option(names = "--markdown", description = "Print the table as Markdown.")
    boolean markdown;

    @Override
    int execute() throws Exception {
        BenchmarkSettings settings;
        try {
            settings = new BenchmarkSettings(warmup, runs, securityLevel(), !noZk);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (json && markdown) {
            throw new UserError("choose one of --json and --markdown");
        }
        List<BenchmarkModel> todo = new ArrayList<>();
        if (models.isEmpty()) {
            todo.addAll(BenchmarkModel.bundled());
        } else {
            for (Path p : models) {
                todo.add(load(p));
            }
        }
        List<BenchmarkRow> rows = new ArrayList<>();
        int steps = todo.size() * (settings.warmupRuns() + settings.measuredRuns() + 4);
        try (Progress progress = term.progress(steps)) {
            for (BenchmarkModel m : todo) {
                try {
                    rows.add(BenchmarkTable.measure(m, settings, progress::step));
                } catch (ModelImportException | InputFileException | ModelCompileException | NotProvableException e) {
                    throw new UserError("cannot benchmark '" + m.name() + "': " + e.getMessage());
                }
            }
        }
        if (json) {
            term.println(Json.write(toJson(rows, settings)));
        } else if (markdown) {
            term.println(BenchmarkTable.formatMarkdown(rows));
            term.println(BenchmarkTable.legend(settings));
        } else {
            term.println(BenchmarkTable.formatText(rows));
            term.println(BenchmarkTable.legend(settings));
        }
        return ExitCode.OK;
    }

    /** A model file and the example input beside it. */
    private static BenchmarkModel load(Path onnx) throws UserError {
        byte[] bytes = Artifacts.read(onnx);
        Artifacts.Kind kind = Artifacts.kindOf(bytes);
        if (kind != Artifacts.Kind.ONNX && kind != Artifacts.Kind.UNKNOWN) {
            throw new UserError("'" + onnx + "' is " + kind.human + ", not an ONNX model (.onnx)");
        }
        Path dir = onnx.toAbsolutePath().getParent();
        Path named = dir.resolve(Artifacts.stem(onnx) + ".input.json");
        Path plain = dir.resolve("input.json");
        Path input = Files.isRegularFile(named) ? named : plain;
        if (!Files.isRegularFile(input)) {
            throw new UserError("no example input for '" + onnx + "': put " + named.getFileName() + " or input.json beside it");
        }
        return new BenchmarkModel(BenchmarkModel.displayName(onnx), bytes, Artifacts.readText(input));
    }

    private static ObjectNode toJson(List<BenchmarkRow> rows, BenchmarkSettings s) {
        ObjectNode n = Json.object();
        ObjectNode settings = n.putObject("settings");
        settings.put("warmupRuns", s.warmupRuns());
        settings.put("measuredRuns", s.measuredRuns());
        settings.put("security", s.security().id());
        settings.put("zeroKnowledge", s.zeroKnowledge());
        settings.put("openingBudget", s.openingBudget());
        settings.put("java", Runtime.version().toString());
        settings.put("processors", Runtime.getRuntime().availableProcessors());
        settings.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        settings.put("legend", BenchmarkTable.legend(s));
        ArrayNode a = n.putArray("models");
        for (BenchmarkRow r : rows) {
            ObjectNode o = a.addObject();
            o.put("model", r.model());
            o.put("parameters", r.parameters());
            o.put("relations", r.layers());
            o.put("security", r.security());
            o.put("securityBits", r.securityBits());
            o.put("inferenceMillis", r.inferenceMillis());
            o.put("setupMillis", r.setupMillis());
            o.put("proveMillis", r.proveMillis());
            o.put("verifyMillis", r.verifyMillis());
            o.put("proveToInferenceRatio", r.proveToInferenceRatio());
            o.put("proofBytes", r.proofBytes());
            o.put("verifyingKeyBytes", r.verifyingKeyBytes());
            o.put("provingKeyBytes", r.provingKeyBytes());
            o.put("peakHeapBytes", r.peakHeapBytes());
        }
        return n;
    }
}
