package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.TensorInfo.Kind;
import io.zkml4j.prover.plan.TableId;
import io.zkml4j.prover.plan.WitnessPlan;
import io.zkml4j.prover.relation.lookup.LookupProver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Cheating provers: each test plants a bad witness, lets the real prover code run on it (with the
 * prover's own lookup sanity check off), and asserts that the verifier rejects, for the expected reason.
 */
class CheatingProverTest {
    private static final TableCommitment PLAIN = new PlainTableCommitment();

    /**
     * Runs the cheat with a key without zero knowledge (whose rejection reason the tests check) and with a
     * zero-knowledge key, where every check is deferred to the pad proof: that proof must be rejected too
     * (by the pad proof), or accepted exactly when the first one is.
     */
    static Throwable verifyCheat(SmallCircuits.Model m, InferenceProver.WitnessEdit edit) {
        Throwable plain = verifyCheat(m, edit, InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32]));
        Throwable zk = verifyCheat(m, edit, ZeroKnowledgeEngineTest.zkKeys(m));
        if (plain == null) {
            assertThat(zk).as("the zero-knowledge proof of the same cheat").isNull();
        } else {
            assertThat(zk).as("the zero-knowledge proof of the same cheat").isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("zero-knowledge checks");
        }
        return plain;
    }

    private static Throwable verifyCheat(SmallCircuits.Model m, InferenceProver.WitnessEdit edit, InferenceKeys k) {
        InferenceProver.Result honest = InferenceProver.prove(k.prover(), PLAIN, m.input());
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input(), edit);
        boolean pub = m.circuit().tensor(m.circuit().input()).kind() == Kind.PUBLIC_INPUT;
        Throwable t = catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, pub ? m.input() : null, r.output(), r.proof()));
        if (t == null) {
            assertThat(r.output()).as("an accepted cheat must at least not change the output").containsExactly(honest.output());
        }
        return t;
    }

    /** Moves one count of {@code table}'s multiplicities from its first used row to the next row. */
    static InferenceProver.WitnessEdit moveOneCount(SmallCircuits.Model m, TableId table) {
        return w -> {
            long[] mult = w.slots[WitnessPlan.of(m.circuit()).multiplicitySlot(table)];
            int from = 0;
            while (mult[from] == 0) {
                from++;
            }
            mult[from] -= 1;
            mult[(from + 1) % mult.length] += 1;
        };
    }

    static void refill(SmallCircuits.Model m, Witness w) {
        LookupProver.fillMultiplicities(m.circuit(), WitnessPlan.of(m.circuit()), w.slots, w.tensors);
    }

    static int realIndex(Circuit c, int tensor, int logical) {
        return c.tensor(tensor).shape().paddedIndexOfFlat(logical);
    }

    @Test
    void requantWithTheFieldWrapAroundPairIsRejected() {
        // q + δ with r − 2^s·δ keeps x·M + C = Σ 2^{8i} r_i + 2^s u + 2^{s+B} h' in the field, but r leaves [0, 2^s).
        SmallCircuits.Model m = SmallCircuits.residual(Kind.PRIVATE_INPUT, 21);
        int layer = 4; // Requant(prod -> y), the output layer; s = 8
        Circuit c = m.circuit();
        Throwable t = verifyCheat(m, w -> {
            WitnessPlan.RequantSlots s = WitnessPlan.of(c).requantSlots(layer);
            int p = findInRange(w, s, c, layer);
            int u0 = s.u().slots()[0];
            w.slots[u0][p] += 1; // δ = 1 on the in-range part: q and y grow by one
            int r0 = s.remainder().slots()[0];
            w.slots[r0][p] = Goldilocks.sub(w.slots[r0][p], Goldilocks.pow(2, 8)); // r − 2^s·δ wraps around p
            int y = c.layers().get(layer).output();
            w.tensors[y][p] = Goldilocks.add(w.tensors[y][p], 1);
            w.fillLimits(c, WitnessPlan.of(c));
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the range8");
    }

    /** A real position of a Requant whose value is in range with room for one more. */
    private static int findInRange(Witness w, WitnessPlan.RequantSlots s, Circuit c, int layer) {
        int y = c.layers().get(layer).output();
        for (int i = 0; i < c.tensor(y).shape().size(); i++) {
            int p = realIndex(c, y, i);
            if (w.slots[s.c()][p] == 1 && w.slots[s.u().slots()[0]][p] < 255) {
                return p;
            }
        }
        throw new IllegalStateException("no in-range element with room in this seed");
    }

    @Test
    void anOutOfRangeRemainderChunkIsRejected() {
        // r_0 + 256 with r_1 − 1: the same remainder, with a chunk outside [0, 256)
        SmallCircuits.Model m = SmallCircuits.mlp(Kind.PUBLIC_INPUT, 22);
        Circuit c = m.circuit();
        Throwable t = verifyCheat(m, w -> {
            WitnessPlan.RequantSlots s = WitnessPlan.of(c).requantSlots(3); // s = 8: one remainder chunk
            int r0 = s.remainder().slots()[0];
            int p = realIndex(c, c.layers().get(3).output(), 0);
            int u0 = s.u().slots()[0];
            // move one unit of u (2^s) into the remainder: r_0 + 2^8, u_0 − 1
            if (w.slots[u0][p] == 0) {
                w.slots[u0][p] = Goldilocks.sub(w.slots[u0][p], 1);
            } else {
                w.slots[u0][p] -= 1;
            }
            w.slots[r0][p] += 256;
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the");
    }

    @Test
    void forgedMultiplicitiesAreRejected() {
        SmallCircuits.Model m = SmallCircuits.cnn(Kind.PRIVATE_INPUT, 23);
        Throwable t = verifyCheat(m, moveOneCount(m, TableId.RANGE8));
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the range8");
    }

    @Test
    void aMaxPoolOutputAboveEveryTapIsRejected() {
        SmallCircuits.Model m = SmallCircuits.cnn(Kind.PRIVATE_INPUT, 24);
        Circuit c = m.circuit();
        int layer = 2;
        Throwable t = verifyCheat(m, w -> {
            WitnessPlan plan = WitnessPlan.of(c);
            WitnessPlan.MaxSlots s = plan.maxSlots(layer);
            int p = realIndex(c, c.layers().get(layer).output(), 3);
            w.slots[s.y()][p] = Goldilocks.add(w.slots[s.y()][p], 1); // larger than every tap, equal to none
            for (WitnessPlan.Chunks d : s.differences()) {
                setChunks(w, d, p, chunkValue(w, d, p) + 1);
            }
            w.recomputeAfter(c, plan, m.weights().length == 0 ? new long[0][] : padWeights(m), layer);
            refill(m, w);
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("no tap equals");
    }

    @Test
    void aWrongReluOutputIsRejected() {
        // ReLU fused in Requant (lo = 0): pass a negative value through as if it were in range
        for (long seed = 30; seed < 60; seed++) {
            SmallCircuits.Model m = SmallCircuits.mlp(Kind.PRIVATE_INPUT, seed);
            Circuit c = m.circuit();
            int layer = 1;
            int[] found = {-1};
            Throwable t = verifyCheat(m, w -> {
                WitnessPlan plan = WitnessPlan.of(c);
                WitnessPlan.RequantSlots s = plan.requantSlots(layer);
                for (int i = 0; i < 4; i++) {
                    int p = realIndex(c, c.layers().get(layer).output(), i);
                    if (w.slots[s.c()][p] == 0) { // below range: honest ReLU gives 0
                        found[0] = p;
                        // claim "in range" with u = q − lo = q < 0, so that y = q: the identity still holds, with
                        // h' = (x·M + C − r − 2^s·u)/2^{s+B} (not committed) at the centre 2^15
                        io.zkml4j.prover.circuit.RequantLayer rl = (io.zkml4j.prover.circuit.RequantLayer) c.layers().get(layer);
                        long xi = Goldilocks.toSigned(w.tensors[rl.x()][p]);
                        long q = Math.floorDiv(xi * rl.multiplier() + (1L << (rl.shift() - 1)), 1L << rl.shift()); // lo = 0
                        assertThat(q).isNegative();
                        w.slots[s.c()][p] = 1;
                        w.slots[s.u().slots()[0]][p] = Goldilocks.fromSigned(q);
                        w.tensors[c.layers().get(layer).output()][p] = Goldilocks.fromSigned(q);
                        w.recomputeAfter(c, plan, padWeights(m), layer);
                        return;
                    }
                }
            });
            if (found[0] >= 0) {
                assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the range8");
                return;
            }
        }
        throw new IllegalStateException("no seed produced a negative pre-activation");
    }

    @Test
    void aWideComparisonThatClaimsInRangeForAnOutOfRangeValueIsRejected() {
        // every lookup holds (hHi, cHi) and (hLo, zero), but c says "in range" where cHi says "above"
        for (long seed = 40; seed < 80; seed++) {
            SmallCircuits.Model m = SmallCircuits.wide(Kind.PRIVATE_INPUT, seed);
            Circuit c = m.circuit();
            int[] found = {-1};
            Throwable t = verifyCheat(m, w -> {
                WitnessPlan plan = WitnessPlan.of(c);
                WitnessPlan.RequantSlots s = plan.requantSlots(1);
                for (int i = 0; i < 5; i++) {
                    int p = realIndex(c, c.layers().get(1).output(), i);
                    if (w.slots[s.c()][p] == 2) { // clamped at the top: claim in range with u unchanged
                        found[0] = p;
                        w.slots[s.c()][p] = 1;
                        long u = chunkValue(w, s.u(), p);
                        w.tensors[c.layers().get(1).output()][p] = u; // y = lo + u with lo = 0
                        w.fillLimits(c, WitnessPlan.of(c));
                        return;
                    }
                }
            });
            if (found[0] >= 0) {
                assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("wide comparison");
                return;
            }
        }
        throw new IllegalStateException("no seed produced a clamped value");
    }

    @Test
    void aWrongTableOutputIsRejected() {
        SmallCircuits.Model m = SmallCircuits.mlp(Kind.PUBLIC_INPUT, 25);
        Circuit c = m.circuit();
        Throwable t = verifyCheat(m, w -> {
            int y = c.layers().get(4).output();
            int p = realIndex(c, y, 1);
            w.tensors[y][p] = Goldilocks.add(w.tensors[y][p], 1);
            w.fillLimits(c, WitnessPlan.of(c)); // consistent limit inverses: only the table lookup is wrong
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the function table of layer 4");
    }

    @Test
    void aWrongProductOfTwoActivationsIsRejected() {
        SmallCircuits.Model m = SmallCircuits.attention(Kind.PRIVATE_INPUT, 27);
        Circuit c = m.circuit();
        int y = c.output();
        Throwable t = verifyCheat(m, w -> {
            int p = realIndex(c, y, 5);
            w.tensors[y][p] = Goldilocks.add(w.tensors[y][p], 1);
            w.fillLimits(c, WitnessPlan.of(c)); // consistent limit inverses: only the product is wrong
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("MatMul(activations)");
    }

    @Test
    void garbageInThePaddingOfAPrivateInputCannotChangeTheOutput() {
        // Relations read only real positions, so padding needs no proof of being zero: a prover that fills the
        // input's padding with other (in-range) values still proves exactly the honest output.
        SmallCircuits.Model m = SmallCircuits.cnn(Kind.PRIVATE_INPUT, 26); // input [1,1,6,6] padded to [1,1,8,8]
        Circuit c = m.circuit();
        var in = c.tensor(c.input());
        Throwable t = verifyCheat(m, w -> {
            WitnessPlan.InputSlots s = WitnessPlan.of(c).inputSlots();
            java.util.Random rnd = new java.util.Random(5);
            boolean[] real = new boolean[in.shape().paddedSize()];
            for (int i = 0; i < in.shape().size(); i++) {
                real[in.shape().paddedIndexOfFlat(i)] = true;
            }
            for (int p = 0; p < real.length; p++) {
                if (!real[p]) {
                    long v = rnd.nextInt(256) - 128;
                    w.slots[s.value()][p] = Goldilocks.fromSigned(v);
                    setChunks(w, s.chunks(), p, v - in.lo());
                }
            }
            refill(m, w);
        });
        assertThat(t).as("the garbage-padded proof still proves the honest output").isNull();
    }

    static long chunkValue(Witness w, WitnessPlan.Chunks d, int p) {
        long v = 0;
        for (int j = 0; j < d.count(); j++) {
            v += w.slots[d.slots()[j]][p] << (8 * j);
        }
        return v;
    }

    static void setChunks(Witness w, WitnessPlan.Chunks d, int p, long v) {
        for (int j = 0; j < d.count(); j++) {
            w.slots[d.slots()[j]][p] = (v >>> (8 * j)) & ((1L << d.bits()[j]) - 1);
        }
    }

    static long[][] padWeights(SmallCircuits.Model m) {
        InferenceKeys k = InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32]);
        return k.prover().weights();
    }
}
