package io.zkml4j.prover.relation.conv;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckProof;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
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
        Ext target = merged.combinedValue();
        if (layer.bias() >= 0) {
            for (int t = 0; t < merged.size(); t++) {
                Ext[] rco = sh.yco(merged.claim(t).point());
                Ext beta = ch.receiveExt("conv bias");
                ctx.claims().weight(layer.bias(), rco, beta);
                target = target.sub(merged.coefficient(t).mul(beta));
            }
        }
        int xVars = sh.x().numVars();
        SubClaim first = SumcheckVerifier.verify(target, xVars, 2, SumcheckProof.readFrom(ch.in(), xVars, 2), ch.transcript());
        Ext[] s = first.point();
        Ext xs = ch.receiveExt("conv input");
        ctx.claims().tensor(layer.x(), s, xs);
        Ext as = ch.receiveExt("conv adjoint");
        if (!first.expectedValue().equals(xs.mul(as))) {
            throw new ProofRejectedException(where + ": Conv input sumcheck ends at " + first.expectedValue()
                    + " but x(s)·A(s) = " + xs.mul(as));
        }
        int wVars = sh.w().numVars();
        SubClaim second = SumcheckVerifier.verify(as, wVars, 2, SumcheckProof.readFrom(ch.in(), wVars, 2), ch.transcript());
        Ext[] t = second.point();
        Ext wt = ch.receiveExt("conv weight");
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
        if (!second.expectedValue().equals(wt.mul(h.mul(eqCi)))) {
            throw new ProofRejectedException(where + ": Conv weight sumcheck ends at " + second.expectedValue()
                    + " but W(t)·H(t) = " + wt.mul(h.mul(eqCi)));
        }
    }
}
