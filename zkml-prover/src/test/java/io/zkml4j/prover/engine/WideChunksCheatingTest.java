package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.model.Graph;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.plan.TableId;
import io.zkml4j.prover.plan.WitnessPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.zkml4j.prover.engine.CheatingProverTest.verifyCheat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A circuit with many wide values (a 16-channel 64×64 convolution) cuts Requant and max values of more than
 * 8 bits into 16-bit chunks looked up in the 16-bit range table; an out-of-range chunk, the field wrap-around
 * pair, a remainder one 2^s too large (caught by the second lookup of its narrower top chunk) and forged
 * multiplicities are rejected, with and without zero knowledge.
 */
class WideChunksCheatingTest {
    private static SmallCircuits.Model model;
    private static int requant;

    @BeforeAll
    static void build() throws Exception {
        Random r = new Random(41);
        OnnxBuilder b = new OnnxBuilder("wide-chunks", 13).input("x", -1, 1, 64, 64);
        b.initializer("w", new int[] {16, 1, 3, 3}, random(r, 144, 0.5));
        b.initializer("w2", new int[] {2, 16, 3, 3}, random(r, 288, 0.2));
        b.node("Conv", List.of("x", "w"), List.of("c"), "pads", new long[] {1, 1, 1, 1});
        b.node("Relu", List.of("c"), List.of("l"));
        b.node("MaxPool", List.of("l"), List.of("p"), "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2});
        b.node("Conv", List.of("p", "w2"), List.of("y"), "strides", new long[] {4, 4});
        b.output("y");
        model = compileChecked(b, random(r, 64 * 64, 1.0));
        requant = -1;
        for (int i = 0; i < model.circuit().layers().size() && requant < 0; i++) {
            if (model.circuit().layers().get(i) instanceof RequantLayer rq && rq.shift() > 8 && rq.shift() % 16 != 0) {
                requant = i;
            }
        }
        assertThat(requant).as("a Requant with a remainder of more than 8 bits").isGreaterThanOrEqualTo(0);
    }

    /**
     * The model of a one-input ONNX graph (input "x"), calibrated on and proving {@code x}, after checking that
     * an honest zero-knowledge proof gives the integer interpreter's output and verifies.
     */
    static SmallCircuits.Model compileChecked(OnnxBuilder b, float[] x) throws Exception {
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.DEFAULT);
        QuantizedModel q = Quantizer.quantize(g, List.of(Map.of("x", x)), QuantizationOptions.DEFAULT);
        CircuitCompiler.Compiled c = CircuitCompiler.compile(q, false);
        SmallCircuits.Model m = new SmallCircuits.Model(c.circuit(), c.weights(), q.quantizeInput(0, x));
        InferenceKeys k = ZeroKnowledgeEngineTest.zkKeys(m);
        InferenceProver.Result res = InferenceProver.prove(k.prover(), new PlainTableCommitment(), m.input());
        assertThat(res.output()).containsExactly(IntegerInterpreter.run(q, new long[][] {m.input()}).output(0));
        InferenceVerifier.verify(k.verifier(), new PlainTableCommitment(), null, res.output(), res.proof());
        return m;
    }

    static float[] random(Random r, int n, double s) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * s);
        }
        return v;
    }

    @Test
    void wideValuesUseSixteenBitChunks() {
        Circuit c = model.circuit();
        WitnessPlan plan = WitnessPlan.of(c);
        WitnessPlan.RequantSlots s = plan.requantSlots(requant);
        assertThat(s.remainder().width()).isEqualTo(16);
        assertThat(s.remainder().count()).isEqualTo(1);
        assertThat(s.u().width()).isEqualTo(16);
        int max = -1;
        for (int i = 0; i < c.layers().size(); i++) {
            if (c.layers().get(i) instanceof MaxLayer) {
                max = i;
            }
        }
        assertThat(plan.maxSlots(max).differences()[0].width()).isEqualTo(16);
        assertThat(plan.lookups()).containsKey(TableId.RANGE16);
    }

    private static int inRange(Witness w, WitnessPlan.RequantSlots s) {
        Circuit c = model.circuit();
        int y = c.layers().get(requant).output();
        for (int i = 0; i < c.tensor(y).shape().size(); i++) {
            int p = CheatingProverTest.realIndex(c, y, i);
            long u = w.slots[s.u().slots()[0]][p];
            if (w.slots[s.c()][p] == 1 && u > 0 && u < 65535) {
                return p;
            }
        }
        throw new IllegalStateException("no in-range element with room");
    }

    /**
     * Moves {@code delta} units of the Requant's in-range part u into its remainder: u + δ, r − δ·2^s and the
     * output y + δ, in field arithmetic, so {@code x·M + C = r + 2^s·u + …} still holds at the element.
     */
    private static Throwable shiftBetweenRemainderAndInRangePart(long delta) {
        Circuit c = model.circuit();
        int shift = ((RequantLayer) c.layers().get(requant)).shift();
        return verifyCheat(model, w -> {
            WitnessPlan.RequantSlots s = WitnessPlan.of(c).requantSlots(requant);
            int p = inRange(w, s);
            int u0 = s.u().slots()[0];
            w.slots[u0][p] = Goldilocks.add(w.slots[u0][p], Goldilocks.fromSigned(delta));
            int r0 = s.remainder().slots()[0];
            w.slots[r0][p] = Goldilocks.sub(w.slots[r0][p], Goldilocks.mul(Goldilocks.fromSigned(delta), Goldilocks.pow(2, shift)));
            int y = c.layers().get(requant).output();
            w.tensors[y][p] = Goldilocks.add(w.tensors[y][p], Goldilocks.fromSigned(delta));
        });
    }

    @Test
    void aRemainderOneStepTooLargeIsRejectedByTheShiftedLookup() {
        // r + 2^s with u − 1: the identity holds and r + 2^s < 2^16 fits the table, but 2^{16−s}·(r + 2^s) does not
        assertThat(shiftBetweenRemainderAndInRangePart(-1)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("lookup into the range16");
    }

    @Test
    void theFieldWrapAroundPairIsRejected() {
        // u + 1 with r − 2^s (wrapping around p): the identity holds in the field, r leaves [0, 2^16)
        assertThat(shiftBetweenRemainderAndInRangePart(1)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("lookup into the range16");
    }

    @Test
    void anInRangePartBeyondSixteenBitsIsRejected() {
        // u + 2^16: h' = (x·M + C − r − 2^s·u)/2^{s+16} (not committed) drops by one, u leaves the table
        Circuit c = model.circuit();
        Throwable t = verifyCheat(model, w -> {
            WitnessPlan.RequantSlots s = WitnessPlan.of(c).requantSlots(requant);
            int p = inRange(w, s);
            w.slots[s.u().slots()[0]][p] += 1L << 16;
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the");
    }

    @Test
    void forgedSixteenBitMultiplicitiesAreRejected() {
        Throwable t = verifyCheat(model, CheatingProverTest.moveOneCount(model, TableId.RANGE16));
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the range16");
    }
}
