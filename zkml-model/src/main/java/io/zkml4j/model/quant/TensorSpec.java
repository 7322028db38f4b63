package io.zkml4j.model.quant;

import java.util.Arrays;

/**
 * A tensor of a quantized model: its shape (ONNX layout, batch axis kept), its scale exponent {@code scale}
 * (the real value is {@code q·2^-scale}) and the static interval {@code [lo, hi]} that provably contains
 * every value any input can produce.
 */
public record TensorSpec(String name, int[] shape, int scale, long lo, long hi) {

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Largest magnitude the interval allows. */
    public long maxAbs() {
        return Math.max(Math.abs(lo), Math.abs(hi));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && Arrays.equals(t.shape, shape) && t.scale == scale
                && t.lo == lo && t.hi == hi;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " 2^-" + scale + " [" + lo + ", " + hi + "]";
    }
}
