package io.zkml4j.prover.layout;

import io.zkml4j.crypto.field.Ext;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs many vectors into one multilinear polynomial. Each vector is padded to {@code 2^k} entries and
 * placed at an offset that is a multiple of {@code 2^k} (largest first, so offsets stay aligned without
 * gaps), so the vector is the sub-cube {@code F(x_0..x_{k-1}, offset bits)}: a claim {@code v(r) = c} is
 * the claim {@code F(r ‖ bits(offset >> k)) = c}. The layout depends only on the vector sizes, which the
 * verifier knows from the verifying key, so both sides compute it alike.
 */
public final class WitnessLayout {
    /** Where one vector lives. */
    public record Slot(int index, int numVars, int offset) {
        public int size() {
            return 1 << numVars;
        }
    }

    private final List<Slot> slots;
    private final int numVars;
    /** Entries up to the end of the last slot: the packed table's length (no padding to {@code 2^numVars}). */
    private final int length;
    /** The mask slot (random entries no claim refers to), or null. */
    private final Slot mask;

    private WitnessLayout(List<Slot> slots, int numVars, int length, Slot mask) {
        this.slots = slots;
        this.numVars = numVars;
        this.length = length;
        this.mask = mask;
    }

    /** Lays out vectors with the given numbers of variables (in request order; placement by size). */
    public static WitnessLayout of(int[] vectorVars) {
        return of(vectorVars, -1);
    }

    /**
     * Lays out the vectors plus, if {@code maskVars >= 0}, one mask slot of {@code 2^maskVars} entries that
     * the prover fills with uniform randomness and no claim refers to: it makes every evaluation of the
     * packed polynomial at a random point uniform (a packed claim's point has boolean offset bits, so it
     * never reaches the mask; the batched opening point does). The mask slot is placed like any other
     * vector (by size), so with {@code 2^maskVars} a multiple of a commitment row it fills whole rows.
     */
    public static WitnessLayout of(int[] vectorVars, int maskVars) {
        if (maskVars >= 0) {
            int[] all = java.util.Arrays.copyOf(vectorVars, vectorVars.length + 1);
            all[vectorVars.length] = maskVars;
            WitnessLayout l = place(all);
            List<Slot> real = l.slots.subList(0, vectorVars.length);
            return new WitnessLayout(List.copyOf(real), l.numVars, l.length, l.slots.get(vectorVars.length));
        }
        return place(vectorVars);
    }

    private static WitnessLayout place(int[] vectorVars) {
        Integer[] order = new Integer[vectorVars.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // largest first; ties by request index, so the layout is deterministic
        java.util.Arrays.sort(order, (a, b) -> vectorVars[a] != vectorVars[b] ? Integer.compare(vectorVars[b], vectorVars[a]) : Integer.compare(a, b));
        Slot[] placed = new Slot[vectorVars.length];
        long offset = 0;
        for (int i : order) {
            placed[i] = new Slot(i, vectorVars[i], (int) offset);
            offset += 1L << vectorVars[i];
            if (offset > (1L << 30)) {
                throw new IllegalArgumentException("witness exceeds 2^30 field elements");
            }
        }
        int vars = 0;
        while ((1L << vars) < Math.max(offset, 1)) {
            vars++;
        }
        return new WitnessLayout(List.of(placed), vars, (int) Math.max(offset, 1), null);
    }

    /** The same vectors with a mask slot of {@code 2^maskVars} entries (see {@link #of(int[], int)}). */
    public WitnessLayout withMask(int maskVars) {
        return of(vectorVars(), maskVars);
    }

    private int[] vectorVars() {
        int[] vars = new int[slots.size()];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = slots.get(i).numVars();
        }
        return vars;
    }

    /** The mask slot, or null if this layout has none. */
    public Slot mask() {
        return mask;
    }

    public int numVars() {
        return numVars;
    }

    public int size() {
        return 1 << numVars;
    }

    /**
     * The packed table's length: the entries up to the end of the last slot. Past it the table is zero
     * (slots are placed largest first, so this is at least half of {@link #size()}), and {@link #pack}
     * returns only these entries: commitments and sumchecks work on the prefix.
     */
    public int length() {
        return length;
    }

    public Slot slot(int i) {
        return slots.get(i);
    }

    public int slotCount() {
        return slots.size();
    }

    /** The point on the packed polynomial that corresponds to point {@code r} on vector {@code slot}. */
    public Ext[] pointFor(int slot, Ext[] r) {
        Slot s = slots.get(slot);
        if (r.length != s.numVars()) {
            throw new IllegalArgumentException("point has " + r.length + " coordinates; vector " + slot + " has " + s.numVars() + " variables");
        }
        Ext[] p = new Ext[numVars];
        System.arraycopy(r, 0, p, 0, r.length);
        int high = s.offset() >>> s.numVars();
        for (int k = s.numVars(); k < numVars; k++) {
            p[k] = ((high >>> (k - s.numVars())) & 1) == 1 ? Ext.ONE : Ext.ZERO;
        }
        return p;
    }

    /** Packs the vectors (each at most its slot size; shorter ones are zero-filled) into one table of {@link #length()} entries. */
    public long[] pack(List<long[]> vectors) {
        if (mask != null) {
            throw new IllegalStateException("this layout has a mask slot: pack(vectors, mask)");
        }
        return packVectors(vectors);
    }

    /** Packs the vectors and the mask slot's entries ({@code mask().size()} of them). */
    public long[] pack(List<long[]> vectors, long[] maskEntries) {
        if (mask == null || maskEntries.length != mask.size()) {
            throw new IllegalArgumentException("the mask slot holds " + (mask == null ? 0 : mask.size()) + " entries, not " + maskEntries.length);
        }
        long[] out = packVectors(vectors);
        System.arraycopy(maskEntries, 0, out, mask.offset(), maskEntries.length);
        return out;
    }

    private long[] packVectors(List<long[]> vectors) {
        if (vectors.size() != slots.size()) {
            throw new IllegalArgumentException(vectors.size() + " vectors for " + slots.size() + " slots");
        }
        long[] out = new long[length];
        for (int i = 0; i < slots.size(); i++) {
            long[] v = vectors.get(i);
            Slot s = slots.get(i);
            if (v.length > s.size()) {
                throw new IllegalArgumentException("vector " + i + " has " + v.length + " entries; slot holds " + s.size());
            }
            System.arraycopy(v, 0, out, s.offset(), v.length);
        }
        return out;
    }

    /** Slots in request order. */
    public List<Slot> slots() {
        return new ArrayList<>(slots);
    }
}
