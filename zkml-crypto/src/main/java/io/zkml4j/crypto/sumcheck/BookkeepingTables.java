package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;

import java.util.Arrays;

/**
 * The sumcheck prover's working state (Thaler's "bookkeeping tables"): every table with the variables
 * bound so far fixed to their challenges, plus, for an instance with an eq factor, the table
 * {@code E_k[x'] = eq(ρ_{k+1..n-1}, x')} of the eq factor over the variables not yet reached.
 *
 * <p>Per round, {@link #termSums} returns for each term t and each evaluation point {@code X}
 * {@code Σ_{x'} E_k[x'] · Π_{j ∈ t} f_j(X, x')} (no E without eq). It works block by block on primitive
 * arrays: each table's values at X = 0, 1, 2, ... are obtained by adding the pair difference, products of
 * base-field factors stay in {@code long} arithmetic (base tables exist only before the first challenge),
 * and one extension multiplication brings them to the extension. {@link #bind} folds every table with
 * the challenge, {@code f'[i] = f[2i] + r·(f[2i+1] - f[2i])}, into one of two buffers allocated at the first
 * two folds and reused in turn afterwards (the caller's arrays are never written).
 */
final class BookkeepingTables {
    private static final int BLOCK = 256;
    /** Fewest pairs worth a separate parallel chunk. */
    private static final int GRAIN = 1 << 12;

    private final Parallelism parallelism;
    private final int numTables;
    private final int[][] factors;
    private final long[][] data;
    private final boolean[] base;
    private final long[][] bufferA;
    private final long[][] bufferB;
    /** E_k as interleaved pairs, one entry per pair of the current tables; null without eq. */
    private final long[] weights;
    private int size;

    BookkeepingTables(SumcheckInstance instance, Parallelism parallelism) {
        this.parallelism = parallelism;
        SumOfProducts shape = instance.shape();
        this.numTables = shape.numTables();
        this.factors = new int[shape.numTerms()][];
        for (int t = 0; t < factors.length; t++) {
            factors[t] = shape.factorsShared(t);
        }
        this.data = new long[numTables][];
        this.base = new boolean[numTables];
        for (int j = 0; j < numTables; j++) {
            data[j] = instance.table(j).values();
            base[j] = instance.table(j).isBase();
        }
        this.bufferA = new long[numTables][];
        this.bufferB = new long[numTables][];
        this.size = 1 << instance.numVars();
        if (instance.hasEq() && instance.numVars() > 0) {
            Ext[] rho = instance.eqPoint();
            weights = Multilinear.eqTable(Arrays.copyOfRange(rho, 1, rho.length));
        } else {
            weights = null;
        }
    }

    /**
     * Per term and per point {@code X = 0 .. maxX} (X = 1 left at zero when {@code skipOne}):
     * {@code Σ_i [E[i]·] Π_{j ∈ term} f_j(X) at pair i}, as interleaved pairs at index
     * {@code term·(maxX+1) + X}.
     */
    long[] termSums(int maxX, boolean skipOne) {
        int pairs = size >> 1;
        int chunks = parallelism.chunkCount(pairs, GRAIN);
        long[][] partial = new long[chunks][];
        parallelism.run(pairs, chunks, (c, from, to) -> partial[c] = sumRange(from, to, maxX, skipOne));
        long[] total = partial[0];
        for (int c = 1; c < chunks; c++) {
            for (int i = 0; i < total.length; i++) {
                total[i] = Goldilocks.add(total[i], partial[c][i]);
            }
        }
        return total;
    }

