package io.zkml4j.model.onnx;

import io.zkml4j.model.graph.Tensor;
import java.util.List;
import java.util.Map;

/**
 * How a model is imported: a dynamic first axis becomes {@code batchSize}; any input named in
 * {@code inputShapes} takes that full shape (which must agree with the fixed dimensions the file declares);
 * {@code outputs}, when not empty, selects the values to prove as the model's outputs: graph outputs or any
 * value a node computes (only the nodes they need are imported, so an unsupported op that feeds only other
 * outputs, such as a classifier's label, does not matter; and a model can be proved up to a step that
 * cannot be, such as a threshold comparison); {@code fixedInputs} are model inputs given a value at import
 * (a setting such as a sample rate): they become constants of the model and are no longer inputs.
 */
public record ImportOptions(int batchSize, Map<String, int[]> inputShapes, List<String> outputs, Map<String, double[]> fixedInputs) {
    public static final ImportOptions DEFAULT = new ImportOptions(1, Map.of(), List.of(), Map.of());

    public ImportOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        inputShapes = Map.copyOf(inputShapes);
        outputs = List.copyOf(outputs);
        fixedInputs = Map.copyOf(fixedInputs);
    }

    public ImportOptions(int batchSize, Map<String, int[]> inputShapes, List<String> outputs) {
        this(batchSize, inputShapes, outputs, Map.of());
    }

    public static ImportOptions batch(int n) {
        return new ImportOptions(n, Map.of(), List.of());
    }

    public ImportOptions withInputShapes(Map<String, int[]> shapes) {
        return new ImportOptions(batchSize, shapes, outputs, fixedInputs);
    }

    public ImportOptions withOutputs(List<String> selected) {
        return new ImportOptions(batchSize, inputShapes, selected, fixedInputs);
    }

    /** Model inputs with a value fixed at import (in row-major order, as many values as the input's shape has). */
    public ImportOptions withFixedInputs(Map<String, double[]> values) {
        return new ImportOptions(batchSize, inputShapes, outputs, values);
    }
}
