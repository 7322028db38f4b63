package io.zkml4j.prover.relation.conv;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.circuit.ConvLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.VerifierContext;

/** Verifier of {@link ConvProver}'s relation (the math is there). */
public final class ConvVerifier {
    private ConvVerifier() {}

    public static void verify(VerifierContext ctx, ConvLayer layer, String where) throws ProofRejectedException {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        ConvShape sh = ConvShape.of(ctx.circuit(), layer);
        var ch = ctx.channel();
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        Hidden target = merged.combinedValue();
        if (layer.bias() >= 0) {
            for (int t = 0; t < merged.size(); t++) {
                Ext[] rco = sh.yco(merged.claim(t).point());
                Hidden beta = ch.receive("conv bias");
                ctx.claims().weight(layer.bias(), rco, beta);
                target = target.sub(beta.mul(merged.coefficient(t)));
            }
        }
        int xVars = sh.x().numVars();
        HiddenSubClaim first = ch.sumcheck(target, xVars, 2);
        Ext[] s = first.point();
        Hidden xs = ch.receive("conv input");
        ctx.claims().tensor(layer.x(), s, xs);
        Hidden as = ch.receive("conv adjoint");
        Hidden xa = xs.mul(as);
        ch.require(first.expectedValue(), xa, () -> where + ": Conv input sumcheck ends at " + first.expectedValue()
                + " but x(s)·A(s) = " + xa);
        int wVars = sh.w().numVars();
        HiddenSubClaim second = ch.sumcheck(as, wVars, 2);
        Ext[] t = second.point();
        Hidden wt = ch.receive("conv weight");
        ctx.claims().weight(layer.weight(), t, wt);
        Ext h = Ext.ZERO;
        Ext eqCi = Multilinear.eq(sh.xci(s), sh.wci(t));
        for (int i = 0; i < merged.size(); i++) {
            Ext[] r = merged.claim(i).point();
            Ext term = merged.coefficient(i)
                    .mul(Multilinear.eq(sh.yco(r), sh.wco(t)))
                    .mul(sh.rows().evaluate(sh.yoy(r), sh.wky(t), sh.xiy(s)))
                    .mul(sh.cols().evaluate(sh.yox(r), sh.wkx(t), sh.xix(s)));
            h = h.add(term);
        }
        Hidden wh = wt.mul(h.mul(eqCi));
        ch.require(second.expectedValue(), wh, () -> where + ": Conv weight sumcheck ends at " + second.expectedValue()
                + " but W(t)·H(t) = " + wh);
    }
}
