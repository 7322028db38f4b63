package io.zkml4j.prover.relation.lookup;

import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.logup.LogUpGkrClaims;
import io.zkml4j.prover.engine.ClaimBook;
import io.zkml4j.prover.plan.ColumnRef;
import io.zkml4j.prover.plan.LookupGroup;
import io.zkml4j.prover.relation.RealIndicator;

import java.util.ArrayList;
import java.util.List;

/**
 * Column bookkeeping shared by the lookup prover and verifier: a LogUp-GKR claim on a column
 * {@code scale·v} becomes the claim {@code v~(ρ) = value / scale} on the underlying witness slot or tensor.
 */
public final class LookupColumns {
    private LookupColumns() {}

    /** Log-sizes of each group. */
    public static int[] groupLogSizes(List<LookupGroup> groups) {
        int[] sizes = new int[groups.size()];
        for (int g = 0; g < sizes.length; g++) {
            sizes[g] = groups.get(g).shape().numVars();
        }
        return sizes;
    }

    /** The real-row selector of each group (prover side: 0/1 tables; null where every row is real). */
    public static List<long[]> selectorTables(List<LookupGroup> groups) {
        List<long[]> out = new ArrayList<>();
        for (LookupGroup g : groups) {
            out.add(g.shape().size() == g.shape().paddedSize() ? null : g.shape().realMask());
        }
        return out;
    }

    /** The real-row selector of each group (verifier side: its multilinear extension, evaluated directly). */
    public static List<java.util.function.Function<io.zkml4j.crypto.field.Ext[], io.zkml4j.crypto.field.Ext>> selectorMles(
            List<LookupGroup> groups) {
        List<java.util.function.Function<io.zkml4j.crypto.field.Ext[], io.zkml4j.crypto.field.Ext>> out = new ArrayList<>();
        for (LookupGroup g : groups) {
            out.add(g.shape().size() == g.shape().paddedSize() ? null : point -> RealIndicator.evaluate(g.shape(), point));
        }
        return out;
    }

    /** Routes every column claim of a LogUp-GKR run into the book. */
    public static void route(List<LookupGroup> groups, LogUpGkrClaims claims, ClaimBook book) {
        for (int g = 0; g < groups.size(); g++) {
            ColumnRef[] cols = groups.get(g).columns();
            for (int c = 0; c < cols.length; c++) {
                EvaluationClaim claim = claims.column(g, c);
                var value = cols[c].scale() == 1 ? claim.value()
                        : claim.value().mulBase(Goldilocks.inv(Goldilocks.fromSigned(cols[c].scale())));
                if (cols[c].isSlot()) {
                    book.slot(cols[c].index(), claim.point(), value);
                } else {
                    book.tensor(cols[c].index(), claim.point(), value);
                }
            }
        }
    }

    /** The column values of every group (prover side). */
    public static List<long[][]> values(List<LookupGroup> groups, long[][] slots, long[][] tensors) {
        List<long[][]> out = new ArrayList<>();
        for (LookupGroup group : groups) {
            ColumnRef[] cols = group.columns();
            long[][] v = new long[cols.length][];
            for (int c = 0; c < cols.length; c++) {
                long[] src = cols[c].isSlot() ? slots[cols[c].index()] : tensors[cols[c].index()];
                if (cols[c].scale() == 1) {
                    v[c] = src;
                } else {
                    long s = Goldilocks.fromSigned(cols[c].scale());
                    v[c] = new long[src.length];
                    for (int i = 0; i < src.length; i++) {
                        v[c][i] = Goldilocks.mul(src[i], s);
                    }
                }
            }
            out.add(v);
        }
        return out;
    }
}
