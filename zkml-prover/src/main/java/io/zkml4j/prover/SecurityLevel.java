package io.zkml4j.prover;

import io.zkml4j.crypto.pcs.ligero.LigeroParameters;

/** Named commitment parameter sets. Danger is opt-in: the command line refuses the testing preset. */
public enum SecurityLevel {
    /**
     * Ligero at rate 1/4 with 124 queries after 16 bits of proof of work: at least 100 bits (see {@link
     * LigeroParameters}: a Fiat–Shamir attacker pays 2^16 hashes for each attempt at the query round).
     */
    STANDARD("standard-100", LigeroParameters.SECURE_100_POW_16),
    /** Few queries, for fast tests only. Offers no meaningful security. */
    TESTING_ONLY_INSECURE("testing-only-insecure", LigeroParameters.TESTING_ONLY_INSECURE);

    private final String id;
    private final LigeroParameters ligero;

    SecurityLevel(String id, LigeroParameters ligero) {
        this.id = id;
        this.ligero = ligero;
    }

    public String id() {
        return id;
    }

    public LigeroParameters ligero() {
        return ligero;
    }

    public static SecurityLevel byId(String id) {
        for (SecurityLevel s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown security level '" + id + "'");
    }
}
