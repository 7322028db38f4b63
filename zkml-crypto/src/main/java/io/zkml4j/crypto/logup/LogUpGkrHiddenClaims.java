package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.claims.HiddenClaim;

import java.util.List;

/** {@link LogUpGkrClaims} whose values may be hidden (padded messages). */
public record LogUpGkrHiddenClaims(List<List<HiddenClaim>> groupColumns, HiddenClaim multiplicities) {
    public LogUpGkrHiddenClaims {
        groupColumns = groupColumns.stream().map(List::copyOf).toList();
    }

    public HiddenClaim column(int g, int c) {
        return groupColumns.get(g).get(c);
    }
}
