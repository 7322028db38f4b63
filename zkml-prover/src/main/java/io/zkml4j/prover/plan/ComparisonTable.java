package io.zkml4j.prover.plan;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.logup.LookupTable;

/**
 * CMP16: the pairs {@code (h, c(h))} for {@code h ∈ [0, 2^16)} with {@code c = 0} below {@code 2^15},
 * {@code 1} at {@code 2^15}, {@code 2} above — the Requant range comparison. Its columns' extensions are
 * evaluated in O(16): column 0 is {@code Σ 2^i p_i}; with {@code Z = Π_{i<15} (1 − p_i)} (the lower bits
 * all zero), column 1 is {@code p_15·Z + 2·p_15·(1 − Z) = p_15·(2 − Z)}.
 */
public final class ComparisonTable implements LookupTable {
    public static final int BITS = 16;
    private static final long CENTER = 1L << (BITS - 1);

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public int logSize() {
        return BITS;
    }

    @Override
    public long value(int column, int row) {
        if (column == 0) {
            return row;
        }
        return row == CENTER ? 1 : row > CENTER ? 2 : 0;
    }

    @Override
    public Ext evaluateColumn(int column, Ext[] point) {
        if (point.length != BITS) {
            throw new IllegalArgumentException("CMP16 has " + BITS + " variables, point has " + point.length);
        }
        if (column == 0) {
            Ext acc = Ext.ZERO;
            for (int i = BITS - 1; i >= 0; i--) {
                acc = acc.add(acc).add(point[i]);
            }
            return acc;
        }
        Ext z = Ext.ONE;
        for (int i = 0; i < BITS - 1; i++) {
            z = z.mul(Ext.ONE.sub(point[i]));
        }
        return point[BITS - 1].mul(Ext.fromBase(2).sub(z));
    }

    @Override
    public String toString() {
        return "CMP16";
    }
}
