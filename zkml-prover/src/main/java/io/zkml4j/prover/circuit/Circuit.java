package io.zkml4j.prover.circuit;

import java.util.List;

/**
 * What the proof is about: tensors, weights and layers in topological order, with one input and one output
 * tensor. Built from a quantized model by {@code CircuitCompiler}; both prover and verifier derive every
 * structural decision (commitment layout, lookups, sumcheck sizes) from it alone.
 */
public record Circuit(List<TensorInfo> tensors, List<WeightInfo> weights, List<Layer> layers, int input, int output) {
    public Circuit {
        tensors = List.copyOf(tensors);
        weights = List.copyOf(weights);
        layers = List.copyOf(layers);
    }

    public TensorInfo tensor(int id) {
        return tensors.get(id);
    }

    /** The layer that produces each tensor, or -1 for the input. */
    public int[] producers() {
        int[] p = new int[tensors.size()];
        java.util.Arrays.fill(p, -1);
        for (int i = 0; i < layers.size(); i++) {
            p[layers.get(i).output()] = i;
        }
        return p;
    }
}
