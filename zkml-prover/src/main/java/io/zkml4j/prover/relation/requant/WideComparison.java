package io.zkml4j.prover.relation.requant;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.SumOfProducts;

/**
 * A wide comparison's c from its parts, shared by prover and verifier: with {@code h' = hLo + 2^L·hHi},
 * {@code cHi = cmp(hHi, 2^15)} and {@code zero = [hLo = 0]} (both from lookups), {@code h'} is at the centre
 * {@code 2^{L+15}} iff {@code hHi} is at 2^15 and {@code hLo = 0}, above it iff {@code hHi} is above or at it
 * with {@code hLo > 0}, and below iff {@code hHi} is below. So
 * <pre>
 *   c = cHi + [cHi = 1]·(1 − zero) = cHi + cHi(2 − cHi)(1 − zero)
 *   0 = c − 3·cHi + 2·cHi·zero + cHi² − cHi²·zero          (tables c, cHi, zero)
 * </pre>
 * proved by a zero-check with eq (degree 4). At padding positions all three are 0.
 */
final class WideComparison {
    private WideComparison() {}

    static SumOfProducts shape() {
        return SumOfProducts.builder(3)
                .term(Ext.ONE, 0)
                .term(Ext.fromBase(3).neg(), 1)
                .term(Ext.fromBase(2), 1, 2)
                .term(Ext.ONE, 1, 1)
                .term(Ext.ONE.neg(), 1, 1, 2)
                .build();
    }
}
