package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckProof;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.relation.RealIndicator;

/** Verifier of {@link OutputProver}'s check (the math is there). */
public final class OutputVerifier {
    private OutputVerifier() {}

    /** @param outputField the public output, logical order, as field elements */
    public static void verify(VerifierContext ctx, long[] outputField) throws ProofRejectedException {
        int out = ctx.circuit().output();
        PaddedShape shape = ctx.circuit().tensor(out).shape();
        Ext[] r = ctx.channel().challenges("output point", shape.numVars());
        Ext target = Multilinear.evaluate(shape.pad(outputField, 0), r);
        int vars = shape.numVars();
        SumcheckProof proof = SumcheckProof.readFrom(ctx.channel().in(), vars, 3);
        SubClaim sub;
        try {
            sub = SumcheckVerifier.verify(target, vars, 3, proof, ctx.channel().transcript());
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("the stated output is not the output the proof computes (" + e.getMessage() + ")", e);
        }
        Ext ys = ctx.channel().receiveExt("output");
        ctx.claims().tensor(out, sub.point(), ys);
        Ext expected = Multilinear.eq(r, sub.point()).mul(RealIndicator.evaluate(shape, sub.point())).mul(ys);
        if (!sub.expectedValue().equals(expected)) {
            throw new ProofRejectedException("output check: the proof's output differs from the stated output (sumcheck ends at "
                    + sub.expectedValue() + ", expected " + expected + ")");
        }
    }
}
