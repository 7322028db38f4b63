package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;

/** The transcript steps and checks shared by {@link ClaimBatchProver} and {@link ClaimBatchVerifier}. */
final class ClaimBatch {
    static final String COUNT_LABEL = "claim-batch/count";
    static final String POINT_LABEL = "claim-batch/point";
    static final String VALUE_LABEL = "claim-batch/value";
    static final String LAMBDA_LABEL = "claim-batch/lambda";
    static final String REDUCED_LABEL = "claim-batch/reduced-value";

    private ClaimBatch() {}

    /** Checks the claims fit a table of {@code numVars} variables. */
    static void checkClaims(List<EvaluationClaim> claims, int numVars) {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("no claims to batch");
        }
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).numVars() != numVars) {
                throw new IllegalArgumentException("claim " + i + " has a point of dimension " + claims.get(i).numVars()
                        + ", the table has " + numVars + " variables");
            }
        }
    }

    /** Absorbs every claim (count, then each point and value in order) and draws λ. */
    static Ext absorbClaimsAndDrawLambda(List<EvaluationClaim> claims, Transcript t) {
        t.absorbLong(COUNT_LABEL, claims.size());
        for (EvaluationClaim c : claims) {
            t.absorbExtArray(POINT_LABEL, c.point());
            t.absorbExt(VALUE_LABEL, c.value());
        }
        return t.challengeExt(LAMBDA_LABEL);
    }

    /** {@code Σ_i λ^i v_i}. */
    static Ext combinedValue(List<EvaluationClaim> claims, Ext lambda) {
        Ext sum = Ext.ZERO;
        Ext power = Ext.ONE;
        for (EvaluationClaim c : claims) {
            sum = sum.add(power.mul(c.value()));
            power = power.mul(lambda);
        }
        return sum;
    }
}
