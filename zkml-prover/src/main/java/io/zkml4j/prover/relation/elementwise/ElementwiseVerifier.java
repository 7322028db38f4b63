package io.zkml4j.prover.relation.elementwise;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.circuit.ElementwiseLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.VerifierContext;

/** Verifier of {@link ElementwiseProver}'s relations (the math is there). */
public final class ElementwiseVerifier {
    private ElementwiseVerifier() {}

    public static void verify(VerifierContext ctx, ElementwiseLayer layer, String where) throws ProofRejectedException {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        var c = ctx.circuit();
        var y = c.tensor(layer.y()).shape();
        Broadcast ba = new Broadcast(y, c.tensor(layer.a()).shape());
        Broadcast bb = new Broadcast(y, c.tensor(layer.b()).shape());
        var ch = ctx.channel();
        if (layer.op() != ElementwiseLayer.Op.MUL) {
            for (var claim : claims) {
                Hidden av = ch.receive("elementwise operand");
                ctx.claims().tensor(layer.a(), ba.sub(claim.point()), av);
                Hidden bv = claim.value().sub(av);
                ctx.claims().tensor(layer.b(), bb.sub(claim.point()), layer.op() == ElementwiseLayer.Op.ADD ? bv : bv.neg());
            }
            return;
        }
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        boolean single = merged.size() == 1;
        int vars = y.numVars();
        int degree = 3;
        HiddenSubClaim sub = ch.sumcheck(merged.combinedValue(), vars, degree);
        Ext[] s = sub.point();
        Hidden av = ch.receive("mul operand");
        Hidden bv = ch.receive("mul operand");
        ctx.claims().tensor(layer.a(), ba.sub(s), av);
        ctx.claims().tensor(layer.b(), bb.sub(s), bv);
        Ext weight = single ? Multilinear.eq(merged.claim(0).point(), s) : merged.weightAt(s);
        Hidden expected = av.mul(weight).mul(bv);
        ch.require(sub.expectedValue(), expected, () -> where + ": Mul sumcheck ends at " + sub.expectedValue() + " but g(s)·a·b = " + expected);
    }
}
