package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.field.Ext;

import java.util.List;

/**
 * A fixed, public lookup table of {@code 2^logSize()} rows and {@code arity()} base-field columns: 1 for a
 * range table, 2 for (input, output) pairs of a function, 3 if needed. The prover reads entries with
 * {@link #value}; the verifier evaluates each column's multilinear extension itself with
 * {@link #evaluateColumn} (O(log) for structured tables, O(2^m) for an explicit one). A verifier builds
 * its tables from its own code or key, never from a proof.
 */
public interface LookupTable {
    /** Most columns a table may have. */
    int MAX_ARITY = 4;
    /** Most rows a table may have: {@code 2^MAX_LOG_SIZE}. */
    int MAX_LOG_SIZE = 24;

    int arity();

    int logSize();

    default int size() {
        return 1 << logSize();
    }

    /** Entry of {@code column} at {@code row} (a canonical field element). */
    long value(int column, int row);

    /** The multilinear extension of {@code column} at {@code point} (dimension {@code logSize()}). */
    Ext evaluateColumn(int column, Ext[] point);

    /**
     * For each table row, how many witness rows equal it, over all groups (each group is {@code arity}
     * columns of equal length). Throws {@link IllegalArgumentException} naming the first witness row that
     * is not in the table. If the table repeats a row, the first occurrence gets the count.
     */
    static long[] multiplicities(LookupTable table, List<long[][]> groups) {
        return multiplicities(table, groups, null);
    }

    /**
     * As {@link #multiplicities(LookupTable, List)}, counting only the rows a group's selector marks with 1
     * ({@code selectors} null, or a null entry: every row). Unselected rows need not be in the table.
     */
    static long[] multiplicities(LookupTable table, List<long[][]> groups, List<long[]> selectors) {
        RowIndex index = RowIndex.of(table);
        long[] counts = new long[table.size()];
        for (int g = 0; g < groups.size(); g++) {
            long[][] cols = groups.get(g);
            LogUpGkr.checkGroup(table, cols, g);
            int rows = cols[0].length;
            long[] sel = selectors == null ? null : selectors.get(g);
            for (int i = 0; i < rows; i++) {
                if (sel != null && sel[i] == 0) {
                    continue;
                }
                int r = index.rowOf(cols, i);
                if (r < 0) {
                    throw new IllegalArgumentException("group " + g + " row " + i + ": " + RowIndex.describe(cols, i)
                            + " is not a row of the table");
                }
                counts[r]++;
            }
        }
        return counts;
    }
}
