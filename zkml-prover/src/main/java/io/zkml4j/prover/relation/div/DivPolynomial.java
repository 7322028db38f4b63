package io.zkml4j.prover.relation.div;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.prover.plan.WitnessPlan;

/**
 * The Div zero-check, shared by prover and verifier: at every real position,
 * {@code 2^k·a − y·b − r = 0} and {@code b − 1 − r − t = 0}, combined with a challenge γ and weighted by
 * the real-position selector:
 * <pre>
 *   Σ_x eq(τ, x)·sel(x)·[2^k a − (lo + Σ_j 2^{8j} y_j)·b − Σ_j 2^{8j} r_j + γ·(b − 1 − Σ_j 2^{8j} r_j − Σ_j 2^{8j} t_j)] = 0
 * </pre>
 * Tables, in order: {@code sel, a, b, y_0.., r_0.., t_0..}.
 */
final class DivPolynomial {
    private DivPolynomial() {}

    static int tableCount(WitnessPlan.DivSlots s) {
        return 3 + s.quotient().count() + s.remainder().count() + s.slack().count();
    }

    static SumOfProducts shape(WitnessPlan.DivSlots s, int k, long yLo, Ext gamma) {
        SumOfProducts.Builder b = SumOfProducts.builder(tableCount(s));
        int sel = 0, a = 1, bb = 2;
        b.term(Ext.fromBase(Goldilocks.pow(2, k)), sel, a);
        b.term(Ext.fromBase(Goldilocks.neg(Goldilocks.fromSigned(yLo))).add(gamma), sel, bb);
        b.term(gamma.neg(), sel);
        int next = 3;
        for (int j = 0; j < s.quotient().count(); j++) {
            b.term(Ext.fromBase(Goldilocks.neg(Goldilocks.pow(2, 8 * j))), sel, next++, bb);
        }
        Ext onePlusGamma = Ext.ONE.add(gamma);
        for (int j = 0; j < s.remainder().count(); j++) {
            b.term(onePlusGamma.mulBase(Goldilocks.pow(2, 8 * j)).neg(), sel, next++);
        }
        for (int j = 0; j < s.slack().count(); j++) {
            b.term(gamma.mulBase(Goldilocks.pow(2, 8 * j)).neg(), sel, next++);
        }
        return b.build();
    }

    /** Slots of the chunk tables, in table order after {@code sel, a, b}. */
    static int[] chunkSlots(WitnessPlan.DivSlots s) {
        int[] out = new int[tableCount(s) - 3];
        int i = 0;
        for (int v : s.quotient().slots()) {
            out[i++] = v;
        }
        for (int v : s.remainder().slots()) {
            out[i++] = v;
        }
        for (int v : s.slack().slots()) {
            out[i++] = v;
        }
        return out;
    }

    /** {@code lo + Σ_j 2^{8j}·y_j}: the quotient from its chunk values. */
    static Hidden quotient(long yLo, Hidden[] chunks) {
        Hidden acc = Hidden.ofBase(Goldilocks.fromSigned(yLo));
        for (int j = 0; j < chunks.length; j++) {
            acc = acc.add(chunks[j].mulBase(Goldilocks.pow(2, 8 * j)));
        }
        return acc;
    }
}
