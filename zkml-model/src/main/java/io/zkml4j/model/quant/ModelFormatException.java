package io.zkml4j.model.quant;

/** A {@code .zkm} file that cannot be read: wrong magic, too old, too new, truncated, corrupted, malformed. */
public final class ModelFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }
}
