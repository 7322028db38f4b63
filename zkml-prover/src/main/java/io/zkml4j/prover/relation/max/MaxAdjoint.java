package io.zkml4j.prover.relation.max;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.layout.PaddedShape;

/** The verifier's evaluation of {@code A~(t) = Σ_k μ^k Σ_{o: tap_k(o) = q} eq(s, o)·eq(t, q)}, in O(K·|y|). */
final class MaxAdjoint {
    private MaxAdjoint() {}

    /** Returns {@code A~(t)} as a one-element extension array. */
    static long[] evaluate(Circuit c, MaxLayer layer, Ext[] s, Ext mu, Ext[] t) {
        PaddedShape xs = c.tensor(layer.x()).shape();
        PaddedShape ys = c.tensor(layer.y()).shape();
        long[] eqS = Multilinear.eqTable(s);
        long[] eqT = Multilinear.eqTable(t);
        int n = ys.size();
        long a0 = 0, a1 = 0;
        Ext muK = Ext.ONE;
        for (int k = 0; k < layer.tapCount(); k++) {
            long k0 = 0, k1 = 0;
            for (int o = 0; o < n; o++) {
                int q = layer.taps()[k * n + o];
                if (q >= 0) {
                    int p = ys.paddedIndexOfFlat(o);
                    int qi = xs.paddedIndexOfFlat(q);
                    k0 = Goldilocks.add(k0, Ext.mulC0(eqS[2 * p], eqS[2 * p + 1], eqT[2 * qi], eqT[2 * qi + 1]));
                    k1 = Goldilocks.add(k1, Ext.mulC1(eqS[2 * p], eqS[2 * p + 1], eqT[2 * qi], eqT[2 * qi + 1]));
                }
            }
            a0 = Goldilocks.add(a0, Ext.mulC0(k0, k1, muK.c0, muK.c1));
            a1 = Goldilocks.add(a1, Ext.mulC1(k0, k1, muK.c0, muK.c1));
            muK = muK.mul(mu);
        }
        return new long[] {a0, a1};
    }
}
