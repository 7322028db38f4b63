package io.zkml4j.model.graph;

import java.util.Arrays;

/** Small arithmetic on tensor shapes (row-major, ONNX layout). */
public final class Shapes {
    /** Largest tensor this project handles, in elements (2^26: 512 MiB as doubles). */
    public static final int MAX_ELEMENTS = 1 << 26;

    private Shapes() {
    }

    /**
     * The length of an output's class axis, or 0 if it has none: the last axis of an output of shape
     * {@code [C]} or {@code [N, C]} (a batch of N rows), when C is larger than 1. Outputs of other ranks
     * (feature maps, sequences, embeddings such as {@code [1, 1, 1, 96]}) and single scores have none.
     */
    public static int classAxisLength(int[] shape) {
        if (shape.length == 0 || shape.length > 2 || shape[shape.length - 1] < 2) {
            return 0;
        }
        return shape[shape.length - 1];
    }

    /** Number of elements; throws {@link IllegalArgumentException} past {@link #MAX_ELEMENTS}. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " has more than 2^26 elements");
            }
        }
        return (int) n;
    }

    /** Row-major strides. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Normalizes a possibly negative axis against {@code rank}; throws when out of range. */
    public static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        }
        return (int) a;
    }

    /** ONNX (numpy) multidirectional broadcast of two shapes. */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * For each element of a tensor of shape {@code out}, the index of the element of a tensor of shape
     * {@code in} that broadcasting maps onto it ({@code in} must broadcast to {@code out}).
     */
    public static int[] broadcastIndex(int[] in, int[] out) {
        int rank = out.length;
        int[] inStride = new int[rank];
        int[] s = strides(in);
        for (int i = 0; i < in.length; i++) {
            int o = i + rank - in.length;
            inStride[o] = in[i] == 1 ? 0 : s[i];
        }
        return stridedIndex(out, inStride, 0);
    }

    /**
     * Walks a tensor of shape {@code out} in row-major order and gives, for each element, the index
     * {@code base + Σ_d counter[d]·stride[d]}: the addressing of any strided view (transpose, slice, broadcast).
     */
    public static int[] stridedIndex(int[] out, int[] stride, int base) {
        int n = size(out);
        int rank = out.length;
        int[] src = new int[n];
        int[] counter = new int[rank];
        int idx = base;
        for (int e = 0; e < n; e++) {
            src[e] = idx;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                idx += stride[d];
                if (counter[d] < out[d]) {
                    break;
                }
                idx -= stride[d] * counter[d];
                counter[d] = 0;
            }
        }
        return src;
    }

    public static String toString(int[] shape) {
        return Arrays.toString(shape);
    }
}
