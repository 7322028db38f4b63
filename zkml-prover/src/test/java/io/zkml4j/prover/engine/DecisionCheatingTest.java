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
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.plan.TableId;
import io.zkml4j.prover.plan.WitnessPlan;
import io.zkml4j.prover.relation.lookup.LookupProver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.zkml4j.prover.engine.CheatingProverTest.realIndex;
import static io.zkml4j.prover.engine.CheatingProverTest.refill;
import static io.zkml4j.prover.engine.CheatingProverTest.verifyCheat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions (comparisons, ArgMax) are proved by the Requant relation's step {@code clamp(d + 1, 0, 1)} and by
 * the maximum relation: a prover that claims a wrong comparison bit or a wrong arg-max index, also on ties, is
 * rejected (with and without zero knowledge).
 */
class DecisionCheatingTest {
    private static final float[] X = {0.5f, -0.25f, 0.75f, 0.75f, 0.1f, -0.9f};

    /** x[1,6] > thresholds (one per element) as an ONNX model, imported, quantized and compiled. */
    static SmallCircuits.Model model(OnnxBuilder b, float[] x) throws Exception {
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.DEFAULT);
        QuantizedModel q = Quantizer.quantize(g, List.of(Map.of("x", x)), QuantizationOptions.DEFAULT);
        CircuitCompiler.Compiled c = CircuitCompiler.compile(q, false);
        return new SmallCircuits.Model(c.circuit(), c.weights(), q.quantizeInput(0, x));
    }

    private static SmallCircuits.Model greater() throws Exception {
        OnnxBuilder b = new OnnxBuilder("greater", 13).input("x", 1, 6);
        b.initializer("t", new int[] {6}, 0.5f, 0f, 0.7f, 0.8f, 0.1f, -1f);
        b.node("Greater", List.of("x", "t"), List.of("bits"));
        b.node("Cast", List.of("bits"), List.of("y"), "to", 1L);
        b.output("y");
        return model(b, X);
    }

    private static SmallCircuits.Model argMax(float[] x) throws Exception {
        OnnxBuilder b = new OnnxBuilder("argmax", 13).input("x", 1, 6);
        b.node("ArgMax", List.of("x"), List.of("i"), "axis", 1L, "keepdims", 0L);
        b.node("Cast", List.of("i"), List.of("y"), "to", 1L);
        b.output("y");
        return model(b, x);
    }

    private static List<Integer> layers(Circuit c, Class<? extends Layer> kind) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < c.layers().size(); i++) {
            if (kind.isInstance(c.layers().get(i))) {
                r.add(i);
            }
        }
        return r;
    }

    @Test
    void honestDecisionsProveExactlyTheFloatComparison() throws Exception {
        SmallCircuits.Model m = greater();
        assertThat(verifyCheat(m, w -> { })).isNull();
        InferenceKeys k = InferenceKeys.create(m.circuit(), m.weights(), new PlainTableCommitment(), new byte[32]);
        long[] out = InferenceProver.prove(k.prover(), new PlainTableCommitment(), m.input()).output();
        // 0.5 > 0.5 no, −0.25 > 0 no, 0.75 > 0.7 yes, 0.75 > 0.8 no, 0.1 > 0.1 no (float32 0.1 both), −0.9 > −1 yes
        assertThat(out).containsExactly(0, 0, 1, 0, 0, 1);
    }

    @Test
    void aFlippedComparisonBitIsRejected() throws Exception {
        SmallCircuits.Model m = greater();
        int layer = steps(m.circuit()).get(0);
        for (int element : new int[] {0, 2}) { // a 0 claimed as 1, and a 1 claimed as 0
            Throwable t = flipped(m, layer, element);
            assertThat(t).as("element " + element).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the cmp");
        }
    }

    /** The two-tree model of {@code ModelPrivacyTest.treesA} on one input, compiled. */
    private static SmallCircuits.Model trees() throws Exception {
        float[] x = {0.75f, 0.75f, 1.25f};
        return model(io.zkml4j.prover.ModelPrivacyTest.treesA(), x);
    }

    /** The 1-bit Requant layers (steps) of a circuit, in order. */
    private static List<Integer> steps(Circuit c) {
        return layers(c, RequantLayer.class).stream().filter(i -> ((RequantLayer) c.layers().get(i)).outBits() == 1).toList();
    }

    /** Flips bit {@code element} of step layer {@code layer}, keeping every other slot and lookup consistent. */
    private static Throwable flipped(SmallCircuits.Model m, int layer, int element) {
        Circuit c = m.circuit();
        return verifyCheat(m, w -> {
            WitnessPlan plan = WitnessPlan.of(c);
            WitnessPlan.RequantSlots s = plan.requantSlots(layer);
            int p = realIndex(c, c.layers().get(layer).output(), element);
            long bit = w.tensors[c.layers().get(layer).output()][p];
            w.tensors[c.layers().get(layer).output()][p] = 1 - bit;
            w.recomputeAfter(c, plan, CheatingProverTest.padWeights(m), layer);
            refill(m, w); // every other lookup stays consistent
            // "above the range" gives y = hi = 1, "below" gives y = lo = 0, with every other slot as it was
            w.slots[s.c()][p] = bit == 0 ? 2 : 0;
        });
    }

    /** Sets element {@code element} of layer {@code layer}'s (virtual) output to {@code v}, everything after it following. */
    private static Throwable claimed(SmallCircuits.Model m, int layer, int element, long v) {
        Circuit c = m.circuit();
        return verifyCheat(m, w -> {
            int p = realIndex(c, c.layers().get(layer).output(), element);
            w.tensors[c.layers().get(layer).output()][p] = v;
            w.recomputeAfter(c, WitnessPlan.of(c), CheatingProverTest.padWeights(m), layer);
            refill(m, w);
        });
    }

    @Test
    void aTreeWithAWrongSplitBitOrAWrongLeafIsRejected() throws Exception {
        SmallCircuits.Model m = trees();
        assertThat(verifyCheat(m, w -> { })).isNull();
        Circuit c = m.circuit();
        List<Integer> steps = steps(c);
        assertThat(steps).as("one step per level of splits").hasSize(3);
        // the root's split (x0 ≤ 0.5 is false here) claimed true
        assertThat(flipped(m, steps.get(0), 0)).as("a wrong comparison bit").isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("lookup into the cmp");
        int leafLayer = -1;
        for (int i = 0; i < c.layers().size(); i++) {
            leafLayer = c.tensor(c.layers().get(i).output()).name().endsWith("/leaf") ? i : leafLayer;
        }
        assertThat(leafLayer).as("the leaf indicators' layer").isNotNegative();
        int out = c.layers().get(leafLayer).output();
        Witness honest = Witness.compute(c, WitnessPlan.of(c), CheatingProverTest.padWeights(m), m.input());
        int taken = -1;
        for (int l = 0; l < 8 && taken < 0; l++) {
            taken = honest.tensors[out][realIndex(c, out, l)] == 1 ? l : -1;
        }
        assertThat(taken).as("tree 0 takes one of its 8 padded leaves").isNotNegative();
        assertThat(claimed(m, leafLayer, taken, 0)).as("the taken leaf dropped").isInstanceOf(ProofRejectedException.class);
        assertThat(claimed(m, leafLayer, taken ^ 1, 1)).as("a second leaf taken").isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void aComparisonBitKeptConsistentByAFractionalQuotientIsRejected() throws Exception {
        // Claim "in range" with u = 1 (bit 1) where the honest bit is 0: the high part h' = (x·M + C − r − 2^s·u)/2^{s+B}
        // (a linear lookup column, not committed) moves by −1/2 in the field, so the identity still holds and h' is
        // no table entry.
        SmallCircuits.Model m = greater();
        Circuit c = m.circuit();
        int layer = steps(c).get(0);
        Throwable t = verifyCheat(m, w -> {
            WitnessPlan plan = WitnessPlan.of(c);
            WitnessPlan.RequantSlots s = plan.requantSlots(layer);
            int p = realIndex(c, c.layers().get(layer).output(), 0);
            assertThat(w.tensors[c.layers().get(layer).output()][p]).isZero();
            long u = CheatingProverTest.chunkValue(w, s.u(), p);
            CheatingProverTest.setChunks(w, s.u(), p, u + 1);
            w.tensors[c.layers().get(layer).output()][p] = 1;
            w.recomputeAfter(c, plan, CheatingProverTest.padWeights(m), layer);
            // the new u chunk counted in the range table (the comparison table's count is left honest)
            LookupProver.fillMultiplicities(c, plan, w.slots, w.tensors, id -> id.kind() == TableId.Kind.RANGE8);
            w.slots[s.c()][p] = 1;
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the cmp");
    }

    @Test
    void argMaxTakesTheFirstOfEqualMaxima() throws Exception {
        SmallCircuits.Model m = argMax(X); // 0.75 at indices 2 and 3
        InferenceKeys k = InferenceKeys.create(m.circuit(), m.weights(), new PlainTableCommitment(), new byte[32]);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), new PlainTableCommitment(), m.input());
        assertThat(r.output()).containsExactly(2);
        InferenceVerifier.verify(k.verifier(), new PlainTableCommitment(), null, r.output(), r.proof());
        assertThat(verifyCheat(m, w -> { })).isNull();
    }

    @Test
    void aWrongArgMaxIndexIsRejected() throws Exception {
        // Claim the later of two equal maxima: the best rank n·e_i − i is the first index's; a lower claimed
        // maximum is below a tap (its difference is negative), a raised one equals no tap.
        SmallCircuits.Model m = argMax(X);
        Circuit c = m.circuit();
        List<Integer> maxima = layers(c, MaxLayer.class);
        int best = maxima.get(maxima.size() - 1);
        for (long delta : new long[] {-1, 1}) {
            Throwable t = verifyCheat(m, w -> {
                WitnessPlan plan = WitnessPlan.of(c);
                WitnessPlan.MaxSlots s = plan.maxSlots(best);
                int p = realIndex(c, c.layers().get(best).output(), 0);
                w.slots[s.y()][p] = Goldilocks.add(w.slots[s.y()][p], Goldilocks.fromSigned(delta));
                w.tensors[c.layers().get(best).output()][p] = w.slots[s.y()][p];
                for (WitnessPlan.Chunks d : s.differences()) {
                    long v = CheatingProverTest.chunkValue(w, d, p) + delta;
                    CheatingProverTest.setChunks(w, d, p, Math.max(0, v));
                }
                w.recomputeAfter(c, plan, CheatingProverTest.padWeights(m), best);
                refill(m, w);
            });
            assertThat(t).as("delta " + delta).isInstanceOf(ProofRejectedException.class);
        }
    }

    @Test
    void aTieBrokenTowardTheLaterIndexIsRejected() throws Exception {
        // Claim that x[2] is not a maximum (its step bit 0), so that the first maximum would be index 3.
        SmallCircuits.Model m = argMax(X);
        Circuit c = m.circuit();
        int step = steps(c).get(0);
        Throwable t = verifyCheat(m, w -> {
            WitnessPlan plan = WitnessPlan.of(c);
            WitnessPlan.RequantSlots s = plan.requantSlots(step);
            int p = realIndex(c, c.layers().get(step).output(), 2);
            assertThat(w.tensors[c.layers().get(step).output()][p]).isEqualTo(1);
            w.slots[s.c()][p] = 0;
            w.tensors[c.layers().get(step).output()][p] = 0;
            w.recomputeAfter(c, plan, CheatingProverTest.padWeights(m), step);
            refill(m, w); // the later maxima and their range checks follow the claimed bit
        });
        // the step's difference x − max spans 17 bits, so its comparison is the wide one (two table halves)
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("the wide comparison is inconsistent");
        long[] honest = IntegerInterpreter.run(quantized(), new long[][] {m.input()}).output(0);
        assertThat(honest).containsExactly(2);
    }

    private static QuantizedModel quantized() throws Exception {
        OnnxBuilder b = new OnnxBuilder("argmax", 13).input("x", 1, 6);
        b.node("ArgMax", List.of("x"), List.of("i"), "axis", 1L, "keepdims", 0L);
        b.node("Cast", List.of("i"), List.of("y"), "to", 1L);
        b.output("y");
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.DEFAULT);
        return Quantizer.quantize(g, List.of(Map.of("x", X)), QuantizationOptions.DEFAULT);
    }
}
