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

    private WitnessLayout(List<Slot> slots, int numVars) {
        this.slots = slots;
        this.numVars = numVars;
    }

    /** Lays out vectors with the given numbers of variables (in request order; placement by size). */
    public static WitnessLayout of(int[] vectorVars) {
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
        return new WitnessLayout(List.of(placed), vars);
    }

    public int numVars() {
        return numVars;
    }

    public int size() {
        return 1 << numVars;
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

    /** Packs the vectors (each at most its slot size; shorter ones are zero-filled) into one table. */
    public long[] pack(List<long[]> vectors) {
        if (vectors.size() != slots.size()) {
            throw new IllegalArgumentException(vectors.size() + " vectors for " + slots.size() + " slots");
        }
        long[] out = new long[size()];
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
