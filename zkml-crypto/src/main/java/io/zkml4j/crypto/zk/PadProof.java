package io.zkml4j.crypto.zk;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.SumcheckProof;

/**
 * The messages of {@link PadProver}: two revealed values per product entry ({@code ρ_j, σ_j}), the mask's
 * inner product {@code S}, the sumcheck of the masked inner product, and the value {@code v} of the table
 * at its end point. Encoding in that order; every count follows from the verifier's own run.
 */
public record PadProof(Ext[] reveals, Ext maskSum, SumcheckProof sumcheck, Ext value) {
    public PadProof {
        reveals = reveals.clone();
    }

    @Override
    public Ext[] reveals() {
        return reveals.clone();
    }

    public void writeTo(ProofWriter w) {
        w.writeExtArray(reveals);
        w.writeExt(maskSum);
        sumcheck.writeTo(w);
        w.writeExt(value);
    }

    public static PadProof readFrom(ProofReader r, int products, int contentVars) throws ProofRejectedException {
        Ext[] reveals = r.readExtArray("pad sacrifice reveals", 2 * products);
        Ext s = r.readExt("pad mask sum");
        SumcheckProof sc = SumcheckProof.readFrom(r, contentVars, 2);
        Ext v = r.readExt("pad table value");
        return new PadProof(reveals, s, sc, v);
    }
}
