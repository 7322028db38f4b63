package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.relation.RealIndicator;

/** Verifier of {@link OutputProver}'s check (the math is there). */
public final class OutputVerifier {
    private OutputVerifier() {}

    /** @param outputField the public output, logical order, as field elements; null for a hashed output */
    public static void verify(VerifierContext ctx, long[] outputField) throws ProofRejectedException {
        int out = ctx.circuit().output();
        PaddedShape shape = ctx.circuit().tensor(out).shape();
        Ext[] r = ctx.channel().challenges("output point", shape.numVars());
        Hidden target;
        if (outputField != null) {
            target = Hidden.of(Multilinear.evaluate(shape.pad(outputField, 0), r));
        } else {
            target = ctx.channel().receive("committed output");
            ctx.claims().committedOutput(r, target);
        }
        int vars = shape.numVars();
        HiddenSubClaim sub;
        try {
            sub = ctx.channel().sumcheck(target, vars, 3);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("the stated output is not the output the proof computes (" + e.getMessage() + ")", e);
        }
        Hidden ys = ctx.channel().receive("output");
        ctx.claims().tensor(out, sub.point(), ys);
        Hidden expected = ys.mul(Multilinear.eq(r, sub.point()).mul(RealIndicator.evaluate(shape, sub.point())));
        HiddenSubClaim end = sub;
        ctx.channel().require(end.expectedValue(), expected, () -> "output check: the proof's output differs from the stated output (sumcheck ends at "
                + end.expectedValue() + ", expected " + expected + ")");
    }
}
