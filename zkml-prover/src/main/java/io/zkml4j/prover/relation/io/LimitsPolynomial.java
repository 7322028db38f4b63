package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.SumOfProducts;

/**
 * The polynomials of {@link LimitsProver}'s two sumchecks, shared by prover and verifier (the math is
 * there). Tables, in order: {@code sel, T, a, b}.
 */
final class LimitsPolynomial {
    private LimitsPolynomial() {}

    /** The zero-check's shape (without eq). */
    static SumOfProducts zero(long lo, long hi, Ext gamma) {
        int sel = 0, t = 1, a = 2, b = 3;
        Ext loE = Ext.fromBase(lo), hiE = Ext.fromBase(hi);
        return SumOfProducts.builder(4)
                .term(Ext.ONE.sub(gamma), sel, t)
                .term(gamma.mul(hiE).sub(loE), sel)
                .term(Ext.ONE.neg(), sel, t, t, a)
                .term(loE.mulBase(2), sel, t, a)
                .term(loE.mul(loE).neg(), sel, a)
                .term(gamma.mul(hiE).mul(hiE).neg(), sel, b)
                .term(gamma.mul(hiE).mulBase(2), sel, t, b)
                .term(gamma.neg(), sel, t, t, b)
                .build();
    }

    /** The count's shape; where the range is a single value, only its low side counts (a value is at both). */
    static SumOfProducts count(long lo, long hi) {
        int sel = 0, t = 1, a = 2, b = 3;
        SumOfProducts.Builder s = SumOfProducts.builder(4)
                .term(Ext.fromBase(lo == hi ? 1 : 2), sel)
                .term(Ext.ONE.neg(), sel, t, a)
                .term(Ext.fromBase(lo), sel, a);
        if (lo != hi) {
            s.term(Ext.fromBase(hi).neg(), sel, b).term(Ext.ONE, sel, t, b);
        } else {
            s.term(Ext.ZERO, sel, b); // b still a table of the shape (and claimed), with no weight
        }
        return s.build();
    }
}
