package io.zkml4j.model.lower;

import io.zkml4j.model.graph.Shapes;
import java.util.List;

/**
 * A DAG of real-valued primitives: op {@code i} produces tensor {@code i} with shape {@code shapes[i]} and a
 * readable name. {@code inputs} are the ids of the {@link LoweredOp.Input} ops in model-input order;
 * {@code outputs} the ids of the model outputs.
 */
public record LoweredGraph(List<LoweredOp> ops, List<int[]> shapes, List<String> names, int[] inputs, int[] outputs) {

    public LoweredGraph {
        ops = List.copyOf(ops);
        shapes = List.copyOf(shapes);
        names = List.copyOf(names);
    }

    public int size() {
        return ops.size();
    }

    /** Evaluates every tensor in {@code double} for the given model inputs (flattened, row-major). */
    public double[][] evaluate(double[][] modelInputs) {
        if (modelInputs.length != inputs.length) {
            throw new IllegalArgumentException("expected " + inputs.length + " inputs, got " + modelInputs.length);
        }
        double[][] v = new double[ops.size()][];
        for (int i = 0; i < inputs.length; i++) {
            int id = inputs[i];
            if (modelInputs[i].length != Shapes.size(shapes.get(id))) {
                throw new IllegalArgumentException("input " + names.get(id) + " needs " + Shapes.size(shapes.get(id))
                        + " values, got " + modelInputs[i].length);
            }
            v[id] = modelInputs[i];
        }
        for (int i = 0; i < ops.size(); i++) {
            LoweredOp op = ops.get(i);
            if (!(op instanceof LoweredOp.Input)) {
                v[i] = FloatKernels.apply(op, v, this, i);
            }
        }
        return v;
    }

    /** Just the model outputs of {@link #evaluate}. */
    public double[][] evaluateOutputs(double[][] modelInputs) {
        double[][] all = evaluate(modelInputs);
        double[][] out = new double[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            out[i] = all[outputs[i]];
        }
        return out;
    }
}
