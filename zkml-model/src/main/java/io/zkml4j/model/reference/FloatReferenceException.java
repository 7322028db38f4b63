package io.zkml4j.model.reference;

/** ONNX Runtime could not load or run a model. */
public final class FloatReferenceException extends Exception {
    private static final long serialVersionUID = 1L;

    public FloatReferenceException(String message) {
        super(message);
    }
}
