package io.zkml4j.prover.plan;

/**
 * One column of a lookup: {@code scale ×} a committed witness vector (slot) or a circuit tensor. Scaling
 * lets a {@code w}-bit chunk be range-checked with the 8-bit table twice: as {@code v} and as
 * {@code 2^{8−w}·v}. A <em>linear</em> column ({@code linear != null}) is not stored anywhere: it is
 * {@code a·base + Σ_j a_j·slot_j + a_0} (field coefficients) for the base slot or tensor, so a value that the
 * committed vectors and a tensor fix need not be committed (a Requant's high part).
 */
public record ColumnRef(boolean isSlot, int index, long scale, Linear linear) {
    /**
     * The coefficients of a linear column, canonical field elements: {@code base} multiplies the base slot or
     * tensor, {@code coefs[j]} the slot {@code slots[j]}, and {@code constant} is added.
     */
    public record Linear(long base, int[] slots, long[] coefs, long constant) {}

    public static ColumnRef slot(int slot) {
        return new ColumnRef(true, slot, 1, null);
    }

    public static ColumnRef slot(int slot, long scale) {
        return new ColumnRef(true, slot, scale, null);
    }

    public static ColumnRef tensor(int tensor) {
        return new ColumnRef(false, tensor, 1, null);
    }

    /** {@code base·tensor + Σ_j coefs[j]·slots[j] + constant}. */
    public static ColumnRef linear(int tensor, long base, int[] slots, long[] coefs, long constant) {
        return new ColumnRef(false, tensor, 1, new Linear(base, slots.clone(), coefs.clone(), constant));
    }

    /** The column's parts as plain references (the base, then each slot); just itself for a plain column. */
    public ColumnRef[] parts() {
        if (linear == null) {
            return new ColumnRef[] {this};
        }
        ColumnRef[] p = new ColumnRef[1 + linear.slots().length];
        p[0] = new ColumnRef(isSlot, index, 1, null);
        for (int j = 0; j < linear.slots().length; j++) {
            p[1 + j] = slot(linear.slots()[j]);
        }
        return p;
    }

    /** The coefficient of each part (see {@link #parts()}). */
    public long[] partCoefficients() {
        if (linear == null) {
            return new long[] {1};
        }
        long[] c = new long[1 + linear.coefs().length];
        c[0] = linear.base();
        System.arraycopy(linear.coefs(), 0, c, 1, linear.coefs().length);
        return c;
    }
}
