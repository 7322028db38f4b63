package io.zkml4j.prover.relation.elementwise;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
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
        Hidden target = merged.combinedValue();
        if (layer.add() >= 0) {
            Broadcast ba = new Broadcast(y, c.weights().get(layer.add()).shape());
            for (int t = 0; t < merged.size(); t++) {
                Ext[] rc = ba.sub(merged.claim(t).point());
                Hidden cv = ch.receive("affine offset");
                ctx.claims().weight(layer.add(), rc, cv);
                target = target.sub(cv.mul(merged.coefficient(t)));
            }
        }
        Broadcast bm = new Broadcast(y, c.weights().get(layer.mul()).shape());
        int vars = y.numVars();
        HiddenSubClaim sub = ch.sumcheck(target, vars, 3);
        Ext[] s = sub.point();
        Hidden xv = ch.receive("affine input");
        Hidden mv = ch.receive("affine scale");
        ctx.claims().tensor(layer.x(), s, xv);
        ctx.claims().weight(layer.mul(), bm.sub(s), mv);
        Ext weight = merged.size() == 1 ? Multilinear.eq(merged.claim(0).point(), s) : merged.weightAt(s);
        Hidden expected = xv.mul(weight).mul(mv);
        ch.require(sub.expectedValue(), expected, () -> where + ": Affine sumcheck ends at " + sub.expectedValue() + " but g(s)·x·m = " + expected);
    }
}
