package io.zkml4j.prover.relation.lookup;

import io.zkml4j.crypto.logup.LogUpGkrHiddenClaims;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.logup.LogUpGkrProof;
import io.zkml4j.crypto.logup.LogUpGkrVerifier;
import io.zkml4j.crypto.logup.LookupTable;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.plan.ColumnRef;
import io.zkml4j.prover.plan.LookupGroup;
import io.zkml4j.prover.plan.LookupTables;
import io.zkml4j.prover.plan.TableId;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Verifier of {@link LookupProver}: one LogUp-GKR check for every public table, tables built from the key. */
public final class LookupVerifier {
    private LookupVerifier() {}

    public static void verify(VerifierContext ctx) throws ProofRejectedException {
        var ch = ctx.channel();
        List<Map.Entry<TableId, List<LookupGroup>>> entries = List.copyOf(ctx.plan().lookups().entrySet());
        if (entries.isEmpty()) {
            return;
        }
        List<List<PackedGroups>> packsOf = new java.util.ArrayList<>();
        List<LogUpGkrVerifier.Lookup> lookups = new java.util.ArrayList<>();
        for (Map.Entry<TableId, List<LookupGroup>> e : entries) {
            LookupTable table = LookupTables.build(ctx.circuit(), e.getKey());
            List<PackedGroups> packs = PackedGroups.packs(e.getValue());
            int[] sizes = new int[packs.size()];
            boolean[] selected = new boolean[packs.size()];
            List<Function<Ext[], Ext>> selectors = new java.util.ArrayList<>();
            for (int p = 0; p < packs.size(); p++) {
                sizes[p] = packs.get(p).numVars();
                selected[p] = true;
                selectors.add(packs.get(p)::selectorAt);
            }
            packsOf.add(packs);
            lookups.add(new LogUpGkrVerifier.Lookup(new LogUpGkrProof.Shape(table, sizes, selected, "lookup into the " + e.getKey()),
                    selectors));
        }
        List<LogUpGkrHiddenClaims> all;
        try {
            LogUpGkrProof proof = LogUpGkrProof.readFrom(ch.in(), lookups.stream().map(LogUpGkrVerifier.Lookup::shape).toList());
            ch.checks().at("lookups");
            all = LogUpGkrVerifier.verifyAll(lookups, proof, ch.transcript(), ch.checks());
        } catch (ProofRejectedException ex) {
            throw new ProofRejectedException("lookups: " + ex.getMessage(), ex);
        }
        for (int i = 0; i < entries.size(); i++) {
            LogUpGkrProof.Shape shape = lookups.get(i).shape();
            String where = shape.name();
            LookupTable table = shape.table();
            List<PackedGroups> packs = packsOf.get(i);
            LogUpGkrHiddenClaims claims = all.get(i);
            for (int p = 0; p < packs.size(); p++) {
                PackedGroups packed = packs.get(p);
                Ext[] rho = claims.column(p, 0).point();
                // Σ_g w_g·v_{g,c} per column, as one linear combination (adding one group at a time copies a
                // growing form: quadratic in the number of groups)
                List<List<Hidden>> values = new java.util.ArrayList<>();
                List<List<Ext>> weights = new java.util.ArrayList<>();
                for (int c = 0; c < table.arity(); c++) {
                    values.add(new java.util.ArrayList<>());
                    weights.add(new java.util.ArrayList<>());
                }
                for (int g = 0; g < packed.size(); g++) {
                    Ext[] low = packed.low(g, rho);
                    Ext w = packed.weight(g, rho);
                    ColumnRef[] refs = packed.group(g).columns();
                    for (int c = 0; c < refs.length; c++) {
                        values.get(c).add(LookupColumns.receive(refs[c], low, ch, ctx.claims()));
                        weights.get(c).add(w);
                    }
                }
                for (int c = 0; c < table.arity(); c++) {
                    Hidden sum = Hidden.linearCombination(weights.get(c).toArray(new Ext[0]), values.get(c));
                    Hidden packedValue = claims.column(p, c).value();
                    ch.require(sum, packedValue, () -> where + ": the groups' column values do not add up to the packed column ("
                            + sum + " vs " + packedValue + ")");
                }
            }
            var mc = claims.multiplicities();
            ctx.claims().slot(ctx.plan().multiplicitySlot(entries.get(i).getKey()), mc.point(), mc.value());
        }
    }
}
