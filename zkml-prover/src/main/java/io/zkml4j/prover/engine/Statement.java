package io.zkml4j.prover.engine;

import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.transcript.Transcript;

/**
 * The statement every proof is about, absorbed before the first challenge: the protocol id (in the
 * transcript's domain), the verifying-key digest (model commitment, architecture, parameters), the public
 * input if the input is public, and the public output.
 */
public final class Statement {
    public static final String PROTOCOL = "zkml4j/inference/v5";

    private Statement() {}

    /**
     * What a proof is about, besides its key: the input (public values, a hashed input's commitment, or
     * neither for a private input) and the output (public values, or a hashed output's commitment).
     */
    public record Claimed(long[] publicInput, byte[] inputCommitment, long[] output, byte[] outputCommitment) {
        public Claimed {
            if (publicInput != null && inputCommitment != null) {
                throw new IllegalArgumentException("an input is public or hashed, not both");
            }
            if ((output == null) == (outputCommitment == null)) {
                throw new IllegalArgumentException("an output is public or hashed, one of the two");
            }
        }

        /** A public output, and a public ({@code publicInput}) or private (null) input. */
        public static Claimed of(long[] publicInput, long[] output) {
            return new Claimed(publicInput, null, output, null);
        }
    }

    /** A fresh transcript with the statement absorbed. {@code publicInput} is null for a private input. */
    public static Transcript transcript(byte[] vkDigest, long[] publicInput, long[] output) {
        return transcript(vkDigest, Claimed.of(publicInput, output));
    }

    public static Transcript transcript(byte[] vkDigest, Claimed st) {
        Transcript t = new Transcript(PROTOCOL);
        t.absorbBytes("verifying key", vkDigest);
        t.absorbLong("input visibility", st.publicInput() != null ? 1 : st.inputCommitment() != null ? 2 : 0);
        if (st.publicInput() != null) {
            t.absorbFields("public input", field(st.publicInput()));
        }
        if (st.inputCommitment() != null) {
            t.absorbBytes("input commitment", st.inputCommitment());
        }
        t.absorbLong("output visibility", st.output() != null ? 1 : 2);
        if (st.output() != null) {
            t.absorbFields("public output", field(st.output()));
        } else {
            t.absorbBytes("output commitment", st.outputCommitment());
        }
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
