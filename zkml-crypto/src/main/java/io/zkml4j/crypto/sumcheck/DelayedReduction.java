package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Goldilocks;

/**
 * Sums of products with one modular reduction per sum instead of one per term: 128-bit products are
 * added into a 192-bit accumulator {@code (top, hi, lo)} and reduced at the end with
 * {@code 2^64 ≡ 2^32 - 1} and {@code 2^128 ≡ -2^32 (mod p)}. Each sum here has at most 2^32 terms, so
 * {@code top < 2^32}. For extension operands {@code (a0 + a1·u)(b0 + b1·u)} the coordinates
 * {@code a0·b0 + 7·a1·b1} and {@code a0·b1 + a1·b0} are accumulated as three integer sums.
 */
final class DelayedReduction {
    private static final long EPSILON = 0xFFFF_FFFFL;
    /** 2^32 as a field element: {@code 2^128 ≡ -2^32}. */
    private static final long TWO_POW_32 = 1L << 32;

    private DelayedReduction() {}

    /** {@code Σ_i v[i]}, base field. */
    static long sumBase(long[] v, int len) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < len; i++) {
            long x = v[i];
            long s = lo + x;
            hi += Long.compareUnsigned(s, x) < 0 ? 1 : 0;
            lo = s;
        }
        // hi < 2^32: hi·2^64 + lo ≡ hi·(2^32 - 1) + lo
        return Goldilocks.add(Goldilocks.reduce(lo), Goldilocks.mul(hi, EPSILON));
    }

    /** Coordinate {@code coord} of {@code Σ_i v[i]}, v an interleaved extension vector. */
    static long sumExt(long[] v, int len, int coord) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < len; i++) {
            long x = v[2 * i + coord];
            long s = lo + x;
            hi += Long.compareUnsigned(s, x) < 0 ? 1 : 0;
            lo = s;
        }
        return Goldilocks.add(Goldilocks.reduce(lo), Goldilocks.mul(hi, EPSILON));
    }

    /** {@code Σ_i v[i]·w[w0 + i]} for two extension vectors; writes the two coordinates to {@code out[0..1]}. */
    static void dotExtExt(long[] v, long[] w, int w0, int len, long[] out) {
        Accumulator s00 = new Accumulator(); // Σ a0·b0
        Accumulator s11 = new Accumulator(); // Σ a1·b1
        Accumulator cross = new Accumulator(); // Σ a0·b1 + a1·b0
        for (int i = 0; i < len; i++) {
            long a0 = v[2 * i];
            long a1 = v[2 * i + 1];
            long b0 = w[2 * (w0 + i)];
            long b1 = w[2 * (w0 + i) + 1];
            s00.addProduct(a0, b0);
            s11.addProduct(a1, b1);
            cross.addProduct(a0, b1);
            cross.addProduct(a1, b0);
        }
        out[0] = Goldilocks.add(s00.reduce(), Goldilocks.mul(s11.reduce(), 7));
        out[1] = cross.reduce();
    }

    /** A 192-bit unsigned sum {@code top·2^128 + hi·2^64 + lo} of 128-bit products (at most 2^32 of them). */
    private static final class Accumulator {
        private long lo;
        private long hi;
        private long top;

        void addProduct(long a, long b) {
            long pl = a * b;
            long ph = mulHigh(a, b);
            long s = lo + pl;
            ph += carry(lo, pl, s); // ph <= 2^64 - 2, no overflow
            lo = s;
            s = hi + ph;
            top += carry(hi, ph, s);
            hi = s;
        }

        long reduce() {
            return reduce192(top, hi, lo);
        }
    }

    /** The high 64 bits of the unsigned 128-bit product. */
    private static long mulHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** 1 if the unsigned addition {@code a + b = s} carried, else 0. */
    private static long carry(long a, long b, long s) {
        return ((a & b) | ((a | b) & ~s)) >>> 63;
    }

    /** {@code top·2^128 + hi·2^64 + lo} mod p, for {@code top < 2^32}. */
    static long reduce192(long top, long hi, long lo) {
        // hi·2^64 + lo < 2^128: reduce it via Goldilocks.mul-style folding; top·2^128 ≡ -top·2^32.
        long low = reduce128(hi, lo);
        return Goldilocks.sub(low, Goldilocks.mul(top, TWO_POW_32));
    }

    /** {@code hi·2^64 + lo} mod p with {@code 2^96 ≡ -1}: {@code lo - hh + hl·(2^32 - 1)}. */
    private static long reduce128(long hi, long lo) {
        // hi·2^64 + lo = hh·2^96 + hl·2^64 + lo ≡ lo - hh + hl·(2^32 - 1)
        long hh = hi >>> 32;
        long hl = hi & EPSILON;
        long t = Goldilocks.sub(Goldilocks.reduce(lo), hh);
        return Goldilocks.add(t, Goldilocks.reduce(hl * EPSILON));
    }
}
