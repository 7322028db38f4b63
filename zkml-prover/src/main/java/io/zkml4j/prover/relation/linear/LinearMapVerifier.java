package io.zkml4j.prover.relation.linear;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.circuit.LinearMapLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.layout.PaddedShape;

/** Verifier of {@link LinearMapProver}'s relation (the math is there). */
public final class LinearMapVerifier {
    private LinearMapVerifier() {}

    public static void verify(VerifierContext ctx, LinearMapLayer layer, String where) throws ProofRejectedException {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        var ch = ctx.channel();
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        PaddedShape ys = ctx.circuit().tensor(layer.y()).shape();
        int n = layer.xs().length;
        PaddedShape[] xs = new PaddedShape[n];
        for (int k = 0; k < n; k++) {
            xs[k] = ctx.circuit().tensor(layer.xs()[k]).shape();
        }
        Hidden[] parts = new Hidden[n];
        Hidden rest = merged.combinedValue();
        for (int k = 0; k + 1 < n; k++) {
            parts[k] = ch.receive("linear map part sum");
            rest = rest.sub(parts[k]);
        }
        parts[n - 1] = rest;
        long[] g = null;
        for (int k = 0; k < n; k++) {
            int vars = xs[k].numVars();
            HiddenSubClaim sub = ch.sumcheck(parts[k], vars, 2);
            Hidden xk = ch.receive("linear map input");
            ctx.claims().tensor(layer.xs()[k], sub.point(), xk);
            if (g == null) {
                g = merged.weightTable();
            }
            long[] eqS = Multilinear.eqTable(sub.point());
            long a0 = 0, a1 = 0;
            for (int i = 0; i < ys.size(); i++) {
                int p = ys.paddedIndexOfFlat(i);
                long s0 = 0, s1 = 0;
                for (int t = layer.start()[i]; t < layer.start()[i + 1]; t++) {
                    if (layer.input()[t] == k) {
                        int q = xs[k].paddedIndexOfFlat(layer.index()[t]);
                        s0 = Goldilocks.add(s0, eqS[2 * q]);
                        s1 = Goldilocks.add(s1, eqS[2 * q + 1]);
                    }
                }
                a0 = Goldilocks.add(a0, Ext.mulC0(g[2 * p], g[2 * p + 1], s0, s1));
                a1 = Goldilocks.add(a1, Ext.mulC1(g[2 * p], g[2 * p + 1], s0, s1));
            }
            Hidden expected = xk.mul(Ext.of(a0, a1));
            int input = k;
            ch.require(sub.expectedValue(), expected, () -> where + ": " + layer.kind() + " sumcheck of input " + input
                    + " ends at " + sub.expectedValue() + " but x(s)·A(s) = " + expected);
        }
    }
}
