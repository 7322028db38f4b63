package io.zkml4j.prover.relation.lookup;

import io.zkml4j.crypto.logup.LogUpGkrProver;
import io.zkml4j.crypto.logup.LookupTable;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.plan.WitnessPlan;
import io.zkml4j.prover.plan.LookupGroup;
import io.zkml4j.prover.plan.LookupTables;
import io.zkml4j.prover.plan.TableId;

import java.util.List;
import java.util.Map;

/**
 * All lookups of one proof: per public table, one LogUp-GKR run over every column group that looks up
 * into it, against the multiplicity vector committed in the witness. Runs right after the witness
 * commitment (every looked-up vector and every multiplicity vector is fixed by then); its claims on
 * committed vectors join the final opening, its claims on virtual tensors go to their producers.
 */
public final class LookupProver {
    private LookupProver() {}

    /** Computes every table's multiplicities into its witness slot (before the commitment). */
    public static void fillMultiplicities(Circuit circuit, WitnessPlan plan, long[][] slots, long[][] tensors) {
        for (Map.Entry<TableId, List<LookupGroup>> e : plan.lookups().entrySet()) {
            LookupTable table = LookupTables.build(circuit, e.getKey());
            var values = LookupColumns.values(e.getValue(), slots, tensors);
            try {
                slots[plan.multiplicitySlot(e.getKey())] = LookupTable.multiplicities(table, values,
                        LookupColumns.selectorTables(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("lookup into the " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
    }

    public static void prove(ProverContext ctx) {
        prove(ctx, true);
    }

    /** {@code checked = false} skips the prover's own membership check (cheating-prover tests only). */
    public static void prove(ProverContext ctx, boolean checked) {
        for (Map.Entry<TableId, List<LookupGroup>> e : ctx.plan().lookups().entrySet()) {
            LookupTable table = LookupTables.build(ctx.circuit(), e.getKey());
            var values = LookupColumns.values(e.getValue(), ctx.slots(), ctx.tensors());
            int mSlot = ctx.plan().multiplicitySlot(e.getKey());
            List<long[]> selectors = LookupColumns.selectorTables(e.getValue());
            LogUpGkrProver.Result res = checked
                    ? LogUpGkrProver.prove(table, values, selectors, ctx.slots()[mSlot], ctx.channel().transcript())
                    : LogUpGkrProver.proveUnchecked(table, values, selectors, ctx.slots()[mSlot], ctx.channel().transcript(),
                    io.zkml4j.crypto.sumcheck.Parallelism.available());
            res.proof().writeTo(ctx.channel().out());
            LookupColumns.route(e.getValue(), res.claims(), ctx.claims());
            var m = res.claims().multiplicities();
            ctx.claims().slot(mSlot, m.point(), m.value());
        }
    }
}
