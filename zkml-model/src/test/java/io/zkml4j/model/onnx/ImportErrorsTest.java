package io.zkml4j.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.zkml4j.model.Graph;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.onnx.proto.OnnxProtos.ModelProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.StringStringEntryProto;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every clear one-line import error, and that hostile bytes never escape as a runtime exception. */
class ImportErrorsTest {

    static OnnxBuilder m(int opset) {
        return new OnnxBuilder("t", opset).input("x", -1, 4).output("y");
    }

    static String error(byte[] onnx) {
        try {
            OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        } catch (ModelImportException e) {
            assertThat(e.getMessage()).as("one line").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("import succeeded");
    }

    @Test
    void unsupportedOpNamesNodeOpOpsetAndSupportedOps() {
        String msg = error(m(13).node("Einsum", List.of("x"), List.of("y"), "equation", "ij->ji").toBytes());
        assertThat(msg).isEqualTo("node 'y_Einsum' (op Einsum, opset 13): Einsum is not supported (the operators that are: README, "
                + "'Supported operators')");
    }

    @Test
    void opOfAnotherDomain() {
        ModelProto p = m(13).node("Relu", List.of("x"), List.of("y")).build();
        p = p.toBuilder().setGraph(p.getGraph().toBuilder().setNode(0, p.getGraph().getNode(0).toBuilder().setDomain("com.microsoft"))).build();
        assertThat(error(p.toByteArray())).isEqualTo("node 'y_Relu' (op Relu, opset 13): ops of domain 'com.microsoft' are not supported");
    }

    @Test
    void unsupportedAttribute() {
        assertThat(error(m(13).node("Relu", List.of("x"), List.of("y"), "bogus", 1L).toBytes()))
                .isEqualTo("node 'y_Relu' (op Relu, opset 13): attribute 'bogus' is not supported");
    }

    @Test
    void unsupportedAttributeValues() {
        assertThat(error(new OnnxBuilder("t", 13).input("x", 1, 1, 4, 4).output("y").initializer("w", new int[] {1, 1, 2, 2}, 1, 2, 3, 4)
                .node("Conv", List.of("x", "w"), List.of("y"), "auto_pad", "SOMETIMES").toBytes()))
                .isEqualTo("node 'y_Conv' (op Conv, opset 13): auto_pad 'SOMETIMES' is not supported");
        assertThat(error(m(13).initializerLongs("p", new int[] {4}, 0, 1, 0, 1).node("Pad", List.of("x", "p"), List.of("y"), "mode", "wrap")
                .toBytes())).isEqualTo("node 'y_Pad' (op Pad, opset 13): pad mode 'wrap' is not supported (constant, reflect, edge are)");
        assertThat(error(m(20).node("Gelu", List.of("x"), List.of("y"), "approximate", "erf").toBytes()))
                .isEqualTo("node 'y_Gelu' (op Gelu, opset 20): approximate='erf' is not supported");
        assertThat(error(m(11).node("Dropout", List.of("x"), List.of("y"), "training_mode", 1L).toBytes()))
                .contains("training_mode=1 is not supported");
        assertThat(error(m(13).node("Relu", List.of("x"), List.of("r")).node("Flatten", List.of("r"), List.of("y"), "axis", "one")
                .toBytes())).isEqualTo("node 'y_Flatten' (op Flatten, opset 13): attribute 'axis' expected an integer, got string");
    }

    @Test
    void constantPaddingValueOtherThanZero() {
        assertThat(error(m(11).initializerLongs("p", new int[] {4}, 0, 1, 0, 1).initializer("v", new int[] {}, 1.5f)
                .node("Pad", List.of("x", "p", "v"), List.of("y")).toBytes()))
                .endsWith("constant padding with value 1.5 is not supported (only 0)");
    }

    @Test
    void externalDataIsRefusedWithTheFileName() {
        TensorProto t = TensorProto.newBuilder().setName("W").setDataType(1).addDims(4).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .build();
        assertThat(error(m(13).initializer(t).node("MatMul", List.of("x", "W"), List.of("y")).toBytes()))
                .isEqualTo("tensor 'W' is stored as external data (in 'weights.bin'); external data is not supported: "
                        + "save the model with all tensors inside the .onnx file");
    }

    @Test
    void unknownElementType() {
        TensorProto t = TensorProto.newBuilder().setName("S").setDataType(8).addDims(1).addStringData(ByteString.copyFromUtf8("a")).build();
        assertThat(error(m(13).initializer(t).node("Relu", List.of("x"), List.of("y")).toBytes()))
                .isEqualTo("tensor 'S' has element type STRING (8), which is not supported");
    }

    @Test
    void truncatedAndCorruptFiles() {
        byte[] good = DemoModels.smallCnn().onnx();
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
        assertThat(error(cut)).startsWith("not a valid ONNX file (corrupt or truncated protobuf: ");
        assertThat(error("{\"input\": [1, 2]}".getBytes())).startsWith("not a valid ONNX file");
        assertThat(error(new byte[0])).isEqualTo("not a valid ONNX file: no graph");
    }

    @Test
    void randomBytesAndTruncationsNeverEscapeAsRuntimeExceptions() {
        for (byte[] good : List.of(DemoModels.smallCnn().onnx(), DemoModels.creditMlp().onnx())) {
            mutate(good, new Random(42), 500);
        }
    }

    private static void mutate(byte[] good, Random r, int rounds) {
        for (int i = 0; i < rounds; i++) {
            byte[] b;
            if (i % 3 == 0) {
                b = java.util.Arrays.copyOf(good, r.nextInt(good.length));
            } else {
                b = good.clone();
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            try {
                Graph g = OnnxImporter.importModel(b, ImportOptions.DEFAULT);
                assertThat(g.lowered().size()).isPositive();
            } catch (ModelImportException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            }
        }
    }

    @Test
    void dynamicDimensionThatCannotBeFixed() throws Exception {
        byte[] onnx = new OnnxBuilder("t", 13).input("x", -1, -1, 4).output("y").node("Relu", List.of("x"), List.of("y")).toBytes();
        assertThat(error(onnx)).isEqualTo("input 'x' has a dynamic dimension 'batch' at axis 1 that cannot be fixed; "
                + "give the input's shape (input_shapes in the input file)");
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT.withInputShapes(Map.of("x", new int[] {1, 3, 4})));
        assertThat(g.inputs().get(0).shape()).containsExactly(1, 3, 4);
        assertThatThrownBy(() -> OnnxImporter.importModel(onnx, ImportOptions.DEFAULT.withInputShapes(Map.of("x", new int[] {1, 3, 5}))))
                .hasMessage("input 'x' has dimension 4 at axis 2, the given shape [1, 3, 5] says 5");
    }

    @Test
    void batchSizeFixesTheFirstAxis() throws Exception {
        Graph g = OnnxImporter.importModel(DemoModels.smallCnn().onnx(), ImportOptions.batch(3));
        assertThat(g.inputs().get(0).shape()).containsExactly(3, 1, 8, 8);
        assertThat(g.outputs().get(0).shape()).containsExactly(3, 3);
    }

    @Test
    void opsetOutsideTheSupportedRange() {
        assertThat(error(m(8).node("Relu", List.of("x"), List.of("y")).toBytes())).isEqualTo("opset 8 is not supported (opsets 9 to 21 are)");
        assertThat(error(m(22).node("Relu", List.of("x"), List.of("y")).toBytes())).isEqualTo("opset 22 is not supported (opsets 9 to 21 are)");
    }

    @Test
    void computedIntegerArithmeticAndComparisons() {
        byte[] ints = new OnnxBuilder("t", 13).typedInput("x", 7, -1, 4).output("y").initializerLongs("two", new int[] {}, 2)
                .node("Div", List.of("x", "two"), List.of("y")).toBytes();
        assertThat(error(ints)).isEqualTo("node 'y_Div' (op Div, opset 13): input 'x' is the model input 'x' (INT64, shape [1, 4]); "
                + "an integer or boolean model input can only be moved or cast, not computed with; if it is a setting (such as "
                + "a sample rate), fix its value at compile time: --fix-input x=VALUE");
        byte[] moved = new OnnxBuilder("t", 13).typedInput("x", 7, -1, 4).output("y").initializerLongs("two", new int[] {}, 2)
                .node("Identity", List.of("x"), List.of("x2")).node("Div", List.of("x2", "two"), List.of("y")).toBytes();
        assertThat(error(moved)).isEqualTo("node 'y_Div' (op Div, opset 13): input 'x2' is computed from the model input ('x') "
                + "and of type INT64; integer and boolean arithmetic on computed values is not supported");
    }

    @Test
    void whereNeedsABooleanConditionAndFiniteConstants() throws Exception {
        byte[] computed = m(13).node("Relu", List.of("x"), List.of("r")).node("Where", List.of("r", "x", "r"), List.of("y")).toBytes();
        assertThatThrownBy(() -> io.zkml4j.model.quant.Quantizer.quantize(OnnxImporter.importModel(computed, ImportOptions.DEFAULT),
                List.of(java.util.Map.of("x", new float[] {0.5f, -1, 2, 0})), io.zkml4j.model.quant.QuantizationOptions.DEFAULT))
                .hasMessageStartingWith("layer 'y': a condition must be a boolean (0/1) value, but 'r' has scale");
        byte[] inf = m(13).initializerLongs("c", new int[] {4}, 1, 0, 1, 0).node("Cast", List.of("c"), List.of("cb"), "to", 9L)
                .initializer("ninf", new int[] {}, Float.NEGATIVE_INFINITY).node("Where", List.of("cb", "x", "ninf"), List.of("y"))
                .toBytes();
        assertThat(error(inf)).isEqualTo("node 'y_Where' (op Where, opset 13): a selected constant is -Infinity; "
                + "only finite constants are supported");
    }

    @Test
    void constantOutputAndShapeMistakes() {
        assertThat(error(m(13).initializer("c", new int[] {1}, 1f).node("Identity", List.of("c"), List.of("y")).toBytes()))
                .isEqualTo("output 'y' is a constant: it does not depend on any model input");
        assertThat(error(m(13).initializerLongs("s", new int[] {2}, 3, 3).node("Reshape", List.of("x", "s"), List.of("y")).toBytes()))
                .isEqualTo("node 'y_Reshape' (op Reshape, opset 13): cannot reshape [1, 4] to [3, 3]");
        assertThat(error(m(13).initializer("w", new int[] {5, 2}, new float[10]).node("MatMul", List.of("x", "w"), List.of("y")).toBytes()))
                .isEqualTo("node 'y_MatMul' (op MatMul, opset 13): shapes [1, 4] and [5, 2] do not multiply");
        assertThat(error(m(13).node("Relu", List.of("nowhere"), List.of("y")).toBytes()))
                .isEqualTo("node 'y_Relu' (op Relu, opset 13): input 'nowhere' is not defined before use");
    }

    @Test
    void unreadableFile(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxImporter.importModel(dir.resolve("missing.onnx")))
                .isInstanceOf(ModelImportException.class).hasMessageStartingWith("cannot read '");
    }

