package io.zkml4j.prover.plan;

/**
 * A public lookup table of the circuit: the 8-bit range table, the Requant comparison table, or the
 * function table of one {@code TableLayer} (by layer index). The verifier builds the table's contents
 * from its own code and the circuit, never from the proof.
 */
public record TableId(Kind kind, int layer) {
    public enum Kind { RANGE8, CMP16, FUNCTION }

    public static final TableId RANGE8 = new TableId(Kind.RANGE8, -1);
    public static final TableId CMP16 = new TableId(Kind.CMP16, -1);

    public static TableId function(int layer) {
        return new TableId(Kind.FUNCTION, layer);
    }

    @Override
    public String toString() {
        return kind == Kind.FUNCTION ? "function table of layer " + layer : kind.name().toLowerCase();
    }
}
