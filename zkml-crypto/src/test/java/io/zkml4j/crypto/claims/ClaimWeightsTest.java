package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The sub-cube shortcut for building Σ λ^i eq(r_i, ·) equals the dense sum. */
class ClaimWeightsTest {
    @Test
    void subCubeWeightsEqualTheDenseSum() {
        Random rnd = new Random(17);
        int n = 7;
        List<EvaluationClaim> claims = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Ext[] p = new Ext[n];
            int free = rnd.nextInt(n + 1);
            for (int k = 0; k < n; k++) {
                p[k] = k < free ? Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()))
                        : (rnd.nextBoolean() ? Ext.ONE : Ext.ZERO);
            }
            if (i % 3 == 0 && !claims.isEmpty()) {
                p = claims.get(claims.size() - 1).point(); // repeated points share a cached table
            }
            claims.add(new EvaluationClaim(p, Ext.ZERO));
        }
        assertThat(ClaimBatchProver.weights(claims, Ext.of(12345, 678), n, 1 << n, Parallelism.SEQUENTIAL)).containsExactly(dense(claims, Ext.of(12345, 678), n));
    }

    /**
     * Claims on one matrix at several output columns and one contracted point (the MatMul's weight claims)
     * share the top coordinates of their points; with claims on a sub-block and at a fully random point too.
     */
    @Test
    void claimsSharingTheirTopCoordinatesFactorOut() {
        Random rnd = new Random(23);
        int n = 9;
        Ext[] top = {rand(rnd), rand(rnd), rand(rnd), rand(rnd)};
        List<EvaluationClaim> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Ext[] p = new Ext[n];
            for (int k = 0; k < 4; k++) {
                p[k] = i == 3 ? claims.get(0).point()[k] : rand(rnd); // the last repeats the first's low part
            }
            System.arraycopy(top, 0, p, 4, 4);
            p[8] = Ext.ZERO; // the first half of the table
            claims.add(new EvaluationClaim(p, Ext.ZERO));
        }
        Ext[] inner = new Ext[n];
        for (int k = 0; k < n; k++) {
            inner[k] = k < 3 ? rand(rnd) : (k == 8 ? Ext.ZERO : Ext.ONE); // a block inside the first half
        }
        claims.add(new EvaluationClaim(inner, Ext.ZERO));
        Ext[] everywhere = new Ext[n];
        for (int k = 0; k < n; k++) {
            everywhere[k] = rand(rnd);
        }
        claims.add(new EvaluationClaim(everywhere, Ext.ZERO));
        Ext lambda = Ext.of(777, 4242);
        assertThat(ClaimBatchProver.weights(claims, lambda, n, 1 << n, Parallelism.SEQUENTIAL)).containsExactly(dense(claims, lambda, n));
        assertThat(ClaimBatchProver.weights(claims, lambda, n, 1 << n, new Parallelism(3)))
                .as("untouched blocks built in parallel, overlapping ones added after").containsExactly(dense(claims, lambda, n));
        assertThat(ClaimBatchProver.weights(claims.subList(0, 4), lambda, n, 1 << (n - 1), Parallelism.SEQUENTIAL))
                .containsExactly(java.util.Arrays.copyOf(dense(claims.subList(0, 4), lambda, n), 2 << (n - 1)));
    }

    private static Ext rand(Random rnd) {
        return Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
    }

    /** Σ λ^i eq(r_i, ·), entry by entry. */
    private static long[] dense(List<EvaluationClaim> claims, Ext lambda, int n) {
        long[] dense = new long[2 << n];
        Ext power = Ext.ONE;
        for (EvaluationClaim c : claims) {
            long[] eq = Multilinear.eqTable(c.point());
            for (int j = 0; j < (1 << n); j++) {
                Ext v = Ext.at(dense, j).add(Ext.at(eq, j).mul(power));
                v.storeAt(dense, j);
            }
            power = power.mul(lambda);
        }
        return dense;
    }
}
