package io.zkml4j.prover.compile;

/** A model that imports and runs but cannot be proved yet; the message names the layer and the reason. */
public final class NotProvableException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotProvableException(String message) {
        super(message);
    }
}
