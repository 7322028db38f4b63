package io.zkml4j.prover.plan;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.logup.LookupTable;

/**
 * The pairs {@code (v, [v = 0])} for {@code v ∈ [0, 2^b)}: the zero test of a wide Requant's low high-part
 * bits. Column extensions in O(b): column 0 is {@code Σ 2^i p_i}, column 1 is {@code Π_i (1 − p_i)}.
 */
public final class ZeroTestTable implements LookupTable {
    private final int bits;

    public ZeroTestTable(int bits) {
        if (bits < 1 || bits > 20) {
            throw new IllegalArgumentException("zero-test table of " + bits + " bits");
        }
        this.bits = bits;
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public int logSize() {
        return bits;
    }

    @Override
    public long value(int column, int row) {
        return column == 0 ? row : row == 0 ? 1 : 0;
    }

    @Override
    public Ext evaluateColumn(int column, Ext[] point) {
        if (point.length != bits) {
            throw new IllegalArgumentException("the zero-test table has " + bits + " variables, point has " + point.length);
        }
        Ext acc = column == 0 ? Ext.ZERO : Ext.ONE;
        for (int i = bits - 1; i >= 0; i--) {
            acc = column == 0 ? acc.add(acc).add(point[i]) : acc.mul(Ext.ONE.sub(point[i]));
        }
        return acc;
    }

    @Override
    public String toString() {
        return "ZERO" + bits;
    }
}
