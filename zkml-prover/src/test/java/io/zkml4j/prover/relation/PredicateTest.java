package io.zkml4j.prover.relation;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.layout.PaddedShape;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PredicateTest {
    private final Random rnd = new Random(7);

    private Ext[] point(int n) {
        Ext[] p = new Ext[n];
        for (int i = 0; i < n; i++) {
            p[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
        }
        return p;
    }

    private static int log(int n) {
        return new PaddedShape(n).numVars();
    }

    @Test
    void shiftPredicateMatchesTheMultilinearExtensionOfItsTable() {
        int[][] cases = {{5, 3, 7, 1, 1, 0}, {4, 2, 8, 2, 1, 0}, {6, 3, 6, 1, 1, 1}, {3, 3, 9, 2, 2, 2}, {1, 1, 1, 1, 1, 0}};
        for (int[] c : cases) {
            ShiftPredicate sp = new ShiftPredicate(c[0], c[1], c[2], c[3], c[4], c[5]);
            int lo = log(c[0]), lk = log(c[1]), li = log(c[2]);
            long[] table = new long[1 << (lo + lk + li)]; // index = o | k << lo | i << (lo + lk)
            for (int o = 0; o < c[0]; o++) {
                for (int k = 0; k < c[1]; k++) {
                    int i = sp.input(o, k);
                    if (i >= 0) {
                        table[o | k << lo | i << (lo + lk)] = 1;
                    }
                }
            }
            Ext[] r = point(lo), t = point(lk), s = point(li);
            Ext[] all = new Ext[lo + lk + li];
            System.arraycopy(r, 0, all, 0, lo);
            System.arraycopy(t, 0, all, lo, lk);
            System.arraycopy(s, 0, all, lo + lk, li);
            assertThat(sp.evaluate(r, t, s)).isEqualTo(Multilinear.evaluate(table, all));
            long[] kt = sp.kernelTable(r, s, 1 << lk);
            assertThat(Multilinear.evaluateExt(kt, t)).isEqualTo(sp.evaluate(r, t, s));
        }
    }

    @Test
    void realIndicatorMatchesItsTable() {
        int[][] shapes = {{3}, {4}, {5, 3}, {1, 7, 6}, {2, 1, 9}};
        for (int[] dims : shapes) {
            PaddedShape shape = new PaddedShape(dims);
            long[] ones = new long[shape.size()];
            java.util.Arrays.fill(ones, 1);
            long[] table = shape.pad(ones, 0);
            Ext[] p = point(shape.numVars());
            assertThat(RealIndicator.evaluate(shape, p)).isEqualTo(Multilinear.evaluate(table, p));
        }
        for (int d = 0; d <= 16; d++) {
            Ext[] p = point(4);
            long[] table = new long[16];
            for (int i = 0; i < Math.min(d, 16); i++) {
                table[i] = 1;
            }
            assertThat(RealIndicator.prefix(d, p)).isEqualTo(Multilinear.evaluate(table, p));
        }
    }
}
