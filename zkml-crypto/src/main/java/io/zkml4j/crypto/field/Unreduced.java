package io.zkml4j.crypto.field;

/**
 * Goldilocks arithmetic on <em>unreduced</em> representatives: any 64-bit word {@code x} stands for
 * {@code x mod p}, so values in {@code [p, 2^64)} are allowed as inputs and may come out. Hot loops (NTT
 * butterflies, row combinations) chain these operations and call {@link #reduce} once per output, saving
 * the canonical comparison that every {@link Goldilocks} operation ends with.
 *
 * <p>The common carry or borrow (half of all random inputs) is computed with bit arithmetic, not a
 * conditional: inside large loop bodies the JIT keeps conditionals as branches, and a data-dependent
 * carry mispredicts half of the time. The second carry or borrow, possible only when an input is at
 * least {@code p - 2^32}-ish (probability about 2^-32 on random data), is a predictable branch.
 */
public final class Unreduced {
    private static final long EPSILON = Goldilocks.EPSILON;

    private Unreduced() {}

    /** A representative of {@code a + b}. */
    public static long add(long a, long b) {
        long s = a + b;
        long e = (-(((a & b) | ((a | b) & ~s)) >>> 63)) >>> 32; // 2^64 mod p if a + b wrapped, else 0
        long t = s + e;
        if (Long.compareUnsigned(t, e) < 0) { // wrapped again: both inputs were close to 2^64
            t += EPSILON;
        }
        return t;
    }

    /** A representative of {@code a - b}. */
    public static long sub(long a, long b) {
        long d = a - b;
        long e = (((~a & b) | ((~a | b) & d)) >> 63) >>> 32; // 2^64 mod p if a - b wrapped, else 0
        long t = d - e;
        if (Long.compareUnsigned(d, e) < 0) { // wrapped again: b was at least p
            t -= EPSILON;
        }
        return t;
    }

    /**
     * A representative of {@code a·b}: the 128-bit product {@code hi·2^64 + lo} reduced with
     * {@code 2^64 = 2^32 - 1} and {@code 2^96 = -1 (mod p)}, without the final comparison with p.
     */
    public static long mul(long a, long b) {
        long lo = a * b;
        long hi = Goldilocks.unsignedMultiplyHigh(a, b);
        long hiHi = hi >>> 32;
        long hiLo = hi & EPSILON;
        long t0 = lo - hiHi;
        if (Long.compareUnsigned(lo, hiHi) < 0) { // borrow (rare: hiHi < 2^32): t0 >= 2^64 - 2^32, no second one
            t0 -= EPSILON;
        }
        long t1 = (hiLo << 32) - hiLo; // hiLo·(2^32 - 1) < 2^64 - 2^33 + 2
        long t2 = t0 + t1;
        return t2 + (Long.compareUnsigned(t2, t1) < 0 ? EPSILON : 0); // carry: no second one, see t1's bound
    }

    /** The canonical element {@code x mod p} (one subtraction: 2^64 < 2p). */
    public static long reduce(long x) {
        return Long.compareUnsigned(x, Goldilocks.P) >= 0 ? x - Goldilocks.P : x;
    }
}
