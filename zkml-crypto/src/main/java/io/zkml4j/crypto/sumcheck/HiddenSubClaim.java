package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;

/** {@link SubClaim} on padded messages: the summed polynomial takes {@code expectedValue} at {@code point}. */
public record HiddenSubClaim(Ext[] point, Hidden expectedValue) {
    public HiddenSubClaim {
        point = point.clone();
    }

    @Override
    public Ext[] point() {
        return point.clone();
    }
}
