package io.zkml4j.prover.engine;

import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.prover.layout.WitnessLayout;

import java.util.ArrayList;
import java.util.List;

/** Claims on the vectors of a packed table, as claims on the packed table (see {@link WitnessLayout}). */
final class PackedClaims {
    private PackedClaims() {}

    static List<EvaluationClaim> of(WitnessLayout layout, List<List<EvaluationClaim>> perVector) {
        List<EvaluationClaim> all = new ArrayList<>();
        for (int v = 0; v < perVector.size(); v++) {
            for (EvaluationClaim c : perVector.get(v)) {
                all.add(new EvaluationClaim(layout.pointFor(v, c.point()), c.value()));
            }
        }
        return all;
    }
}
