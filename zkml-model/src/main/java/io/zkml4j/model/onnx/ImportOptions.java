package io.zkml4j.model.onnx;

import java.util.List;
import java.util.Map;

/**
 * How a model is imported: a dynamic first axis becomes {@code batchSize}; any input named in
 * {@code inputShapes} takes that full shape (which must agree with the fixed dimensions the file declares);
 * {@code outputs}, when not empty, selects the model outputs to keep (only the nodes they need are imported,
 * so an unsupported op that feeds only other outputs, such as a classifier's label, does not matter).
 */
public record ImportOptions(int batchSize, Map<String, int[]> inputShapes, List<String> outputs) {
    public static final ImportOptions DEFAULT = new ImportOptions(1, Map.of(), List.of());

    public ImportOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        inputShapes = Map.copyOf(inputShapes);
        outputs = List.copyOf(outputs);
    }

    public static ImportOptions batch(int n) {
        return new ImportOptions(n, Map.of(), List.of());
    }

    public ImportOptions withInputShapes(Map<String, int[]> shapes) {
        return new ImportOptions(batchSize, shapes, outputs);
    }

    public ImportOptions withOutputs(List<String> selected) {
        return new ImportOptions(batchSize, inputShapes, selected);
    }
}
