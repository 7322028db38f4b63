package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;

/** {@link EvaluationClaim} whose value may be hidden (a form in padded messages): {@code f~(point) = value}. */
public record HiddenClaim(Ext[] point, Hidden value) {
    public HiddenClaim {
        if (point == null || value == null) {
            throw new IllegalArgumentException("null point or value");
        }
        point = point.clone();
    }

    @Override
    public Ext[] point() {
        return point.clone();
    }

    public int numVars() {
        return point.length;
    }

    /** A public claim as a hidden-claim (its value public). */
    public static HiddenClaim of(EvaluationClaim c) {
        return new HiddenClaim(c.point(), Hidden.of(c.value()));
    }
}
