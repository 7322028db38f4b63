package io.zkml4j.model.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The .zkm file: round trip, canonical bytes, and rejection of every kind of bad file with a clear reason. */
class ModelCodecTest {
    static QuantizedModel model;
    static InputFile input;

    @BeforeAll
    static void compile() throws Exception {
        DemoModels.Demo d = DemoModels.smallCnn();
        Graph g = OnnxImporter.importModel(d.onnx(), ImportOptions.DEFAULT);
        input = InputFile.parse(d.inputJson(), g);
        model = Quantizer.quantize(g, List.of(input.byName()), QuantizationOptions.DEFAULT);
    }

    /** Recomputes the CRC footer after an edit, so only the semantic checks can catch it. */
    static byte[] reseal(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        ByteBuffer.wrap(b, b.length - 8, 8).putLong(crc.getValue());
        return b;
    }

    static String rejection(byte[] b) {
        try {
            QuantizedModel.fromBytes(b);
        } catch (ModelFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("file accepted");
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        byte[] bytes = model.toBytes();
        QuantizedModel back = QuantizedModel.fromBytes(bytes);
        assertThat(back.architectureBytes()).isEqualTo(model.architectureBytes());
        assertThat(back.toBytes()).isEqualTo(bytes);
        assertThat(back.tensors()).isEqualTo(model.tensors());
        assertThat(back.inputNames()).isEqualTo(model.inputNames());
        assertThat(back.options()).isEqualTo(model.options());
        long[][] q = model.quantizeInputs(input.arrays());
        assertThat(IntegerInterpreter.run(back, q).output(0)).isEqualTo(IntegerInterpreter.run(model, q).output(0));
    }

    @Test
    void roundTripOfEveryDemoModel() throws Exception {
        for (DemoModels.Demo d : DemoModels.all()) {
            Graph g = OnnxImporter.importModel(d.onnx(), ImportOptions.DEFAULT);
            QuantizedModel m = Quantizer.quantize(g, List.of(InputFile.parse(d.inputJson(), g).byName()), QuantizationOptions.DEFAULT);
            assertThat(QuantizedModel.fromBytes(m.toBytes()).architectureBytes()).as(d.name()).isEqualTo(m.architectureBytes());
        }
    }

    @Test
    void architectureBytesAreCanonical() throws Exception {
        DemoModels.Demo d = DemoModels.smallCnn();
        Graph g = OnnxImporter.importModel(d.onnx(), ImportOptions.DEFAULT);
        QuantizedModel again = Quantizer.quantize(g, List.of(input.byName()), QuantizationOptions.DEFAULT);
        assertThat(again.architectureBytes()).isEqualTo(model.architectureBytes());
        QuantizedModel other = Quantizer.quantize(g, List.of(input.byName()), QuantizationOptions.DEFAULT.withWeightBits(10));
        assertThat(other.architectureBytes()).isNotEqualTo(model.architectureBytes());
        // Without weights: shorter by exactly the weight and bias values, and blind to their values.
        long weightValues = 0;
        for (Primitive p : model.ops()) {
            if (p instanceof Primitive.MatMul m) {
                weightValues += m.w().size() + (m.bias() == null ? 0 : m.bias().size());
            } else if (p instanceof Primitive.Conv c) {
                weightValues += c.w().size() + (c.bias() == null ? 0 : c.bias().size());
            }
        }
        int arrays = 4; // two constants per MatMul/Conv, each with a 4-byte count
        assertThat((long) model.architectureBytes().length - model.architectureBytesWithoutWeights().length)
                .isEqualTo(8 * weightValues + 4L * arrays);
    }

    @Test
    void badMagicAndFormat() {
        byte[] b = model.toBytes();
        b[0] ^= 1;
        assertThat(rejection(b)).isEqualTo("not a .zkm file: bad magic");
        byte[] c = model.toBytes();
        c[10] = 'X';
        assertThat(rejection(c)).startsWith("not a .zkm file: format 'Xkml4j.quantized-model'");
        assertThat(rejection(new byte[3])).startsWith("truncated .zkm file: needs 8 bytes for magic");
    }

    @Test
    void tooOldAndTooNewAreDistinct() {
        assertThat(rejection(ModelCodec.write(model, 0)))
                .isEqualTo(".zkm format version 0 is too old: this build reads versions 1 to 2; compile the model again");
        assertThat(rejection(ModelCodec.write(model, 3)))
                .isEqualTo(".zkm format version 3 is too new: this build reads versions 1 to 2; upgrade zkml4j");
    }

    @Test
    void truncationAtEveryLengthIsRejected() {
        byte[] b = model.toBytes();
        for (int len = 0; len < b.length; len += Math.max(1, len / 7)) {
            String msg = rejection(Arrays.copyOf(b, len));
            assertThat(msg).as("length %d", len).containsAnyOf("truncated", "not a .zkm file", "too old", "too new");
        }
        assertThat(rejection(Arrays.copyOf(b, b.length - 1))).startsWith("truncated .zkm file: declares a ");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] b = Arrays.copyOf(model.toBytes(), model.toBytes().length + 2);
        assertThat(rejection(b)).isEqualTo("malformed .zkm file: 2 trailing bytes after the footer");
    }

