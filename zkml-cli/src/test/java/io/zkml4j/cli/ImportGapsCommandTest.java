package io.zkml4j.cli;

import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
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
 * The import gaps of real models through the real command, each refused with its way forward and then
 * proved and verified that way: a setting input ({@code --fix-input}) choosing an {@code If} branch, a
 * threshold comparison ({@code --output-value} proves the score before it), and a Clip whose floor is
 * computed from the input (imported as an element-wise maximum).
 */
class ImportGapsCommandTest {
    @TempDir
    Path dir;

    /** compile (with extra options), setup, prove, verify; returns verify's output. */
    private String provesAndVerifies(Path onnx, Path input, String... compileOptions) {
        String stem = onnx.getFileName().toString().replace(".onnx", "");
        List<Object> args = new java.util.ArrayList<>(List.of("compile", onnx, "--input", input, "--quiet"));
        args.addAll(List.of((Object[]) compileOptions));
        ok(zkml(args.toArray()));
        ok(zkml("setup", dir.resolve(stem + ".zkm"), "-o", dir, "--insecure-testing-only", "--quiet"));
        ok(zkml("prove", "--pk", dir.resolve(stem + ".pk"), "--input", input, "-o", dir.resolve(stem + ".zkml"),
                "--insecure-testing-only", "--quiet"));
        CliRun v = zkml("verify", "--vk", dir.resolve(stem + ".vk"), dir.resolve(stem + ".zkml"), "--insecure-testing-only");
        ok(v);
        assertThat(v.out()).startsWith("ACCEPT");
        return v.out();
    }

    @Test
    void aSettingInputIsFixedAndTheIfItDecidesIsInlined() throws Exception {
        Path onnx = dir.resolve("rate.onnx");
        Files.write(onnx, new OnnxBuilder("rate", 16).input("x", 1, 4).typedInput("sr", TensorProto.DataType.INT64_VALUE).output("y")
                .initializerLongs("k", new int[0], 16000).initializer("w", new int[] {4, 2}, 1, 0, 0, 1, 1, 0, 0, 1)
                .node("Equal", List.of("sr", "k"), List.of("is16k"))
                .node("If", List.of("is16k"), List.of("y"),
                        "then_branch", OnnxBuilder.branch("then", List.of(OnnxBuilder.nodeProto("MatMul", List.of("x", "w"), List.of("a"))), "a"),
                        "else_branch", OnnxBuilder.branch("else", List.of(OnnxBuilder.nodeProto("Relu", List.of("x"), List.of("b"))), "b"))
                .toBytes());
        Path both = dir.resolve("both.json");
        Files.writeString(both, "{\"x\": [0.5, -1, 0.25, 2], \"sr\": 16000}");
        fails(zkml("compile", onnx, "--input", both), 2, "zkml compile: cannot import '" + onnx + "': node 'is16k_Equal' (op Equal, "
                + "opset 16): input 'sr' is the model input 'sr' (INT64, shape [])", "--fix-input sr=VALUE");
        fails(zkml("compile", onnx, "--input", both, "--fix-input", "sr"), 2, "--fix-input: expected NAME=VALUE[,VALUE...], got 'sr'");
        // the named layout may keep the fixed input: it is ignored
        String out = provesAndVerifies(onnx, both, "--fix-input", "sr=16000");
        assertThat(out).contains("output          y [1, 2] = 0.75 1  (argmax 1)");
    }

    @Test
    void aThresholdDecisionProvesAndTheScoreBeforeItCanBeTheOutput() throws Exception {
        Path onnx = dir.resolve("head.onnx");
        Files.write(onnx, new OnnxBuilder("head", 13).input("x", 1, 4).output("y")
                .initializer("w", new int[] {4, 1}, 0.5f, -0.25f, 0.125f, 1f).initializer("t", new int[0], 0.5f)
                .node("MatMul", List.of("x", "w"), List.of("z")).node("Sigmoid", List.of("z"), List.of("score"))
                .node("GreaterOrEqual", List.of("score", "t"), List.of("fires"))
                .node("Cast", List.of("fires"), List.of("y"), "to", 1L).toBytes());
        Path in = dir.resolve("head.json");
        Files.writeString(in, "{\"input\": [1, 0, 0, 0]}");
        assertThat(provesAndVerifies(onnx, in)).contains("output          y [1, 1] = 1");
        String out = provesAndVerifies(onnx, in, "--output-value", "score");
        assertThat(out).contains("output          score [1, 1] = 0.62");
        fails(zkml("compile", onnx, "--input", in, "--output-value", "nope"), 2, "the model computes no value 'nope' (its outputs: [y])");
    }

    @Test
    void aClipWithAComputedFloorProves() throws Exception {
        Path onnx = dir.resolve("floor.onnx");
        Files.write(onnx, new OnnxBuilder("floor", 13).input("x", 1, 8).output("y").initializer("two", new int[0], 2f)
                .node("ReduceMax", List.of("x"), List.of("m"), "keepdims", 1L).node("Sub", List.of("m", "two"), List.of("lo"))
                .node("Clip", List.of("x", "lo"), List.of("y")).toBytes());
        Path in = dir.resolve("floor.json");
        Files.writeString(in, "{\"input\": [3, -1, 0.5, 2.5, -4, 1, 0, 2]}");
        String out = provesAndVerifies(onnx, in);
        assertThat(out).contains("output          y [1, 8] = 3 1 1 2.5 1 1 1 2");
    }

    @Test
    void anUnsupportedOpPointsToTheReadmesList() throws Exception {
        Path onnx = dir.resolve("einsum.onnx");
        Files.write(onnx, new OnnxBuilder("einsum", 13).input("x", 1, 4).output("v")
                .node("Einsum", List.of("x"), List.of("v"), "equation", "ij->ji").toBytes());
        Path in = dir.resolve("einsum.json");
        Files.writeString(in, "{\"input\": [1, 2, 3, 4]}");
        fails(zkml("compile", onnx, "--input", in), 2, "zkml compile: cannot import '" + onnx + "': node 'v_Einsum' (op Einsum, opset 13): "
                + "Einsum is not supported (the operators that are: README, 'Supported operators')");
    }
}
