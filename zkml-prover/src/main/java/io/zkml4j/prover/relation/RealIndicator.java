package io.zkml4j.prover.relation;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.prover.layout.PaddedShape;

/**
 * The indicator of real (non-padding) positions of a padded tensor and its multilinear extension. It
 * factors over dimensions, {@code 1[x real] = Π_j 1[x_j < d_j]}, and each factor's extension
 * {@code P_d(r) = Σ_{i<d} eq(r, i)} is evaluated in O(log D) by walking the bits of {@code d} from the top:
 * {@code P_d(r) = Σ over set bits b of d: (Π_{j>b} eq(r_j, d_j))·(1 − r_b)}.
 */
public final class RealIndicator {
    private RealIndicator() {}

    /** {@code Σ_{i<d} eq(r, i)} for a point {@code r} over {@code r.length} little-endian variables. */
    public static Ext prefix(int d, Ext[] r) {
        int n = r.length;
        if (d >= (1 << n)) {
            return Ext.ONE;
        }
        Ext acc = Ext.ZERO;
        Ext high = Ext.ONE; // Π_{j > b} eq(r_j, d_j)
        for (int b = n - 1; b >= 0; b--) {
            boolean bit = ((d >>> b) & 1) == 1;
            if (bit) {
                acc = acc.add(high.mul(Ext.ONE.sub(r[b])));
                high = high.mul(r[b]);
            } else {
                high = high.mul(Ext.ONE.sub(r[b]));
            }
        }
        return acc;
    }

    /** The indicator of real positions of {@code shape}, at a point over its variables. */
    public static Ext evaluate(PaddedShape shape, Ext[] point) {
        Ext acc = Ext.ONE;
        for (int j = 0; j < shape.rank(); j++) {
            Ext[] sub = new Ext[shape.logDim(j)];
            System.arraycopy(point, shape.varOffset(j), sub, 0, sub.length);
            acc = acc.mul(prefix(shape.dim(j), sub));
        }
        return acc;
    }
}
