package io.zkml4j.crypto.logup;

/**
 * Prover-side lookup of a witness row's position in a table: direct for a {@link RangeTable}, otherwise
 * an open-addressing hash of the table's rows (linear probing, capacity twice the rows).
 */
final class RowIndex {
    private final long[][] columns;
    private final int[] slots;
    private final int mask;
    private final int rangeBits;

    private RowIndex(long[][] columns, int[] slots, int rangeBits) {
        this.columns = columns;
        this.slots = slots;
        this.mask = slots == null ? 0 : slots.length - 1;
        this.rangeBits = rangeBits;
    }

    static RowIndex of(LookupTable table) {
        if (table instanceof RangeTable) {
            return new RowIndex(null, null, table.logSize());
        }
        int arity = table.arity();
        int rows = table.size();
        long[][] cols = new long[arity][rows];
        for (int c = 0; c < arity; c++) {
            for (int i = 0; i < rows; i++) {
                cols[c][i] = table.value(c, i);
            }
        }
        int[] slots = new int[rows << 1]; // rows is a power of two: load factor at most 1/2
        RowIndex index = new RowIndex(cols, slots, -1);
        for (int i = 0; i < rows; i++) {
            if (index.rowOf(cols, i) < 0) { // keep the first occurrence of a repeated row
                int s = index.hash(cols, i);
                while (slots[s] != 0) {
                    s = (s + 1) & index.mask;
                }
                slots[s] = i + 1;
            }
        }
        return index;
    }

    /** The table row equal to witness row {@code i} of {@code cols}, or -1. */
    int rowOf(long[][] cols, int i) {
        if (rangeBits >= 0) {
            long v = cols[0][i];
            return Long.compareUnsigned(v, 1L << rangeBits) < 0 ? (int) v : -1;
        }
        for (int s = hash(cols, i); ; s = (s + 1) & mask) {
            int row = slots[s] - 1;
            if (row < 0) {
                return -1;
            }
            if (sameRow(cols, i, row)) {
                return row;
            }
        }
    }

    private boolean sameRow(long[][] cols, int i, int row) {
        for (int c = 0; c < columns.length; c++) {
            if (columns[c][row] != cols[c][i]) {
                return false;
            }
        }
        return true;
    }

    private int hash(long[][] cols, int i) {
        long h = 0x9E3779B97F4A7C15L;
        for (long[] col : cols) {
            h = (h ^ col[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** A witness row as text, for error messages. */
    static String describe(long[][] cols, int i) {
        String[] row = new String[cols.length];
        for (int c = 0; c < cols.length; c++) {
            row[c] = Long.toUnsignedString(cols[c][i]);
        }
        return cols.length == 1 ? row[0] : "(" + String.join(", ", row) + ")";
    }
}
