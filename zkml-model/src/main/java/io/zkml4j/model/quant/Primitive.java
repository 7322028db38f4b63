package io.zkml4j.model.quant;

import io.zkml4j.model.lower.ConvGeometry;
import io.zkml4j.model.lower.Movement;
import io.zkml4j.model.lower.PoolGeometry;
import io.zkml4j.model.lower.ReduceGeometry;

/**
 * The integer primitives a quantized model is made of; op {@code i} of a {@link QuantizedModel} produces
 * tensor {@code i}. Values are exact {@code long}s (the quantizer proves statically that no intermediate
 * value reaches 2^62 in magnitude). The exact semantics of each, with its rounding rule, is stated on the
 * record and in {@code docs/QUANTIZATION.md}; {@link io.zkml4j.model.interp.IntegerInterpreter} implements
 * exactly that.
 */
public sealed interface Primitive {

    /** Ids of the tensors this op reads. */
    int[] inputs();

    /** The primitive's name in the architecture description and in messages. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** The quantized model input (already quantized: see {@link QuantizedModel#quantizeInput}). */
    record Input(String name) implements Primitive {
        public int[] inputs() {
            return new int[0];
        }
    }

    /**
     * A public interval declared for an op's output in place of the one its constants give: the static
     * analysis checks that the constants' interval lies inside it and then uses it, so the interval (which
     * the verifying key carries) says nothing about constants that are committed, not public (tree
     * thresholds, feature choices, leaf values, decision thresholds).
     */
    record Bound(long lo, long hi) {
        public Bound {
            if (lo > hi) {
                throw new IllegalArgumentException("declared interval [" + lo + ", " + hi + "] is empty");
            }
        }
    }

    /**
     * {@code y[r, j] = Σ_i x[r, i]·w[i, j] + bias[j]} exactly, for every row r of x viewed as
     * {@code [rows, k]}; {@code w} is {@code [k, n]}, {@code bias} is {@code [n]} or null (zero);
     * {@code declared} a public output interval or null (the interval the constants give).
     */
    record MatMul(int x, LongTensor w, LongTensor bias, Bound declared) implements Primitive {
        public MatMul(int x, LongTensor w, LongTensor bias) {
            this(x, w, bias, null);
        }

        public int[] inputs() {
            return new int[] {x};
        }

        public int k() {
            return w.shape()[0];
        }

        public int n() {
            return w.shape()[1];
        }
    }

    /**
     * 2-D NCHW convolution with zero padding, exact sums: {@code y[b, m, oy, ox] = bias[m] + Σ_{ci, ky, kx}
     * x[b, g·cpg + ci, oy·sh − pt + ky·dh, ox·sw − pl + kx·dw]·w[m, ci, ky, kx]} (out-of-range positions
     * contribute 0; g is m's group). {@code w} is {@code [m, c/groups, kh, kw]}.
     */
    record Conv(int x, LongTensor w, LongTensor bias, ConvGeometry g) implements Primitive {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /**
     * Rescale and clamp: {@code y = clamp(floor((x·m + 2^(s−1)) / 2^s), lo, hi)} (round half up), with
     * {@code m ≥ 1}, {@code s ≥ 0}; for {@code s = 0}: {@code y = clamp(x·m, lo, hi)}.
     */
    record Requant(int x, long m, int s, long lo, long hi) implements Primitive {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /**
     * Lookup: {@code y = table[x − inLo]}; the input's static interval lies in
     * {@code [inLo, inLo + table.length)}. {@code function} names what the table holds (for humans and
     * hashing; the entries are the definition).
     */
    record Table(int x, long inLo, long[] table, String function) implements Primitive {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /** {@code y = a + b} element-wise with ONNX broadcasting (both at the same scale). */
    record Add(int a, int b) implements Primitive {
        public int[] inputs() {
            return new int[] {a, b};
        }
    }

    /** {@code y = a − b} element-wise with ONNX broadcasting (both at the same scale). */
    record Sub(int a, int b) implements Primitive {
        public int[] inputs() {
            return new int[] {a, b};
        }
    }

    /** {@code y = a·b} element-wise with ONNX broadcasting. */
    record Mul(int a, int b) implements Primitive {
        public int[] inputs() {
            return new int[] {a, b};
        }
    }

    /**
     * {@code y = x·mul + add} element-wise; {@code mul} and {@code add} have the same shape, which
     * broadcasts against x without enlarging it; {@code declared} a public output interval or null.
     */
    record Affine(int x, LongTensor mul, LongTensor add, Bound declared) implements Primitive {
        public Affine(int x, LongTensor mul, LongTensor add) {
            this(x, mul, add, null);
        }

        public int[] inputs() {
            return new int[] {x};
        }
    }

    /** Maximum over each window; positions outside the input do not take part. */
    record MaxPool(int x, PoolGeometry g) implements Primitive {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /** Sum over each window; positions outside the input count as 0. */
    record SumPool(int x, PoolGeometry g) implements Primitive {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /** Exact sum over the axes of {@code g}. */
    record ReduceSum(int x, ReduceGeometry g) implements Primitive {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /** Maximum over the axes of {@code g}. */
    record ReduceMax(int x, ReduceGeometry g) implements Primitive {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /**
     * {@code y = floor(a·2^k / b)} (floor division) element-wise with broadcasting; the static interval of
     * {@code b} is within {@code [1, ∞)}.
     */
    record Div(int a, int b, int k) implements Primitive {
        public int[] inputs() {
            return new int[] {a, b};
        }
    }

    /**
     * Data movement: output element i is element {@code m.source()[i]} of the inputs concatenated in order,
     * or 0 where the source is −1. {@code m.kind()} and {@code m.params()} describe it structurally.
     */
    record Gather(int[] xs, Movement m) implements Primitive {
        public int[] inputs() {
            return xs.clone();
        }
    }
}
