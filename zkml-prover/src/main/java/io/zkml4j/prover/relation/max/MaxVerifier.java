package io.zkml4j.prover.relation.max;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckProof;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.plan.WitnessPlan;

/** Verifier of {@link MaxProver}'s relation (the math is there). */
public final class MaxVerifier {
    private MaxVerifier() {}

    public static void verify(VerifierContext ctx, MaxLayer layer, int index, String where) throws ProofRejectedException {
        WitnessPlan.MaxSlots slots = ctx.plan().maxSlots(index);
        var ch = ctx.channel();
        Circuit c = ctx.circuit();
        PaddedShape ys = c.tensor(layer.y()).shape();
        PaddedShape xsh = c.tensor(layer.x()).shape();
        int vars = ys.numVars();
        int kTaps = layer.tapCount();
        Ext[] tau = ch.challenges("max zero-check point", vars);
        SumcheckProof zeroProof = SumcheckProof.readFrom(ch.in(), vars, kTaps + 1);
        SubClaim zero;
        try {
            zero = SumcheckVerifier.verify(Ext.ZERO, vars, kTaps + 1, zeroProof, ch.transcript());
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException(where + ": " + layer.kind() + " zero-check fails, so at some output no tap equals the claimed maximum ("
                    + e.getMessage() + ")", e);
        }
        Ext[] s = zero.point();
        Ext yv = ch.receiveExt("max output");
        ctx.claims().slot(slots.y(), s, yv);
        Ext[] d = new Ext[kTaps];
        Ext product = Multilinear.eq(tau, s);
        for (int k = 0; k < kTaps; k++) {
            d[k] = Ext.ZERO;
            int[] chunkSlots = slots.differences()[k].slots();
            for (int j = 0; j < chunkSlots.length; j++) {
                Ext v = ch.receiveExt("max difference chunk");
                ctx.claims().slot(chunkSlots[j], s, v);
                d[k] = d[k].add(v.mulBase(1L << (8 * j)));
            }
            product = product.mul(d[k]);
        }
        if (!zero.expectedValue().equals(product)) {
            throw new ProofRejectedException(where + ": " + layer.kind() + " zero-check ends at " + zero.expectedValue()
                    + " but eq·Π(y − tap) = " + product + " (no tap equals the claimed maximum)");
        }
        Ext mu = ch.challenge("max taps");
        // Σ_k μ^k (X_k(s) − lo·I_k(s)), X_k(s) = y(s) − D_k(s)
        long[] eq = Multilinear.eqTable(s);
        int n = ys.size();
        long lo = Goldilocks.fromSigned(c.tensor(layer.x()).lo());
        Ext target = Ext.ZERO;
        Ext muK = Ext.ONE;
        for (int k = 0; k < kTaps; k++) {
            Ext valid = Ext.ZERO;
            for (int o = 0; o < n; o++) {
                if (layer.taps()[k * n + o] >= 0) {
                    valid = valid.add(Ext.at(eq, ys.paddedIndexOfFlat(o)));
                }
            }
            Ext invalid = Ext.ONE.sub(valid); // Σ_o eq(s, o) = 1 over the whole padded layout
            target = target.add(muK.mul(yv.sub(d[k]).sub(invalid.mulBase(lo))));
            muK = muK.mul(mu);
        }
        int xVars = xsh.numVars();
        SubClaim gather = SumcheckVerifier.verify(target, xVars, 2, SumcheckProof.readFrom(ch.in(), xVars, 2), ch.transcript());
        Ext xv = ch.receiveExt("max input");
        ctx.claims().tensor(layer.x(), gather.point(), xv);
        long[] a = MaxAdjoint.evaluate(c, layer, s, mu, gather.point());
        Ext expected = xv.mul(Ext.at(a, 0));
        if (!gather.expectedValue().equals(expected)) {
            throw new ProofRejectedException(where + ": " + layer.kind() + " tap gather ends at " + gather.expectedValue()
                    + " but x·A = " + expected);
        }
    }
}
