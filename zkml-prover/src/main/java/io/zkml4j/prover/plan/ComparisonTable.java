package io.zkml4j.prover.plan;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.logup.LookupTable;

/**
 * The Requant range comparison over {@code b} bits: the pairs {@code (h, c(h))} for {@code h ∈ [0, 2^b)} with
 * {@code c = 0} below {@code 2^{b−1}}, {@code 1} at {@code 2^{b−1}}, {@code 2} above. Its columns' extensions
 * are evaluated in O(b): column 0 is {@code Σ 2^i p_i}; with {@code Z = Π_{i<b−1} (1 − p_i)} (the lower bits
 * all zero), column 1 is {@code p_{b−1}·Z + 2·p_{b−1}·(1 − Z) = p_{b−1}·(2 − Z)}.
 */
public final class ComparisonTable implements LookupTable {
    private final int bits;
    private final long center;

    public ComparisonTable(int bits) {
        if (bits < 2 || bits > 20) {
            throw new IllegalArgumentException("comparison table of " + bits + " bits");
        }
        this.bits = bits;
        this.center = 1L << (bits - 1);
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
        if (column == 0) {
            return row;
        }
        return row == center ? 1 : row > center ? 2 : 0;
    }

    @Override
    public Ext evaluateColumn(int column, Ext[] point) {
        if (point.length != bits) {
            throw new IllegalArgumentException("the comparison table has " + bits + " variables, point has " + point.length);
        }
        if (column == 0) {
            Ext acc = Ext.ZERO;
            for (int i = bits - 1; i >= 0; i--) {
                acc = acc.add(acc).add(point[i]);
            }
            return acc;
        }
        Ext z = Ext.ONE;
        for (int i = 0; i < bits - 1; i++) {
            z = z.mul(Ext.ONE.sub(point[i]));
        }
        return point[bits - 1].mul(Ext.fromBase(2).sub(z));
    }

    @Override
    public String toString() {
        return "CMP" + bits;
    }
}
