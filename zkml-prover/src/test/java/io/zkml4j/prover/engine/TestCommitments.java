package io.zkml4j.prover.engine;

/** Commitment schemes for tests in other packages. */
public final class TestCommitments {
    /** The plain (sound, not succinct) scheme. */
    public static final TableCommitment PLAIN = new PlainTableCommitment();

    private TestCommitments() {}
}
