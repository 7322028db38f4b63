package io.zkml4j.model;

/**
 * An ONNX file that cannot be imported, with a one-line message that says why: unsupported op (naming the
 * node, op, opset and what is unsupported), unsupported attribute, external data, corrupt file, unknown
 * element type, or a dynamic shape that cannot be fixed.
 */
public final class ModelImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelImportException(String message) {
        super(OneLine.of(message));
    }

    public ModelImportException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }
}
