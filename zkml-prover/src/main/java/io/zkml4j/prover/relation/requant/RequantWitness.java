package io.zkml4j.prover.relation.requant;

import io.zkml4j.crypto.field.Goldilocks;

/**
 * The committed decomposition behind a Requant relation
 * {@code y = clamp(⌊(x·M + 2^{s−1}) / 2^s⌋, lo, lo + 2^B − 1)}:
 * <pre>
 *   x·M + 2^{s−1} − 2^s·lo + 2^{s+B+15} = Σ_i 2^{8i}·r_i + 2^s·u + 2^{s+B}·h'
 *   r_i ∈ [0, 2^8) (chunks of r),  u ∈ [0, 2^B) (in 8-bit chunks),  h' ∈ [0, 2^16),
 *   c = [h' = 2^15] + 2·[h' > 2^15],   y = lo + c(2 − c)·u + c(c − 1)/2·(2^B − 1)
 * </pre>
 * (for {@code s = 0} the {@code 2^{s−1}} term is absent and there are no remainder chunks). {@code h' − 2^15}
 * is {@code ⌊(q − lo)/2^B⌋}: zero in range, positive above, negative below; so {@code c} says below (0), in
 * (1) or above (2) range. Both sides stay below {@code 2^{s+B+16} ≤ 2^62} (checked by {@link #check}),
 * so the field identity is the integer identity.
 */
public final class RequantWitness {

    /** The remainder {@code r ∈ [0, 2^s)}. */
    public final long[] remainder;
    /** The in-range part {@code u ∈ [0, 2^B)}. */
    public final long[] u;
    /** The high part {@code h' ∈ [0, 2^16)} (a field element at padding positions). */
    public final long[] h;
    /** The comparison {@code c ∈ {0, 1, 2}}. */
    public final long[] c;
    /** The clamped output, as signed integers. */
    public final long[] y;
    /** Wide comparisons ({@code hBits > 16}) only: {@code h' = hLo + 2^L·hHi}, {@code cHi = cmp(hHi, 2^15)}, {@code zero = [hLo = 0]}. */
    public final long[] hLo, hHi, cHi, zero;

    private RequantWitness(int n, boolean wide) {
        remainder = new long[n];
        u = new long[n];
        h = new long[n];
        c = new long[n];
        y = new long[n];
        hLo = wide ? new long[n] : null;
        hHi = wide ? new long[n] : null;
        cHi = wide ? new long[n] : null;
        zero = wide ? new long[n] : null;
    }

    /** Bits of a wide comparison's low part: {@code hBits − 16}. */
    public static int lowBits(int hBits) {
        return hBits - 16;
    }

    /**
     * Checks that a Requant with these parameters can be proved for inputs in {@code [xMin, xMax]}; returns
     * null if so, else the reason.
     */
    public static String check(long multiplier, int shift, int outBits, long lo, long xMin, long xMax, int hBits) {
        if (hBits != 8 && hBits != 16 && hBits != 24 && hBits != 32) {
            return "comparison of " + hBits + " bits; 8, 16, 24 or 32 are provided";
        }
        if (multiplier < 1) {
            return "multiplier " + multiplier + " must be at least 1";
        }
        if (outBits < 0 || outBits > 16) {
            return "output range of 2^" + outBits + " values; provable ranges have 2^0..2^16";
        }
        if (shift < 0 || shift + outBits + hBits > 62) {
            return "shift " + shift + " with a " + outBits + "-bit output exceeds the 2^62 field bound (needs shift <= " + (62 - outBits - hBits) + ")";
        }
        long bound = Math.max(Math.abs(xMin), Math.abs(xMax));
        if (bound != 0 && multiplier > (Long.MAX_VALUE >> 2) / bound) {
            return "accumulator bound " + bound + " times multiplier " + multiplier + " exceeds 2^61";
        }
        long half = shift == 0 ? 0 : 1L << (shift - 1);
        long qMin = Math.floorDiv(xMin * multiplier + half, 1L << shift);
        long qMax = Math.floorDiv(xMax * multiplier + half, 1L << shift);
        long limit = 1L << (outBits + hBits - 1);
        if (qMin - lo < -limit || qMax - lo >= limit) {
            return "rescaled values reach [" + qMin + ", " + qMax + "], beyond ±2^" + (outBits + hBits - 1) + " around the output range";
        }
        return null;
    }

    /**
     * Decomposes every entry of {@code x} (field elements). Real positions ({@code real[i] != 0}) must hold
     * small integers in the provable range; padding positions may hold anything and get the free solution
     * {@code r = u = 0, c = 0, h' = (x·M + C)/2^{s+B}} in the field (they are not looked up).
     */
    public static RequantWitness of(long[] x, long[] real, long multiplier, int shift, int outBits, long lo, int hBits) {
        long center = 1L << (hBits - 1);
        int n = x.length;
        boolean wide = hBits > 16;
        int low = wide ? lowBits(hBits) : 0;
        RequantWitness w = new RequantWitness(n, wide);
        long half = shift == 0 ? 0 : 1L << (shift - 1);
        long width = 1L << outBits;
        long constant = identityConstant(shift, outBits, lo, hBits);
        long m = Goldilocks.fromSigned(multiplier);
        long invHigh = Goldilocks.inv(Goldilocks.pow(2, shift + outBits));
        for (int i = 0; i < n; i++) {
            if (real[i] == 0) {
                w.h[i] = Goldilocks.mul(Goldilocks.add(Goldilocks.mul(x[i], m), constant), invHigh);
                w.y[i] = lo;
                if (wide) { // the free solution: hLo = 0, hHi = h'/2^L, and every comparison 0
                    w.hHi[i] = Goldilocks.mul(w.h[i], Goldilocks.inv(Goldilocks.pow(2, low)));
                }
                continue;
            }
            long xi = Goldilocks.toSigned(x[i]);
            long z = xi * multiplier + half;
            long q = Math.floorDiv(z, 1L << shift);
            long r = z - (q << shift);
            w.remainder[i] = r;
            long rel = q - lo;
            long u = Math.floorMod(rel, width);
            long hi = Math.floorDiv(rel, width) + center;
            if (hi < 0 || hi >= (1L << hBits)) {
                throw new IllegalArgumentException("value " + xi + " rescales to " + q + ", outside the provable range of this Requant");
            }
            w.u[i] = u;
            w.h[i] = hi;
            w.c[i] = hi == center ? 1 : hi > center ? 2 : 0;
            w.y[i] = w.c[i] == 1 ? lo + u : w.c[i] == 2 ? lo + width - 1 : lo;
            if (wide) {
                w.hLo[i] = hi & ((1L << low) - 1);
                w.hHi[i] = hi >>> low;
                w.cHi[i] = w.hHi[i] == (1L << 15) ? 1 : w.hHi[i] > (1L << 15) ? 2 : 0;
                w.zero[i] = w.hLo[i] == 0 ? 1 : 0;
            }
        }
        return w;
    }

    /** The constant {@code 2^{s−1} − 2^s·lo + 2^{s+B+H−1}} of the identity, as a field element. */
    public static long identityConstant(int shift, int outBits, long lo, int hBits) {
        long half = shift == 0 ? 0 : 1L << (shift - 1);
        long a = Goldilocks.fromSigned(half);
        long b = Goldilocks.fromSigned(-lo);
        long twoS = Goldilocks.pow(2, shift);
        return Goldilocks.add(Goldilocks.add(a, Goldilocks.mul(b, twoS)), Goldilocks.pow(2, shift + outBits + hBits - 1));
    }
}
