package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.parallel.Parallelism;

/**
 * Prover side: a binary tree of fractions {@code (p, q)} summed pairwise,
 * {@code (p0, q0) + (p1, q1) = (p0·q1 + p1·q0, q0·q1)}, from {@code 2^n} leaves up to the root. Layer k
 * (2^k fractions) is kept as its low and high halves, which are the child tables of the layer relation
 * in {@link LogUpGkr}: entry i of layer k-1 is the sum of entries i and {@code i + 2^(k-1)} of layer k.
 * Leaf numerators are either all 1 (a witness group, "unit leaves", nothing stored) or base-field
 * multiplicities (the table); leaf denominators are {@code α - Σ_c β^c·column_c}.
 */
final class FractionTree {
    private static final int GRAIN = 1 << 12;

    final int numVars;
    final boolean unitLeaves;
    final Ext rootNumerator;
    final Ext rootDenominator;
    /** {@code layers[k]} for k = 1..numVars: (P_lo, P_hi, Q_lo, Q_hi), or (Q_lo, Q_hi) at unit leaves. */
    private final MultilinearTable[][] layers;

    private FractionTree(int numVars, boolean unitLeaves, Ext rootNumerator, Ext rootDenominator,
                         MultilinearTable[][] layers) {
        this.numVars = numVars;
        this.unitLeaves = unitLeaves;
        this.rootNumerator = rootNumerator;
        this.rootDenominator = rootDenominator;
        this.layers = layers;
    }

    /**
     * The child tables of layer k, for the sumcheck that descends from layer k-1 to layer k. They are scratch
     * tables: that sumcheck folds them in place, so they can be used once only.
     */
    MultilinearTable[] layerTables(int k) {
        return layers[k];
    }

    /** The tree of {@code 1/(α - w_i)} for a witness group, {@code w_i = Σ_c β^c·cols[c][i]}. */
    static FractionTree ofWitness(long[][] cols, Ext alpha, Ext[] betaPowers, Parallelism par) {
        return build(cols, null, alpha, betaPowers, par);
    }

    /** The tree of {@code s_i/(α - w_i)} for a witness group with selector s (0/1 numerators). */
    static FractionTree ofSelectedWitness(long[][] cols, long[] selector, Ext alpha, Ext[] betaPowers, Parallelism par) {
        return build(cols, selector, alpha, betaPowers, par);
    }

    /** The tree of {@code m_j/(α - t_j)} for the table, {@code t_j = Σ_c β^c·T_c[j]}. */
    static FractionTree ofTable(LookupTable table, long[] multiplicities, Ext alpha, Ext[] betaPowers, Parallelism par) {
        long[][] cols = new long[table.arity()][table.size()];
        for (int c = 0; c < cols.length; c++) {
            for (int i = 0; i < cols[c].length; i++) {
                cols[c][i] = table.value(c, i);
            }
        }
        return build(cols, multiplicities, alpha, betaPowers, par);
    }

    private static FractionTree build(long[][] cols, long[] numerators, Ext alpha, Ext[] betaPowers, Parallelism par) {
        int size = cols[0].length;
        int n = Integer.numberOfTrailingZeros(size);
        boolean unit = numerators == null;
        if (n == 0) {
            long[] q = new long[2];
            denominators(cols, alpha, betaPowers, q, 0, 1);
            return new FractionTree(0, unit, unit ? Ext.ONE : Ext.fromBase(numerators[0]), Ext.at(q, 0),
                    new MultilinearTable[1][]);
        }
        MultilinearTable[][] layers = new MultilinearTable[n + 1][];
        int leafHalf = size >> 1;
        long[] qLo = new long[2 * leafHalf];
        long[] qHi = new long[2 * leafHalf];
        par.run(leafHalf, par.chunkCount(leafHalf, GRAIN), (c, from, to) -> {
            denominators(cols, alpha, betaPowers, qLo, from, to);
            denominatorsShifted(cols, alpha, betaPowers, qHi, from, to, leafHalf);
        });
        int h = leafHalf;
        long[] pLo = null;
        long[] pHi = null;
        boolean pBase = false;
        if (unit) {
            layers[n] = new MultilinearTable[] {MultilinearTable.ext(qLo).scratch(), MultilinearTable.ext(qHi).scratch()};
        } else {
            pLo = java.util.Arrays.copyOfRange(numerators, 0, leafHalf);
            pHi = java.util.Arrays.copyOfRange(numerators, leafHalf, size);
            pBase = true;
            layers[n] = tables(pLo, pHi, true, qLo, qHi);
        }
        long[] curQLo = qLo;
        long[] curQHi = qHi;
        for (int k = n; k >= 2; k--) {
            // layer k has halves of h entries; layer k-1 (h entries) is stored as halves of h/2.
            int half = h >> 1;
            long[] nPLo = new long[2 * half];
            long[] nPHi = new long[2 * half];
            long[] nQLo = new long[2 * half];
            long[] nQHi = new long[2 * half];
            long[] fpLo = pLo;
            long[] fpHi = pHi;
            long[] fqLo = curQLo;
            long[] fqHi = curQHi;
            boolean fBase = pBase;
            par.run(half, par.chunkCount(half, GRAIN), (c, from, to) -> {
                combine(fpLo, fpHi, fBase, fqLo, fqHi, from, to, 0, nPLo, nQLo);
                combine(fpLo, fpHi, fBase, fqLo, fqHi, from + half, to + half, half, nPHi, nQHi);
            });
            pLo = nPLo;
            pHi = nPHi;
            pBase = false;
            curQLo = nQLo;
            curQHi = nQHi;
            h = half;
            layers[k - 1] = tables(pLo, pHi, false, curQLo, curQHi);
        }
        long[] rootP = new long[2];
        long[] rootQ = new long[2];
        combine(pLo, pHi, pBase, curQLo, curQHi, 0, 1, 0, rootP, rootQ);
        return new FractionTree(n, unit, Ext.at(rootP, 0), Ext.at(rootQ, 0), layers);
    }

