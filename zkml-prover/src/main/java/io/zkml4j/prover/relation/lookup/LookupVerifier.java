package io.zkml4j.prover.relation.lookup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.logup.LogUpGkrClaims;
import io.zkml4j.crypto.logup.LogUpGkrProof;
import io.zkml4j.crypto.logup.LogUpGkrVerifier;
import io.zkml4j.crypto.logup.LookupTable;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.plan.LookupGroup;
import io.zkml4j.prover.plan.LookupTables;
import io.zkml4j.prover.plan.TableId;

import java.util.List;
import java.util.Map;

/** Verifier of {@link LookupProver}: one LogUp-GKR check per public table, tables built from the key. */
public final class LookupVerifier {
    private LookupVerifier() {}

    public static void verify(VerifierContext ctx) throws ProofRejectedException {
        for (Map.Entry<TableId, List<LookupGroup>> e : ctx.plan().lookups().entrySet()) {
            LookupTable table = LookupTables.build(ctx.circuit(), e.getKey());
            int[] sizes = LookupColumns.groupLogSizes(e.getValue());
            var selectors = LookupColumns.selectorMles(e.getValue());
            LogUpGkrClaims claims;
            try {
                boolean[] selected = new boolean[sizes.length];
                for (int g = 0; g < selected.length; g++) {
                    selected[g] = selectors.get(g) != null;
                }
                LogUpGkrProof proof = LogUpGkrProof.readFrom(ctx.channel().in(), table, sizes, selected);
                claims = LogUpGkrVerifier.verify(table, sizes, selectors, proof, ctx.channel().transcript());
            } catch (ProofRejectedException ex) {
                throw new ProofRejectedException("lookup into the " + e.getKey() + ": " + ex.getMessage(), ex);
            }
            LookupColumns.route(e.getValue(), claims, ctx.claims());
            var m = claims.multiplicities();
            ctx.claims().slot(ctx.plan().multiplicitySlot(e.getKey()), m.point(), m.value());
        }
    }
}
