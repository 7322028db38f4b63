package io.zkml4j.prover;

/**
 * Whether the model input travels with the proof. v1 proofs are not zero-knowledge: a private input is
 * not written into the {@code .zkml} file, but the proof's openings reveal partial information about it
 * (and about the weights); see docs/ARCHITECTURE.md, "What a v1 proof reveals".
 */
public enum Visibility {
    PUBLIC, PRIVATE;

    public static Visibility parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "public" -> PUBLIC;
            case "private" -> PRIVATE;
            default -> throw new IllegalArgumentException("visibility must be 'public' or 'private', not '" + s + "'");
        };
    }
}
