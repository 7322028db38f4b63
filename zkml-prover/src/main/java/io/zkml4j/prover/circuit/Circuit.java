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

    /** The same circuit with the input public or private (a proof's choice, not the key's). */
    public Circuit withInputKind(TensorInfo.Kind kind) {
        if (kind != TensorInfo.Kind.PUBLIC_INPUT && kind != TensorInfo.Kind.PRIVATE_INPUT) {
            throw new IllegalArgumentException(kind + " is not an input kind");
        }
        java.util.List<TensorInfo> ts = new java.util.ArrayList<>(tensors);
        TensorInfo in = ts.get(input);
        ts.set(input, new TensorInfo(in.id(), in.name(), in.shape(), in.lo(), in.hi(), kind));
        return new Circuit(ts, weights, layers, input, output);
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
