package io.zkml4j.crypto.field;

/**
 * The Goldilocks prime field F_p, p = 2^64 - 2^32 + 1, on primitive {@code long}s.
 *
 * <p>An element is a {@code long} read as an unsigned 64-bit integer in canonical form {@code [0, p)}.
 * Every operation here takes canonical inputs and returns canonical outputs. Reduction uses
 * 2^64 = 2^32 - 1 (mod p) and 2^96 = -1 (mod p): a 128-bit product {@code hi·2^64 + lo} with
 * {@code hi = hh·2^32 + hl} reduces to {@code lo - hh + hl·(2^32 - 1)}.
 *
 * <p>This class holds base-field values only. Verifier challenges never live here: they are
 * {@link Ext} values drawn from the quadratic extension (see {@code Transcript}).
 */
public final class Goldilocks {
    /** The modulus p = 2^64 - 2^32 + 1, as an unsigned long. */
    public static final long P = 0xFFFF_FFFF_0000_0001L;
    /** 2^64 mod p = 2^32 - 1. */
    static final long EPSILON = 0xFFFF_FFFFL;
    /** A generator of the multiplicative group F_p^*. */
    public static final long GENERATOR = 7;
    /** The two-adicity of p - 1: the largest power-of-two subgroup has order 2^32. */
    public static final int TWO_ADICITY = 32;
    /** A primitive 2^32-th root of unity: GENERATOR^((p-1)/2^32). */
    private static final long POWER_OF_TWO_GENERATOR = 0x185629DCDA58878CL;

    private Goldilocks() {}

    /** True if {@code x}, read unsigned, is a canonical field element ({@code x < p}). */
    public static boolean isCanonical(long x) {
        return Long.compareUnsigned(x, P) < 0;
    }

    /** Reduces any unsigned 64-bit value into {@code [0, p)}. */
    public static long reduce(long x) {
        return Long.compareUnsigned(x, P) >= 0 ? x - P : x;
    }

    /** The field element for a signed integer: {@code v mod p}, so -1 maps to p-1. */
    public static long fromSigned(long v) {
        return v >= 0 ? reduce(v) : neg(reduce(-v));
    }

    /**
     * The signed integer a small field element stands for: values in {@code [0, p/2]} map to themselves,
     * values above p/2 to {@code x - p} (negative).
     */
    public static long toSigned(long x) {
        return Long.compareUnsigned(x, P >>> 1) <= 0 ? x : x - P;
    }

    // add, sub and reduce128 are branch-free: for random field elements a carry or borrow happens about
    // half the time, and a mispredicted branch costs more than the whole operation.

    public static long add(long a, long b) {
        // a + b - p = a - (p - b); if that borrows, the sum was below p and a + b is the answer.
        long c = P - b;
        long d = a - c;
        return d + (P & borrowMask(a, c, d));
    }

    public static long sub(long a, long b) {
        long d = a - b;
        // borrow: we computed d + 2^64, add p back.
        return d + (P & borrowMask(a, b, d));
    }

    /** All ones if the unsigned subtraction {@code a - b = d} borrowed, else zero. */
    private static long borrowMask(long a, long b, long d) {
        return ((~a & b) | (~(a ^ b) & d)) >> 63;
    }

    public static long neg(long a) {
        return a == 0 ? 0 : P - a;
    }

    public static long mul(long a, long b) {
        return reduce128(unsignedMultiplyHigh(a, b), a * b);
    }

    /**
     * {@code Math.unsignedMultiplyHigh} (Java 18+, one instruction) where the running JVM has it, through a
     * constant method handle the JIT inlines; on Java 17 the signed high product corrected for the signs.
     */
    private static final java.lang.invoke.MethodHandle UNSIGNED_MULTIPLY_HIGH = unsignedMultiplyHighHandle();

