package io.zkml4j.prover;

/**
 * What a proof says about the model input. {@code PUBLIC}: the input travels in the {@code .zkml} file and
 * the verifier checks the proof against it. {@code PRIVATE}: it does not; a zero-knowledge proof reveals
 * nothing about it beyond the output. {@code HASHED}: like private, but the file carries a hiding commitment
 * to the input (see {@code Zkml.proveHashed}): proofs carrying the same commitment are about the same input,
 * and whoever holds the input and its seed can show which input it is.
 */
public enum Visibility {
    PUBLIC, PRIVATE, HASHED;

    public static Visibility parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "public" -> PUBLIC;
            case "private" -> PRIVATE;
            case "hashed" -> HASHED;
            default -> throw new IllegalArgumentException("visibility must be 'public', 'private' or 'hashed', not '" + s + "'");
        };
    }
}
