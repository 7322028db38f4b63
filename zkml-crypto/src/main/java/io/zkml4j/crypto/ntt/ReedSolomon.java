package io.zkml4j.crypto.ntt;

import io.zkml4j.crypto.field.Goldilocks;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Reed–Solomon encoding over {@link Goldilocks}: a message {@code x_0..x_{m-1}} ({@code m = 2^logM}) is
 * read as the coefficients of {@code f(X) = Σ x_i X^i}, and its codeword is the evaluation of {@code f}
 * on the subgroup of order {@code N = m·2^L} (inverse rate {@code 2^L}), <b>in bit-reversed order</b>:
 * position {@code p} holds {@code f(ω_N^{rev(p)})}, {@code rev} reversing the low {@code log N} bits.
 * Any fixed order of the evaluation points is the same code; this one needs no permutation pass.
 *
 * <p>Because {@code f} has degree below {@code m}, the first {@code L} stages of a size-N decimation in
 * frequency collapse: block {@code c} of {@code m} positions holds {@code x_i·s_c^i} with
 * {@code s_c = ω_N^{rev_L(c)}}, and the remaining stages are a size-m transform of each block (the
 * evaluation of {@code f} on the coset {@code s_c·⟨ω_m⟩}). The encoder does exactly that: {@code 2^L}
 * scaled copies and {@code 2^L} transforms of size {@code m}, about {@code L/(log m + L)} less work than
 * one transform of the zero-padded message. The coset powers {@code s_c^i} are cached per shape.
 *
 * <p>The code is linear and has minimum distance {@code N - m + 1}. Extension-field messages encode
 * coordinate by coordinate ({@link #encodeExt}) because the coefficients of the code are in the base field.
 */
public final class ReedSolomon {
    private static final ConcurrentHashMap<Integer, long[]> COSET_POWERS = new ConcurrentHashMap<>();

    private ReedSolomon() {}

    /** The codeword of {@code message} (length a power of two) at inverse rate {@code 2^logBlowup}. */
    public static long[] encode(long[] message, int logBlowup) {
        int logM = log2(message.length);
        long[] out = new long[message.length << logBlowup];
        encode(message, 0, logM, logBlowup, out, 0);
        return out;
    }

    /**
     * Encodes {@code message[msgOffset, msgOffset + 2^logM)} into
     * {@code out[outOffset, outOffset + 2^(logM + logBlowup))}.
     */
    public static void encode(long[] message, int msgOffset, int logM, int logBlowup, long[] out, int outOffset) {
        if (logBlowup < 0 || logM < 0 || logM + logBlowup > Ntt.MAX_LOG_SIZE) {
            throw new IllegalArgumentException("codeword size 2^(" + logM + " + " + logBlowup + ") unsupported");
        }
        int m = 1 << logM;
        if (msgOffset < 0 || msgOffset > message.length - m || outOffset < 0 || outOffset > out.length - (m << logBlowup)) {
            throw new IllegalArgumentException("message or codeword region outside its array");
        }
        long[] powers = cosetPowers(logM, logBlowup);
        int blocks = 1 << logBlowup;
        System.arraycopy(message, msgOffset, out, outOffset, m); // block 0: s_0 = 1
        for (int c = 1; c < blocks; c++) {
            int base = c * m;
            int o = outOffset + base;
            for (int i = 0; i < m; i++) {
                out[o + i] = Goldilocks.mul(message[msgOffset + i], powers[base + i]);
            }
        }
        for (int c = 0; c < blocks; c++) {
            Ntt.forwardToBitReversed(out, outOffset + c * m, logM);
        }
    }

    /** The codeword of an extension-field message given as interleaved pairs, as interleaved pairs. */
    public static long[] encodeExt(long[] pairs, int logBlowup) {
        int m = pairs.length >> 1;
        long[] c0 = new long[m];
        long[] c1 = new long[m];
        for (int i = 0; i < m; i++) {
            c0[i] = pairs[2 * i];
            c1[i] = pairs[2 * i + 1];
        }
        long[] e0 = encode(c0, logBlowup);
        long[] e1 = encode(c1, logBlowup);
        long[] out = new long[2 * e0.length];
        for (int i = 0; i < e0.length; i++) {
            out[2 * i] = e0[i];
            out[2 * i + 1] = e1[i];
        }
        return out;
    }

    /** The evaluation point of codeword position {@code p} for codewords of length {@code 2^logN}. */
    public static long evaluationPoint(int p, int logN) {
        int rev = logN == 0 ? 0 : Integer.reverse(p) >>> (32 - logN);
        return Goldilocks.pow(Goldilocks.rootOfUnity(logN), rev);
    }

    /** {@code s_c^i} at index {@code c·m + i}, {@code s_c = ω_N^{rev_L(c)}}; entries of block 0 are unused. */
    private static long[] cosetPowers(int logM, int logBlowup) {
        return COSET_POWERS.computeIfAbsent((logM << 8) | logBlowup, key -> {
            int m = 1 << logM;
            int blocks = 1 << logBlowup;
            long omega = Goldilocks.rootOfUnity(logM + logBlowup);
            long[] powers = new long[m * blocks];
            for (int c = 0; c < blocks; c++) {
                int rev = logBlowup == 0 ? 0 : Integer.reverse(c) >>> (32 - logBlowup);
                long s = Goldilocks.pow(omega, rev);
                long p = 1;
                for (int i = 0; i < m; i++) {
                    powers[c * m + i] = p;
                    p = Goldilocks.mul(p, s);
                }
            }
            return powers;
        });
    }

    private static int log2(int n) {
        if (n == 0 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("message length must be a power of two, got " + n);
        }
        return Integer.numberOfTrailingZeros(n);
    }
}
