package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;

import java.util.Arrays;

/**
 * The sumcheck prover's working state (Thaler's "bookkeeping tables"): every table with the variables
 * bound so far fixed to their challenges, plus, for an instance with an eq factor, the table
 * {@code E_k[x'] = eq(ρ_{k+1..n-1}, x')} of the eq factor over the variables not yet reached.
 *
 * <p>Per round, {@link #roundSums} returns for each evaluation point {@code X}
 * {@code Σ_{x'} [E_k[x'] ·] Σ_t c_t Π_{j ∈ t} f_j(X, x')}. It works block by block on primitive
 * arrays: each table's values at X = 0, 1, 2, ... are obtained by adding the pair difference, products of
 * base-field factors stay in {@code long} arithmetic (base tables exist only before the first challenge),
 * and one extension multiplication brings them to the extension. {@link #bind} folds every table with
 * the challenge, {@code f'[i] = f[2i] + r·(f[2i+1] - f[2i])}: the first fold of a caller's table into a new
 * array (the caller's arrays are never written, unless it handed them over as {@link MultilinearTable#scratch}),
 * every later fold in place. In place, a base table's entry {@code i} becomes the extension entry {@code i}
 * in the same two words; an extension fold writes entry {@code i} over entry {@code i}, which only entry
 * {@code i/2}'s fold reads, so folding the ranges {@code [1, 2), [2, 4), [4, 8), …} in that order (each range
 * split across threads) never overwrites an entry that is still to be read.
 *
 * <p>Prefix tables ({@link MultilinearTable#basePrefix}): only the first {@code live} entries can be
 * nonzero; rounds and folds visit {@code ⌈live/2⌉} pairs and {@code live} halves (rounding up) with every
 * bound variable, so the work is proportional to the prefix. Arrays always hold an even number of entries
 * (a zero completes the last pair).
 */
final class BookkeepingTables {
    private static final int BLOCK = 256;
    /** Fewest pairs worth a separate parallel chunk. */
    private static final int GRAIN = 1 << 12;

    private final Parallelism parallelism;
    private final int numTables;
    private final int[][] factors;
    private final Ext[] coefficients;
    private final long[][] data;
    private final boolean[] base;
    /** Whether table j's current array is the prover's to overwrite. */
    private final boolean[] owned;
    /** E_k as interleaved pairs, one entry per pair of the current tables; null without eq. */
    private final long[] weights;
    private int size;
    /** Entries of the current tables that may be nonzero ({@code size} for full tables). */
    private int live;

    BookkeepingTables(SumcheckInstance instance, Parallelism parallelism) {
        this.parallelism = parallelism;
        SumOfProducts shape = instance.shape();
        this.numTables = shape.numTables();
        this.factors = new int[shape.numTerms()][];
        this.coefficients = new Ext[shape.numTerms()];
        for (int t = 0; t < factors.length; t++) {
            factors[t] = shape.factorsShared(t);
            coefficients[t] = shape.coefficient(t);
        }
        this.data = new long[numTables][];
        this.base = new boolean[numTables];
        this.size = 1 << instance.numVars();
        this.live = instance.table(0).length();
        for (int j = 0; j < numTables; j++) {
            data[j] = instance.table(j).values();
            base[j] = instance.table(j).isBase();
            if ((live & 1) == 1 && live < size) {
                data[j] = Arrays.copyOf(data[j], (base[j] ? 1 : 2) * (live + 1));
            }
        }
        this.owned = new boolean[numTables];
        for (int j = 0; j < numTables; j++) {
            owned[j] = instance.table(j).isScratch() || data[j] != instance.table(j).values();
        }
        if (instance.hasEq() && instance.numVars() > 0) {
            Ext[] rho = instance.eqPoint();
            weights = Multilinear.eqTable(Arrays.copyOfRange(rho, 1, rho.length));
        } else {
            weights = null;
        }
    }

