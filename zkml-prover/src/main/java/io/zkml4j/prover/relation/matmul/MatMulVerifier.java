package io.zkml4j.prover.relation.matmul;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckProof;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
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
        Ext target = merged.combinedValue();
        for (int t = 0; t < merged.size(); t++) {
            if (layer.bias() >= 0) {
                Ext[] rj = shape.outColumnPart(merged.claim(t).point());
                Ext beta = ch.receiveExt("matmul bias");
                ctx.claims().weight(layer.bias(), rj, beta);
                target = target.sub(merged.coefficient(t).mul(beta));
            }
        }
        int vars = shape.rowVars() + shape.kVars();
        SumcheckProof proof = SumcheckProof.readFrom(ch.in(), vars, 2);
        SubClaim sub = SumcheckVerifier.verify(target, vars, 2, proof, ch.transcript());
        Ext[] s = sub.point();
        Ext xs = ch.receiveExt("matmul input");
        ctx.claims().tensor(layer.x(), s, xs);
        Ext[] sl = shape.inContractedPart(s);
        Ext[] si = shape.inRowPart(s);
        Ext bs = Ext.ZERO;
        for (int t = 0; t < merged.size(); t++) {
            Ext[] r = merged.claim(t).point();
            Ext[] wp = shape.weightPoint(r, sl);
            Ext wt = ch.receiveExt("matmul weight");
            ctx.claims().weight(layer.weight(), wp, wt);
            bs = bs.add(merged.coefficient(t).mul(Multilinear.eq(shape.outRowPart(r), si)).mul(wt));
        }
        if (!sub.expectedValue().equals(xs.mul(bs))) {
            throw new ProofRejectedException(where + ": MatMul sumcheck ends at " + sub.expectedValue()
                    + " but x(s)·B(s) = " + xs.mul(bs));
        }
    }
}
