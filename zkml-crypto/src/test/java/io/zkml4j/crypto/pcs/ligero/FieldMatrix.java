package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.field.Goldilocks;

import java.util.ArrayList;
import java.util.List;

/** Exact linear algebra over the Goldilocks field for the leakage tests (Gaussian elimination). */
final class FieldMatrix {
    private FieldMatrix() {}

    /** The rank of the span of {@code vectors} (all of one length). */
    static int rank(List<long[]> vectors) {
        long[][] m = new long[vectors.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vectors.get(i).clone();
        }
        return reduce(m, m.length == 0 ? 0 : m[0].length).size();
    }

    /** {@code Σ_i s[i]·vectors[i]}. */
    static long[] combine(List<long[]> vectors, long[] s) {
        long[] out = new long[vectors.get(0).length];
        for (int i = 0; i < s.length; i++) {
            long[] v = vectors.get(i);
            for (int j = 0; j < out.length; j++) {
                out[j] = Goldilocks.add(out[j], Goldilocks.mul(s[i], v[j]));
            }
        }
        return out;
    }

    /** A basis of {@code {s ∈ F^count : Σ_i s[i]·columns[i] = 0}}. */
    static List<long[]> nullSpace(List<long[]> columns, int count) {
        int height = columns.get(0).length;
        long[][] m = new long[height][count];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < height; r++) {
                m[r][i] = columns.get(i)[r];
            }
        }
        List<Integer> pivots = reduce(m, count);
        List<long[]> basis = new ArrayList<>();
        for (int free = 0; free < count; free++) {
            if (pivots.contains(free)) {
                continue;
            }
            long[] s = new long[count];
            s[free] = 1;
            for (int p = 0; p < pivots.size(); p++) {
                s[pivots.get(p)] = Goldilocks.neg(m[p][free]);
            }
            basis.add(s);
        }
        return basis;
    }

    /** Reduced row echelon form in place; returns the pivot column of each leading row. */
    private static List<Integer> reduce(long[][] m, int width) {
        List<Integer> pivots = new ArrayList<>();
        int row = 0;
        for (int col = 0; col < width && row < m.length; col++) {
            int pivot = -1;
            for (int r = row; r < m.length; r++) {
                if (m[r][col] != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] tmp = m[row];
            m[row] = m[pivot];
            m[pivot] = tmp;
            long inv = Goldilocks.inv(m[row][col]);
            for (int j = col; j < width; j++) {
                m[row][j] = Goldilocks.mul(m[row][j], inv);
            }
            for (int r = 0; r < m.length; r++) {
                long f = m[r][col];
                if (r == row || f == 0) {
                    continue;
                }
                for (int j = col; j < width; j++) {
                    m[r][j] = Goldilocks.sub(m[r][j], Goldilocks.mul(f, m[row][j]));
                }
            }
            pivots.add(col);
            row++;
        }
        return pivots;
    }
}
