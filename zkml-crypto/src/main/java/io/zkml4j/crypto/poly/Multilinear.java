package io.zkml4j.crypto.poly;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;

import java.util.Arrays;

/**
 * Multilinear polynomials in evaluation form over the boolean hypercube {0,1}^n.
 *
 * <p><b>Variable order is little-endian</b>: the evaluation at index {@code i} is
 * {@code f(b_0, ..., b_{n-1})} with {@code i = Σ b_k·2^k}, and coordinate {@code point[k]} of an
 * evaluation point binds bit {@code k}. The multilinear extension is
 * {@code f~(r) = Σ_i f[i]·eq(r, bits(i))}, {@code eq(r, x) = Π_k (r_k·x_k + (1 - r_k)(1 - x_k))}.
 *
 * <p>Base-field tables are {@code long[]}; extension tables are interleaved pairs (see
 * {@link ExtArrays}). {@link #fixFirstVariable} binds variable 0 (adjacent pairs {@code 2i, 2i+1}), as
 * sumcheck does round by round.
 */
public final class Multilinear {
    private Multilinear() {}

    /** {@code log2(n)} for a power of two {@code n >= 1}; throws otherwise. */
    public static int log2(int n) {
        if (n <= 0 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("not a power of two: " + n);
        }
        return Integer.numberOfTrailingZeros(n);
    }

    /** The table {@code eq(point, x)} for all x in {0,1}^n, as interleaved extension pairs. */
    public static long[] eqTable(Ext[] point) {
        long[] t = new long[2 << point.length];
        eqTableInto(point, Ext.ONE, t, 0);
        return t;
    }

    /** Writes {@code scale·eq(point, x)} for every x into entries {@code [at, at + 2^n)} of {@code out} (interleaved pairs). */
    public static void eqTableInto(Ext[] point, Ext scale, long[] out, int at) {
        int n = point.length;
        int o = 2 * at;
        out[o] = scale.c0;
        out[o + 1] = scale.c1;
        int size = 1;
        for (int k = 0; k < n; k++) {
            long r0 = point[k].c0, r1 = point[k].c1;
            for (int i = size - 1; i >= 0; i--) {
                long a0 = out[o + 2 * i], a1 = out[o + 2 * i + 1];
                long h0 = Ext.mulC0(a0, a1, r0, r1);
                long h1 = Ext.mulC1(a0, a1, r0, r1);
                out[o + 2 * (i + size)] = h0;
                out[o + 2 * (i + size) + 1] = h1;
                out[o + 2 * i] = Goldilocks.sub(a0, h0);
                out[o + 2 * i + 1] = Goldilocks.sub(a1, h1);
            }
            size <<= 1;
        }
    }

    /** {@code eq(a, b) = Π_k (a_k·b_k + (1 - a_k)(1 - b_k))} for two points of equal dimension. */
    public static Ext eq(Ext[] a, Ext[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimension mismatch: " + a.length + " vs " + b.length);
        }
        Ext acc = Ext.ONE;
        for (int k = 0; k < a.length; k++) {
            Ext ab = a[k].mul(b[k]);
            // a·b + (1-a)(1-b) = 1 - a - b + 2ab
            Ext term = Ext.ONE.sub(a[k]).sub(b[k]).add(ab).add(ab);
            acc = acc.mul(term);
        }
        return acc;
    }

    /**
     * The multilinear extension of a base-field table at {@code point}; O(2^n) with O(2^(n/2)) memory.
     * With the point split into low and high coordinates, {@code eq(r, x) = eq(r_lo, x_lo)·eq(r_hi, x_hi)}:
     * each block of {@code 2^|lo|} consecutive entries is dotted with the small low table (two base
     * multiplications per entry), and the block sums with the high table.
     */
    public static Ext evaluate(long[] evals, Ext[] point) {
        checkSize(evals.length, point.length);
        return evaluatePrefix(evals, point);
    }

    /**
     * {@link #evaluate} of the table whose first {@code evals.length} entries are {@code evals} and whose
     * other entries, up to {@code 2^point.length}, are zero; O(length + 2^(n/2)).
     */
    public static Ext evaluatePrefix(long[] evals, Ext[] point) {
        int n = point.length;
        if (n > 30 || evals.length > (1L << n)) {
            throw new IllegalArgumentException("a prefix of " + evals.length + " entries is longer than a table of " + n + " variables");
        }
        int lowVars = (n + 1) / 2;
        long[] eqLo = eqTable(Arrays.copyOfRange(point, 0, lowVars));
        long[] eqHi = eqTable(Arrays.copyOfRange(point, lowVars, n));
        int block = 1 << lowVars;
        long s0 = 0;
        long s1 = 0;
        for (int h = 0; (long) h * block < evals.length; h++) {
            long b0 = 0;
            long b1 = 0;
            int base = h * block;
            int len = Math.min(block, evals.length - base);
            for (int l = 0; l < len; l++) {
                long v = evals[base + l];
                b0 = Goldilocks.add(b0, Goldilocks.mul(v, eqLo[2 * l]));
                b1 = Goldilocks.add(b1, Goldilocks.mul(v, eqLo[2 * l + 1]));
            }
            long e0 = eqHi[2 * h];
            long e1 = eqHi[2 * h + 1];
            s0 = Goldilocks.add(s0, Ext.mulC0(b0, b1, e0, e1));
            s1 = Goldilocks.add(s1, Ext.mulC1(b0, b1, e0, e1));
        }
        return Ext.of(s0, s1);
    }

    /** The multilinear extension of an extension-field table (interleaved) at {@code point}; O(2^n). */
    public static Ext evaluateExt(long[] pairs, Ext[] point) {
        checkSize(pairs.length >> 1, point.length);
        long[] cur = pairs;
        for (Ext r : point) {
            cur = fixFirstVariable(cur, r);
        }
        return Ext.at(cur, 0);
    }

    private static void checkSize(int n, int vars) {
        if (vars > 30 || n != (1 << vars)) {
            throw new IllegalArgumentException("table of " + n + " entries does not match " + vars + " variables");
        }
    }

    /** Binds variable 0 of an extension table to {@code r}: {@code out[i] = f[2i] + r·(f[2i+1] - f[2i])}. */
    public static long[] fixFirstVariable(long[] pairs, Ext r) {
        int half = pairs.length >> 2;
        long[] out = new long[2 * half];
        long r0 = r.c0, r1 = r.c1;
        for (int i = 0; i < half; i++) {
            long a0 = pairs[4 * i], a1 = pairs[4 * i + 1];
            long d0 = Goldilocks.sub(pairs[4 * i + 2], a0);
            long d1 = Goldilocks.sub(pairs[4 * i + 3], a1);
            out[2 * i] = Goldilocks.add(a0, Ext.mulC0(d0, d1, r0, r1));
            out[2 * i + 1] = Goldilocks.add(a1, Ext.mulC1(d0, d1, r0, r1));
        }
        return out;
    }

    /** Binds variable 0 of a base-field table to an extension point; the result is an extension table. */
    public static long[] fixFirstVariableBase(long[] evals, Ext r) {
        int half = evals.length >> 1;
        long[] out = new long[2 * half];
        long r0 = r.c0, r1 = r.c1;
        for (int i = 0; i < half; i++) {
            long a = evals[2 * i];
            long d = Goldilocks.sub(evals[2 * i + 1], a);
            out[2 * i] = Goldilocks.add(a, Goldilocks.mul(d, r0));
            out[2 * i + 1] = Goldilocks.mul(d, r1);
        }
        return out;
    }
}
