package io.zkml4j.prover.plan;

/**
 * One column of a lookup: {@code scale ×} a committed witness vector (slot) or a circuit tensor. Scaling
 * lets a {@code w}-bit chunk be range-checked with the 8-bit table twice: as {@code v} and as
 * {@code 2^{8−w}·v}.
 */
public record ColumnRef(boolean isSlot, int index, long scale) {
    public static ColumnRef slot(int slot) {
        return new ColumnRef(true, slot, 1);
    }

    public static ColumnRef slot(int slot, long scale) {
        return new ColumnRef(true, slot, scale);
    }

    public static ColumnRef tensor(int tensor) {
        return new ColumnRef(false, tensor, 1);
    }
}
