package io.zkml4j.prover.relation.requant;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.sumcheck.SumOfProducts;

/**
 * The Requant output as a polynomial in its committed parts, shared by prover and verifier:
 * <pre>
 *   y − lo = c(2 − c)·u + c(c − 1)/2·(2^B − 1),   u = Σ_k 2^{wk}·u_k   (w the chunk width)
 *          = Σ_k 2^{wk+1}·c·u_k − Σ_k 2^{wk}·c·c·u_k + K·c·c − K·c,   K = (2^B − 1)/2
 * </pre>
 * Tables, in order: {@code [g,] c, u_0, ..., u_{m−1}} where {@code g} (the merged-claims weight) is present
 * unless the sumcheck carries a single claim's {@code eq} factor itself.
 */
final class ClampPolynomial {
    private ClampPolynomial() {}

    static SumOfProducts shape(int uChunks, int width, int outBits, boolean withWeightTable) {
        int off = withWeightTable ? 1 : 0;
        int c = off;
        SumOfProducts.Builder b = SumOfProducts.builder(off + 1 + uChunks);
        long k = Goldilocks.mul(Goldilocks.sub(Goldilocks.pow(2, outBits), 1), Goldilocks.inv(2));
        for (int j = 0; j < uChunks; j++) {
            int u = off + 1 + j;
            b.term(Ext.fromBase(Goldilocks.pow(2, width * j + 1)), factors(withWeightTable, c, u));
            b.term(Ext.fromBase(Goldilocks.neg(Goldilocks.pow(2, width * j))), factors(withWeightTable, c, c, u));
        }
        b.term(Ext.fromBase(k), factors(withWeightTable, c, c));
        b.term(Ext.fromBase(Goldilocks.neg(k)), factors(withWeightTable, c));
        return b.build();
    }

    private static int[] factors(boolean withWeightTable, int... f) {
        if (!withWeightTable) {
            return f;
        }
        int[] out = new int[f.length + 1];
        out[0] = 0;
        System.arraycopy(f, 0, out, 1, f.length);
        return out;
    }
}
