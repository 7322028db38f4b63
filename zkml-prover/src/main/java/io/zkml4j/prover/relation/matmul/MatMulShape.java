package io.zkml4j.prover.relation.matmul;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.MatMulLayer;
import io.zkml4j.prover.layout.PaddedShape;

import java.util.Arrays;

/**
 * Variable bookkeeping of a MatMul, shared by prover and verifier: x has variables
 * {@code (l: log K, i: log R)}, y has {@code (j: log N, i: log R)}, W has {@code (j, l)}, b has {@code (j)}
 * (lowest first). Padded sizes: {@code rows = R}, {@code k = K}, {@code n = N}.
 */
record MatMulShape(int rowVars, int kVars, int nVars) {
    static MatMulShape of(Circuit c, MatMulLayer layer) {
        PaddedShape x = c.tensor(layer.x()).shape();
        PaddedShape y = c.tensor(layer.y()).shape();
        PaddedShape w = c.weights().get(layer.weight()).shape();
        int kv = x.logDim(x.rank() - 1);
        int nv = y.logDim(y.rank() - 1);
        if (w.rank() != 2 || w.logDim(0) != kv || w.logDim(1) != nv || x.numVars() - kv != y.numVars() - nv) {
            throw new IllegalArgumentException("MatMul shapes disagree: x " + x + ", W " + w + ", y " + y);
        }
        return new MatMulShape(x.numVars() - kv, kv, nv);
    }

    int rows() {
        return 1 << rowVars;
    }

    int k() {
        return 1 << kVars;
    }

    int n() {
        return 1 << nVars;
    }

    /** The {@code j} part of a point on y. */
    Ext[] outColumnPart(Ext[] yPoint) {
        return Arrays.copyOfRange(yPoint, 0, nVars);
    }

    /** The {@code i} part of a point on y. */
    Ext[] outRowPart(Ext[] yPoint) {
        return Arrays.copyOfRange(yPoint, nVars, nVars + rowVars);
    }

    /** The {@code l} part of a point on x. */
    Ext[] inContractedPart(Ext[] xPoint) {
        return Arrays.copyOfRange(xPoint, 0, kVars);
    }

    /** The {@code i} part of a point on x. */
    Ext[] inRowPart(Ext[] xPoint) {
        return Arrays.copyOfRange(xPoint, kVars, kVars + rowVars);
    }

    /** The point {@code (r^j, s_l)} on W. */
    Ext[] weightPoint(Ext[] yPoint, Ext[] sl) {
        Ext[] p = new Ext[nVars + kVars];
        System.arraycopy(yPoint, 0, p, 0, nVars);
        System.arraycopy(sl, 0, p, nVars, kVars);
        return p;
    }
}