    /** A layer's tables, over arrays the tree owns: scratch, so its one sumcheck folds them in place. */
    private static MultilinearTable[] tables(long[] pLo, long[] pHi, boolean pBase, long[] qLo, long[] qHi) {
        return new MultilinearTable[] {
                (pBase ? MultilinearTable.base(pLo) : MultilinearTable.ext(pLo)).scratch(),
                (pBase ? MultilinearTable.base(pHi) : MultilinearTable.ext(pHi)).scratch(),
                MultilinearTable.ext(qLo).scratch(), MultilinearTable.ext(qHi).scratch()};
    }

    /** {@code out[i] = α - Σ_c β^c·cols[c][i]} for i in [from, to). */
    private static void denominators(long[][] cols, Ext alpha, Ext[] beta, long[] out, int from, int to) {
        denominatorsShifted(cols, alpha, beta, out, from, to, 0);
    }

    /** {@code out[i] = α - Σ_c β^c·cols[c][i + shift]} for i in [from, to). */
    private static void denominatorsShifted(long[][] cols, Ext alpha, Ext[] beta, long[] out, int from, int to, int shift) {
        long a0 = alpha.c0;
        long a1 = alpha.c1;
        long[] c0 = cols[0];
        for (int i = from; i < to; i++) {
            out[2 * i] = Goldilocks.sub(a0, c0[i + shift]);
            out[2 * i + 1] = a1;
        }
        for (int c = 1; c < cols.length; c++) {
            long b0 = beta[c].c0;
            long b1 = beta[c].c1;
            long[] col = cols[c];
            for (int i = from; i < to; i++) {
                long v = col[i + shift];
                out[2 * i] = Goldilocks.sub(out[2 * i], Goldilocks.mul(v, b0));
                out[2 * i + 1] = Goldilocks.sub(out[2 * i + 1], Goldilocks.mul(v, b1));
            }
        }
    }

    /**
     * Parent entries {@code i in [from, to)}: {@code P = pLo·qHi + pHi·qLo} (or {@code qLo + qHi} when
     * {@code pLo} is null, unit numerators), {@code Q = qLo·qHi}, written at {@code i - outShift}.
     */
    private static void combine(long[] pLo, long[] pHi, boolean pBase, long[] qLo, long[] qHi,
                                int from, int to, int outShift, long[] outP, long[] outQ) {
        for (int i = from; i < to; i++) {
            long l0 = qLo[2 * i];
            long l1 = qLo[2 * i + 1];
            long h0 = qHi[2 * i];
            long h1 = qHi[2 * i + 1];
            int o = 2 * (i - outShift);
            outQ[o] = Ext.mulC0(l0, l1, h0, h1);
            outQ[o + 1] = Ext.mulC1(l0, l1, h0, h1);
            if (pLo == null) {
                outP[o] = Goldilocks.add(l0, h0);
                outP[o + 1] = Goldilocks.add(l1, h1);
            } else if (pBase) {
                long a = pLo[i];
                long b = pHi[i];
                outP[o] = Goldilocks.add(Goldilocks.mul(a, h0), Goldilocks.mul(b, l0));
                outP[o + 1] = Goldilocks.add(Goldilocks.mul(a, h1), Goldilocks.mul(b, l1));
            } else {
                long a0 = pLo[2 * i];
                long a1 = pLo[2 * i + 1];
                long b0 = pHi[2 * i];
                long b1 = pHi[2 * i + 1];
                outP[o] = Goldilocks.add(Ext.mulC0(a0, a1, h0, h1), Ext.mulC0(b0, b1, l0, l1));
                outP[o + 1] = Goldilocks.add(Ext.mulC1(a0, a1, h0, h1), Ext.mulC1(b0, b1, l0, l1));
            }
        }
    }
}
