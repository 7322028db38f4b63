package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.field.Ext;

import java.util.Arrays;

/**
 * The claim "the multilinear extension of some table takes {@code value} at {@code point}" ({@code point[k]}
 * binds variable k, little-endian). Which table is meant is the holder's business: protocols return
 * these for the caller to discharge against a commitment or to pass to the next layer.
 * Equality compares the point coordinate by coordinate.
 */
public record EvaluationClaim(Ext[] point, Ext value) {
    public EvaluationClaim {
        if (point == null || value == null) {
            throw new IllegalArgumentException("null point or value");
        }
        point = point.clone();
        for (Ext e : point) {
            if (e == null) {
                throw new IllegalArgumentException("null coordinate in point");
            }
        }
    }

    @Override
    public Ext[] point() {
        return point.clone();
    }

    public int numVars() {
        return point.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationClaim c && Arrays.equals(point, c.point) && value.equals(c.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(point) + value.hashCode();
    }

    @Override
    public String toString() {
        return "f" + Arrays.toString(point) + " = " + value;
    }
}
