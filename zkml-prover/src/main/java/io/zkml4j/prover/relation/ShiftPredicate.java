package io.zkml4j.prover.relation;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;

/**
 * The sliding-window predicate of one spatial dimension of a convolution or pooling window, and its
 * multilinear extension:
 * <pre>
 *   S(o, k, i) = 1  iff  i = o·stride + k·dilation − padStart  and  o < O, k < K, 0 ≤ i < I
 *   S~(r, t, s) = Σ_{o<O, k<K, valid} eq(r, o)·eq(t, k)·eq(s, i(o, k))
 * </pre>
 * The verifier evaluates {@code S~} directly in O(O·K) extension multiplications (a few hundred for the
 * layers of a CNN), which is what lets convolutions avoid an im2col matrix.
 */
public record ShiftPredicate(int outSize, int kernelSize, int inSize, int stride, int dilation, int padStart) {

    public ShiftPredicate {
        if (outSize <= 0 || kernelSize <= 0 || inSize <= 0 || stride <= 0 || dilation <= 0 || padStart < 0) {
            throw new IllegalArgumentException("bad window: out " + outSize + " kernel " + kernelSize + " in " + inSize
                    + " stride " + stride + " dilation " + dilation + " pad " + padStart);
        }
    }

    /** Input coordinate read by output {@code o} and tap {@code k}, or -1 if it falls in the padding. */
    public int input(int o, int k) {
        int i = o * stride + k * dilation - padStart;
        return i >= 0 && i < inSize ? i : -1;
    }

    /** {@code S~(r, t, s)} for points over the padded output, kernel and input coordinates. */
    public Ext evaluate(Ext[] r, Ext[] t, Ext[] s) {
        long[] eqR = Multilinear.eqTable(r);
        long[] eqT = Multilinear.eqTable(t);
        long[] eqS = Multilinear.eqTable(s);
        long acc0 = 0, acc1 = 0;
        for (int o = 0; o < outSize; o++) {
            long r0 = eqR[2 * o], r1 = eqR[2 * o + 1];
            for (int k = 0; k < kernelSize; k++) {
                int i = input(o, k);
                if (i < 0) {
                    continue;
                }
                long a0 = Ext.mulC0(r0, r1, eqT[2 * k], eqT[2 * k + 1]);
                long a1 = Ext.mulC1(r0, r1, eqT[2 * k], eqT[2 * k + 1]);
                acc0 = Goldilocks.add(acc0, Ext.mulC0(a0, a1, eqS[2 * i], eqS[2 * i + 1]));
                acc1 = Goldilocks.add(acc1, Ext.mulC1(a0, a1, eqS[2 * i], eqS[2 * i + 1]));
            }
        }
        return Ext.of(acc0, acc1);
    }

    /**
     * The table {@code k ↦ Σ_o eq(r, o)·eq(s, i(o, k))} over the padded kernel coordinate, for fixed
     * points {@code r} (output) and {@code s} (input): one factor of a convolution's weight sumcheck.
     */
    public long[] kernelTable(Ext[] r, Ext[] s, int paddedKernel) {
        long[] eqR = Multilinear.eqTable(r);
        long[] eqS = Multilinear.eqTable(s);
        long[] out = ExtArrays.zeros(paddedKernel);
        for (int o = 0; o < outSize; o++) {
            for (int k = 0; k < kernelSize; k++) {
                int i = input(o, k);
                if (i >= 0) {
                    ExtArrays.mulAddInto(out, k, eqR, o, eqS, i);
                }
            }
        }
        return out;
    }

    /**
     * The table {@code (k, i) ↦ Σ_{o : i(o, k) = i} eq(r, o)} over the real kernel and input coordinates
     * ({@code k·inSize + i}, extension pairs): the window's adjoint, which spreads an output-side eq
     * table back onto the input.
     */
    public long[] adjointTable(Ext[] r) {
        long[] eqR = Multilinear.eqTable(r);
        long[] out = ExtArrays.zeros(kernelSize * inSize);
        for (int o = 0; o < outSize; o++) {
            for (int k = 0; k < kernelSize; k++) {
                int i = input(o, k);
                if (i >= 0) {
                    int at = 2 * (k * inSize + i);
                    out[at] = Goldilocks.add(out[at], eqR[2 * o]);
                    out[at + 1] = Goldilocks.add(out[at + 1], eqR[2 * o + 1]);
                }
            }
        }
        return out;
    }
}
