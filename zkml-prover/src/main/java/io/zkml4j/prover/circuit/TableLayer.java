package io.zkml4j.prover.circuit;

/**
 * {@code y = T[x − inLo]}: a non-linear function given by a public table over {@code [inLo, inLo + len)}.
 *
 * @param function name of the function (for messages and inspect)
 * @param entries  {@code T}, signed integers; its length is a power of two (padded with the last value)
 */
public record TableLayer(int x, int y, String function, long inLo, long[] entries) implements UnaryLayer {
    @Override
    public String describe() {
        return "Table(" + function + ", domain [" + inLo + ", " + (inLo + entries.length - 1) + "])";
    }
}
