package io.zkml4j.crypto.zk;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.hidden.PadPlan;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
import io.zkml4j.crypto.transcript.Transcript;

/** Verifier of {@link PadProver} (the protocol is described there). */
public final class PadVerifier {
    private PadVerifier() {}

    /** The pad table's variables for the entries {@code checks} named: the commitment's shape. */
    public static int tableVars(HiddenChecks checks) {
        return PadLayout.of(checks.plan()).tableVars();
    }

    /**
     * Checks that the pad commitment satisfies every constraint {@code checks} recorded; returns the claim
     * on the pad table that the caller must check against the commitment.
     */
    public static EvaluationClaim verify(HiddenChecks checks, ProofReader in, Transcript t) throws ProofRejectedException {
        PadPlan plan = checks.plan();
        int m = PadLayout.of(plan).contentVars();
        Ext ts = PadConstraints.sacrifice(t);
        PadProof proof = PadProof.readFrom(in, plan.productCount(), m);
        t.absorbExtArray(PadConstraints.REVEALS_LABEL, proof.reveals());
        Ext lambda = t.challengeExt(PadConstraints.LAMBDA_LABEL);
        PadConstraints.Combined comb = PadConstraints.combine(checks, plan, ts, proof.reveals(), lambda);
        t.absorbExt(PadConstraints.MASK_SUM_LABEL, proof.maskSum());
        Ext rho = t.challengeExt(PadConstraints.MASK_LABEL);
        Ext claim = Ext.ONE.sub(rho).mul(comb.b()).add(rho.mul(proof.maskSum()));
        String failure = "the padded messages fail the verifier's checks (" + checks.constraintCount() + " hidden checks, "
                + plan.productCount() + " products)";
        SubClaim sub;
        try {
            sub = SumcheckVerifier.verify(claim, m, 2, proof.sumcheck(), t);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException(failure, e);
        }
        t.absorbExt(PadConstraints.VALUE_LABEL, proof.value());
        Ext expected = Multilinear.evaluateExt(comb.a(), sub.point()).mul(proof.value());
        if (!expected.equals(sub.expectedValue())) {
            throw new ProofRejectedException(failure, new ProofRejectedException("the inner product ends at "
                    + sub.expectedValue() + ", A(z)·v = " + expected));
        }
        Ext[] point = java.util.Arrays.copyOf(sub.point(), m + 1);
        point[m] = rho;
        return new EvaluationClaim(point, proof.value());
    }
}
