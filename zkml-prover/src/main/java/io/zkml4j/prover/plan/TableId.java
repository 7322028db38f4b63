package io.zkml4j.prover.plan;

/**
 * A public lookup table of the circuit: the 8- or 16-bit range table, the Requant comparison table, or the
 * function table of a {@code TableLayer} (by the index of the first layer with that table). The verifier builds the table's contents
 * from its own code and the circuit, never from the proof.
 */
public record TableId(Kind kind, int layer) {
    public enum Kind { RANGE8, RANGE16, COMPARISON, ZERO_TEST, FUNCTION }

    public static final TableId RANGE8 = new TableId(Kind.RANGE8, -1);
    /** {@code [0, 2^16)}: the chunks of wide values in circuits with many of them (see {@code WitnessPlan}). */
    public static final TableId RANGE16 = new TableId(Kind.RANGE16, -1);

    /** The pairs {@code (v, [v = 0])} over {@code [0, 2^bits)} (wide Requant comparisons). */
    public static TableId zeroTest(int bits) {
        return new TableId(Kind.ZERO_TEST, bits);
    }

    /** The Requant comparison table over {@code [0, 2^bits)}. */
    public static TableId comparison(int bits) {
        return new TableId(Kind.COMPARISON, bits);
    }

    public static TableId function(int layer) {
        return new TableId(Kind.FUNCTION, layer);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FUNCTION -> "function table of layer " + layer;
            case COMPARISON -> "cmp" + layer;
            case ZERO_TEST -> "zero" + layer;
            case RANGE8 -> "range8";
            case RANGE16 -> "range16";
        };
    }
}
