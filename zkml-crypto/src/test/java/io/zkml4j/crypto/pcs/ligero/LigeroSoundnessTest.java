package io.zkml4j.crypto.pcs.ligero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Provers that commit to a matrix whose rows are not codewords. Under secure parameters they must be
 * caught every time; under the testing parameters the acceptance rate must match the query bound, which
 * shows that the verifier really checks every opened column.
 */
class LigeroSoundnessTest {

    static Ext[] randomPoint(Random rnd, int n) {
        Ext[] r = new Ext[n];
        for (int i = 0; i < n; i++) {
            r[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
        }
        return r;
    }

    /** Corrupts {@code count} distinct columns of row {@code row} of the encoded matrix. */
    static LigeroProver.Adversary corruptRow(int row, int count, long seed) {
        return new LigeroProver.Adversary() {
            @Override
            public void codeword(long[] columnMajor, int rows) {
                Random rnd = new Random(seed);
                int n = columnMajor.length / rows;
                java.util.Set<Integer> hit = new java.util.HashSet<>();
                while (hit.size() < count) {
                    int j = rnd.nextInt(n);
                    if (hit.add(j)) {
                        columnMajor[j * rows + row] = Goldilocks.add(columnMajor[j * rows + row], 1 + rnd.nextInt(1000));
                    }
                }
            }
        };
    }

    static boolean accepts(LigeroParameters params, int n, LigeroProver.Adversary adversary, long seed) {
        return accepts(params, n, adversary, seed, point -> {});
    }

    /** As above, the random point first changed by {@code fix}; a rejection must come from the proximity check. */
    static boolean accepts(LigeroParameters params, int n, LigeroProver.Adversary adversary, long seed,
                           java.util.function.Consumer<Ext[]> fix) {
        Random rnd = new Random(seed);
        long[] table = LigeroTamperTest.randomTable(rnd, n);
        Ext[] point = randomPoint(rnd, n);
        fix.accept(point);
        LigeroProver prover = new LigeroProver(params);
        LigeroProverData data = prover.commit(List.of(table), adversary);
        Opening<LigeroProof> opening = prover.open(data, List.<Ext[]>of(point), LigeroTamperTest.transcript(), adversary);
        try {
            new LigeroVerifier(params).verify(data.commitment(), List.<Ext[]>of(point), opening.values(), opening.proof(),
                    LigeroTamperTest.transcript());
            return true;
        } catch (ProofRejectedException e) {
            assertThat(e.getMessage()).contains("Ligero proximity check failed at column");
            return false;
        }
    }

    @Test
    void aMatrixFarFromTheCodeIsAlwaysCaughtUnderSecureParameters() {
        LigeroParameters secure = LigeroParameters.SECURE_100;
        int n = 12; // 2^12 entries: b = 8 at 148 queries, codewords of 1024
        int b = secure.columnsLog(new int[] {n});
        int codeword = 1 << (b + secure.logInverseRate());
        int rows = 1 << (n - b);
        for (int trial = 0; trial < 12; trial++) {
            // 40% of one row's positions corrupted: more than δ = 37.5%, so no codeword is within δ.
            int row = trial % rows;
            LigeroProver.Adversary adversary = corruptRow(row, codeword * 2 / 5, trial);
            assertThat(accepts(secure, n, adversary, 100 + trial)).as("trial %d", trial).isFalse();
        }
        // A whole row of noise.
        assertThat(accepts(secure, n, corruptRow(0, codeword, 99), 99)).isFalse();
    }

    /**
     * With 18 queries on codewords of 128 positions of which 6 are corrupted, a cheat passes exactly when
     * no query hits a corrupted column: probability C(122, 18)/C(128, 18) ≈ 0.39. Over 300 seeded trials
     * the acceptance rate must lie within 4 standard deviations of that.
     */
    @Test
    void acceptanceRateMatchesTheQueryBound() {
        LigeroParameters fast = LigeroParameters.TESTING_ONLY_INSECURE;
        int n = 8;
        assertThat(fast.columnsLog(new int[] {n})).isEqualTo(5);
        int codeword = 128;
        int corrupted = 6;
        assertAcceptanceRateMatchesTheQueryBound(codeword, corrupted, fast.queries(),
                trial -> accepts(fast, n, corruptRow(trial % 8, corrupted, trial), 5000 + trial));
    }

    /**
     * Over 300 trials, the rate at which {@code accepts} (a cheat with {@code corrupted} of {@code codeword}
     * columns corrupted) is accepted lies within 4 standard deviations of the chance that {@code queries}
     * distinct queries all miss them.
     */
    static void assertAcceptanceRateMatchesTheQueryBound(int codeword, int corrupted, int queries,
                                                         java.util.function.IntPredicate accepts) {
        double expected = 1;
        for (int i = 0; i < queries; i++) {
            expected *= (double) (codeword - corrupted - i) / (codeword - i);
        }
        int trials = 300;
        int accepted = 0;
        for (int trial = 0; trial < trials; trial++) {
            if (accepts.test(trial)) {
                accepted++;
            }
        }
        double rate = (double) accepted / trials;
        double sigma = Math.sqrt(expected * (1 - expected) / trials);
        assertThat(rate).as("acceptance rate, expected %.3f", expected).isBetween(expected - 4 * sigma, expected + 4 * sigma);
    }

    @Test
    void corruptedUnqueriedColumnsAloneDoNotChangeTheEvaluation() {
        // Sanity of the model: a single corrupted column decodes to the honest matrix, so an honest
        // opening that happens not to query it is accepted and its values are the true evaluations.
        LigeroParameters fast = LigeroParameters.TESTING_ONLY_INSECURE;
        int accepted = 0;
        for (int trial = 0; trial < 20; trial++) {
            if (accepts(fast, 8, corruptRow(0, 1, trial), 7000 + trial)) {
                accepted++;
            }
        }
        assertThat(accepted).as("1 of 128 columns corrupted, 18 queried: most openings miss it").isGreaterThan(10);
    }

    @Test
    void falseClaimsAreRejectedUnderSecureParameters() {
        Random rnd = new Random(77);
        long[] table = LigeroTamperTest.randomTable(rnd, 10);
        Ext[] point = randomPoint(rnd, 10);
        LigeroProver prover = new LigeroProver(LigeroParameters.SECURE_100);
        LigeroProverData data = prover.commit(List.of(table));
        Opening<LigeroProof> opening = prover.open(data, List.<Ext[]>of(point), LigeroTamperTest.transcript());
        Ext[] lie = {opening.values()[0].add(Ext.ONE)};
        assertThatThrownBy(() -> new LigeroVerifier(LigeroParameters.SECURE_100).verify(data.commitment(), List.<Ext[]>of(point), lie,
                opening.proof(), LigeroTamperTest.transcript()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("Ligero claim check failed");
    }
}
