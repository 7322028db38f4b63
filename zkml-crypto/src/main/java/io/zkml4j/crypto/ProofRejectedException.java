package io.zkml4j.crypto;

/**
 * A verifier's rejection: the proof, or the bytes claimed to be a proof, does not establish the
 * statement. The message names the check that failed, with expected and actual values where useful.
 * Verifiers throw only this on hostile input, never a runtime exception and never a bare boolean.
 */
public final class ProofRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProofRejectedException(String reason) {
        super(reason);
    }

    public ProofRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Throws a rejection with {@code reason} unless {@code condition} holds. */
    public static void check(boolean condition, String reason) throws ProofRejectedException {
        if (!condition) {
            throw new ProofRejectedException(reason);
        }
    }
}
