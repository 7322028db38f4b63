package io.zkml4j.prover.relation.max;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
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
        HiddenSubClaim zero;
        try {
            zero = ch.sumcheck(Hidden.ZERO, vars, kTaps + 1);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException(where + ": " + layer.kind() + " zero-check fails, so at some output no tap equals the claimed maximum ("
                    + e.getMessage() + ")", e);
        }
        Ext[] s = zero.point();
        Hidden yv = ch.receive("max output");
        ctx.claims().slot(slots.y(), s, yv);
        Hidden[] d = new Hidden[kTaps];
        Hidden partial = null; // Π_{j≤k} d_j, the prover's value once it is sent
        for (int k = 0; k < kTaps; k++) {
            d[k] = Hidden.ZERO;
            int[] chunkSlots = slots.differences()[k].slots();
            for (int j = 0; j < chunkSlots.length; j++) {
                Hidden v = ch.receive("max difference chunk");
                ctx.claims().slot(chunkSlots[j], s, v);
                d[k] = d[k].add(v.mulBase(slots.differences()[k].weight(j)));
            }
            partial = k == 0 ? d[0] : partial.mul(d[k]);
            if (k > 0 && k + 1 < kTaps) {
                Hidden sent = ch.receive("max partial product");
                Hidden computed = partial;
                ch.require(sent, computed, () -> where + ": the partial product of the taps' differences is " + sent
                        + ", they multiply to " + computed);
                partial = sent;
            }
        }
        Hidden product = partial.mul(Multilinear.eq(tau, s));
        HiddenSubClaim end = zero;
        ch.require(end.expectedValue(), product, () -> where + ": " + layer.kind() + " zero-check ends at " + end.expectedValue()
                + " but eq·Π(y − tap) = " + product + " (no tap equals the claimed maximum)");
        Ext mu = ch.challenge("max taps");
        // Σ_k μ^k (X_k(s) − lo·I_k(s)), X_k(s) = y(s) − D_k(s)
        long[] eq = Multilinear.eqTable(s);
        int n = ys.size();
        long lo = Goldilocks.fromSigned(c.tensor(layer.x()).lo());
        Hidden target = Hidden.ZERO;
        Ext muK = Ext.ONE;
        for (int k = 0; k < kTaps; k++) {
            Ext valid = Ext.ZERO;
            for (int o = 0; o < n; o++) {
                if (layer.taps()[k * n + o] >= 0) {
                    valid = valid.add(Ext.at(eq, ys.paddedIndexOfFlat(o)));
                }
            }
            Ext invalid = Ext.ONE.sub(valid); // Σ_o eq(s, o) = 1 over the whole padded layout
            target = target.add(yv.sub(d[k]).sub(invalid.mulBase(lo)).mul(muK));
            muK = muK.mul(mu);
        }
        int xVars = xsh.numVars();
        HiddenSubClaim gather = ch.sumcheck(target, xVars, 2);
        Hidden xv = ch.receive("max input");
        ctx.claims().tensor(layer.x(), gather.point(), xv);
        long[] a = MaxAdjoint.evaluate(c, layer, s, mu, gather.point());
        Hidden expected = xv.mul(Ext.at(a, 0));
        ch.require(gather.expectedValue(), expected, () -> where + ": " + layer.kind() + " tap gather ends at " + gather.expectedValue()
                + " but x·A = " + expected);
    }
}
