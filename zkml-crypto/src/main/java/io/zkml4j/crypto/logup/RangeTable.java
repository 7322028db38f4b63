package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.field.Ext;

/**
 * The range table {@code [0, 2^bits)}: one column, row i holds i. Its multilinear extension is
 * {@code Σ_k 2^k·r_k}, so the verifier evaluates it in O(bits).
 */
public final class RangeTable implements LookupTable {
    private final int bits;

    public RangeTable(int bits) {
        if (bits < 0 || bits > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("range table bits " + bits + " outside [0, " + MAX_LOG_SIZE + "]");
        }
        this.bits = bits;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public int logSize() {
        return bits;
    }

    @Override
    public long value(int column, int row) {
        checkColumn(column);
        if (row < 0 || row >= size()) {
            throw new IndexOutOfBoundsException("row " + row + " of a 2^" + bits + " range table");
        }
        return row;
    }

    @Override
    public Ext evaluateColumn(int column, Ext[] point) {
        checkColumn(column);
        if (point.length != bits) {
            throw new IllegalArgumentException("point of dimension " + point.length + " for a 2^" + bits + " range table");
        }
        Ext sum = Ext.ZERO;
        for (int k = 0; k < bits; k++) {
            sum = sum.add(point[k].mulBase(1L << k));
        }
        return sum;
    }

    private static void checkColumn(int column) {
        if (column != 0) {
            throw new IndexOutOfBoundsException("column " + column + " of a range table");
        }
    }

    @Override
    public String toString() {
        return "RangeTable[0, 2^" + bits + ")";
    }
}
