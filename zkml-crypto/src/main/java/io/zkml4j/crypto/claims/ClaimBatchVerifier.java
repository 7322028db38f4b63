package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
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
        return verify(claims.stream().map(HiddenClaim::of).toList(), numVars, proof, t, HiddenChecks.eager());
    }

    /**
     * With claims whose values may be hidden: when {@code checks} is padded the values are not absorbed
     * (they were, padded, when sent), the rounds are received through {@code checks}, and the final check
     * {@code w·h(s)} becomes a constraint there; {@code w} itself is public.
     */
    public static EvaluationClaim verify(List<HiddenClaim> claims, int numVars, ClaimBatchProof proof, Transcript t,
                                         HiddenChecks checks) throws ProofRejectedException {
        List<Ext[]> points = claims.stream().map(HiddenClaim::point).toList();
        ClaimBatch.checkPoints(points, numVars);
        List<Ext> values = checks.isPadded() ? null : claims.stream().map(c -> c.value().publicValue()).toList();
        Ext lambda = ClaimBatch.absorbClaimsAndDrawLambda(points, values, t);
        Ext[] powers = new Ext[claims.size()];
        Ext power = Ext.ONE;
        for (int i = 0; i < powers.length; i++) {
            powers[i] = power;
            power = power.mul(lambda);
        }
        Hidden sum = Hidden.linearCombination(powers, claims.stream().map(HiddenClaim::value).toList());
        HiddenSubClaim sub;
        try {
            sub = SumcheckVerifier.verify(sum, numVars, ClaimBatchProof.DEGREE, proof.sumcheck(), t, checks);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("claim batch: " + e.getMessage(), e);
        }
        Ext w = proof.reducedValue();
        t.absorbExt(ClaimBatch.REDUCED_LABEL, w);
        Ext[] s = sub.point();
        Ext h = Ext.ZERO;
        for (int i = 0; i < points.size(); i++) {
            h = h.add(powers[i].mul(Multilinear.eq(points.get(i), s)));
        }
        Hidden expected = Hidden.of(w.mul(h));
        Hidden end = sub.expectedValue();
        checks.requireEqual(expected, end, () -> "claim batch final check: w·Σλ^i·eq(r_i, s) = " + expected
                + ", sumcheck ends at " + end);
        return new EvaluationClaim(s, w);
    }
}
