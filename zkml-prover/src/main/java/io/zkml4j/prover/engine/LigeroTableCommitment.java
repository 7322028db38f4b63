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

/** The inference proof's commitments on Ligero: the tables of one commitment are its polynomials, opened once. */
public final class LigeroTableCommitment implements TableCommitment {
    private final Ligero ligero;

    /**
     * Commits with the common fork-join pool's threads (proofs are identical to single-threaded ones).
     * Every table this scheme opens is opened at a point of verifier challenges drawn after its commitment
     * was absorbed (a claim batch's or the pad proof's sumcheck, or a rotation's challenge point), so the
     * scheme uses {@code params} for openings at challenge points ({@link LigeroParameters#withChallengePoints()}),
     * which commit their evaluation rows where that makes the opening smaller
     * ({@link LigeroParameters#withCommittedRows()}).
     */
    public LigeroTableCommitment(LigeroParameters params) {
        this.ligero = new Ligero(params.withChallengePoints().withCommittedRows(), java.util.concurrent.ForkJoinPool.commonPool());
    }

    public LigeroParameters parameters() {
        return ligero.parameters();
    }

    private record Data(LigeroProverData data) implements Committed {
        @Override
        public byte[] root() {
            return data.commitment().root();
        }
    }

    @Override
    public String describe() {
        return "ligero/v4 " + ligero.parameters();
    }

    @Override
    public int securityBits() {
        return ligero.securityBits();
    }

    @Override
    public Committed commit(List<long[]> tables, int hidingOpenings, ZkRandom random) {
        return new Data(ligero.commit(tables, hidingOpenings, random));
    }

    @Override
    public void open(Committed committed, List<EvaluationClaim> claims, ProverChannel channel) {
        List<Ext[]> points = claims.stream().map(EvaluationClaim::point).toList();
        PolynomialCommitment.Opening<LigeroProof> opening = ligero.open(((Data) committed).data(), points, channel.transcript());
        for (int k = 0; k < claims.size(); k++) {
            if (!opening.values()[k].equals(claims.get(k).value())) {
                throw new IllegalStateException("claim " + k + " is not the committed table's value");
            }
        }
        opening.proof().writeTo(channel.out());
    }

    @Override
    public double openingBytes(int[] lengths, int hidingOpenings) {
        return ligero.parameters().estimatedOpeningBytes(variables(lengths), lengths, hidingOpenings);
    }

    @Override
    public void verify(byte[] root, int[] lengths, int hidingOpenings, List<EvaluationClaim> claims, VerifierChannel channel)
            throws ProofRejectedException {
        int[] numVars = variables(lengths);
        LigeroCommitment commitment = new LigeroCommitment(root, numVars, lengths,
                ligero.parameters().columnsLog(numVars, lengths, hidingOpenings), hidingOpenings);
        LigeroProof proof = ligero.readProof(channel.in(), commitment);
        List<Ext[]> points = claims.stream().map(EvaluationClaim::point).toList();
        Ext[] values = claims.stream().map(EvaluationClaim::value).toArray(Ext[]::new);
        ligero.verify(commitment, points, values, proof, channel.transcript());
    }

    private static int[] variables(int[] lengths) {
        int[] numVars = new int[lengths.length];
        for (int k = 0; k < lengths.length; k++) {
            numVars[k] = TableCommitment.variables(lengths[k]);
        }
        return numVars;
    }
}
