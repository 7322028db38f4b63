package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.channel.ProverChannel;
import io.zkml4j.prover.channel.VerifierChannel;

import java.util.List;

/**
 * The polynomial commitment as the inference proof uses it: one or more multilinear tables under one
 * 32-byte root, opened once, at one point per table (all claims on a table are batched to one point
 * first). Implemented by Ligero in production; tests may use a plain, non-succinct scheme.
 *
 * <p>A table of {@code length} entries is the multilinear polynomial over {@code ⌈log2 length⌉}
 * variables that is zero past its last entry (a packed table need not be padded to a power of two).
 */
public interface TableCommitment {
    /** What the prover keeps after committing. */
    interface Committed {
        byte[] root();
    }

    /** A short name and the parameters, absorbed into the statement (e.g. {@code ligero/v2 rate=4 t=148}). */
    String describe();

    /** Security of an opening, in bits. */
    int securityBits();

    /** A binding commitment to one table that hides nothing. */
    default Committed commit(long[] table) {
        return commit(List.of(table), 0, ZkRandom.fresh());
    }

    default Committed commit(long[] table, int hidingOpenings, ZkRandom random) {
        return commit(List.of(table), hidingOpenings, random);
    }

    /**
     * A commitment to {@code tables} whose openings reveal nothing about them beyond the opened values, for
     * up to {@code hidingOpenings} openings of one table each, or one opening of up to
     * {@code 2·hidingOpenings − 1} tables (0: binding only); its randomness comes from {@code random}.
     */
    Committed commit(List<long[]> tables, int hidingOpenings, ZkRandom random);

    default void open(Committed committed, EvaluationClaim claim, ProverChannel channel) {
        open(committed, List.of(claim), channel);
    }

    /** Proves one claim per committed table; messages go through the channel. */
    void open(Committed committed, List<EvaluationClaim> claims, ProverChannel channel);

    default void verify(byte[] root, int length, int hidingOpenings, EvaluationClaim claim, VerifierChannel channel)
            throws ProofRejectedException {
        verify(root, new int[] {length}, hidingOpenings, List.of(claim), channel);
    }

    /** Checks an opening of the tables with this root (their lengths given) at the claims; reads the proof from the channel. */
    void verify(byte[] root, int[] lengths, int hidingOpenings, List<EvaluationClaim> claims, VerifierChannel channel)
            throws ProofRejectedException;

    /**
     * The expected bytes of one opening of tables of these lengths, one point each, under a commitment that
     * hides {@code hidingOpenings} (for choosing between layouts; not a bound).
     */
    double openingBytes(int[] lengths, int hidingOpenings);

    /** The variables of a table of {@code length} entries: {@code ⌈log2 length⌉}. */
    static int variables(int length) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(length, 1) - 1);
    }
}
