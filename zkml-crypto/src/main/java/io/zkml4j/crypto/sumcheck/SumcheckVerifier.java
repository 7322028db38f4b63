package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.poly.Univariate;
import io.zkml4j.crypto.transcript.Transcript;

/**
 * Sumcheck verifier (Lund–Fortnow–Karloff–Nisan), for a claim {@code H = Σ_{x ∈ {0,1}^n} g(x)} with g of
 * degree at most d in each variable.
 *
 * <p>Round k (k = 0 .. n-1) receives {@code p_k(0), ..., p_k(d)}, checks {@code p_k(0) + p_k(1) = H_k}
 * ({@code H_0 = H}), absorbs the message, draws {@code r_k} and sets {@code H_{k+1} = p_k(r_k)}. What is
 * left is the sub-claim {@code g(r_0, ..., r_{n-1}) = H_n}, returned for the caller to check. A false
 * claim survives with probability at most {@code n·d / |F_ext|} ≈ {@code n·d / 2^128}.
 *
 * <p><b>Transcript contract</b>: the sumcheck absorbs only its round messages. The statement (claimed
 * sum, shape, numVars, degree and whatever fixes the tables) must be absorbed by the caller before
 * calling, in the same way on the prover's side.
 */
public final class SumcheckVerifier {
    static final String ROUND_LABEL = "sumcheck/round-poly";
    static final String CHALLENGE_LABEL = "sumcheck/round-challenge";

    private SumcheckVerifier() {}

    /**
     * Checks the rounds of {@code proof} against {@code claimedSum} and returns the sub-claim. Throws
     * {@link ProofRejectedException} on a round whose values do not sum to the running claim, or a
     * message of the wrong length (more than {@code degree + 1} values: degree too high).
     */
    public static SubClaim verify(Ext claimedSum, int numVars, int degree, SumcheckProof proof, Transcript t)
            throws ProofRejectedException {
        HiddenSubClaim sub = verify(Hidden.of(claimedSum), numVars, degree, proof, t, HiddenChecks.eager());
        return new SubClaim(sub.point(), sub.expectedValue().publicValue());
    }

    /**
     * The same on padded round messages: each value is received through {@code checks} as it is absorbed,
     * and each round's {@code p(0) + p(1) = H_k} becomes a check there (made at once when public).
     */
    public static HiddenSubClaim verify(Hidden claimedSum, int numVars, int degree, SumcheckProof proof, Transcript t,
                                        HiddenChecks checks) throws ProofRejectedException {
        SumcheckProof.checkShape(numVars, degree);
        long[][] rounds = proof.roundPolynomials();
        if (rounds.length != numVars) {
            throw new ProofRejectedException("sumcheck: proof has " + rounds.length + " rounds, expected " + numVars);
        }
        Hidden claim = claimedSum;
        Ext[] point = new Ext[numVars];
        for (int k = 0; k < numVars; k++) {
            long[] msg = rounds[k];
            SumcheckProof.checkCount(k, msg.length >> 1, degree);
            t.absorbExts(ROUND_LABEL, msg);
            Hidden[] p = checks.receive(msg);
            Hidden sum = p[0].add(p[1]);
            int round = k;
            Hidden expected = claim;
            checks.requireEqual(sum, expected, () -> "sumcheck round " + round + ": p(0) + p(1) = " + sum + ", expected " + expected);
            Ext r = t.challengeExt(CHALLENGE_LABEL);
            point[k] = r;
            claim = Hidden.linearCombination(Univariate.lagrangeWeights(p.length, r), java.util.Arrays.asList(p));
        }
        return new HiddenSubClaim(point, claim);
    }
}
