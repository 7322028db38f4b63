package io.zkml4j.prover.relation.elementwise;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.prover.layout.PaddedShape;

import java.util.Arrays;

/**
 * ONNX broadcasting of an operand to an output shape, on padded layouts: trailing dimensions align, and an
 * operand dimension is either the output's or 1 (repeated). A point on the output becomes a point on the
 * operand by keeping the variables of the dimensions the operand has; the operand's multilinear extension
 * does not depend on the others, so {@code op~(sub(r))} is the extension of the broadcast operand at r.
 */
public final class Broadcast {
    private final PaddedShape out;
    private final PaddedShape in;
    /** For each operand dimension, the output dimension it aligns with. */
    private final int[] aligned;

    public Broadcast(PaddedShape out, PaddedShape in) {
        if (in.rank() > out.rank()) {
            throw new IllegalArgumentException("operand " + in + " has a higher rank than the result " + out);
        }
        this.out = out;
        this.in = in;
        this.aligned = new int[in.rank()];
        int shift = out.rank() - in.rank();
        for (int j = 0; j < in.rank(); j++) {
            aligned[j] = j + shift;
            if (in.dim(j) != 1 && in.dim(j) != out.dim(j + shift)) {
                throw new IllegalArgumentException("operand " + in + " does not broadcast to " + out);
            }
        }
    }

    /** The operand's point for a point on the output. */
    public Ext[] sub(Ext[] outPoint) {
        Ext[] p = new Ext[in.numVars()];
        for (int j = 0; j < in.rank(); j++) {
            if (in.logDim(j) > 0) {
                System.arraycopy(outPoint, out.varOffset(aligned[j]), p, in.varOffset(j), in.logDim(j));
            }
        }
        return p;
    }

    /** The padded operand table repeated to the output's padded layout. */
    public long[] expand(long[] operand) {
        if (in.numVars() == out.numVars() && Arrays.equals(in.dims(), out.dims())) {
            return operand;
        }
        long[] e = new long[out.paddedSize()];
        for (int p = 0; p < e.length; p++) {
            e[p] = operand[operandIndex(p)];
        }
        return e;
    }

    /** Padded operand index read at padded output index {@code p}. */
    public int operandIndex(int p) {
        int q = 0;
        for (int j = 0; j < in.rank(); j++) {
            if (in.logDim(j) > 0) {
                int o = aligned[j];
                int coord = (p >>> out.varOffset(o)) & ((1 << out.logDim(o)) - 1);
                q |= coord << in.varOffset(j);
            }
        }
        return q;
    }
}
