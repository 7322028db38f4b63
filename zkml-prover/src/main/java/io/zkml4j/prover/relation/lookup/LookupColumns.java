package io.zkml4j.prover.relation.lookup;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.prover.engine.ClaimBook;
import io.zkml4j.prover.plan.ColumnRef;
import io.zkml4j.prover.plan.LookupGroup;

import java.util.ArrayList;
import java.util.List;

/**
 * Column bookkeeping shared by the lookup prover and verifier: a claim on a looked-up column
 * {@code scale·v} becomes the claim {@code v~(ρ) = value / scale} on the underlying witness slot or tensor.
 */
final class LookupColumns {
    private LookupColumns() {}

    static void route(ColumnRef ref, Ext[] point, Hidden value, ClaimBook book) {
        Hidden v = ref.scale() == 1 ? value : value.mulBase(Goldilocks.inv(Goldilocks.fromSigned(ref.scale())));
        if (ref.isSlot()) {
            book.slot(ref.index(), point, v);
        } else {
            book.tensor(ref.index(), point, v);
        }
    }

    /**
     * Verifier side: receives a column's value at {@code point} and routes the claims it implies; a linear
     * column {@code a·base + Σ a_j·slot_j + a_0} receives its parts' values and is their combination.
     */
    static Hidden receive(ColumnRef ref, Ext[] point, io.zkml4j.prover.channel.VerifierChannel ch, ClaimBook book)
            throws io.zkml4j.crypto.ProofRejectedException {
        ColumnRef[] parts = ref.parts();
        long[] coefs = ref.partCoefficients();
        Hidden value = ref.linear() == null ? Hidden.ZERO : Hidden.ofBase(ref.linear().constant());
        for (int k = 0; k < parts.length; k++) {
            Hidden v = ch.receive("lookup column");
            route(parts[k], point, v, book);
            value = ref.linear() == null ? v : value.add(v.mulBase(coefs[k]));
        }
        return value;
    }

    /** Every group's columns (scaled) and real-row selector, for counting multiplicities. */
    static List<long[][]> values(List<LookupGroup> groups, long[][] slots, long[][] tensors) {
        List<long[][]> out = new ArrayList<>();
        for (LookupGroup group : groups) {
            ColumnRef[] cols = group.columns();
            long[][] v = new long[cols.length][];
            for (int c = 0; c < cols.length; c++) {
                v[c] = PackedGroups.column(cols[c], slots, tensors);
            }
            out.add(v);
        }
        return out;
    }

    static List<long[]> selectors(List<LookupGroup> groups) {
        List<long[]> out = new ArrayList<>();
        for (LookupGroup g : groups) {
            out.add(g.shape().realMask());
        }
        return out;
    }
}
