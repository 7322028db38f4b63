package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.channel.ProverChannel;
import io.zkml4j.prover.channel.VerifierChannel;

/**
 * The polynomial commitment as the inference proof uses it: one multilinear table per commitment, a
 * 32-byte root, and one opening at one point (all claims on a table are batched to one point first).
 * Implemented by Ligero in production; tests may use a plain, non-succinct scheme.
 */
public interface TableCommitment {
    /** What the prover keeps after committing. */
    interface Committed {
        byte[] root();

        int numVars();
    }

    /** A short name and the parameters, absorbed into the statement (e.g. {@code ligero/v1 rate=4 t=148}). */
    String describe();

    /** Security of an opening, in bits. */
    int securityBits();

    /** A binding commitment that hides nothing. */
    default Committed commit(long[] table) {
        return commit(table, 0, ZkRandom.fresh());
    }

    /**
     * A commitment whose openings reveal nothing about the table beyond the opened values, for up to
     * {@code hidingOpenings} openings (0: binding only); its randomness comes from {@code random}.
     */
    Committed commit(long[] table, int hidingOpenings, ZkRandom random);

    /** Proves {@code claim} about the committed table; messages go through the channel. */
    void open(Committed committed, EvaluationClaim claim, ProverChannel channel);

    /** Checks an opening of the table with this root at the claim; reads the proof from the channel. */
    void verify(byte[] root, int numVars, int hidingOpenings, EvaluationClaim claim, VerifierChannel channel)
            throws ProofRejectedException;
}
