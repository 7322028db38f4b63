package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;

/** {@code x~(ρ) = lo + Σ_j 2^{8j}·x_j~(ρ)} (the multilinear extension of the all-ones vector is 1). */
final class InputIdentity {
    private InputIdentity() {}

    static Hidden value(long lo, Hidden[] chunks) {
        Hidden acc = Hidden.ofBase(Goldilocks.fromSigned(lo));
        for (int j = 0; j < chunks.length; j++) {
            acc = acc.add(chunks[j].mulBase(Goldilocks.pow(2, 8 * j)));
        }
        return acc;
    }
}