    private long[] sumRange(int from, int to, int maxX, boolean skipOne) {
        int points = maxX + 1;
        long[] acc = new long[2 * factors.length * points];
        long[][] val = new long[numTables][];
        long[][] diff = new long[numTables][];
        int[][] baseFactors = new int[factors.length][];
        int[][] extFactors = new int[factors.length][];
        splitFactors(baseFactors, extFactors);
        for (int j = 0; j < numTables; j++) {
            int width = base[j] ? BLOCK : 2 * BLOCK;
            val[j] = new long[width];
            diff[j] = new long[width];
        }
        long[] prodExt = new long[2 * BLOCK];
        long[] prodBase = new long[BLOCK];
        for (int b = from; b < to; b += BLOCK) {
            int len = Math.min(BLOCK, to - b);
            for (int j = 0; j < numTables; j++) {
                load(j, b, len, val[j], diff[j]);
            }
            for (int x = 0; x <= maxX; x++) {
                if (x > 0) {
                    for (int j = 0; j < numTables; j++) {
                        int n = base[j] ? len : 2 * len;
                        long[] v = val[j];
                        long[] d = diff[j];
                        for (int i = 0; i < n; i++) {
                            v[i] = Goldilocks.add(v[i], d[i]);
                        }
                    }
                }
                if (x == 1 && skipOne) {
                    continue;
                }
                for (int t = 0; t < factors.length; t++) {
                    long[] pb = baseProduct(baseFactors[t], val, prodBase, len);
                    int at = 2 * (t * points + x);
                    long s0;
                    long s1;
                    if (extFactors[t].length == 0) {
                        if (weights == null) {
                            s0 = sumBase(pb, len);
                            s1 = 0;
                        } else {
                            s0 = dotBase(pb, weights, b, len, 0);
                            s1 = dotBase(pb, weights, b, len, 1);
                        }
                    } else {
                        long[] pe = extProduct(extFactors[t], val, pb, prodExt, len);
                        if (weights == null) {
                            s0 = sumExt(pe, len, 0);
                            s1 = sumExt(pe, len, 1);
                        } else {
                            s0 = dotExtC0(pe, weights, b, len);
                            s1 = dotExtC1(pe, weights, b, len);
                        }
                    }
                    acc[at] = Goldilocks.add(acc[at], s0);
                    acc[at + 1] = Goldilocks.add(acc[at + 1], s1);
                }
            }
        }
        return acc;
    }

    private void splitFactors(int[][] baseFactors, int[][] extFactors) {
        for (int t = 0; t < factors.length; t++) {
            int nb = 0;
            for (int j : factors[t]) {
                nb += base[j] ? 1 : 0;
            }
            baseFactors[t] = new int[nb];
            extFactors[t] = new int[factors[t].length - nb];
            int ib = 0;
            int ie = 0;
            for (int j : factors[t]) {
                if (base[j]) {
                    baseFactors[t][ib++] = j;
                } else {
                    extFactors[t][ie++] = j;
                }
            }
        }
    }

    /** Loads pair values at X = 0 and the pair differences for pairs {@code [b, b+len)} of table j. */
    private void load(int j, int b, int len, long[] val, long[] diff) {
        long[] src = data[j];
        if (base[j]) {
            for (int i = 0; i < len; i++) {
                long f0 = src[2 * (b + i)];
                val[i] = f0;
                diff[i] = Goldilocks.sub(src[2 * (b + i) + 1], f0);
            }
        } else {
            for (int i = 0; i < len; i++) {
                int s = 4 * (b + i);
                long f0 = src[s];
                long f1 = src[s + 1];
                val[2 * i] = f0;
                val[2 * i + 1] = f1;
                diff[2 * i] = Goldilocks.sub(src[s + 2], f0);
                diff[2 * i + 1] = Goldilocks.sub(src[s + 3], f1);
            }
        }
    }

    /** Product of the base-field factors (null if there are none); may return a table's own buffer. */
    private static long[] baseProduct(int[] bf, long[][] val, long[] out, int len) {
        if (bf.length == 0) {
            return null;
        }
        if (bf.length == 1) {
            return val[bf[0]];
        }
        long[] a = val[bf[0]];
        long[] c = val[bf[1]];
        for (int i = 0; i < len; i++) {
            out[i] = Goldilocks.mul(a[i], c[i]);
        }
        for (int k = 2; k < bf.length; k++) {
            long[] d = val[bf[k]];
            for (int i = 0; i < len; i++) {
                out[i] = Goldilocks.mul(out[i], d[i]);
            }
        }
        return out;
    }

    /** Product of the extension factors times the base product {@code pb} (if any). */
    private static long[] extProduct(int[] ef, long[][] val, long[] pb, long[] out, int len) {
        long[] cur = val[ef[0]];
        for (int k = 1; k < ef.length; k++) {
            long[] d = val[ef[k]];
            for (int i = 0; i < len; i++) {
                long a0 = cur[2 * i];
                long a1 = cur[2 * i + 1];
                long b0 = d[2 * i];
                long b1 = d[2 * i + 1];
                out[2 * i] = Ext.mulC0(a0, a1, b0, b1);
                out[2 * i + 1] = Ext.mulC1(a0, a1, b0, b1);
            }
            cur = out;
        }
        if (pb != null) {
            for (int i = 0; i < len; i++) {
                long s = pb[i];
                out[2 * i] = Goldilocks.mul(cur[2 * i], s);
                out[2 * i + 1] = Goldilocks.mul(cur[2 * i + 1], s);
            }
            cur = out;
        }
        return cur;
    }

