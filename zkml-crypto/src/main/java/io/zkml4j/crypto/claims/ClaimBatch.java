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

    /** Checks the claims' points fit a table of {@code numVars} variables. */
    static void checkPoints(List<Ext[]> points, int numVars) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no claims to batch");
        }
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).length != numVars) {
                throw new IllegalArgumentException("claim " + i + " has a point of dimension " + points.get(i).length
                        + ", the table has " + numVars + " variables");
            }
        }
    }

    /**
     * Absorbs every claim (count, then each point and, where public, value, in order) and draws λ.
     * Hidden values ({@code values} null) were absorbed, padded, when they were sent.
     */
    static Ext absorbClaimsAndDrawLambda(List<Ext[]> points, List<Ext> values, Transcript t) {
        t.absorbLong(COUNT_LABEL, points.size());
        for (int i = 0; i < points.size(); i++) {
            t.absorbExtArray(POINT_LABEL, points.get(i));
            if (values != null) {
                t.absorbExt(VALUE_LABEL, values.get(i));
            }
        }
        return t.challengeExt(LAMBDA_LABEL);
    }

    /** The claims' points, in order. */
    static List<Ext[]> points(List<EvaluationClaim> claims) {
        return claims.stream().map(EvaluationClaim::point).toList();
    }
}
