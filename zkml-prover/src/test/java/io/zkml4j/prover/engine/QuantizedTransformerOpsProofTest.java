package io.zkml4j.prover.engine;

import com.google.protobuf.ByteString;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.onnx.proto.OnnxProtos.TensorProto;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.DivLayer;
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.plan.WitnessPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuits of a dynamically quantized transformer (issue 11: the Maven MiniLM) prove and verify, and cheating
 * provers are rejected: dynamic quantization's per-tensor reciprocal ({@code ⌊255·2^K/d⌋}, a Div) with a quotient
 * one too large, and the token embedding's two-level one-hot selecting a second row. No new relation is involved
 * (Div, Mul, Requant, MatMul, ReduceMax): these tests pin that the new lowerings stay inside what they prove.
 */
class QuantizedTransformerOpsProofTest {
    private static final int INT8 = 3, UINT8 = 2, INT64 = 7;

    static TensorProto bytes(String name, int type, int[] shape, byte[] data) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(data));
        for (int d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    /** quantize_dynamic's MatMul: DynamicQuantizeLinear, MatMulInteger with int8 W, the scales, a bias. */
    static byte[] dynamicMatMul() {
        Random r = new Random(5);
        byte[] w = new byte[16 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (r.nextInt(255) - 127);
        }
        return new OnnxBuilder("dq", 13).input("x", 2, 16).output("y")
                .initializer(bytes("w", INT8, new int[] {16, 4}, w))
                .initializer(bytes("wzp", INT8, new int[0], new byte[] {0}))
                .initializer("ws", new int[0], 0.004f)
                .node("DynamicQuantizeLinear", List.of("x"), List.of("xq", "xs", "xzp"))
                .node("MatMulInteger", List.of("xq", "w", "xzp", "wzp"), List.of("acc"))
                .node("Cast", List.of("acc"), List.of("accf"), "to", 1L)
                .node("Mul", List.of("xs", "ws"), List.of("scale"))
                .node("Mul", List.of("accf", "scale"), List.of("y")).toBytes();
    }

    /**
     * A uint8 embedding [1100, 1000] gathered at 16 int64 ids and dequantized: 16·1100·1000 picks, above the 2^24
     * of a one-hot over every entry, so the two-level one-hot of the 30522-row MiniLM vocabulary.
     */
    static byte[] embedding() {
        byte[] t = new byte[1100 * 1000];
        new Random(6).nextBytes(t);
        return new OnnxBuilder("emb", 13).typedInput("ids", INT64, 1, 16).output("y")
                .initializer(bytes("table", UINT8, new int[] {1100, 1000}, t))
                .initializer("scale", new int[0], 0.01f)
                .initializer(bytes("zp", UINT8, new int[0], new byte[] {(byte) 128}))
                .node("Gather", List.of("table", "ids"), List.of("rows"))
                .node("DequantizeLinear", List.of("rows", "scale", "zp"), List.of("y")).toBytes();
    }

    static SmallCircuits.Model model(byte[] onnx, InputFile in, Graph g) throws Exception {
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        CircuitCompiler.Compiled c = CircuitCompiler.compile(q, false);
        return new SmallCircuits.Model(c.circuit(), c.weights(), Zkml.concatInputs(q.quantizeInputs(in.arrays())));
    }

    static SmallCircuits.Model dq() throws Exception {
        byte[] onnx = dynamicMatMul();
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        float[] x = new float[32];
        Random r = new Random(9);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * r.nextGaussian());
        }
        return model(onnx, new InputFile(List.of("x"), List.of(x), List.of(new int[] {2, 16})), g);
    }

    @Test
    void dynamicQuantizationProvesAndAReciprocalOneTooLargeIsRejected() throws Exception {
        SmallCircuits.Model m = dq();
        assertThat(CheatingProverTest.verifyCheat(m, w -> { })).as("the honest proof").isNull();
        Circuit c = m.circuit();
        int layer = -1;
        for (int i = 0; i < c.layers().size(); i++) {
            Layer l = c.layers().get(i);
            if (l instanceof DivLayer && c.tensor(l.output()).name().endsWith("/reciprocal")) {
                layer = i;
            }
        }
        assertThat(layer).as("the reciprocal's Div").isNotNegative();
        int div = layer;
        // y + 1 with r − b keeps 2^k·a = y·b + r in the field, but r leaves [0, b): the range checks must catch it
        Throwable t = CheatingProverTest.verifyCheat(m, w -> {
            WitnessPlan.DivSlots s = WitnessPlan.of(c).divSlots(div);
            int p = CheatingProverTest.realIndex(c, c.layers().get(div).output(), 0);
            long y = CheatingProverTest.chunkValue(w, s.quotient(), p);
            CheatingProverTest.setChunks(w, s.quotient(), p, y + 1);
            long b = w.tensors[((DivLayer) c.layers().get(div)).b()][p];
            long r = CheatingProverTest.chunkValue(w, s.remainder(), p);
            for (int j = 0; j < s.remainder().count(); j++) {
                w.slots[s.remainder().slots()[j]][p] = j == 0 ? Goldilocks.sub(Goldilocks.fromSigned(r), b) : 0;
            }
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void aTokenEmbeddingProvesAndSelectingASecondRowIsRejected() throws Exception {
        byte[] onnx = embedding();
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        float[] ids = {3, 599, 256, 40, 0, 1099, 255, 512, 7, 7, 1024, 300, 18, 900, 1000, 2};
        InputFile in = new InputFile(List.of("ids"), List.of(ids), List.of(new int[] {1, 16}));
        SmallCircuits.Model m = model(onnx, in, g);
        assertThat(CheatingProverTest.verifyCheat(m, w -> { })).as("the honest proof").isNull();
        Circuit c = m.circuit();
        int sel = -1;
        for (int i = 0; i < c.tensors().size(); i++) {
            if (c.tensor(i).name().endsWith("/rows-select")) {
                sel = i;
            }
        }
        assertThat(sel).as("the one-hot").isNotNegative();
        int tensor = sel;
        Throwable t = CheatingProverTest.verifyCheat(m, w -> {
            int p = CheatingProverTest.realIndex(c, tensor, 1); // token 0's row 1: a second 1 in its selection
            w.tensors[tensor][p] = 1;
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class);
    }
}
