package io.zkml4j.crypto.field;

/**
 * Vectors of extension elements as interleaved {@code long[]} pairs: element {@code i} is
 * {@code (v[2i], v[2i+1])}. Allocation-free kernels for hot loops.
 */
public final class ExtArrays {
    private ExtArrays() {}

    /** A zero vector of {@code n} extension elements. */
    public static long[] zeros(int n) {
        return new long[2 * n];
    }

    /** Number of extension elements in an interleaved vector. */
    public static int length(long[] v) {
        return v.length >> 1;
    }

    /** The base-field vector {@code base} lifted into the extension. */
    public static long[] lift(long[] base) {
        long[] out = new long[2 * base.length];
        for (int i = 0; i < base.length; i++) {
            out[2 * i] = base[i];
        }
        return out;
    }

    /** {@code out[oi] = a[ai] * b[bi]} on pair indices. {@code out} may alias {@code a} or {@code b}. */
    public static void mul(long[] a, int ai, long[] b, int bi, long[] out, int oi) {
        long a0 = a[2 * ai], a1 = a[2 * ai + 1], b0 = b[2 * bi], b1 = b[2 * bi + 1];
        out[2 * oi] = Ext.mulC0(a0, a1, b0, b1);
        out[2 * oi + 1] = Ext.mulC1(a0, a1, b0, b1);
    }

    /** {@code acc[i] += a[ai] * b[bi]}. */
    public static void mulAddInto(long[] acc, int i, long[] a, int ai, long[] b, int bi) {
        long a0 = a[2 * ai], a1 = a[2 * ai + 1], b0 = b[2 * bi], b1 = b[2 * bi + 1];
        acc[2 * i] = Goldilocks.add(acc[2 * i], Ext.mulC0(a0, a1, b0, b1));
        acc[2 * i + 1] = Goldilocks.add(acc[2 * i + 1], Ext.mulC1(a0, a1, b0, b1));
    }

    /** Inner product {@code Σ a[i]·b[i]} of two extension vectors of equal length. */
    public static Ext innerProduct(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch: " + a.length / 2 + " vs " + b.length / 2);
        }
        long s0 = 0, s1 = 0;
        for (int i = 0; i < a.length; i += 2) {
            long a0 = a[i], a1 = a[i + 1], b0 = b[i], b1 = b[i + 1];
            s0 = Goldilocks.add(s0, Ext.mulC0(a0, a1, b0, b1));
            s1 = Goldilocks.add(s1, Ext.mulC1(a0, a1, b0, b1));
        }
        return Ext.of(s0, s1);
    }

    /** Inner product {@code Σ base[i]·ext[i]} of a base-field vector and an extension vector. */
    public static Ext innerProductBase(long[] base, long[] ext) {
        if (2 * base.length != ext.length) {
            throw new IllegalArgumentException("length mismatch: " + base.length + " vs " + ext.length / 2);
        }
        long s0 = 0, s1 = 0;
        for (int i = 0; i < base.length; i++) {
            long b = base[i];
            s0 = Goldilocks.add(s0, Goldilocks.mul(b, ext[2 * i]));
            s1 = Goldilocks.add(s1, Goldilocks.mul(b, ext[2 * i + 1]));
        }
        return Ext.of(s0, s1);
    }

    /** Sum of all elements. */
    public static Ext sum(long[] v) {
        long s0 = 0, s1 = 0;
        for (int i = 0; i < v.length; i += 2) {
            s0 = Goldilocks.add(s0, v[i]);
            s1 = Goldilocks.add(s1, v[i + 1]);
        }
        return Ext.of(s0, s1);
    }

    /** Replaces every element by its inverse (Montgomery batch inversion); throws on a zero. */
    public static void batchInverse(long[] v) {
        int n = v.length >> 1;
        if (n == 0) {
            return;
        }
        long[] prefix = new long[2 * n];
        Ext acc = Ext.ONE;
        for (int i = 0; i < n; i++) {
            Ext x = Ext.at(v, i);
            if (x.isZero()) {
                throw new ArithmeticException("inverse of zero in extension batch at index " + i);
            }
            acc.storeAt(prefix, i);
            acc = acc.mul(x);
        }
        Ext inv = acc.inv();
        for (int i = n - 1; i >= 0; i--) {
            Ext x = Ext.at(v, i);
            inv.mul(Ext.at(prefix, i)).storeAt(v, i);
            inv = inv.mul(x);
        }
    }
}
