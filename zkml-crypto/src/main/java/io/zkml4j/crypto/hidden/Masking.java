package io.zkml4j.crypto.hidden;

import io.zkml4j.crypto.field.Ext;

/**
 * The prover's side of {@link HiddenChecks}: what a prover sends in place of a message value. Applied to
 * every hidden message at the moment it is absorbed into the transcript, in absorption order (the order
 * in which the verifier {@linkplain HiddenChecks#receive receives} it).
 */
public interface Masking {
    /** No zero knowledge: the value itself. */
    Masking NONE = value -> value;

    /** The value to send for {@code value}. */
    Ext hide(Ext value);

    /** Hides interleaved extension pairs, in order (a new array). */
    default long[] hide(long[] pairs) {
        long[] out = new long[pairs.length];
        for (int i = 0; i < pairs.length / 2; i++) {
            hide(Ext.at(pairs, i)).storeAt(out, i);
        }
        return out;
    }

    default Ext[] hide(Ext[] values) {
        Ext[] out = new Ext[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = hide(values[i]);
        }
        return out;
    }
}
