package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.SumcheckProof;

/**
 * Proof that several evaluation claims on one table reduce to one: the degree-2 sumcheck and the
 * prover's value {@code w = f(s)} at the sumcheck point s. Encoding: the sumcheck rounds, then w.
 */
public record ClaimBatchProof(SumcheckProof sumcheck, Ext reducedValue) {
    /** Round polynomials of {@code Σ_x f(x)·h(x)}: degree 2. */
    static final int DEGREE = 2;

    public ClaimBatchProof {
        if (sumcheck == null || reducedValue == null) {
            throw new IllegalArgumentException("null proof part");
        }
    }

    public void writeTo(ProofWriter w) {
        sumcheck.writeTo(w);
        w.writeExt(reducedValue);
    }

    /** Reads the proof for a table of {@code numVars} variables. */
    public static ClaimBatchProof readFrom(ProofReader r, int numVars) throws ProofRejectedException {
        SumcheckProof s = SumcheckProof.readFrom(r, numVars, DEGREE);
        return new ClaimBatchProof(s, r.readExt("claim batch reduced value"));
    }
}
