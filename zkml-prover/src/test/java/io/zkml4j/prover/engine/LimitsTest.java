package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.circuit.TensorInfo.Kind;
import io.zkml4j.prover.plan.WitnessPlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The proved counts of input values at the input range's limits (clamped) and of output values at the
 * output range's limits (saturated): right, and a proof that claims another count, or whose limit
 * inverses lie, is rejected; with and without zero knowledge.
 */
class LimitsTest {
    private static final TableCommitment PLAIN = new PlainTableCommitment();

    private static InferenceKeys keys(SmallCircuits.Model m, boolean zk) {
        return zk ? ZeroKnowledgeEngineTest.zkKeys(m) : InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32]);
    }

    /** The mlp with three inputs at the limits of [-128, 127] and an output that saturates its sigmoid table. */
    private static SmallCircuits.Model clamped() {
        SmallCircuits.Model m = SmallCircuits.mlp(Kind.PRIVATE_INPUT, 31);
        long[] x = m.input().clone();
        x[0] = -128;
        x[1] = 127;
        x[2] = 127;
        return new SmallCircuits.Model(m.circuit(), m.weights(), x);
    }

    private static int atLimits(long[] signed, TensorInfo t) {
        int n = 0;
        for (long v : signed) {
            n += v == t.lo() || v == t.hi() ? 1 : 0;
        }
        return n;
    }

    @ParameterizedTest(name = "zero-knowledge {0}")
    @ValueSource(booleans = {false, true})
    void theCountsAreProvedAndRight(boolean zk) throws Exception {
        SmallCircuits.Model m = clamped();
        InferenceKeys k = keys(m, zk);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        Limits l = InferenceVerifier.verify(k.verifier(), PLAIN, null, r.output(), r.proof());
        Circuit c = m.circuit();
        assertThat(l.inputAtLimits()).isEqualTo(atLimits(m.input(), c.tensor(c.input()))).isGreaterThanOrEqualTo(3);
        assertThat(l.outputAtLimits()).isEqualTo(atLimits(r.output(), c.tensor(c.output())));
        assertThat(l).isEqualTo(r.limits());
    }

    @ParameterizedTest(name = "zero-knowledge {0}")
    @ValueSource(booleans = {false, true})
    void aProofClaimingOtherCountsIsRejected(boolean zk) {
        SmallCircuits.Model m = clamped();
        InferenceKeys k = keys(m, zk);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        for (int at : new int[] {0, 4}) { // the input's count, then the output's
            for (int delta : new int[] {-1, 1}) {
                byte[] bad = r.proof().clone();
                int v = (bad[at] & 0xff) | (bad[at + 1] & 0xff) << 8;
                if (v + delta < 0) {
                    continue;
                }
                bad[at] = (byte) (v + delta);
                bad[at + 1] = (byte) ((v + delta) >>> 8);
                Throwable t = catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, null, r.output(), bad));
                // the counts open the transcript, so without zero knowledge the first check after them fails
                assertThat(t).as("count at byte %d changed by %d", at, delta).isInstanceOf(ProofRejectedException.class)
                        .hasMessageContaining(zk ? "zero-knowledge checks" : "");
            }
        }
    }

    /**
     * A prover that hides an input value at a limit: an "inverse" where the difference is not invertible
     * cannot remove it (e = 1 − 0·a = 1 whatever a is), so it plants a wrong inverse on a value inside the
     * range instead, to add one at-limit value there (e = 1 − d·a = 0 wanted 1: a = 0 gives e = 1, count + 1),
     * and the zero-check (d·e = 0) fails.
     */
    @ParameterizedTest(name = "zero-knowledge {0}")
    @ValueSource(booleans = {false, true})
    void wrongLimitInversesAreRejected(boolean zk) {
        SmallCircuits.Model m = clamped();
        InferenceKeys k = keys(m, zk);
        Circuit c = m.circuit();
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input(), w -> {
            WitnessPlan.LimitsSlots l = WitnessPlan.of(c).limitsSlots();
            int p = c.tensor(c.input()).shape().paddedIndexOfFlat(5); // a value inside the range (seeded input)
            w.slots[l.inputLo()][p] = 0;
        });
        Throwable t = catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, null, r.output(), r.proof()));
        assertThat(t).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining(zk ? "zero-knowledge checks" : "input limit inverses are inconsistent");
        assertThat(Goldilocks.inv(5)).isNotZero();
    }
}
