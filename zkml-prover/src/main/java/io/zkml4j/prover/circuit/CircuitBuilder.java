package io.zkml4j.prover.circuit;

import io.zkml4j.prover.layout.PaddedShape;

import java.util.ArrayList;
import java.util.List;

/** Assembles a {@link Circuit}: tensors and weights get ids in the order they are added. */
public final class CircuitBuilder {
    private final List<TensorInfo> tensors = new ArrayList<>();
    private final List<WeightInfo> weights = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();

    public int tensor(String name, int[] dims, long lo, long hi, TensorInfo.Kind kind) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "] for tensor " + name);
        }
        tensors.add(new TensorInfo(tensors.size(), name, new PaddedShape(dims), lo, hi, kind));
        return tensors.size() - 1;
    }

    public int weight(String name, int... dims) {
        weights.add(new WeightInfo(weights.size(), name, new PaddedShape(dims)));
        return weights.size() - 1;
    }

    public CircuitBuilder layer(Layer layer) {
        layers.add(layer);
        return this;
    }

    public TensorInfo tensorInfo(int id) {
        return tensors.get(id);
    }

    public int tensorCount() {
        return tensors.size();
    }

    public Circuit build(int input, int output) {
        return new Circuit(tensors, weights, layers, input, output);
    }
}
