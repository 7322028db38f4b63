package io.zkml4j.prover.relation.conv;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.ConvLayer;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.relation.ShiftPredicate;

import java.util.Arrays;

/**
 * Sizes and variable bookkeeping of a convolution, shared by prover and verifier. Variables, lowest first:
 * x {@code (ix, iy, ci)}, y {@code (ox, oy, co)}, W {@code (kx, ky, ci, co)}, b {@code (co)}.
 */
record ConvShape(PaddedShape x, PaddedShape y, PaddedShape w, ShiftPredicate rows, ShiftPredicate cols) {
    static ConvShape of(Circuit c, ConvLayer layer) {
        PaddedShape x = c.tensor(layer.x()).shape();
        PaddedShape y = c.tensor(layer.y()).shape();
        PaddedShape w = c.weights().get(layer.weight()).shape();
        if (x.rank() != 4 || y.rank() != 4 || w.rank() != 4 || x.dim(0) != 1 || y.dim(0) != 1
                || w.dim(0) != y.dim(1) || w.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException("Conv shapes disagree: x " + x + ", W " + w + ", y " + y);
        }
        ShiftPredicate rows = new ShiftPredicate(y.dim(2), w.dim(2), x.dim(2), layer.strides()[0], layer.dilations()[0], layer.padsBegin()[0]);
        ShiftPredicate cols = new ShiftPredicate(y.dim(3), w.dim(3), x.dim(3), layer.strides()[1], layer.dilations()[1], layer.padsBegin()[1]);
        return new ConvShape(x, y, w, rows, cols);
    }

    /** Coordinates {@code [from, from + count)} of a point. */
    static Ext[] part(Ext[] p, int from, int count) {
        return Arrays.copyOfRange(p, from, from + count);
    }

    // y parts
    Ext[] yox(Ext[] p) { return part(p, y.varOffset(3), y.logDim(3)); }
    Ext[] yoy(Ext[] p) { return part(p, y.varOffset(2), y.logDim(2)); }
    Ext[] yco(Ext[] p) { return part(p, y.varOffset(1), y.logDim(1)); }
    // x parts
    Ext[] xix(Ext[] p) { return part(p, x.varOffset(3), x.logDim(3)); }
    Ext[] xiy(Ext[] p) { return part(p, x.varOffset(2), x.logDim(2)); }
    Ext[] xci(Ext[] p) { return part(p, x.varOffset(1), x.logDim(1)); }
    // W parts
    Ext[] wkx(Ext[] p) { return part(p, w.varOffset(3), w.logDim(3)); }
    Ext[] wky(Ext[] p) { return part(p, w.varOffset(2), w.logDim(2)); }
    Ext[] wci(Ext[] p) { return part(p, w.varOffset(1), w.logDim(1)); }
    Ext[] wco(Ext[] p) { return part(p, w.varOffset(0), w.logDim(0)); }
}
