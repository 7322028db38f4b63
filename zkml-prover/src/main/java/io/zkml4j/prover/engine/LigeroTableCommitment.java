package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.pcs.PolynomialCommitment;
import io.zkml4j.crypto.pcs.ligero.Ligero;
import io.zkml4j.crypto.pcs.ligero.LigeroCommitment;
import io.zkml4j.crypto.pcs.ligero.LigeroParameters;
import io.zkml4j.crypto.pcs.ligero.LigeroProof;
import io.zkml4j.crypto.pcs.ligero.LigeroProverData;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.channel.ProverChannel;
import io.zkml4j.prover.channel.VerifierChannel;

import java.util.List;

/** The inference proof's commitments on Ligero: one polynomial per commitment, opened once. */
public final class LigeroTableCommitment implements TableCommitment {
    private final Ligero ligero;

    /** Commits with the common fork-join pool's threads (proofs are identical to single-threaded ones). */
    public LigeroTableCommitment(LigeroParameters params) {
        this.ligero = new Ligero(params, java.util.concurrent.ForkJoinPool.commonPool());
    }

    public LigeroParameters parameters() {
        return ligero.parameters();
    }

    private record Data(LigeroProverData data, int numVars) implements Committed {
        @Override
        public byte[] root() {
            return data.commitment().root();
        }
    }

    @Override
    public String describe() {
        return "ligero/v1 " + ligero.parameters();
    }

    @Override
    public int securityBits() {
        return ligero.securityBits();
    }

    @Override
    public Committed commit(long[] table, int hidingOpenings, ZkRandom random) {
        return new Data(ligero.commit(List.of(table), hidingOpenings, random), Integer.numberOfTrailingZeros(table.length));
    }


    @Override
    public void open(Committed committed, EvaluationClaim claim, ProverChannel channel) {
        PolynomialCommitment.Opening<LigeroProof> opening = ligero.open(((Data) committed).data(), claim.point(), channel.transcript());
        if (!opening.values()[0].equals(claim.value())) {
            throw new IllegalStateException("the batched claim is not the committed table's value");
        }
        opening.proof().writeTo(channel.out());
    }

    @Override
    public void verify(byte[] root, int numVars, int hidingOpenings, EvaluationClaim claim, VerifierChannel channel)
            throws ProofRejectedException {
        int[] vars = {numVars};
        LigeroCommitment commitment = new LigeroCommitment(root, vars, ligero.parameters().columnsLog(vars, hidingOpenings), hidingOpenings);
        LigeroProof proof = ligero.readProof(channel.in(), commitment);
        ligero.verify(commitment, claim.point(), new Ext[] {claim.value()}, proof, channel.transcript());
    }
}
