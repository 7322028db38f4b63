package io.zkml4j.prover.engine;

import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.claims.HiddenClaim;
import io.zkml4j.prover.layout.WitnessLayout;

import java.util.ArrayList;
import java.util.List;

/** Claims on the vectors of a packed table, as claims on the packed table (see {@link WitnessLayout}). */
final class PackedClaims {
    private PackedClaims() {}

    static List<HiddenClaim> of(WitnessLayout layout, List<List<HiddenClaim>> perVector) {
        List<HiddenClaim> all = new ArrayList<>();
        for (int v = 0; v < perVector.size(); v++) {
            for (HiddenClaim c : perVector.get(v)) {
                all.add(new HiddenClaim(layout.pointFor(v, c.point()), c.value()));
            }
        }
        return all;
    }

    /** The prover's claims (public values) for the claim batch. */
    static List<EvaluationClaim> known(List<HiddenClaim> claims) {
        return claims.stream().map(c -> new EvaluationClaim(c.point(), c.value().publicValue())).toList();
    }
}
