package io.zkml4j.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.ModelChecks;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.reference.AccuracyReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The import gaps real models showed (silero VAD's sample-rate input and its If, melspectrogram's Clip with
 * a computed floor, wake-word heads' threshold comparison): what now imports, checked against ONNX
 * Runtime or by hand, and the one-line refusals that remain, which must be true and name a way forward.
 */
class ImportGapsTest {
    static final int INT64 = TensorProto.DataType.INT64_VALUE;
    static final int BOOL = TensorProto.DataType.BOOL_VALUE;

    /** y = If(sr == 16000) then Relu(x) else Neg(x): a branch chosen by a setting, as silero VAD does. */
    static byte[] ifOnSampleRate() {
        return new OnnxBuilder("vad", 16).input("x", 1, 4).typedInput("sr", INT64).output("y")
                .initializerLongs("k", new int[0], 16000)
                .node("Equal", List.of("sr", "k"), List.of("is16k"))
                .node("If", List.of("is16k"), List.of("y"),
                        "then_branch", OnnxBuilder.branch("then", List.of(OnnxBuilder.nodeProto("Relu", List.of("x"), List.of("a"))), "a"),
                        "else_branch", OnnxBuilder.branch("else", List.of(OnnxBuilder.nodeProto("Neg", List.of("x"), List.of("b"))), "b"))
                .toBytes();
    }

    static String error(byte[] onnx, ImportOptions o) {
        try {
            OnnxImporter.importModel(onnx, o);
        } catch (ModelImportException e) {
            assertThat(e.getMessage()).as("one line").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("import succeeded");
    }

    static double[] run(Graph g, double... x) {
        return g.lowered().evaluateOutputs(new double[][] {x})[0];
    }

    @Test
    void anIntegerModelInputIsNamedAsSuchWithTheWayForward() {
        assertThat(error(ifOnSampleRate(), ImportOptions.DEFAULT)).isEqualTo("node 'is16k_Equal' (op Equal, opset 16): input 'sr' "
                + "is the model input 'sr' (INT64, shape []); an integer or boolean model input can only be moved or cast, not "
                + "computed with; if it is a setting (such as a sample rate), fix its value at compile time: --fix-input sr=VALUE");
    }

    @Test
    void anIfWhoseConditionFoldsOnceTheInputIsFixedInlinesTheTakenBranch() throws Exception {
        Graph at16k = OnnxImporter.importModel(ifOnSampleRate(), ImportOptions.DEFAULT.withFixedInputs(Map.of("sr", new double[] {16000})));
        assertThat(at16k.inputNames()).containsExactly("x");
        assertThat(run(at16k, -1, 2, -3, 4)).containsExactly(0, 2, 0, 4);
        assertThat(at16k.opCounts()).containsOnlyKeys("Relu");
        Graph at8k = OnnxImporter.importModel(ifOnSampleRate(), ImportOptions.DEFAULT.withFixedInputs(Map.of("sr", new double[] {8000})));
        assertThat(run(at8k, -1, 2, -3, 4)).containsExactly(1, -2, 3, -4);
        // the fixed value must fit the input
        assertThat(error(ifOnSampleRate(), ImportOptions.DEFAULT.withFixedInputs(Map.of("sr", new double[] {1.5}))))
                .isEqualTo("input 'sr' (INT64) cannot be fixed to 1.5");
        assertThat(error(ifOnSampleRate(), ImportOptions.DEFAULT.withFixedInputs(Map.of("rate", new double[] {1}))))
                .isEqualTo("the model has no input 'rate' to fix (inputs: [x, sr])");
        assertThat(error(ifOnSampleRate(), ImportOptions.DEFAULT.withFixedInputs(Map.of("x", new double[] {1, 2}))))
                .isEqualTo("input 'x' has shape [1, 4]: fixing it needs 4 value(s), 2 given");
    }

    @Test
    void oneFixedValueFillsAnInputAndADynamicAxisBecomesOne() throws Exception {
        byte[] onnx = new OnnxBuilder("state", 13).input("x", 1, 3).input("h", 2, -1, 3).output("y")
                .node("Add", List.of("x", "h"), List.of("y")).toBytes();
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT.withFixedInputs(Map.of("h", new double[] {0.5})));
        assertThat(g.outputs().get(0).shape()).containsExactly(2, 1, 3);
        assertThat(run(g, 1, 2, 3)).containsExactly(1.5, 2.5, 3.5, 1.5, 2.5, 3.5);
    }

    @Test
    void anIfWhoseConditionDependsOnTheDataComputesBothBranchesAndSelects() throws Exception {
        // a wake-word head: the second stage runs only above a threshold; a proof computes both and selects
        byte[] onnx = new OnnxBuilder("branch", 16).input("x", 1, 4).output("y").initializer("t", new int[0], 0.5f)
                .node("ReduceMax", List.of("x"), List.of("m"), "keepdims", 0L)
                .node("GreaterOrEqual", List.of("m", "t"), List.of("c"))
                .node("If", List.of("c"), List.of("y"),
                        "then_branch", OnnxBuilder.branch("then", List.of(OnnxBuilder.nodeProto("Relu", List.of("x"), List.of("a"))), "a"),
                        "else_branch", OnnxBuilder.branch("else", List.of(OnnxBuilder.nodeProto("Neg", List.of("x"), List.of("b"))), "b"))
                .toBytes();
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        assertThat(run(g, 1, -2, 0.25, 0)).containsExactly(1, 0, 0.25, 0);
        assertThat(run(g, 0.25, -2, 0.25, 0)).containsExactly(-0.25, 2, -0.25, -0);
        io.zkml4j.model.quant.QuantizedModel q = io.zkml4j.model.quant.Quantizer.quantize(g, List.of(Map.of("x",
                new float[] {1, -2, 0.25f, 0}), Map.of("x", new float[] {0.25f, -2, 0.25f, 0})), io.zkml4j.model.quant.QuantizationOptions.DEFAULT);
        assertThat(io.zkml4j.model.interp.IntegerInterpreter.infer(q, new float[][] {{1, -2, 0.25f, 0}})[0]).containsExactly(1, 0, 0.25, 0);
        assertThat(io.zkml4j.model.interp.IntegerInterpreter.infer(q, new float[][] {{0.25f, -2, 0.25f, 0}})[0])
                .containsExactly(-0.25, 2, -0.25, 0);
        byte[] shapes = new OnnxBuilder("branch", 16).input("x", 1, 4).typedInput("c", BOOL).output("y")
                .initializerLongs("two", new int[] {1}, 2)
                .node("If", List.of("c"), List.of("y"),
                        "then_branch", OnnxBuilder.branch("then", List.of(OnnxBuilder.nodeProto("Relu", List.of("x"), List.of("a"))), "a"),
                        "else_branch", OnnxBuilder.branch("else", List.of(OnnxBuilder.nodeProto("Split", List.of("x"), List.of("b", "b2"),
                                "axis", 1L)), "b"))
                .toBytes();
        assertThat(error(shapes, ImportOptions.DEFAULT)).isEqualTo("node 'y_If' (op If, opset 16): its condition 'c' depends on the "
                + "model input ('c') and its branches give output 0 different shapes ([1, 4] and [1, 2]), so the output's shape "
                + "would depend on the data; fix the input it depends on with --fix-input, or prove a value before the branch "
                + "with --output-value");
    }

    @Test
    void aComparisonOfComputedValuesImportsAndAnyValueCanStillBeTheOutput() throws Exception {
        // a wake-word head: score = Sigmoid(x·w); GreaterOrEqual(score, 0.5) decides whether a second stage runs
        byte[] onnx = new OnnxBuilder("head", 13).input("x", 1, 4).output("y")
                .initializer("w", new int[] {4, 1}, 0.5f, -0.25f, 0.125f, 1f).initializer("t", new int[0], 0.5f)
                .node("MatMul", List.of("x", "w"), List.of("z")).node("Sigmoid", List.of("z"), List.of("score"))
                .node("GreaterOrEqual", List.of("score", "t"), List.of("fires"))
                .node("Cast", List.of("fires"), List.of("y"), "to", 1L).toBytes();
        // the threshold decision itself imports: 1 exactly where the score is at least 0.5
        Graph whole = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        assertThat(run(whole, 1, 0, 0, 0)[0]).isEqualTo(1);
        assertThat(run(whole, -1, 0, 0, 0)[0]).isEqualTo(0);
        assertThat(run(whole, 0, 0, 0, 0)[0]).isEqualTo(1); // sigmoid(0) = 0.5 >= 0.5
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT.withOutputs(List.of("score")));
        assertThat(g.outputs().get(0).name()).isEqualTo("score");
        assertThat(run(g, 1, 0, 0, 0)[0]).isCloseTo(1 / (1 + Math.exp(-0.5)), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(error(onnx, ImportOptions.DEFAULT.withOutputs(List.of("nothing"))))
                .isEqualTo("the model computes no value 'nothing' (its outputs: [y])");
    }

    @Test
    void clipWithABoundComputedFromTheInputMatchesOnnxRuntime() throws Exception {
        // melspectrogram's floor: Clip(x, ReduceMax(x) - 2, 1.5)
        byte[] onnx = new OnnxBuilder("floor", 13).input("x", 1, 2, 6).output("y").initializer("two", new int[0], 2f)
                .initializer("hi", new int[0], 1.5f)
                .node("ReduceMax", List.of("x"), List.of("m"), "keepdims", 0L).node("Sub", List.of("m", "two"), List.of("lo"))
                .node("Clip", List.of("x", "lo", "hi"), List.of("y")).toBytes();
        matchesOnnxRuntime(onnx, 3, 4);
    }

    @Test
    void maxAndMinOfTwoComputedTensorsWithBroadcastingMatchOnnxRuntime() throws Exception {
        byte[] onnx = new OnnxBuilder("mm", 13).input("a", 1, 3, 4).input("b", 1, 1, 4).output("hi").output("lo")
                .node("Max", List.of("a", "b"), List.of("hi")).node("Min", List.of("b", "a"), List.of("lo")).toBytes();
        matchesOnnxRuntime(onnx, 5, 3);
    }

    /** The lowered graph equals ONNX Runtime on seeded inputs in [-range, range], the quantized one within 1%. */
    static void matchesOnnxRuntime(byte[] onnx, long seed, double range) throws Exception {
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        InputFile in = ModelChecks.randomInputs(g, seed, -range, range);
        ModelChecks.assertLoweredMatches(onnx, g, in);
        AccuracyReport r = ModelChecks.quantizedReport(onnx, in, QuantizationOptions.DEFAULT);
        assertThat(r.worstRelativeError()).as("%s", r).isLessThan(0.01);
    }

    @Test
    void aTokenEmbeddingLookupIsAOneHotPickAndAHugeOneIsRefusedTruthfully() throws Exception {
        // the Maven MiniLM's /embeddings/word_embeddings/Gather: indices are the model input
        byte[] onnx = new OnnxBuilder("emb", 11).typedInput("input_ids", INT64, 1, 4).output("y")
                .initializer("table", new int[] {10, 3}, 0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7, 7.5f, 8, 8.5f,
                        9, 9.5f, 10, 10.5f, 11, 11.5f, 12, 12.5f, 13, 13.5f, 14, 14.5f)
                .node("Gather", List.of("table", "input_ids"), List.of("y")).toBytes();
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        assertThat(run(g, 3, 0, 9, 3)).containsExactly(4.5, 5, 5.5, 0, 0.5, 1, 13.5, 14, 14.5, 4.5, 5, 5.5);
        // a BERT vocabulary at 512 tokens: a two-level one-hot (one product per index and row); at 1024 tokens, refused
        assertThat(OnnxImporter.importModel(embedding(512), ImportOptions.DEFAULT).lowered().ops()).isNotEmpty();
        assertThat(error(embedding(1024), ImportOptions.DEFAULT)).isEqualTo("node 'y_Gather' (op Gather, opset 11): its indices "
                + "'input_ids' are computed or a model input, and a lookup at such indices costs one product per index and table row "
                + "(a two-level one-hot): 31254528 here, above the 2^24 this importer allows");
    }

    static byte[] embedding(int tokens) {
        return new OnnxBuilder("emb", 11).typedInput("input_ids", INT64, 1, tokens).output("y")
                .initializer("table", new int[] {30522, 8}, new float[30522 * 8])
                .node("Gather", List.of("table", "input_ids"), List.of("y")).toBytes();
    }

    @Test
    void aConstantNeededWhereTheModelGivesAnInputSaysWhichAndHow() {
        // LSTM initial state from a model input (silero VAD's h): only constant initial states are supported
        byte[] onnx = new OnnxBuilder("rnn", 13).input("x", 2, 1, 3).input("h", 1, 1, 2).output("y")
                .initializer("W", new int[] {1, 2, 3}, new float[6]).initializer("R", new int[] {1, 2, 2}, new float[4])
                .node("RNN", List.of("x", "W", "R", "", "", "h"), List.of("y"), "hidden_size", 2L).toBytes();
        assertThat(error(onnx, ImportOptions.DEFAULT)).endsWith("input 'h' must be a constant (initializer or foldable), but it is "
                + "the model input 'h'; if a fixed value will do (an initial state, a setting), give it at compile time: --fix-input h=VALUE");
    }
}
