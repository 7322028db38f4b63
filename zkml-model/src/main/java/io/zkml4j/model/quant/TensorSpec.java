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

    /**
     * The float-to-integer quantization of values of this tensor:
     * {@code q = clamp(round_half_away_from_zero(x·2^scale), lo, hi)}.
     *
     * @throws IllegalArgumentException for a wrong count or a NaN
     */
    public long[] quantize(float[] x) {
        if (x.length != size()) {
            throw new IllegalArgumentException("input '" + name + "' needs " + size() + " values, got " + x.length);
        }
        long[] q = new long[x.length];
        double factor = Math.scalb(1.0, scale);
        for (int j = 0; j < q.length; j++) {
            double v = x[j] * factor;
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("input '" + name + "' value " + j + " is NaN");
            }
            double r = Math.signum(v) * Math.floor(Math.abs(v) + 0.5);
            q[j] = (long) Math.max(lo, Math.min(hi, r));
        }
        return q;
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
