package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;

/**
 * A table given row by row: {@code columns[c][row]}, e.g. (input, output) of a quantized activation
 * function. The verifier evaluates a column's multilinear extension in O(2^m).
 */
public final class ExplicitTable implements LookupTable {
    private final long[][] columns;
    private final int logSize;

    /** Copies {@code columns}: 1 to MAX_ARITY columns of equal power-of-two length, canonical entries. */
    public ExplicitTable(long[][] columns) {
        if (columns.length < 1 || columns.length > MAX_ARITY) {
            throw new IllegalArgumentException("a table has 1 to " + MAX_ARITY + " columns, got " + columns.length);
        }
        int rows = columns[0].length;
        if (rows == 0 || Integer.bitCount(rows) != 1 || Integer.numberOfTrailingZeros(rows) > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("a table has 2^m rows (m <= " + MAX_LOG_SIZE + "), got " + rows);
        }
        this.columns = new long[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != rows) {
                throw new IllegalArgumentException("column " + c + " has " + columns[c].length + " rows, column 0 has " + rows);
            }
            for (int i = 0; i < rows; i++) {
                if (!Goldilocks.isCanonical(columns[c][i])) {
                    throw new IllegalArgumentException("column " + c + " row " + i + ": non-canonical field element");
                }
            }
            this.columns[c] = columns[c].clone();
        }
        this.logSize = Integer.numberOfTrailingZeros(rows);
    }

    @Override
    public int arity() {
        return columns.length;
    }

    @Override
    public int logSize() {
        return logSize;
    }

    @Override
    public long value(int column, int row) {
        return columns[column][row];
    }

    @Override
    public Ext evaluateColumn(int column, Ext[] point) {
        return Multilinear.evaluate(columns[column], point);
    }

    @Override
    public String toString() {
        return "ExplicitTable[" + columns.length + " columns, 2^" + logSize + " rows]";
    }
}
