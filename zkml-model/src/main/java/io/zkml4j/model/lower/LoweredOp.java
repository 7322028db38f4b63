package io.zkml4j.model.lower;

/**
 * One real-valued primitive of a {@link LoweredGraph}; op {@code i} of a graph produces tensor {@code i}.
 * This is the float counterpart of the integer primitives: every ONNX op is lowered to these, calibration
 * evaluates them in {@code double}, and the quantizer maps each to integer primitives.
 */
public sealed interface LoweredOp {

    /** Ids of the tensors this op reads. */
    int[] inputs();

    /** Op kind for messages and statistics. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /**
     * A model input; {@code integer}: of an integer or boolean type (token ids, a mask), quantized exactly at
     * scale 0.
     */
    record Input(String name, boolean integer) implements LoweredOp {
        public Input(String name) {
            this(name, false);
        }

        public int[] inputs() {
            return new int[0];
        }
    }

    /**
     * {@code y[.., j] = Σ_i x[.., i]·w[i·n + j] + bias[j]}; {@code w} is {@code [k, n]}, bias may be null.
     * {@code publicBound}: the output's static interval is the public {@code ±k·2^(weightBits−1)·max|x|}
     * rather than the one the weights give (a tree's leaf values: the interval would reveal their sums).
     */
    record MatMul(int x, double[] w, double[] bias, int k, int n, boolean publicBound) implements LoweredOp {
        public MatMul(int x, double[] w, double[] bias, int k, int n) {
            this(x, w, bias, k, n, false);
        }

        public int[] inputs() {
            return new int[] {x};
        }
    }

    /** 2-D convolution with zero padding; {@code w} is {@code [m, c/groups, kh, kw]}, bias {@code [m]} or null. */
    record Conv(int x, double[] w, double[] bias, ConvGeometry g) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /**
     * {@code y = x·mul + add} with {@code mul} and {@code add} of shape {@code constShape} broadcast against
     * x (the broadcast never enlarges x).
     */
    record Affine(int x, int[] constShape, double[] mul, double[] add) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    enum BinaryKind { ADD, SUB, MUL, DIV }

    /** Element-wise {@code a op b} of two non-constant tensors with ONNX broadcasting. */
    record Binary(BinaryKind op, int a, int b) implements LoweredOp {
        public int[] inputs() {
            return new int[] {a, b};
        }

        @Override
        public String kind() {
            return op.name().charAt(0) + op.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code min(max(x, lo), hi)}; bounds may be infinite (ReLU is {@code [0, +∞)}). */
    record Clip(int x, double lo, double hi) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /** A non-linear element-wise function. */
    record Unary(int x, UnaryFunction fn, double a, double b) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }

        @Override
        public String kind() {
            return fn.name();
        }
    }

    /**
     * {@code y = floor((2·mul·x + d) / (2·d))}, i.e. {@code mul·x/d} rounded half up, with {@code d ≥ 0} broadcast
     * against x and {@code mul} a positive integer: dynamic quantization's {@code round(x / (d/mul))}; an integer.
     * The quantizer computes it through one reciprocal of d (exact but for values within about 2^-12 of a half).
     */
    record RoundDiv(int x, int d, long mul) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x, d};
        }
    }

    /** Maximum over each window (padding never wins). */
    record MaxPool(int x, PoolGeometry g) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    /** Sum over each window (padding counts as zero). */
    record SumPool(int x, PoolGeometry g) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    enum ReduceKind { SUM, MAX }

    /** Sum or maximum over axes. */
    record Reduce(ReduceKind op, int x, ReduceGeometry g) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }

        @Override
        public String kind() {
            return op == ReduceKind.SUM ? "ReduceSum" : "ReduceMax";
        }
    }

    /** Data movement from one or more inputs (see {@link Movement}). */
    record Move(int[] xs, Movement m) implements LoweredOp {
        public int[] inputs() {
            return xs.clone();
        }

        @Override
        public String kind() {
            return "Move(" + m.kind() + ")";
        }
    }

    enum CompareKind { GT, GE, LT, LE, EQ }

    /**
     * {@code y = 1} where {@code x ⋈ t} and 0 elsewhere ({@code >, ≥, <, ≤, =}), {@code t} constant thresholds
     * of shape {@code tShape} that broadcast against x without enlarging it; the quantizer decides it exactly on
     * x's quantized value, so it agrees with the float comparison of the dequantized value. {@code committed}:
     * the thresholds are the model's parameters (initializer constants), committed like weights, and nothing
     * of them reaches the circuit's structure; otherwise they are public constants of the lowering.
     */
    record Compare(CompareKind op, int x, int[] tShape, double[] t, boolean committed) implements LoweredOp {
        /** Thresholds that are part of the lowering's structure (0, indices), public. */
        public Compare(CompareKind op, int x, int[] tShape, double[] t) {
            this(op, x, tShape, t, false);
        }

        public static Compare withZero(CompareKind op, int x) {
            return new Compare(op, x, new int[0], new double[] {0});
        }

        public int[] inputs() {
            return new int[] {x};
        }

        @Override
        public String kind() {
            return "Compare(" + op + ")";
        }
    }

    /**
     * Tree splits: {@code y[r, k] = [x[r, feature_k] ≤ t_k]} ({@code < t_k} where {@code strict[k]}) for x of
     * shape {@code [rows, F]}, decided exactly on x's quantized value. Features, thresholds and strictness are
     * the model's parameters: committed (a 0/1 selection matrix and a bias), never part of the circuit.
     */
    record Split(int x, int[] feature, boolean[] strict, double[] t) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }
    }

    enum LogicKind { NOT, AND, OR, XOR }

    /** Logic on 0/1 tensors with broadcasting ({@code b} is −1 for NOT). */
    record Logic(LogicKind op, int a, int b) implements LoweredOp {
        public int[] inputs() {
            return b < 0 ? new int[] {a} : new int[] {a, b};
        }

        @Override
        public String kind() {
            return op.name().charAt(0) + op.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code y = c ? a : b} element-wise with broadcasting, {@code c} a 0/1 tensor; one of {@code a}, {@code b}
     * may be −1, standing for the constant {@code k} (of shape {@code kShape}).
     */
    record Select(int c, int a, int b, int[] kShape, double[] k) implements LoweredOp {
        public int[] inputs() {
            return a < 0 ? new int[] {c, b} : b < 0 ? new int[] {c, a} : new int[] {c, a, b};
        }

        @Override
        public String kind() {
            return "Where";
        }
    }

    /**
     * The index of the maximum (of the minimum when {@code min}) over the one axis of {@code g} (ONNX ArgMax and
     * ArgMin: the first index among equal extremes, the last when {@code last}); an exact integer.
     */
    record ArgMax(int x, ReduceGeometry g, boolean last, boolean min) implements LoweredOp {
        public int[] inputs() {
            return new int[] {x};
        }
    }
}
