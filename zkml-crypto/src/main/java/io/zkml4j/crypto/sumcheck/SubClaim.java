package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Ext;

/**
 * What a sumcheck verification leaves to the caller: the polynomial summed must take
 * {@code expectedValue} at {@code point} (the round challenges, {@code point[k]} binding variable k).
 * The caller checks it, e.g. {@code expectedValue == shape.evaluate(f_j(point) ...)} with table
 * evaluations obtained from commitments or from the next layer of a protocol.
 */
public record SubClaim(Ext[] point, Ext expectedValue) {
    public SubClaim {
        point = point.clone();
    }

    @Override
    public Ext[] point() {
        return point.clone();
    }
}