    private static long sumBase(long[] v, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s = Goldilocks.add(s, v[i]);
        }
        return s;
    }

    private static long sumExt(long[] v, int len, int coord) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s = Goldilocks.add(s, v[2 * i + coord]);
        }
        return s;
    }

    /** Coordinate {@code coord} of {@code Σ_i v[i]·w[b+i]}, v base, w extension. */
    private static long dotBase(long[] v, long[] w, int b, int len, int coord) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s = Goldilocks.add(s, Goldilocks.mul(v[i], w[2 * (b + i) + coord]));
        }
        return s;
    }

    private static long dotExtC0(long[] v, long[] w, int b, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s = Goldilocks.add(s, Ext.mulC0(v[2 * i], v[2 * i + 1], w[2 * (b + i)], w[2 * (b + i) + 1]));
        }
        return s;
    }

    private static long dotExtC1(long[] v, long[] w, int b, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s = Goldilocks.add(s, Ext.mulC1(v[2 * i], v[2 * i + 1], w[2 * (b + i)], w[2 * (b + i) + 1]));
        }
        return s;
    }

    /** Binds the lowest free variable to {@code r} in every table (and sums the eq table's pairs). */
    void bind(Ext r) {
        int half = size >> 1;
        long r0 = r.c0;
        long r1 = r.c1;
        for (int j = 0; j < numTables; j++) {
            long[] src = data[j];
            long[] dst;
            if (src == bufferA[j]) {
                if (bufferB[j] == null) {
                    bufferB[j] = new long[2 * half];
                }
                dst = bufferB[j];
            } else {
                if (bufferA[j] == null) {
                    bufferA[j] = new long[2 * half];
                }
                dst = bufferA[j];
            }
            boolean isBase = base[j];
            parallelism.run(half, parallelism.chunkCount(half, GRAIN), (c, from, to) -> {
                if (isBase) {
                    foldBase(src, dst, from, to, r0, r1);
                } else {
                    foldExt(src, dst, from, to, r0, r1);
                }
            });
            data[j] = dst;
            base[j] = false;
        }
        if (weights != null) {
            int nextPairs = half >> 1;
            for (int i = 0; i < nextPairs; i++) {
                weights[2 * i] = Goldilocks.add(weights[4 * i], weights[4 * i + 2]);
                weights[2 * i + 1] = Goldilocks.add(weights[4 * i + 1], weights[4 * i + 3]);
            }
        }
        size = half;
    }

    private static void foldBase(long[] src, long[] dst, int from, int to, long r0, long r1) {
        for (int i = from; i < to; i++) {
            long a = src[2 * i];
            long d = Goldilocks.sub(src[2 * i + 1], a);
            dst[2 * i] = Goldilocks.add(a, Goldilocks.mul(d, r0));
            dst[2 * i + 1] = Goldilocks.mul(d, r1);
        }
    }

    private static void foldExt(long[] src, long[] dst, int from, int to, long r0, long r1) {
        for (int i = from; i < to; i++) {
            long a0 = src[4 * i];
            long a1 = src[4 * i + 1];
            long d0 = Goldilocks.sub(src[4 * i + 2], a0);
            long d1 = Goldilocks.sub(src[4 * i + 3], a1);
            dst[2 * i] = Goldilocks.add(a0, Ext.mulC0(d0, d1, r0, r1));
            dst[2 * i + 1] = Goldilocks.add(a1, Ext.mulC1(d0, d1, r0, r1));
        }
    }

    /** Each table's single remaining value (call once every variable is bound). */
    Ext[] finalValues() {
        if (size != 1) {
            throw new IllegalStateException(size + " entries left, variables still free");
        }
        Ext[] out = new Ext[numTables];
        for (int j = 0; j < numTables; j++) {
            out[j] = base[j] ? Ext.fromBase(data[j][0]) : Ext.at(data[j], 0);
        }
        return out;
    }
}
