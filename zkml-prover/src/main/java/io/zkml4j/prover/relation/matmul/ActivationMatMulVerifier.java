package io.zkml4j.prover.relation.matmul;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.prover.circuit.ActivationMatMulLayer;
import io.zkml4j.crypto.claims.HiddenClaim;
import io.zkml4j.prover.engine.VerifierContext;

import java.util.Arrays;

/** Verifier of {@link ActivationMatMulProver}'s relation (the math is there). */
public final class ActivationMatMulVerifier {
    private ActivationMatMulVerifier() {}

    public static void verify(VerifierContext ctx, ActivationMatMulLayer layer, String where) throws ProofRejectedException {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        ActivationMatMulShape shape;
        try {
            shape = ActivationMatMulShape.of(ctx.circuit(), layer);
        } catch (IllegalArgumentException e) {
            throw new ProofRejectedException("malformed key: " + where + ": " + e.getMessage());
        }
        var ch = ctx.channel();
        for (HiddenClaim claim : claims) {
            Ext[] r = claim.point();
            HiddenSubClaim sub = ch.sumcheck(claim.value(), shape.sumcheckVars(), 3);
            Ext[] s = sub.point();
            Hidden av = ch.receive("matmul operand");
            Hidden bv = ch.receive("matmul operand");
            ctx.claims().tensor(layer.a(), shape.aPoint(r, s), av);
            ctx.claims().tensor(layer.b(), shape.bPoint(r, s), bv);
            Ext e = Multilinear.eq(shape.batch(r), Arrays.copyOfRange(s, shape.kv(), s.length));
            Hidden expected = av.mul(e).mul(bv);
            ch.require(sub.expectedValue(), expected, () -> where + ": MatMul sumcheck ends at " + sub.expectedValue()
                    + " but eq·a·b = " + expected);
        }
    }
}
