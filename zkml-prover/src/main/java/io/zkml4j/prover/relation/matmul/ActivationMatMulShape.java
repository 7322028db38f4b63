package io.zkml4j.prover.relation.matmul;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.prover.circuit.ActivationMatMulLayer;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.layout.PaddedShape;

import java.util.Arrays;

/**
 * Variable bookkeeping of {@link ActivationMatMulLayer}, lowest variables first: a has {@code (l, i, β)},
 * b has {@code (j, l, β)}, y has {@code (j, i, β)}, the sumcheck runs over {@code (l, β)}. Counts:
 * {@code kv = log K, mv = log M, nv = log N, bv} batch variables.
 */
record ActivationMatMulShape(int bv, int mv, int kv, int nv) {
    static ActivationMatMulShape of(Circuit c, ActivationMatMulLayer layer) {
        PaddedShape a = c.tensor(layer.a()).shape(), b = c.tensor(layer.b()).shape(), y = c.tensor(layer.y()).shape();
        String problem = ActivationMatMulLayer.shapeProblem(a, b, y);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int r = y.rank();
        int mv = y.logDim(r - 2), nv = y.logDim(r - 1), kv = a.logDim(r - 1);
        return new ActivationMatMulShape(y.numVars() - mv - nv, mv, kv, nv);
    }

    int sumcheckVars() {
        return kv + bv;
    }

    Ext[] j(Ext[] yPoint) {
        return Arrays.copyOfRange(yPoint, 0, nv);
    }

    Ext[] i(Ext[] yPoint) {
        return Arrays.copyOfRange(yPoint, nv, nv + mv);
    }

    Ext[] batch(Ext[] yPoint) {
        return Arrays.copyOfRange(yPoint, nv + mv, nv + mv + bv);
    }

    /** a's point {@code (s_l, r_i, s_β)} for the sumcheck's point {@code s = (s_l, s_β)}. */
    Ext[] aPoint(Ext[] yPoint, Ext[] s) {
        return concat(Arrays.copyOfRange(s, 0, kv), i(yPoint), Arrays.copyOfRange(s, kv, kv + bv));
    }

    /** b's point {@code (r_j, s_l, s_β)}. */
    Ext[] bPoint(Ext[] yPoint, Ext[] s) {
        return concat(j(yPoint), Arrays.copyOfRange(s, 0, kv), Arrays.copyOfRange(s, kv, kv + bv));
    }

    private static Ext[] concat(Ext[]... parts) {
        int n = 0;
        for (Ext[] p : parts) {
            n += p.length;
        }
        Ext[] out = new Ext[n];
        int at = 0;
        for (Ext[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
