package io.zkml4j.crypto.ntt;

import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.field.Unreduced;

/**
 * Radix-2 number-theoretic transforms over {@link Goldilocks}, in place on {@code long[]}.
 *
 * <p>For a power of two {@code n = 2^k} and {@code ω} a primitive n-th root of unity
 * ({@link Goldilocks#rootOfUnity}), the forward transform maps coefficients {@code c_0..c_{n-1}} to the
 * evaluations {@code f(ω^i) = Σ_j c_j ω^{ij}}; the inverse maps them back (with the factor {@code 1/n}).
 * The coset variants evaluate on {@code s·⟨ω⟩} instead, by scaling coefficient {@code j} by {@code s^j}.
 *
 * <p>Two cores do the work: decimation in frequency (Gentleman–Sande), natural-order input to
 * bit-reversed output, and decimation in time (Cooley–Tukey), bit-reversed input to natural output. Each
 * pass over the data does two radix-2 stages (four elements loaded and stored once); the butterflies work on
 * {@link Unreduced} representatives and the outputs are reduced once at the end. The
 * natural-order methods add one bit-reversal permutation; callers that accept bit-reversed evaluations
 * (such as the {@link ReedSolomon} encoder) use the cores directly and skip it. Twiddles come from one
 * cached table, read sequentially in every stage (see {@link Twiddles}).
 *
 * <p>Every method takes an array region {@code [offset, offset + 2^logN)}, so blocks of a larger buffer
 * transform without copying. Sizes go up to {@code 2^}{@link #MAX_LOG_SIZE}.
 */
public final class Ntt {
    /** The largest supported transform size is {@code 2^MAX_LOG_SIZE} (Java arrays are int-indexed). */
    public static final int MAX_LOG_SIZE = 30;

    private Ntt() {}

    /** Coefficients to evaluations at {@code ω^i}, both in natural order. {@code a.length} must be a power of two. */
    public static void forward(long[] a) {
        forward(a, 0, logLength(a));
    }

    public static void forward(long[] a, int offset, int logN) {
        forwardToBitReversed(a, offset, logN);
        bitReverse(a, offset, logN);
    }

    /** Evaluations at {@code ω^i} to coefficients, both in natural order. */
    public static void inverse(long[] a) {
        inverse(a, 0, logLength(a));
    }

    public static void inverse(long[] a, int offset, int logN) {
        bitReverse(a, offset, logN);
        inverseFromBitReversed(a, offset, logN);
    }

    /** Coefficients to evaluations on the coset {@code g·⟨ω⟩} of the multiplicative generator {@code g = 7}. */
    public static void cosetForward(long[] a) {
        cosetForward(a, 0, logLength(a), Goldilocks.GENERATOR);
    }

    /** Coefficients to evaluations at {@code shift·ω^i}, natural order. */
    public static void cosetForward(long[] a, int offset, int logN, long shift) {
        scaleByPowers(a, offset, 1 << logN, shift);
        forward(a, offset, logN);
    }

    /** Evaluations on {@code g·⟨ω⟩} ({@code g = 7}) to coefficients. */
    public static void cosetInverse(long[] a) {
        cosetInverse(a, 0, logLength(a), Goldilocks.GENERATOR);
    }

    /** Evaluations at {@code shift·ω^i} to coefficients; {@code shift} must be non-zero. */
    public static void cosetInverse(long[] a, int offset, int logN, long shift) {
        inverse(a, offset, logN);
        scaleByPowers(a, offset, 1 << logN, Goldilocks.inv(shift));
    }

    /**
     * Decimation in frequency: natural-order coefficients to evaluations in bit-reversed order, position
     * {@code i} holding {@code f(ω^{rev(i)})} where {@code rev} reverses the low {@code logN} bits.
     */
    public static void forwardToBitReversed(long[] a, int offset, int logN) {
        checkRegion(a, offset, logN);
        int n = 1 << logN;
        long[] tw = Twiddles.forward(logN);
        int h = n >>> 1;
        for (; h >= 2; h >>>= 2) {
            difPass(a, offset, n, h, tw);
        }
        if (h == 1) {
            lastStage(a, offset, n);
        }
        reduceAll(a, offset, n);
    }

