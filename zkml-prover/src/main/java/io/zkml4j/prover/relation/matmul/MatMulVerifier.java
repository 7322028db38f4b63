package io.zkml4j.prover.relation.matmul;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.circuit.MatMulLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.VerifierContext;

/** Verifier of {@link MatMulProver}'s relation (the math is there). */
public final class MatMulVerifier {
    private MatMulVerifier() {}

    public static void verify(VerifierContext ctx, MatMulLayer layer, String where) throws ProofRejectedException {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        MatMulShape shape = MatMulShape.of(ctx.circuit(), layer);
        var ch = ctx.channel();
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        Hidden target = merged.combinedValue();
        for (int t = 0; t < merged.size(); t++) {
            if (layer.bias() >= 0) {
                Ext[] rj = shape.outColumnPart(merged.claim(t).point());
                Hidden beta = ch.receive("matmul bias");
                ctx.claims().weight(layer.bias(), rj, beta);
                target = target.sub(beta.mul(merged.coefficient(t)));
            }
        }
        int vars = shape.rowVars() + shape.kVars();
        HiddenSubClaim sub = ch.sumcheck(target, vars, 2);
        Ext[] s = sub.point();
        Hidden xs = ch.receive("matmul input");
        ctx.claims().tensor(layer.x(), s, xs);
        Ext[] sl = shape.inContractedPart(s);
        Ext[] si = shape.inRowPart(s);
        Hidden bs = Hidden.ZERO;
        for (int t = 0; t < merged.size(); t++) {
            Ext[] r = merged.claim(t).point();
            Ext[] wp = shape.weightPoint(r, sl);
            Hidden wt = ch.receive("matmul weight");
            ctx.claims().weight(layer.weight(), wp, wt);
            bs = bs.add(wt.mul(merged.coefficient(t).mul(Multilinear.eq(shape.outRowPart(r), si))));
        }
        Hidden expected = xs.mul(bs);
        ch.require(sub.expectedValue(), expected, () -> where + ": MatMul sumcheck ends at " + sub.expectedValue()
                + " but x(s)·B(s) = " + expected);
    }
}
