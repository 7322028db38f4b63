package io.zkml4j.model.graph;

import java.util.Arrays;

/**
 * A constant tensor of the float graph: element type, shape and values. Values are held as
 * {@code double}, which is exact for every element type this project reads except 64-bit integers beyond
 * 2^53 (such values only occur as "to the end" markers in Slice, where rounding is harmless).
 */
public record Tensor(DataType type, int[] shape, double[] data) {
    public Tensor {
        if (Shapes.size(shape) != data.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " given " + data.length + " values");
        }
    }

    public static Tensor scalar(DataType type, double v) {
        return new Tensor(type, new int[0], new double[] {v});
    }

    public static Tensor ofLongs(int[] shape, long... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(DataType.INT64, shape, d);
    }

    public static Tensor ofFloats(int[] shape, double... values) {
        return new Tensor(DataType.FLOAT, shape, values);
    }

    public int size() {
        return data.length;
    }

    public int rank() {
        return shape.length;
    }

    /** Values as longs (truncating toward zero, saturating at the long range). */
    public long[] longs() {
        long[] out = new long[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) data[i];
        }
        return out;
    }

    /** Values as shape dimensions (each must fit an int). */
    public int[] ints() {
        int[] out = new int[data.length];
        for (int i = 0; i < out.length; i++) {
            double v = data[i];
            if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("value " + v + " is not a 32-bit integer");
            }
            out[i] = (int) v;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.type == type && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + type + " " + Arrays.toString(shape) + "]";
    }
}
