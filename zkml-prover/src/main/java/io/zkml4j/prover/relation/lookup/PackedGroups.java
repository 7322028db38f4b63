package io.zkml4j.prover.relation.lookup;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.prover.layout.WitnessLayout;
import io.zkml4j.prover.plan.ColumnRef;
import io.zkml4j.prover.plan.LookupGroup;
import io.zkml4j.prover.relation.RealIndicator;

import java.util.List;

/**
 * Column groups that look up into one table, packed into one column group (one LogUp-GKR tree instead of
 * one per group: the proof carries one descent rather than dozens). {@link #packs} splits a table's
 * groups into a few such packs whose sizes follow the binary digits of the groups' total, so no tree is
 * padded to almost twice its rows (a 2.6M-row table is two trees of 2^21 and 2^19 leaves, not one of
 * 2^22). Groups are placed like
 * committed vectors ({@link WitnessLayout}: aligned offsets, largest first); the packed selector is each
 * group's real-row indicator at its offset and 0 in the gaps, so only real rows are looked up. A claim
 * {@code C~(ρ) = V} on a packed column splits as
 * {@code V = Σ_g eq(ρ_high, bits_g)·c_g~(ρ_low)}, {@code ρ_low} the first {@code n_g} coordinates:
 * the prover sends every {@code c_g~(ρ_low)} and the verifier checks the sum.
 */
final class PackedGroups {
    private final List<LookupGroup> groups;
    private final WitnessLayout layout;

    /** At most this many trees per table: each has its own fraction tree to build and its own values in every step of the descent. */
    static final int MAX_PACKS = 4;
    /**
     * Rows are split off into another tree only when that saves more than this many leaves (since all trees
     * share one descent, a tree costs its root, column values and four child values per layer: 1–2 KB of proof).
     */
    static final int MIN_SAVING = 1 << 17;

    /**
     * The packs of one table's groups, a function of the group sizes only (the verifier derives the same
     * ones from the key). Largest groups first; while a tree of the largest power of two {@code P} below
     * the rows left plus a tree for the rest has at least {@link #MIN_SAVING} fewer leaves than one tree for
     * them all, and fewer than {@link #MAX_PACKS} - 1 packs are made, the next pack is the prefix that fills
     * P (sizes are powers of two in decreasing order, so a prefix sums to exactly P). Within a pack, groups
     * keep their order in {@code groups}.
     */
    static List<PackedGroups> packs(List<LookupGroup> groups) {
        Integer[] order = new Integer[groups.size()];
        long total = 0;
        for (int g = 0; g < order.length; g++) {
            order[g] = g;
            total += groups.get(g).shape().paddedSize();
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(groups.get(b).shape().numVars(), groups.get(a).shape().numVars()));
        List<PackedGroups> packs = new java.util.ArrayList<>();
        int start = 0;
        while (start < order.length) {
            long p = Long.highestOneBit(total);
            long one = total == p ? p : 2 * p; // leaves of one tree for all rows left
            long two = p + Long.highestOneBit(Math.max(1, 2 * (total - p) - 1)); // a tree of P and one for the rest
            boolean last = packs.size() == MAX_PACKS - 1 || total == p || one - two < MIN_SAVING;
            int end = start;
            long taken = 0;
            while (end < order.length && (last || taken < p)) {
                taken += groups.get(order[end]).shape().paddedSize();
                end++;
            }
            Integer[] members = java.util.Arrays.copyOfRange(order, start, end);
            java.util.Arrays.sort(members);
            List<LookupGroup> pack = new java.util.ArrayList<>();
            for (int g : members) {
                pack.add(groups.get(g));
            }
            packs.add(new PackedGroups(pack));
            total -= taken;
            start = end;
        }
        return packs;
    }

    PackedGroups(List<LookupGroup> groups) {
        this.groups = groups;
        int[] vars = new int[groups.size()];
        for (int g = 0; g < vars.length; g++) {
            vars[g] = groups.get(g).shape().numVars();
        }
        this.layout = WitnessLayout.of(vars);
    }

    int numVars() {
        return layout.numVars();
    }

    int size() {
        return groups.size();
    }

    LookupGroup group(int g) {
        return groups.get(g);
    }

    /** The first {@code n_g} coordinates of a packed point. */
    Ext[] low(int g, Ext[] rho) {
        return java.util.Arrays.copyOf(rho, layout.slot(g).numVars());
    }

    /** {@code eq(ρ_high, bits of group g's offset)}: the weight of group g in a packed evaluation. */
    Ext weight(int g, Ext[] rho) {
        WitnessLayout.Slot s = layout.slot(g);
        int high = s.offset() >>> s.numVars();
        Ext w = Ext.ONE;
        for (int k = s.numVars(); k < rho.length; k++) {
            boolean bit = ((high >>> (k - s.numVars())) & 1) == 1;
            w = w.mul(bit ? rho[k] : Ext.ONE.sub(rho[k]));
        }
        return w;
    }

    /** The packed selector's extension, evaluated by the verifier: {@code Σ_g weight_g·real_g~(ρ_low)}. */
    Ext selectorAt(Ext[] rho) {
        Ext acc = Ext.ZERO;
        for (int g = 0; g < groups.size(); g++) {
            acc = acc.add(weight(g, rho).mul(RealIndicator.evaluate(groups.get(g).shape(), low(g, rho))));
        }
        return acc;
    }

    /** Prover side: the packed selector table. */
    long[] selector() {
        long[] sel = new long[layout.size()];
        for (int g = 0; g < groups.size(); g++) {
            long[] m = groups.get(g).shape().realMask();
            System.arraycopy(m, 0, sel, layout.slot(g).offset(), m.length);
        }
        return sel;
    }

    /** Prover side: group g's column c (scaled), on its own variables. */
    static long[] column(ColumnRef ref, long[][] slots, long[][] tensors) {
        long[] src = ref.isSlot() ? slots[ref.index()] : tensors[ref.index()];
        if (ref.linear() != null) { // a·base + Σ_j a_j·slot_j + a_0
            ColumnRef.Linear l = ref.linear();
            long[] v = new long[src.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Goldilocks.add(Goldilocks.mul(src[i], l.base()), l.constant());
            }
            for (int j = 0; j < l.slots().length; j++) {
                long[] s = slots[l.slots()[j]];
                long a = l.coefs()[j];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Goldilocks.add(v[i], Goldilocks.mul(s[i], a));
                }
            }
            return v;
        }
        if (ref.scale() == 1) {
            return src;
        }
        long s = Goldilocks.fromSigned(ref.scale());
        long[] v = new long[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Goldilocks.mul(src[i], s);
        }
        return v;
    }

    /** Prover side: the packed columns. */
    long[][] columns(int arity, long[][] slots, long[][] tensors) {
        long[][] out = new long[arity][layout.size()];
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < arity; c++) {
                long[] v = column(groups.get(g).columns()[c], slots, tensors);
                System.arraycopy(v, 0, out[c], layout.slot(g).offset(), v.length);
            }
        }
        return out;
    }
}
