package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.circuit.TensorInfo.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What zero-knowledge keys add (their soundness tests are {@link EngineTest}'s and {@link CheatingProverTest}'s,
 * run on both kinds of key): every check is deferred to the pad proof, no two proofs of one statement share a
 * sent value, and messages for two witnesses with the same output have the same distribution.
 */
class ZeroKnowledgeEngineTest {
    private static final TableCommitment PLAIN = new PlainTableCommitment();

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("mlp", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::mlp),
                Arguments.of("cnn", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::cnn),
                Arguments.of("residual", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::residual),
                Arguments.of("wide comparison", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::wide),
                Arguments.of("attention", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::attention));
    }

    static InferenceKeys zkKeys(SmallCircuits.Model m) {
        byte[] seed = new byte[32];
        seed[0] = 7;
        return InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32], Hiding.withBudget(4), seed, seed.clone());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyCheckOfAZeroKnowledgeProofIsDeferredToThePadProof(String name, BiFunction<Kind, Long, SmallCircuits.Model> make)
            throws Exception {
        SmallCircuits.Model m = make.apply(Kind.PRIVATE_INPUT, 3L);
        InferenceKeys k = zkKeys(m);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        HiddenChecks checks = HiddenChecks.padded();
        InferenceVerifier.run(k.verifier(), null, r.output(), new ProofReader(r.proof()), checks);
        assertThat(checks.plan()).isEqualTo(k.prover().padPlan());
        assertThat(checks.constraintCount()).isPositive();
        assertThat(checks.plan().productCount()).isPositive();
    }

    /** Two proofs of the same statement with fresh randomness: no sent value in common. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void twoProofsOfOneStatementShareNoSentValue(String name, BiFunction<Kind, Long, SmallCircuits.Model> make) throws Exception {
        SmallCircuits.Model m = make.apply(Kind.PRIVATE_INPUT, 10L);
        InferenceKeys k = zkKeys(m);
        InferenceProver.Result r1 = InferenceProver.prove(k.prover(), PLAIN, m.input(), ZkRandom.fresh(), null);
        InferenceProver.Result r2 = InferenceProver.prove(k.prover(), PLAIN, m.input(), ZkRandom.fresh(), null);
        List<Ext> a = sent(k, r1), b = sent(k, r2);
        assertThat(a).hasSameSizeAs(b).hasSize(k.prover().padPlan().padCount());
        Set<Ext> first = new HashSet<>(a);
        assertThat(b).noneMatch(first::contains);
    }

    /** Without zero knowledge the same test fails: two proofs of one statement are the same bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void withoutZeroKnowledgeTwoProofsOfOneStatementAreIdentical(String name, BiFunction<Kind, Long, SmallCircuits.Model> make) {
        SmallCircuits.Model m = make.apply(Kind.PRIVATE_INPUT, 10L);
        InferenceKeys k = InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32]);
        byte[] p1 = InferenceProver.prove(k.prover(), PLAIN, m.input()).proof();
        byte[] p2 = InferenceProver.prove(k.prover(), PLAIN, m.input()).proof();
        assertThat(p1).isEqualTo(p2);
    }

    /**
     * Two private inputs, or two weight sets, with the same output: the distribution of every sent value
     * (top 4 bits of its first coordinate, over many proofs) is the same for both, by a two-sample χ² test
     * per message position (15 degrees of freedom, threshold 60: p < 10^-6 per position). Without zero
     * knowledge the same test flags the messages.
     */
    @org.junit.jupiter.api.Test
    void messagesForTwoInputsWithTheSameOutputHaveTheSameDistribution() throws Exception {
        SmallCircuits.Model m = blindToFirstInput(SmallCircuits.mlp(Kind.PRIVATE_INPUT, 11));
        long[] x1 = m.input().clone(), x2 = m.input().clone();
        x1[0] = -100;
        x2[0] = 100;
        InferenceKeys zk = zkKeys(m);
        assertThat(flaggedPositions(zk, m, x1, m, x2, 80)).isZero();
        InferenceKeys plain = InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32]);
        assertThat(flaggedPositions(plain, m, x1, m, x2, 40)).as("the test can fail: without pads").isPositive();
    }

    @org.junit.jupiter.api.Test
    void messagesForTwoWeightSetsWithTheSameOutputHaveTheSameDistribution() throws Exception {
        SmallCircuits.Model a = blindToFirstInput(SmallCircuits.mlp(Kind.PRIVATE_INPUT, 12));
        long[] x = a.input().clone();
        x[0] = 0; // the first row of w1 now multiplies zero: change it freely
        long[][] w = a.weights().clone();
        w[0] = w[0].clone();
        for (int j = 0; j < 4; j++) {
            w[0][j] = 40 - 7 * j;
        }
        SmallCircuits.Model b = new SmallCircuits.Model(a.circuit(), w, x);
        InferenceKeys ka = zkKeys(a), kb = zkKeys(b);
        assertThat(flaggedPositions(ka, a, x, kb, b, x, 80)).isZero();
        InferenceKeys pa = InferenceKeys.create(a.circuit(), a.weights(), PLAIN, new byte[32]);
        InferenceKeys pb = InferenceKeys.create(b.circuit(), b.weights(), PLAIN, new byte[32]);
        assertThat(flaggedPositions(pa, a, x, pb, b, x, 40)).as("the test can fail: without pads").isPositive();
    }

    /** The mlp with the first row of its first weight zero, so the first input does not change the output. */
    private static SmallCircuits.Model blindToFirstInput(SmallCircuits.Model m) {
        long[][] w = m.weights().clone();
        w[0] = w[0].clone();
        for (int j = 0; j < 4; j++) {
            w[0][j] = 0;
        }
        return new SmallCircuits.Model(m.circuit(), w, m.input());
    }

    private static int flaggedPositions(InferenceKeys k, SmallCircuits.Model a, long[] x1, SmallCircuits.Model b, long[] x2, int runs)
            throws ProofRejectedException {
        return flaggedPositions(k, a, x1, k, b, x2, runs);
    }

    private static int flaggedPositions(InferenceKeys ka, SmallCircuits.Model a, long[] x1, InferenceKeys kb, SmallCircuits.Model b,
                                        long[] x2, int runs) throws ProofRejectedException {
        int[][] ha = null, hb = null;
        long[] out = null;
        for (int run = 0; run < runs; run++) {
            InferenceProver.Result ra = InferenceProver.prove(ka.prover(), PLAIN, x1);
            InferenceProver.Result rb = InferenceProver.prove(kb.prover(), PLAIN, x2);
            assertThat(rb.output()).as("the same public output").containsExactly(ra.output());
            List<Ext> sa = sent(ka, ra), sb = sent(kb, rb);
            if (ha == null) {
                ha = new int[sa.size()][16];
                hb = new int[sb.size()][16];
                out = ra.output();
            }
            for (int i = 0; i < sa.size(); i++) {
                ha[i][(int) (sa.get(i).c0 >>> 60)]++;
                hb[i][(int) (sb.get(i).c0 >>> 60)]++;
            }
        }
        assertThat(out).isNotNull();
        int flagged = 0;
        for (int i = 0; i < ha.length; i++) {
            double chi2 = 0;
            for (int bin = 0; bin < 16; bin++) {
                int n = ha[i][bin] + hb[i][bin];
                if (n > 0) {
                    double d = ha[i][bin] - hb[i][bin];
                    chi2 += d * d / n;
                }
            }
            flagged += chi2 > 60 ? 1 : 0;
        }
        return flagged;
    }

    /** The values a proof carries, as the verifier receives them (padded in a zero-knowledge proof). */
    static List<Ext> sent(InferenceKeys k, InferenceProver.Result r) throws ProofRejectedException {
        HiddenChecks checks = k.verifier().hiding().zeroKnowledge() ? HiddenChecks.padded() : HiddenChecks.eager();
        InferenceVerifier.run(k.verifier(), null, r.output(), new ProofReader(r.proof()), checks);
        return checks.received();
    }
}
