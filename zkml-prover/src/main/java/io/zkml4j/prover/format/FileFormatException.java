package io.zkml4j.prover.format;

/** A file that is not what it should be: wrong kind, wrong version, truncated, corrupted. One line. */
public final class FileFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public FileFormatException(String message) {
        super(message);
    }
}
