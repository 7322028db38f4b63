package io.zkml4j.prover.engine;

/** Commitment schemes for tests in other packages. */
public final class TestCommitments {
    /** The plain (sound, not succinct) scheme. */
    public static final TableCommitment PLAIN = new PlainTableCommitment();
    /** Ligero with few queries: fast, not secure. */
    public static final TableCommitment LIGERO_TESTING = new LigeroTableCommitment(
            io.zkml4j.crypto.pcs.ligero.LigeroParameters.TESTING_ONLY_INSECURE);
    /** Ligero at 100 bits, as the standard security level makes it (16 bits of proof of work). */
    public static final TableCommitment LIGERO_SECURE = new LigeroTableCommitment(
            io.zkml4j.crypto.pcs.ligero.LigeroParameters.SECURE_100_POW_16);

    private TestCommitments() {}
}