    /**
     * {@code Σ_i [E[i]·] Σ_t c_t Π_{j ∈ t} f_j(X) at pair i} for {@code X = 0 .. maxX}, as interleaved
     * pairs (X = 1 left at zero when {@code skipOne}).
     */
    long[] roundSums(int maxX, boolean skipOne) {
        int pairs = (live + 1) >> 1;
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

    /**
     * Pairs {@code [from, to)}. Without eq, each term is summed on its own (base terms in base arithmetic)
     * and the coefficients applied once at the end. With eq, the terms are combined per pair and the
     * combination dotted once with the eq weights.
     */
    private long[] sumRange(int from, int to, int maxX, boolean skipOne) {
        int points = maxX + 1;
        int terms = factors.length;
        long[] perTerm = new long[2 * terms * points];
        long[] acc = new long[2 * points];
        long[][] val = new long[numTables][];
        long[][] diff = new long[numTables][];
        int[][] baseFactors = new int[terms][];
        int[][] extFactors = new int[terms][];
        splitFactors(baseFactors, extFactors);
        for (int j = 0; j < numTables; j++) {
            int width = base[j] ? BLOCK : 2 * BLOCK;
            val[j] = new long[width];
            diff[j] = new long[width];
        }
        long[] prodExt = new long[2 * BLOCK];
        long[] prodBase = new long[BLOCK];
        long[] combined = new long[2 * BLOCK];
        long[] dot = new long[2];
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
                for (int t = 0; t < terms; t++) {
                    long[] pb = baseProduct(baseFactors[t], val, prodBase, len);
                    long[] pe = extFactors[t].length == 0 ? null : extProduct(extFactors[t], val, pb, prodExt, len);
                    if (weights == null) {
                        int at = 2 * (t * points + x);
                        long s0 = pe == null ? DelayedReduction.sumBase(pb, len) : DelayedReduction.sumExt(pe, len, 0);
                        long s1 = pe == null ? 0 : DelayedReduction.sumExt(pe, len, 1);
                        perTerm[at] = Goldilocks.add(perTerm[at], s0);
                        perTerm[at + 1] = Goldilocks.add(perTerm[at + 1], s1);
                    } else {
                        accumulateTerm(combined, t == 0, coefficients[t], pb, pe, len);
                    }
                }
                if (weights != null) {
                    DelayedReduction.dotExtExt(combined, weights, b, len, dot);
                    acc[2 * x] = Goldilocks.add(acc[2 * x], dot[0]);
                    acc[2 * x + 1] = Goldilocks.add(acc[2 * x + 1], dot[1]);
                }
            }
        }
        if (weights == null) {
            for (int x = 0; x <= maxX; x++) {
                Ext sum = Ext.ZERO;
                for (int t = 0; t < terms; t++) {
                    Ext s = Ext.at(perTerm, t * points + x);
                    sum = sum.add(coefficients[t].equals(Ext.ONE) ? s : coefficients[t].mul(s));
                }
                sum.storeAt(acc, x);
            }
        }
        return acc;
    }

    /** {@code out = c·prod} (when {@code first}) or {@code out += c·prod}; prod is {@code pe}, else base {@code pb}. */
    private static void accumulateTerm(long[] out, boolean first, Ext c, long[] pb, long[] pe, int len) {
        boolean one = c.equals(Ext.ONE);
        long c0 = c.c0;
        long c1 = c.c1;
        for (int i = 0; i < len; i++) {
            long v0;
            long v1;
            if (pe != null) {
                long a0 = pe[2 * i];
                long a1 = pe[2 * i + 1];
                v0 = one ? a0 : Ext.mulC0(a0, a1, c0, c1);
                v1 = one ? a1 : Ext.mulC1(a0, a1, c0, c1);
            } else {
                long a = pb[i];
                v0 = one ? a : Goldilocks.mul(a, c0);
                v1 = one ? 0 : Goldilocks.mul(a, c1);
            }
            if (first) {
                out[2 * i] = v0;
                out[2 * i + 1] = v1;
            } else {
                out[2 * i] = Goldilocks.add(out[2 * i], v0);
                out[2 * i + 1] = Goldilocks.add(out[2 * i + 1], v1);
            }
        }
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

    /** Binds the lowest free variable to {@code r} in every table (and sums the eq table's pairs). */
    void bind(Ext r) {
        int half = size >> 1;
        int folded = (live + 1) >> 1;
        // room for a zero after an odd number of entries, unless they fill the table
        int capacity = (folded & 1) == 1 && folded < half ? folded + 1 : folded;
        long r0 = r.c0;
        long r1 = r.c1;
        for (int j = 0; j < numTables; j++) {
            long[] src = data[j];
            boolean isBase = base[j];
            boolean inPlace = owned[j] && src.length >= 2 * capacity;
            long[] dst = inPlace ? src : new long[2 * capacity];
            if (!inPlace || isBase) {
                // into a new array, or base to extension in the same words: no entry reads another's words
                parallelism.run(folded, parallelism.chunkCount(folded, GRAIN), (c, from, to) -> {
                    if (isBase) {
                        foldBase(src, dst, from, to, r0, r1);
                    } else {
                        foldExt(src, dst, from, to, r0, r1);
                    }
                });
            } else {
                foldExt(src, src, 0, 1, r0, r1);
                for (int lo = 1; lo < folded; lo <<= 1) {
                    int from0 = lo;
                    int to0 = Math.min(2 * lo, folded);
                    parallelism.run(to0 - from0, parallelism.chunkCount(to0 - from0, GRAIN),
                            (c, from, to) -> foldExt(src, src, from0 + from, from0 + to, r0, r1));
                }
            }
            if (capacity > folded) {
                dst[2 * folded] = 0;
                dst[2 * folded + 1] = 0;
            }
            owned[j] = true;
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
        live = folded;
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
