package io.zkml4j.prover.engine;

import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.transcript.Transcript;

/**
 * The statement every proof is about, absorbed before the first challenge: the protocol id (in the
 * transcript's domain), the verifying-key digest (model commitment, architecture, parameters), the public
 * input if the input is public, and the public output.
 */
public final class Statement {
    public static final String PROTOCOL = "zkml4j/inference/v4";

    private Statement() {}

    /** A fresh transcript with the statement absorbed. {@code publicInput} is null for a private input. */
    public static Transcript transcript(byte[] vkDigest, long[] publicInput, long[] output) {
        return transcript(vkDigest, publicInput, null, output);
    }

    /**
     * @param inputCommitment the root of a hashed input's commitment ({@link InputCommitment}), or null;
     *                        at most one of it and {@code publicInput} is given
     */
    public static Transcript transcript(byte[] vkDigest, long[] publicInput, byte[] inputCommitment, long[] output) {
        Transcript t = new Transcript(PROTOCOL);
        t.absorbBytes("verifying key", vkDigest);
        t.absorbLong("input visibility", publicInput != null ? 1 : inputCommitment != null ? 2 : 0);
        if (publicInput != null) {
            t.absorbFields("public input", field(publicInput));
        }
        if (inputCommitment != null) {
            t.absorbBytes("input commitment", inputCommitment);
        }
        t.absorbFields("public output", field(output));
        return t;
    }

    /** Signed integers as canonical field elements. */
    static long[] field(long[] signed) {
        long[] f = new long[signed.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Goldilocks.fromSigned(signed[i]);
        }
        return f;
    }
}