    @Test
    void importsFromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.onnx");
        Files.write(f, DemoModels.creditMlp().onnx());
        Graph g = OnnxImporter.importModel(f);
        assertThat(g.opset()).isEqualTo(13);
        assertThat(g.producer()).isEqualTo("zkml4j 1");
        assertThat(g.opCounts()).containsEntry("Gemm", 3).containsEntry("Relu", 2).containsEntry("Softmax", 1);
        assertThat(g.parameterCount()).isEqualTo(16 * 32 + 32 + 32 * 16 + 16 + 16 * 2 + 2);
    }

    @Test
    void selectingOutputsSkipsWhatOnlyOtherOutputsNeed() throws Exception {
        byte[] classifier = new OnnxBuilder("t", 13).input("x", -1, 4).output("label").output("probabilities")
                .initializer("w", new int[] {4, 3}, new float[12]).node("MatMul", List.of("x", "w"), List.of("scores"))
                .node("Softmax", List.of("scores"), List.of("probabilities"))
                .node("Einsum", List.of("scores"), List.of("label"), "equation", "ij->i").toBytes();
        assertThat(error(classifier)).startsWith("node 'label_Einsum' (op Einsum, opset 13): Einsum is not supported");
        Graph g = OnnxImporter.importModel(classifier, ImportOptions.DEFAULT.withOutputs(List.of("probabilities")));
        assertThat(g.outputs()).extracting(v -> v.name()).containsExactly("probabilities");
        assertThat(g.opCounts()).containsOnlyKeys("MatMul", "Softmax");
        assertThatThrownBy(() -> OnnxImporter.importModel(classifier, ImportOptions.DEFAULT.withOutputs(List.of("proba"))))
                .hasMessage("the model computes no value 'proba' (its outputs: [label, probabilities])");
    }

    @Test
    void nodesThatFeedNoOutputAreNotImported() throws Exception {
        byte[] dead = m(13).node("Relu", List.of("x"), List.of("y")).node("TopK", List.of("x", "k"), List.of("v", "i"))
                .initializerLongs("k", new int[] {1}, 2).toBytes();
        assertThat(OnnxImporter.importModel(dead, ImportOptions.DEFAULT).opCounts()).containsOnlyKeys("Relu");
    }
}
