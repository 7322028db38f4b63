package io.zkml4j.model;

/**
 * A graph that cannot be quantized to exact integers, with a one-line message naming the layer and why:
 * a value that cannot be bounded below 2^62, a table domain too large, a divisor that may be negative, ...
 */
public final class ModelCompileException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelCompileException(String message) {
        super(OneLine.of(message));
    }
}
