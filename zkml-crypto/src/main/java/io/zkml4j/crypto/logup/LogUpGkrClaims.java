package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.claims.EvaluationClaim;

import java.util.List;

/**
 * What LogUp-GKR leaves to the caller, to check against the commitments it absorbed before the proof:
 * for each witness group g, one claim per column, all at the group's point ρ_g
 * ({@code groupColumns.get(g).get(c)}); and one claim on the multiplicity vector at the table's point.
 */
public record LogUpGkrClaims(List<List<EvaluationClaim>> groupColumns, EvaluationClaim multiplicities) {
    public LogUpGkrClaims {
        groupColumns = groupColumns.stream().map(List::copyOf).toList();
    }

    /** The claim on column {@code c} of group {@code g}. */
    public EvaluationClaim column(int g, int c) {
        return groupColumns.get(g).get(c);
    }
}
