package io.zkml4j.prover.relation.lookup;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.logup.LogUpGkrProver;
import io.zkml4j.crypto.logup.LookupTable;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.plan.ColumnRef;
import io.zkml4j.prover.plan.LookupGroup;
import io.zkml4j.prover.plan.LookupTables;
import io.zkml4j.prover.plan.TableId;
import io.zkml4j.prover.plan.WitnessPlan;

import java.util.List;
import java.util.Map;

/**
 * All lookups of one proof: per public table, every column group that looks up into it, packed into a
 * few trees ({@link PackedGroups#packs}), against the multiplicity vector committed in the witness; one
 * LogUp-GKR proof for all tables, whose trees descend together. Runs right after the witness commitment (every looked-up vector and every multiplicity vector
 * is fixed by then); its claims on committed vectors join the final opening, its claims on virtual
 * tensors go to their producers.
 */
public final class LookupProver {
    private LookupProver() {}

    /** Computes every table's multiplicities (real rows only) into its witness slot, before the commitment. */
    public static void fillMultiplicities(Circuit circuit, WitnessPlan plan, long[][] slots, long[][] tensors) {
        fillMultiplicities(circuit, plan, slots, tensors, t -> true);
    }

    /** {@link #fillMultiplicities(Circuit, WitnessPlan, long[][], long[][])} for the chosen tables only (cheating-prover tests). */
    public static void fillMultiplicities(Circuit circuit, WitnessPlan plan, long[][] slots, long[][] tensors,
                                          java.util.function.Predicate<TableId> which) {
        for (Map.Entry<TableId, List<LookupGroup>> e : plan.lookups().entrySet()) {
            if (!which.test(e.getKey())) {
                continue;
            }
            LookupTable table = LookupTables.build(circuit, e.getKey());
            var values = LookupColumns.values(e.getValue(), slots, tensors);
            try {
                slots[plan.multiplicitySlot(e.getKey())] = LookupTable.multiplicities(table, values, LookupColumns.selectors(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("lookup into the " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** The number of variables of each LogUp-GKR tree of one table's groups ({@link PackedGroups#packs}). */
    public static int[] treeVars(List<LookupGroup> groups) {
        return PackedGroups.packs(groups).stream().mapToInt(PackedGroups::numVars).toArray();
    }

    public static void prove(ProverContext ctx) {
        prove(ctx, true);
    }

    /** {@code checked = false} skips the prover's own membership check (cheating-prover tests only). */
    public static void prove(ProverContext ctx, boolean checked) {
        var ch = ctx.channel();
        List<Map.Entry<TableId, List<LookupGroup>>> entries = List.copyOf(ctx.plan().lookups().entrySet());
        if (entries.isEmpty()) {
            return;
        }
        List<List<PackedGroups>> packsOf = new java.util.ArrayList<>();
        List<LogUpGkrProver.Lookup> lookups = new java.util.ArrayList<>();
        for (Map.Entry<TableId, List<LookupGroup>> e : entries) {
            LookupTable table = LookupTables.build(ctx.circuit(), e.getKey());
            List<PackedGroups> packs = PackedGroups.packs(e.getValue());
            List<long[][]> columns = new java.util.ArrayList<>();
            List<long[]> selectors = new java.util.ArrayList<>();
            for (PackedGroups packed : packs) {
                columns.add(packed.columns(table.arity(), ctx.slots(), ctx.tensors()));
                selectors.add(packed.selector());
            }
            packsOf.add(packs);
            lookups.add(new LogUpGkrProver.Lookup(table, columns, selectors, ctx.slots()[ctx.plan().multiplicitySlot(e.getKey())]));
        }
        LogUpGkrProver.Batch res = checked
                ? LogUpGkrProver.proveAll(lookups, ch.transcript(), Parallelism.available(), ch.masking())
                : LogUpGkrProver.proveAllUnchecked(lookups, ch.transcript(), Parallelism.available(), ch.masking());
        res.proof().writeTo(ch.out());
        for (int i = 0; i < entries.size(); i++) {
            List<PackedGroups> packs = packsOf.get(i);
            var claims = res.claims().get(i);
            for (int p = 0; p < packs.size(); p++) {
                PackedGroups packed = packs.get(p);
                Ext[] rho = claims.column(p, 0).point();
                for (int g = 0; g < packed.size(); g++) {
                    Ext[] low = packed.low(g, rho);
                    for (ColumnRef ref : packed.group(g).columns()) {
                        // a linear column sends its parts' values (the verifier combines them), a plain one its value
                        for (ColumnRef part : ref.parts()) {
                            Ext v = Multilinear.evaluate(PackedGroups.column(part, ctx.slots(), ctx.tensors()), low);
                            ch.sendExt("lookup column", v);
                            LookupColumns.route(part, low, Hidden.of(v), ctx.claims());
                        }
                    }
                }
            }
            var mc = claims.multiplicities();
            ctx.claims().slot(ctx.plan().multiplicitySlot(entries.get(i).getKey()), mc.point(), mc.value());
        }
    }
}
