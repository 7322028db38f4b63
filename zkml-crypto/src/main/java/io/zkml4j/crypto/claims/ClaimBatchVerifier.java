package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;

/**
 * Verifier of the claim batching in {@link ClaimBatchProof}: absorbs the claims, draws λ, checks the
 * degree-2 sumcheck of {@code Σ_x f(x)·h(x) = Σ_i λ^i v_i}, absorbs the prover's {@code w = f(s)}, and
 * checks the final value equals {@code w · Σ_i λ^i eq(r_i, s)}, computed here. Returns the one claim
 * {@code f(s) = w} the caller must discharge (e.g. by a commitment opening).
 */
public final class ClaimBatchVerifier {
    private ClaimBatchVerifier() {}

    public static EvaluationClaim verify(List<EvaluationClaim> claims, int numVars, ClaimBatchProof proof, Transcript t)
            throws ProofRejectedException {
        ClaimBatch.checkClaims(claims, numVars);
        Ext lambda = ClaimBatch.absorbClaimsAndDrawLambda(claims, t);
        Ext sum = ClaimBatch.combinedValue(claims, lambda);
        SubClaim sub;
        try {
            sub = SumcheckVerifier.verify(sum, numVars, ClaimBatchProof.DEGREE, proof.sumcheck(), t);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("claim batch: " + e.getMessage(), e);
        }
        Ext w = proof.reducedValue();
        t.absorbExt(ClaimBatch.REDUCED_LABEL, w);
        Ext[] s = sub.point();
        Ext h = Ext.ZERO;
        Ext power = Ext.ONE;
        for (EvaluationClaim c : claims) {
            h = h.add(power.mul(Multilinear.eq(c.point(), s)));
            power = power.mul(lambda);
        }
        Ext expected = w.mul(h);
        if (!expected.equals(sub.expectedValue())) {
            throw new ProofRejectedException("claim batch final check: w·Σλ^i·eq(r_i, s) = " + expected
                    + ", sumcheck ends at " + sub.expectedValue());
        }
        return new EvaluationClaim(s, w);
    }
}
