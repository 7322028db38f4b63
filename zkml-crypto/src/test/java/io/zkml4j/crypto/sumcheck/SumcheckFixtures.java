package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;

import java.util.Random;

/** Seeded random tables, points and instances, and a brute-force sum to check the prover against. */
public final class SumcheckFixtures {
    private SumcheckFixtures() {}

    public static long randomField(Random rnd) {
        return Goldilocks.reduce(rnd.nextLong());
    }

    public static Ext randomExt(Random rnd) {
        return Ext.of(randomField(rnd), randomField(rnd));
    }

    public static Ext[] randomPoint(Random rnd, int n) {
        Ext[] p = new Ext[n];
        for (int i = 0; i < n; i++) {
            p[i] = randomExt(rnd);
        }
        return p;
    }

    public static MultilinearTable randomTable(Random rnd, int n, boolean base) {
        long[] v = new long[(base ? 1 : 2) << n];
        for (int i = 0; i < v.length; i++) {
            v[i] = randomField(rnd);
        }
        return base ? MultilinearTable.base(v) : MultilinearTable.ext(v);
    }

    /** A random shape over {@code numTables} tables with {@code terms} terms, the first of exactly {@code degree} factors. */
    public static SumOfProducts randomShape(Random rnd, int numTables, int terms, int degree) {
        SumOfProducts.Builder b = SumOfProducts.builder(numTables);
        for (int t = 0; t < terms; t++) {
            int len = t == 0 ? degree : 1 + rnd.nextInt(degree);
            int[] f = new int[len];
            for (int i = 0; i < len; i++) {
                f[i] = rnd.nextInt(numTables);
            }
            b.term(t == 0 ? Ext.ONE : randomExt(rnd), f);
        }
        // make sure every table is used
        int[] all = new int[numTables];
        for (int j = 0; j < numTables; j++) {
            all[j] = j;
        }
        for (int j = 0; j < numTables; j += degree) {
            int[] chunk = java.util.Arrays.copyOfRange(all, j, Math.min(numTables, j + degree));
            b.term(randomExt(rnd), chunk);
        }
        return b.build();
    }

    /** {@code Σ_x [eq(ρ,x)·] g(x)} computed entry by entry, independently of the prover. */
    public static Ext bruteForceSum(SumcheckInstance inst) {
        int n = inst.numVars();
        long[] eq = inst.hasEq() ? Multilinear.eqTable(inst.eqPoint()) : null;
        SumOfProducts shape = inst.shape();
        Ext sum = Ext.ZERO;
        for (int x = 0; x < (1 << n); x++) {
            Ext[] vals = new Ext[shape.numTables()];
            for (int j = 0; j < vals.length; j++) {
                vals[j] = inst.table(j).entry(x);
            }
            Ext g = shape.evaluate(vals);
            sum = sum.add(eq == null ? g : g.mul(Ext.at(eq, x)));
        }
        return sum;
    }

    /** Each table evaluated at {@code point} by the multilinear extension formula. */
    public static Ext[] evaluations(SumcheckInstance inst, Ext[] point) {
        Ext[] out = new Ext[inst.shape().numTables()];
        for (int j = 0; j < out.length; j++) {
            out[j] = inst.table(j).evaluate(point);
        }
        return out;
    }
}
