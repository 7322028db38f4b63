package io.zkml4j.cli;

import io.zkml4j.model.onnx.OnnxBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.zkml4j.cli.CliRun.zkml;
import static io.zkml4j.cli.ErrorPathsTest.fails;
import static io.zkml4j.cli.ErrorPathsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user meets in the first hour, through the real command: compile without an example input
 * (the model's signature and an example file), compile without {@code -o} (next to the model), the one
 * input-shape rule, non-finite input values, and argmax only where an output has a class axis.
 */
class FirstHourTest {
    @TempDir
    Path dir;

    @Test
    void compileWithoutAnInputPrintsTheSignatureAndWritesAnExampleFile() throws Exception {
        Path onnx = dir.resolve("two.onnx");
        Files.write(onnx, new OnnxBuilder("two", 13).input("x", -1, 3).typedInput("n", 7).output("y")
                .node("Relu", List.of("x"), List.of("y")).toBytes());
        CliRun r = zkml("compile", onnx);
        fails(r, 2, "zkml compile: no example input: calibration needs at least one real, representative input (--input FILE;");
        assertThat(r.out()).contains("input           x float32 [batch, 3]").contains("input           n int64 []")
                .contains("output          y float32");
        Path example = dir.resolve("two.example.json");
        assertThat(r.out()).contains("example input   " + example);
        assertThat(Files.readString(example)).isEqualTo("{\"input_data\": [[0, 0, 0], [0]],\n \"input_shapes\": [[1, 3], []]}\n");
        // a second run leaves the (possibly edited) file alone
        Files.writeString(example, "{\"input_data\": [[1, 2, 3], [4]]}");
        assertThat(zkml("compile", onnx).out()).contains("exists already; not overwritten");
        assertThat(Files.readString(example)).isEqualTo("{\"input_data\": [[1, 2, 3], [4]]}");
    }

    @Test
    void theExampleFileCompilesAsItIs() throws Exception {
        Path onnx = CliRun.bundled(dir, "small-cnn");
        fails(zkml("compile", onnx), 2, "no example input");
        Path example = dir.resolve("small-cnn.example.json");
        ok(zkml("compile", onnx, "--input", example, "--quiet"));
    }

    @Test
    void compileWithoutOutputWritesNextToTheModelWithItsName() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("models"));
        Path onnx = CliRun.bundled(sub, "small-cnn");
        CliRun r = zkml("compile", onnx, "--input", sub.resolve("small-cnn.input.json"), "--quiet");
        ok(r);
        assertThat(sub.resolve("small-cnn.zkm")).exists();
        assertThat(r.out()).contains("wrote           " + sub.resolve("small-cnn.zkm"));
    }

    @Test
    void oneShapeRuleForDeclaredShapes() throws Exception {
        Path fixed = dir.resolve("fixed.onnx");
        Files.write(fixed, new OnnxBuilder("fixed", 13).input("x", 1, 1, 4, 4).output("y").node("Relu", List.of("x"), List.of("y")).toBytes());
        Path dynamic = dir.resolve("dynamic.onnx");
        Files.write(dynamic, new OnnxBuilder("dynamic", 13).input("x", -1, 4).output("y").node("Relu", List.of("x"), List.of("y")).toBytes());
        String sixteen = "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6]";
        // the model's shape, or it without the leading batch axis: accepted for both models alike
        ok(zkml("compile", fixed, "--input", json("a.json", sixteen, "[1, 1, 4, 4]"), "-o", dir.resolve("a.zkm"), "--quiet"));
        ok(zkml("compile", fixed, "--input", json("b.json", sixteen, "[1, 4, 4]"), "-o", dir.resolve("b.zkm"), "--quiet"));
        ok(zkml("compile", dynamic, "--input", json("c.json", "[1, 2, 3, 4]", "[4]"), "-o", dir.resolve("c.zkm"), "--quiet"));
        ok(zkml("compile", dynamic, "--input", json("d.json", "[1, 2, 3, 4]", "[1, 4]"), "-o", dir.resolve("d.zkm"), "--quiet"));
        // a batch of two fixes the dynamic batch axis
        CliRun batch = zkml("compile", dynamic, "--input", json("e.json", "[1, 2, 3, 4, 5, 6, 7, 8]", "[2, 4]"), "-o", dir.resolve("e.zkm"), "--quiet");
        ok(batch);
        assertThat(batch.out()).contains("input           x [2, 4]");
        // anything else, even with the same number of values, is refused with what fits
        Path flat = json("f.json", sixteen, "[16]");
        fails(zkml("compile", fixed, "--input", flat), 2, "zkml compile: '" + flat + "': input 'x': input_shapes[0] is [16], which does "
                + "not fit the model's [1, 1, 4, 4]; give the model's shape, or the shape without its leading batch axis [1, 4, 4]");
        Path square = json("g.json", "[1, 2, 3, 4]", "[2, 2]");
        fails(zkml("compile", dynamic, "--input", square), 2, "input_shapes[0] is [2, 2], which does not fit the model's [?, 4]");
        // and prove applies the same rule against the compiled shape
        ok(zkml("setup", dir.resolve("b.zkm"), "-o", dir, "--insecure-testing-only", "--quiet"));
        ok(zkml("prove", "--pk", dir.resolve("b.pk"), "--input", dir.resolve("b.json"), "-o", dir.resolve("b.zkml"),
                "--insecure-testing-only", "--quiet"));
        fails(zkml("prove", "--pk", dir.resolve("b.pk"), "--input", flat, "--insecure-testing-only"), 2,
                "zkml prove: '" + flat + "': input 'x': input_shapes[0] is [16], which does not fit the model's [1, 1, 4, 4]");
    }

    @Test
    void nonFiniteInputValuesAreOneLineNamingFileInputAndPosition() throws Exception {
        Path onnx = CliRun.bundled(dir, "credit-mlp");
        ok(zkml("compile", onnx, "--input", dir.resolve("credit-mlp.input.json"), "--quiet"));
        ok(zkml("setup", dir.resolve("credit-mlp.zkm"), "-o", dir, "--insecure-testing-only", "--quiet"));
        String values = Files.readString(dir.resolve("credit-mlp.input.json"));
        Path nan = dir.resolve("nan.json");
        Files.writeString(nan, values.replaceFirst("\\[\\[([-0-9.eE]+),", "[[$1, NaN,").replaceFirst(", [-0-9.eE]+\\]\\]", "]]"));
        fails(zkml("prove", "--pk", dir.resolve("credit-mlp.pk"), "--input", nan, "--insecure-testing-only"), 2,
                "zkml prove: '" + nan + "': input 'features' value 1 (input_data[0][1]) is NaN; every input value must be a finite number");
        assertThat(zkml("prove", "--pk", dir.resolve("credit-mlp.pk"), "--input", nan, "--insecure-testing-only").err())
                .doesNotContain("JsonReadFeature").doesNotContain("Non-standard token");
        Path inf = dir.resolve("inf.json");
        Files.writeString(inf, values.replaceFirst("\\[\\[[-0-9.eE]+,", "[[1e999,"));
        fails(zkml("compile", onnx, "--input", inf), 2, "'" + inf + "': input 'features' value 0 (input_data[0][0]) is Infinity");
    }

    @Test
    void argmaxOnlyForOutputsWithAClassAxis() throws Exception {
        Path score = dir.resolve("score.onnx");
        Files.write(score, new OnnxBuilder("score", 13).input("x", 1, 4).output("p")
                .initializer("w", new int[] {4, 1}, 0.5f, -0.25f, 0.125f, 1f)
                .node("MatMul", List.of("x", "w"), List.of("z")).node("Sigmoid", List.of("z"), List.of("p")).toBytes());
        Path in = json("score.json", "[0.5, 1.0, -0.5, 0.25]", "[1, 4]");
        CliRun compile = zkml("compile", score, "--input", in, "--quiet");
        ok(compile);
        assertThat(compile.out()).contains("max rel error").doesNotContain("argmax");
        ok(zkml("setup", dir.resolve("score.zkm"), "-o", dir, "--insecure-testing-only", "--quiet"));
        CliRun prove = zkml("prove", "--pk", dir.resolve("score.pk"), "--input", in, "-o", dir.resolve("score.zkml"),
                "--insecure-testing-only", "--quiet");
        ok(prove);
        assertThat(prove.out()).contains("output          p [1, 1] = ").doesNotContain("argmax");
        CliRun verify = zkml("verify", "--vk", dir.resolve("score.vk"), dir.resolve("score.zkml"), "--insecure-testing-only");
        ok(verify);
        assertThat(verify.out()).doesNotContain("argmax");
        assertThat(zkml("verify", "--vk", dir.resolve("score.vk"), dir.resolve("score.zkml"), "--insecure-testing-only", "--json").out())
                .doesNotContain("argmax");
        // a classifier keeps it
        Path cnn = CliRun.bundled(dir, "small-cnn");
        CliRun classes = zkml("compile", cnn, "--input", dir.resolve("small-cnn.input.json"), "--quiet");
        assertThat(classes.out()).contains("argmax agrees");
    }

    private Path json(String name, String values, String shape) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "{\"input_data\": [" + values + "], \"input_shapes\": [" + shape + "]}");
        return p;
    }
}