    private static java.lang.invoke.MethodHandle unsignedMultiplyHighHandle() {
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findStatic(Math.class, "unsignedMultiplyHigh",
                    java.lang.invoke.MethodType.methodType(long.class, long.class, long.class));
        } catch (ReflectiveOperationException e) {
            return null; // Java 17
        }
    }

    /** The high 64 bits of the unsigned 128-bit product {@code a·b}. */
    public static long unsignedMultiplyHigh(long a, long b) {
        if (UNSIGNED_MULTIPLY_HIGH != null) {
            try {
                return (long) UNSIGNED_MULTIPLY_HIGH.invokeExact(a, b);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    public static long square(long a) {
        return mul(a, a);
    }

    /** Reduces the unsigned 128-bit value {@code hi·2^64 + lo} modulo p. */
    static long reduce128(long hi, long lo) {
        long hiHi = hi >>> 32;
        long hiLo = hi & EPSILON;
        long t0 = lo - hiHi;
        if (Long.compareUnsigned(lo, hiHi) < 0) { // borrow: hiHi < 2^32, so rare and well predicted
            t0 -= EPSILON;
        }
        long t1 = (hiLo << 32) - hiLo; // hiLo·(2^32 - 1) < 2^64 - 2^33 + 2
        long t2 = t0 + t1;
        t2 += Long.compareUnsigned(t2, t1) < 0 ? EPSILON : 0; // carry: add 2^64 mod p (compiles to a conditional move)
        return Long.compareUnsigned(t2, P) >= 0 ? t2 - P : t2;
    }


    /** {@code a * b + c} for canonical inputs. */
    public static long mulAdd(long a, long b, long c) {
        return add(mul(a, b), c);
    }

    public static long pow(long base, long exponent) {
        long result = 1;
        long b = base;
        long e = exponent;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = mul(result, b);
            }
            b = mul(b, b);
            e >>>= 1;
        }
        return result;
    }

    /** The multiplicative inverse; throws {@link ArithmeticException} for zero. */
    public static long inv(long a) {
        if (a == 0) {
            throw new ArithmeticException("inverse of zero in Goldilocks");
        }
        return pow(a, P - 2);
    }

    /**
     * Montgomery's batch inversion: replaces every element of {@code values} by its inverse with one
     * field inversion and 3(n-1) multiplications. Throws {@link ArithmeticException} if any value is zero.
     */
    public static void batchInverse(long[] values) {
        int n = values.length;
        if (n == 0) {
            return;
        }
        long[] prefix = new long[n];
        long acc = 1;
        for (int i = 0; i < n; i++) {
            if (values[i] == 0) {
                throw new ArithmeticException("inverse of zero in Goldilocks batch at index " + i);
            }
            prefix[i] = acc;
            acc = mul(acc, values[i]);
        }
        long inv = inv(acc);
        for (int i = n - 1; i >= 0; i--) {
            long v = values[i];
            values[i] = mul(inv, prefix[i]);
            inv = mul(inv, v);
        }
    }

    /** A primitive {@code 2^logN}-th root of unity, for {@code 0 <= logN <= 32}. */
    public static long rootOfUnity(int logN) {
        if (logN < 0 || logN > TWO_ADICITY) {
            throw new IllegalArgumentException("no 2^" + logN + "-th root of unity in Goldilocks (max 2^32)");
        }
        long w = POWER_OF_TWO_GENERATOR;
        for (int i = logN; i < TWO_ADICITY; i++) {
            w = mul(w, w);
        }
        return w;
    }

    /** Writes {@code x} as 8 little-endian bytes at {@code offset}. */
    public static void encode(long x, byte[] out, int offset) {
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (x >>> (8 * i));
        }
    }

    /** Reads 8 little-endian bytes as an unsigned value; does not check canonicity (see {@link #isCanonical}). */
    public static long decodeRaw(byte[] in, int offset) {
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x |= (in[offset + i] & 0xFFL) << (8 * i);
        }
        return x;
    }

    /** Human-readable decimal form of a canonical element. */
    public static String toString(long x) {
        return Long.toUnsignedString(x);
    }
}
