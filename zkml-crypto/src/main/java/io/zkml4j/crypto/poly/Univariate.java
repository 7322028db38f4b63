package io.zkml4j.crypto.poly;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;

/**
 * Univariate polynomials of degree at most d given by their values at {@code 0, 1, ..., d}, the form in
 * which sumcheck round messages travel. Evaluation at a point uses the barycentric Lagrange formula
 * {@code p(r) = Σ_i p(i)·Π_{j≠i} (r - j)/(i - j)}.
 */
public final class Univariate {
    private Univariate() {}

    /** {@code p(r)} for the polynomial with values {@code evals[i] = p(i)} (interleaved extension pairs). */
    public static Ext evaluateFromPoints(long[] evals, Ext r) {
        int n = evals.length >> 1;
        if (n == 0) {
            throw new IllegalArgumentException("no evaluations");
        }
        // If r is one of the nodes, return that value directly.
        if (r.c1 == 0 && Long.compareUnsigned(r.c0, n) < 0) {
            return Ext.at(evals, (int) r.c0);
        }
        Ext[] w = lagrangeWeights(n, r);
        Ext sum = Ext.ZERO;
        for (int i = 0; i < n; i++) {
            sum = sum.add(Ext.at(evals, i).mul(w[i]));
        }
        return sum;
    }

    /**
     * The weights {@code L_i(r) = Π_{j≠i} (r - j)/(i - j)} of the nodes {@code 0 .. n-1}: {@code p(r) = Σ_i L_i(r)·p(i)}
     * for every p of degree below n (at a node r = k, the unit vector e_k).
     */
    public static Ext[] lagrangeWeights(int n, Ext r) {
        Ext[] w = new Ext[n];
        if (r.c1 == 0 && Long.compareUnsigned(r.c0, n) < 0) {
            java.util.Arrays.fill(w, Ext.ZERO);
            w[(int) r.c0] = Ext.ONE;
            return w;
        }
        // prefix[i] = Π_{j<i} (r - j), suffix[i] = Π_{j>i} (r - j)
        Ext[] prefix = new Ext[n];
        Ext[] suffix = new Ext[n];
        Ext acc = Ext.ONE;
        for (int i = 0; i < n; i++) {
            prefix[i] = acc;
            acc = acc.mul(r.sub(Ext.fromBase(i)));
        }
        acc = Ext.ONE;
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = acc;
            acc = acc.mul(r.sub(Ext.fromBase(i)));
        }
        for (int i = 0; i < n; i++) {
            // denominator Π_{j≠i} (i - j) = i! · (n-1-i)! · (-1)^(n-1-i)
            long denom = Goldilocks.mul(factorial(i), factorial(n - 1 - i));
            if (((n - 1 - i) & 1) == 1) {
                denom = Goldilocks.neg(denom);
            }
            w[i] = prefix[i].mul(suffix[i]).mulBase(Goldilocks.inv(denom));
        }
        return w;
    }

    private static long factorial(int k) {
        long f = 1;
        for (int i = 2; i <= k; i++) {
            f = Goldilocks.mul(f, i);
        }
        return f;
    }
}
