package io.zkml4j.prover.relation.elementwise;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckProof;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
import io.zkml4j.prover.circuit.AffineLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.VerifierContext;

/** Verifier of {@link AffineProver}'s relation (the math is there). */
public final class AffineVerifier {
    private AffineVerifier() {}

    public static void verify(VerifierContext ctx, AffineLayer layer, String where) throws ProofRejectedException {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        var c = ctx.circuit();
        var ch = ctx.channel();
        var y = c.tensor(layer.y()).shape();
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        Ext target = merged.combinedValue();
        if (layer.add() >= 0) {
            Broadcast ba = new Broadcast(y, c.weights().get(layer.add()).shape());
            for (int t = 0; t < merged.size(); t++) {
                Ext[] rc = ba.sub(merged.claim(t).point());
                Ext cv = ch.receiveExt("affine offset");
                ctx.claims().weight(layer.add(), rc, cv);
                target = target.sub(merged.coefficient(t).mul(cv));
            }
        }
        Broadcast bm = new Broadcast(y, c.weights().get(layer.mul()).shape());
        int vars = y.numVars();
        SubClaim sub = SumcheckVerifier.verify(target, vars, 3, SumcheckProof.readFrom(ch.in(), vars, 3), ch.transcript());
        Ext[] s = sub.point();
        Ext xv = ch.receiveExt("affine input");
        Ext mv = ch.receiveExt("affine scale");
        ctx.claims().tensor(layer.x(), s, xv);
        ctx.claims().weight(layer.mul(), bm.sub(s), mv);
        Ext weight = merged.size() == 1 ? Multilinear.eq(merged.claim(0).point(), s) : merged.weightAt(s);
        Ext expected = weight.mul(xv).mul(mv);
        if (!sub.expectedValue().equals(expected)) {
            throw new ProofRejectedException(where + ": Affine sumcheck ends at " + sub.expectedValue() + " but g(s)·x·m = " + expected);
        }
    }
}
