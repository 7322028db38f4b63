package io.zkml4j.model.lower;

import com.google.protobuf.ByteString;
import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.ModelChecks;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import io.zkml4j.model.quant.Primitive;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.AccuracyReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ONNX Runtime's dynamic quantization ({@code DynamicQuantizeLinear}, {@code MatMulInteger} with int8 weights,
 * {@code DequantizeLinear}) and a token embedding (a uint8 table gathered at an int64 model input, too large for
 * a one-hot over every entry), against ONNX Runtime.
 */
class QuantizedOpsTest {
    static final int INT8 = 3, UINT8 = 2, INT64 = 7;

    static TensorProto bytes(String name, int type, int[] shape, byte[] data) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(data));
        for (int d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    /** {@code y = dequant(DynamicQuantizeLinear(x) ·int W) + b}: quantize_dynamic's MatMul, W int8 [k, n]. */
    static byte[] dynamicMatMul(int k, int n, long seed) {
        Random r = new Random(seed);
        byte[] w = new byte[k * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (r.nextInt(255) - 127);
        }
        float[] bias = new float[n];
        for (int j = 0; j < n; j++) {
            bias[j] = (float) r.nextGaussian();
        }
        return new OnnxBuilder("dq", 13).input("x", 3, k).output("y")
                .initializer(bytes("w", INT8, new int[] {k, n}, w))
                .initializer(bytes("wzp", INT8, new int[0], new byte[] {0}))
                .initializer("ws", new int[0], 0.004f)
                .initializer("b", new int[] {n}, bias)
                .node("DynamicQuantizeLinear", List.of("x"), List.of("xq", "xs", "xzp"))
                .node("MatMulInteger", List.of("xq", "w", "xzp", "wzp"), List.of("acc"))
                .node("Cast", List.of("acc"), List.of("accf"), "to", 1L)
                .node("Mul", List.of("xs", "ws"), List.of("scale"))
                .node("Mul", List.of("accf", "scale"), List.of("mm"))
                .node("Add", List.of("mm", "b"), List.of("y")).toBytes();
    }

    @Test
    void dynamicQuantizationMatchesOnnxRuntime() throws Exception {
        byte[] onnx = dynamicMatMul(64, 16, 1);
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        for (long seed = 1; seed <= 3; seed++) {
            InputFile in = ModelChecks.randomInputs(g, seed, -2, 3);
            ModelChecks.assertLoweredMatches(onnx, g, in);
            AccuracyReport a = ModelChecks.quantizedReport(onnx, in, QuantizationOptions.DEFAULT);
            // the only differences: x at 16 bits before the rounding to 8 (a value within 2^-16 of a rounding
            // boundary may round the other way) and the scales at 16 bits
            assertThat(a.worstRelativeError()).as("seed %s", seed).isLessThan(0.01);
            assertThat(a.outputs().get(0).cosine()).isGreaterThan(0.9999);
        }
    }

    @Test
    void theInt8WeightsStayAsTheyAre() throws Exception {
        Graph g = OnnxImporter.importModel(dynamicMatMul(8, 4, 2), ImportOptions.DEFAULT);
        QuantizedModel q = Quantizer.quantize(g, List.of(ModelChecks.randomInputs(g, 1, -1, 1).byName()), QuantizationOptions.DEFAULT);
        Primitive.MatMul mm = q.ops().stream().filter(p -> p instanceof Primitive.MatMul).map(p -> (Primitive.MatMul) p)
                .findFirst().orElseThrow();
        Random r = new Random(2);
        for (int i = 0; i < 8 * 4; i++) {
            assertThat(mm.w().values()[i]).as("weight %s", i).isEqualTo(r.nextInt(255) - 127);
        }
    }

    static byte[] tableBytes(int rows, int width) {
        byte[] t = new byte[rows * width];
        new Random(rows).nextBytes(t);
        return t;
    }

    /** Rows of a uint8 table [rows, width] at int64 ids, dequantized: a BERT word embedding. */
    static byte[] embedding(int rows, int width, int tokens) {
        byte[] t = tableBytes(rows, width);
        return new OnnxBuilder("emb", 13).typedInput("ids", INT64, 1, tokens).output("y")
                .initializer(bytes("table", UINT8, new int[] {rows, width}, t))
                .initializer("scale", new int[0], 0.01f)
                .initializer(bytes("zp", UINT8, new int[0], new byte[] {(byte) 130}))
                .node("Gather", List.of("table", "ids"), List.of("rowsq"))
                .node("DequantizeLinear", List.of("rowsq", "scale", "zp"), List.of("y")).toBytes();
    }

    static InputFile ids(Graph g, long... ids) {
        float[] v = new float[ids.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ids[i];
        }
        return new InputFile(List.of("ids"), List.of(v), List.of(new int[] {1, ids.length}));
    }

    @Test
    void aLargeEmbeddingIsATwoLevelOneHot() throws Exception {
        // 16 ids × 1100 rows × 1000 values: above the 2^24 products a one-hot over every entry may cost
        byte[] onnx = embedding(1100, 1000, 16);
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        InputFile in = ids(g, 0, 1, 255, 256, 257, 511, 512, 1023, 1024, 1099, 7, 300, 300, 1098, 640, 2);
        ModelChecks.assertLoweredMatches(onnx, g, in);
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        assertThat(q.ops()).noneMatch(p -> p instanceof Primitive.Mul m && q.tensor(q.ops().indexOf(p)).size() > 16 * 5 * 256);
        // the gathered rows are the table's rows: the dequantization (q − 130)·0.01 folds into the MatMul, as
        // weights q·0.01 and a bias −1.3 at a power-of-two scale 2^-f, each to half a step
        long[] ids = {0, 1, 255, 256, 257, 511, 512, 1023, 1024, 1099, 7, 300, 300, 1098, 640, 2};
        var trace = IntegerInterpreter.run(q, q.quantizeInputs(in.arrays()));
        int mm = -1;
        for (int i = 0; i < q.ops().size(); i++) {
            if (q.ops().get(i) instanceof Primitive.MatMul) {
                mm = i;
            }
        }
        double step = Math.scalb(1.0, -q.tensor(mm).scale());
        long[] rows = trace.value(mm);
        byte[] table = tableBytes(1100, 1000);
        for (int t = 0; t < ids.length; t++) {
            for (int j = 0; j < 1000; j++) {
                double want = ((table[(int) ids[t] * 1000 + j] & 0xff) - 130) * (double) 0.01f;
                assertThat(rows[t * 1000 + j] * step).as("token %s value %s", t, j).isCloseTo(want,
                        org.assertj.core.data.Offset.offset(step + 1e-9));
            }
        }
        // and the dequantized output is ONNX Runtime's up to those roundings and the output's own
        double[] ref = ModelChecks.reference(onnx, g, in)[0];
        double[] got = q.dequantizeOutput(0, trace.output(0));
        for (int i = 0; i < ref.length; i++) {
            assertThat(got[i]).as("element %s", i).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1.5 * step));
        }
    }

    @Test
    void anIdOutsideTheTableGivesAZeroRow() throws Exception {
        byte[] onnx = embedding(1100, 1000, 2);
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        InputFile in = ids(g, 5, 6);
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        long[] y = IntegerInterpreter.run(q, q.quantizeInputs(ids(g, 1100, 5000).arrays())).output(0);
        double[] out = q.dequantizeOutput(0, y);
        // the integer model gives (0 − zp)·scale, the dequantized zero row, where ONNX Runtime refuses the id
        assertThat(out).hasSize(2 * 1000);
        for (double v : out) {
            assertThat(v).isCloseTo(-1.30, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void aTooLargeOneHotIsRefusedWithItsCost() {
        byte[] onnx = embedding(70_000, 300, 256);
        assertThatThrownBy(() -> OnnxImporter.importModel(onnx, ImportOptions.DEFAULT))
                .hasMessageContaining("product per index and table row").hasMessageContaining("2^24");
    }
}