    @Test
    void everyFlippedByteIsCaught() {
        byte[] good = model.toBytes();
        Random r = new Random(7);
        for (int i = 0; i < 400; i++) {
            byte[] b = good.clone();
            int at = r.nextInt(b.length);
            b[at] ^= (byte) (1 + r.nextInt(255));
            String msg = rejection(b);
            assertThat(msg).as("byte %d", at).isNotBlank();
        }
        byte[] body = good.clone();
        body[body.length / 2] ^= 0x10;
        assertThat(rejection(body)).startsWith("corrupted .zkm file: checksum mismatch");
    }

    @Test
    void resealedEditsFailTheSemanticChecks() {
        // Find the first Requant's clamp bound and the stored interval of tensor 0, and edit them with a valid CRC.
        byte[] good = model.toBytes();
        Random r = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 400; i++) {
            byte[] b = good.clone();
            int at = 40 + r.nextInt(b.length - 56);
            b[at] ^= (byte) (1 + r.nextInt(255));
            try {
                QuantizedModel m = QuantizedModel.fromBytes(reseal(b));
                // Whatever decodes must still be self-consistent (intervals re-derived on read), and run.
                ModelValidation.check(m);
                long[][] zeros = new long[m.inputs().length][];
                for (int k = 0; k < zeros.length; k++) {
                    zeros[k] = new long[m.inputSpec(k).size()];
                }
                IntegerInterpreter.run(m, zeros);
                accepted++;
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).matches("(malformed|truncated) \\.zkm file: .*").doesNotContain("\n");
            } catch (Exception e) {
                throw new AssertionError("byte " + at + " escaped as " + e, e);
            }
        }
        // Edits of weights, names or table entries that keep the file consistent are fine; most edits are not.
        assertThat(accepted).isLessThan(400);
    }

    @Test
    void aClaimedIntervalTighterThanTheArithmeticIsRejected() throws Exception {
        List<TensorSpec> specs = new java.util.ArrayList<>(model.tensors());
        TensorSpec t = specs.get(1);
        specs.set(1, new TensorSpec(t.name(), t.shape(), t.scale(), t.lo() + 1, t.hi()));
        QuantizedModel lying = new QuantizedModel(model.ops(), specs, model.inputs(), model.outputs(), model.inputNames(),
                model.outputNames(), model.options());
        assertThat(rejection(lying.toBytes())).isEqualTo("malformed .zkm file: op 1 (Conv, 'conv'): stored interval ["
                + (t.lo() + 1) + ", " + t.hi() + "] differs from the derived [" + t.lo() + ", " + t.hi() + "]");
    }

    @Test
    void hugeDeclaredShapesAreRefusedBeforeAllocation() {
        List<TensorSpec> specs = new java.util.ArrayList<>(model.tensors());
        TensorSpec t = specs.get(0);
        specs.set(0, new TensorSpec(t.name(), new int[] {1 << 14, 1 << 14}, t.scale(), t.lo(), t.hi()));
        QuantizedModel huge = new QuantizedModel(model.ops(), specs, model.inputs(), model.outputs(), model.inputNames(),
                model.outputNames(), model.options());
        assertThat(rejection(huge.toBytes()))
                .isEqualTo("malformed .zkm file: tensor of shape [16384, 16384] has more than 2^26 elements");
    }

    @Test
    void theModelItselfRefusesDanglingOrForwardReferences() {
        assertThatThrownBy(() -> new QuantizedModel(model.ops(), model.tensors(), new int[0], model.outputs(), List.of(),
                model.outputNames(), model.options())).hasMessage("Input op 0 is not a model input");
        assertThatThrownBy(() -> new QuantizedModel(model.ops(), model.tensors(), new int[] {0, 0}, model.outputs(), List.of("a", "b"),
                model.outputNames(), model.options())).hasMessage("input id 0 is listed twice");
        List<Primitive> ops = new java.util.ArrayList<>(model.ops());
        ops.set(1, new Primitive.Requant(5, 1, 0, 0, 1));
        assertThatThrownBy(() -> new QuantizedModel(ops, model.tensors(), model.inputs(), model.outputs(), model.inputNames(),
                model.outputNames(), model.options())).hasMessage("op 1 reads tensor 5, not computed before it");
    }

    @Test
    void identicalTablesAreStoredOnce() throws Exception {
        Graph g = OnnxImporter.importModel(new io.zkml4j.model.onnx.OnnxBuilder("t", 13).input("x", -1, 4).output("a").output("b")
                .node("Tanh", List.of("x"), List.of("a")).node("Tanh", List.of("x"), List.of("b")).toBytes(), ImportOptions.DEFAULT);
        QuantizedModel m = Quantizer.quantize(g, List.of(java.util.Map.of("x", new float[] {-3, -1, 1, 3})), QuantizationOptions.DEFAULT);
        List<Primitive.Table> tables = m.ops().stream().filter(p -> p instanceof Primitive.Table).map(p -> (Primitive.Table) p).toList();
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).table()).isSameAs(tables.get(1).table());
        QuantizedModel back = QuantizedModel.fromBytes(m.toBytes());
        List<Primitive.Table> read = back.ops().stream().filter(p -> p instanceof Primitive.Table).map(p -> (Primitive.Table) p).toList();
        assertThat(read.get(0).table()).isSameAs(read.get(1).table()).isEqualTo(tables.get(0).table());
        assertThat(m.architectureBytes().length).isLessThan(8 * 2 * tables.get(0).table().length);
    }
}
