package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
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
        Ext lambda = Ext.of(12345, 678);
        long[] h = ClaimBatchProver.weights(claims, lambda, n, 1 << n);
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
        assertThat(h).containsExactly(dense);
    }
}
