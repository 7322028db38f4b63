package io.zkml4j.model;

/** An input file that does not fit the model: not JSON, a missing field, wrong count, length or shape. */
public final class InputFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public InputFileException(String message) {
        super(message);
    }
}
