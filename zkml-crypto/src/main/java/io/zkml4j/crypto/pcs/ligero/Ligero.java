package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.pcs.PolynomialCommitment;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Ligero as a {@link PolynomialCommitment}: {@link LigeroProver} and {@link LigeroVerifier} behind one
 * interface, for callers that pick a scheme at run time.
 */
public final class Ligero implements PolynomialCommitment<LigeroCommitment, LigeroProverData, LigeroProof> {
    private final LigeroParameters params;
    private final LigeroProver prover;
    private final LigeroVerifier verifier;

    public Ligero(LigeroParameters params) {
        this(params, null);
    }

    /** Commits on {@code pool}'s threads (null: single-threaded). */
    public Ligero(LigeroParameters params, ForkJoinPool pool) {
        this.params = params;
        this.prover = new LigeroProver(params, pool);
        this.verifier = new LigeroVerifier(params);
    }

    public LigeroParameters parameters() {
        return params;
    }

    @Override
    public String name() {
        return "ligero";
    }

    @Override
    public int securityBits() {
        return params.securityBits();
    }

    @Override
    public LigeroProverData commit(List<long[]> polynomials) {
        return prover.commit(polynomials);
    }

    /** A commitment that hides {@code hidingOpenings} openings (see {@link LigeroProver#commit(List, int, ZkRandom)}). */
    public LigeroProverData commit(List<long[]> polynomials, int hidingOpenings, ZkRandom random) {
        return prover.commit(polynomials, hidingOpenings, random);
    }

    @Override
    public Opening<LigeroProof> open(LigeroProverData proverData, List<Ext[]> points, Transcript transcript) {
        return prover.open(proverData, points, transcript);
    }

    @Override
    public void verify(LigeroCommitment commitment, List<Ext[]> points, Ext[] values, LigeroProof proof,
                       Transcript transcript) throws ProofRejectedException {
        verifier.verify(commitment, points, values, proof, transcript);
    }

    @Override
    public LigeroCommitment readCommitment(ProofReader in) throws ProofRejectedException {
        return LigeroCommitment.readFrom(in, params);
    }

    @Override
    public LigeroProof readProof(ProofReader in, LigeroCommitment commitment) throws ProofRejectedException {
        return LigeroProof.readFrom(in, params, commitment);
    }
}