    /**
     * Two decimation-in-frequency stages in one pass over the data: half-size {@code h}, then {@code h/2}.
     * Each group of four elements {@code i0 < i1 < i2 < i3} (spaced {@code h/2}) is loaded once.
     */
    private static void difPass(long[] a, int offset, int n, int h, long[] tw) {
        int q = h >>> 1;
        for (int s = offset, end = offset + n; s < end; s += 2 * h) {
            for (int j = 0; j < q; j++) {
                int i0 = s + j;
                int i1 = i0 + q;
                int i2 = i0 + h;
                int i3 = i2 + q;
                long x0 = a[i0], x1 = a[i1], x2 = a[i2], x3 = a[i3];
                long w = tw[q + j];
                long y0 = Unreduced.add(x0, x2);
                long y1 = Unreduced.add(x1, x3);
                long y2 = Unreduced.mul(Unreduced.sub(x0, x2), tw[h + j]);
                long y3 = Unreduced.mul(Unreduced.sub(x1, x3), tw[h + j + q]);
                a[i0] = Unreduced.add(y0, y1);
                a[i1] = Unreduced.mul(Unreduced.sub(y0, y1), w);
                a[i2] = Unreduced.add(y2, y3);
                a[i3] = Unreduced.mul(Unreduced.sub(y2, y3), w);
            }
        }
    }

    /**
     * Decimation in time with inverse twiddles, then the factor {@code 1/n}: evaluations in bit-reversed
     * order (as {@link #forwardToBitReversed} leaves them) to natural-order coefficients.
     */
    public static void inverseFromBitReversed(long[] a, int offset, int logN) {
        checkRegion(a, offset, logN);
        int n = 1 << logN;
        long[] tw = Twiddles.inverse(logN);
        int h = 1;
        if ((logN & 1) == 1) {
            lastStage(a, offset, n);
            h = 2;
        }
        for (; h < n; h <<= 2) {
            ditPass(a, offset, n, h, tw);
        }
        long nInv = Goldilocks.inv(n);
        for (int i = offset, end = offset + n; i < end; i++) {
            a[i] = Unreduced.reduce(Unreduced.mul(a[i], nInv));
        }
    }

    /** Two decimation-in-time stages in one pass: half-size {@code h}, then {@code 2h}. */
    private static void ditPass(long[] a, int offset, int n, int h, long[] tw) {
        for (int s = offset, end = offset + n; s < end; s += 4 * h) {
            for (int j = 0; j < h; j++) {
                int i0 = s + j;
                int i1 = i0 + h;
                int i2 = i1 + h;
                int i3 = i2 + h;
                long w = tw[h + j];
                long x0 = a[i0];
                long x1 = Unreduced.mul(a[i1], w);
                long x2 = a[i2];
                long x3 = Unreduced.mul(a[i3], w);
                long y0 = Unreduced.add(x0, x1);
                long y1 = Unreduced.sub(x0, x1);
                long y2 = Unreduced.mul(Unreduced.add(x2, x3), tw[2 * h + j]);
                long y3 = Unreduced.mul(Unreduced.sub(x2, x3), tw[3 * h + j]);
                a[i0] = Unreduced.add(y0, y2);
                a[i2] = Unreduced.sub(y0, y2);
                a[i1] = Unreduced.add(y1, y3);
                a[i3] = Unreduced.sub(y1, y3);
            }
        }
    }

    /** The stage of half-size 1, whose only twiddle is 1: plain add/sub butterflies on adjacent pairs. */
    private static void lastStage(long[] a, int offset, int n) {
        for (int s = offset, end = offset + n; s < end; s += 2) {
            long x = a[s];
            long y = a[s + 1];
            a[s] = Unreduced.add(x, y);
            a[s + 1] = Unreduced.sub(x, y);
        }
    }

    /** Brings the unreduced butterfly outputs back to canonical form. */
    private static void reduceAll(long[] a, int offset, int n) {
        for (int i = offset, end = offset + n; i < end; i++) {
            a[i] = Unreduced.reduce(a[i]);
        }
    }

    /** Permutes the region so that position {@code i} and position {@code rev(i)} swap. */
    public static void bitReverse(long[] a, int offset, int logN) {
        checkRegion(a, offset, logN);
        if (logN == 0) {
            return;
        }
        int n = 1 << logN;
        int shift = 32 - logN;
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> shift;
            if (i < j) {
                long t = a[offset + i];
                a[offset + i] = a[offset + j];
                a[offset + j] = t;
            }
        }
    }

    /** {@code a[offset + j] *= s^j} for {@code j < n}. */
    static void scaleByPowers(long[] a, int offset, int n, long s) {
        long p = 1;
        for (int j = 0; j < n; j++) {
            a[offset + j] = Goldilocks.mul(a[offset + j], p);
            p = Goldilocks.mul(p, s);
        }
    }

    private static int logLength(long[] a) {
        int n = a.length;
        if (n == 0 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("NTT length must be a power of two, got " + n);
        }
        return Integer.numberOfTrailingZeros(n);
    }

    private static void checkRegion(long[] a, int offset, int logN) {
        if (logN < 0 || logN > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("NTT size 2^" + logN + " outside [2^0, 2^" + MAX_LOG_SIZE + "]");
        }
        if (offset < 0 || offset > a.length - (1 << logN)) {
            throw new IllegalArgumentException("NTT region [" + offset + ", " + offset + " + 2^" + logN
                    + ") outside an array of " + a.length);
        }
    }
}
