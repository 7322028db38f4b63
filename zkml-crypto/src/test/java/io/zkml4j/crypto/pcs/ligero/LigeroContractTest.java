package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.pcs.PolynomialCommitment;
import io.zkml4j.crypto.pcs.PolynomialCommitmentContractTest;

/** Ligero under the common contract, with the fast testing parameters. */
class LigeroContractTest extends PolynomialCommitmentContractTest<LigeroCommitment, LigeroProverData, LigeroProof> {
    private static final Ligero LIGERO = new Ligero(LigeroParameters.TESTING_ONLY_INSECURE);

    @Override
    protected PolynomialCommitment<LigeroCommitment, LigeroProverData, LigeroProof> scheme() {
        return LIGERO;
    }

    @Override
    protected String expectedReason(Forgery forgery) {
        // Every one of these changes the transcript before λ is drawn, so the λ-combined claim fails first.
        return "Ligero claim check failed";
    }
}
