package io.zkml4j.model.quant;

import java.util.Arrays;

/** An integer constant of a quantized model (weights, biases, multipliers, offsets). */
public record LongTensor(int[] shape, long[] values) {
    public LongTensor {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("constant of shape " + Arrays.toString(shape) + " given " + values.length + " values");
        }
    }

    public static LongTensor scalar(long v) {
        return new LongTensor(new int[0], new long[] {v});
    }

    public int size() {
        return values.length;
    }

    public long maxAbs() {
        long m = 0;
        for (long v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongTensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LongTensor" + Arrays.toString(shape);
    }
}
