package io.zkml4j.model.onnx;

import java.util.Map;

/**
 * How dynamic input dimensions are fixed at import: a dynamic first axis becomes {@code batchSize}; any
 * input named in {@code inputShapes} takes that full shape (which must agree with the fixed dimensions
 * the file declares).
 */
public record ImportOptions(int batchSize, Map<String, int[]> inputShapes) {
    public static final ImportOptions DEFAULT = new ImportOptions(1, Map.of());

    public ImportOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        inputShapes = Map.copyOf(inputShapes);
    }

    public static ImportOptions batch(int n) {
        return new ImportOptions(n, Map.of());
    }

    public ImportOptions withInputShapes(Map<String, int[]> shapes) {
        return new ImportOptions(batchSize, shapes);
    }
}
