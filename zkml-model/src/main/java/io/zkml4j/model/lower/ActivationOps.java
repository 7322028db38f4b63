package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Tensor;
import java.util.Map;

/**
 * Activations: ReLU and Clip (a clamp), the element-wise non-linear functions (one
 * {@link LoweredOp.Unary} each, later a lookup table), PRelu with per-channel slopes, Softmax and
 * LogSoftmax (max-subtracted exponentials, a sum and a division).
 */
final class ActivationOps {
    private ActivationOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("Relu", (node, ctx) -> {
            ctx.allowAttributes();
            clip(ctx, 0, Double.POSITIVE_INFINITY);
        });
        r.put("Clip", ActivationOps::clip);
        r.put("Max", (node, ctx) -> minMax(node, ctx, true));
        r.put("Min", (node, ctx) -> minMax(node, ctx, false));
        unary(r, "Sigmoid", UnaryFunction.SIGMOID);
        unary(r, "Tanh", UnaryFunction.TANH);
        unary(r, "Erf", UnaryFunction.ERF);
        unary(r, "Abs", UnaryFunction.ABS);
        unary(r, "Sqrt", UnaryFunction.SQRT);
        unary(r, "Exp", UnaryFunction.EXP);
        unary(r, "Log", UnaryFunction.LOG);
        unary(r, "Softplus", UnaryFunction.SOFTPLUS);
        unary(r, "Softsign", UnaryFunction.SOFTSIGN);
        unary(r, "HardSwish", UnaryFunction.HARD_SWISH);
        unary(r, "Mish", UnaryFunction.MISH);
        unary(r, "Reciprocal", UnaryFunction.RECIPROCAL);
        unary(r, "Sign", UnaryFunction.SIGN);
        unary(r, "Floor", UnaryFunction.FLOOR);
        unary(r, "Ceil", UnaryFunction.CEIL);
        unary(r, "Round", UnaryFunction.ROUND);
        unary(r, "Sin", UnaryFunction.SIN);
        unary(r, "Cos", UnaryFunction.COS);
        unary(r, "Tan", UnaryFunction.TAN);
        unary(r, "Asin", UnaryFunction.ASIN);
        unary(r, "Acos", UnaryFunction.ACOS);
        unary(r, "Atan", UnaryFunction.ATAN);
        unary(r, "Sinh", UnaryFunction.SINH);
        unary(r, "Cosh", UnaryFunction.COSH);
        r.put("LeakyRelu", (node, ctx) -> withAttributes(ctx, UnaryFunction.LEAKY_RELU, node.attrFloat("alpha", 0.01), 0, "alpha"));
        r.put("Elu", (node, ctx) -> withAttributes(ctx, UnaryFunction.ELU, node.attrFloat("alpha", 1), 0, "alpha"));
        r.put("Celu", (node, ctx) -> withAttributes(ctx, UnaryFunction.CELU, node.attrFloat("alpha", 1), 0, "alpha"));
        r.put("Selu", (node, ctx) -> withAttributes(ctx, UnaryFunction.SELU,
                node.attrFloat("alpha", 1.67326319217681884765625), node.attrFloat("gamma", 1.05070102214813232421875),
                "alpha", "gamma"));
        r.put("HardSigmoid", (node, ctx) -> withAttributes(ctx, UnaryFunction.HARD_SIGMOID,
                node.attrFloat("alpha", 0.2), node.attrFloat("beta", 0.5), "alpha", "beta"));
        r.put("Gelu", ActivationOps::gelu);
        r.put("Cast", ActivationOps::cast);
        r.put("PRelu", ActivationOps::prelu);
        r.put("Softmax", (node, ctx) -> softmax(node, ctx, false));
        r.put("LogSoftmax", (node, ctx) -> softmax(node, ctx, true));
    }

    private static void unary(Map<String, OpLowering> r, String op, UnaryFunction fn) {
        r.put(op, (node, ctx) -> withAttributes(ctx, fn, 0, 0));
    }

    private static void withAttributes(Lowering ctx, UnaryFunction fn, double a, double b, String... allowed)
            throws ModelImportException {
        ctx.allowAttributes(allowed);
        int x = ctx.id(ctx.node().input(0));
        ctx.output(new LoweredOp.Unary(x, fn, a, b), ctx.shapeOf(x));
    }

    /** A cast between floating types is the identity on a computed value; other casts are refused. */
    private static void cast(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("to", "saturate");
        io.zkml4j.model.graph.DataType to = io.zkml4j.model.graph.DataType.ofOnnxCode((int) node.attrInt("to", 0));
        if (to == null) {
            throw ctx.unsupported("Cast of a computed value to type " + node.attrInt("to", 0) + " is not supported");
        }
        io.zkml4j.model.graph.DataType from = ctx.type(node.input(0));
        int x = ctx.id(node.input(0));
        if (to.isFloating() || (!from.isFloating() && to != io.zkml4j.model.graph.DataType.BOOL)
                || from == io.zkml4j.model.graph.DataType.BOOL) {
            // Between float types, from integers and booleans (exact integers here), to a wider integer: the identity.
            ctx.bind(node.outputs().get(0), x, to);
        } else if (to == io.zkml4j.model.graph.DataType.BOOL) {
            // x ≠ 0
            int zero = ctx.step(LoweredOp.Compare.withZero(LoweredOp.CompareKind.EQ, x), ctx.shapeOf(x), "is-zero");
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Logic(LoweredOp.LogicKind.NOT, zero, -1), ctx.shapeOf(x)), to);
        } else {
            // float → integer truncates toward zero: a table over the input's static interval.
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Unary(x, UnaryFunction.TRUNCATE, 0, 0), ctx.shapeOf(x)), to);
        }
    }

    private static void gelu(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("approximate");
        String approx = node.attrString("approximate", "none");
        if (!approx.equals("none") && !approx.equals("tanh")) {
            throw ctx.unsupported("approximate='" + approx + "' is not supported");
        }
        withAttributes(ctx, approx.equals("tanh") ? UnaryFunction.GELU_TANH : UnaryFunction.GELU, 0, 0, "approximate");
    }

    private static void clip(Lowering ctx, double lo, double hi) throws ModelImportException {
        int x = ctx.id(ctx.node().input(0));
        ctx.output(new LoweredOp.Clip(x, lo, hi), ctx.shapeOf(x));
    }

    /**
     * Clip with constant bounds (folded ones included) is a clamp; a bound computed from the model input
     * (such as "the maximum minus 80 dB") is an element-wise maximum or minimum with that value.
     */
    private static void clip(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("min", "max");
        double lo;
        double hi;
        String loComputed = null;
        String hiComputed = null;
        if (node.opset() < 11) {
            lo = node.attrFloat("min", Double.NEGATIVE_INFINITY);
            hi = node.attrFloat("max", Double.POSITIVE_INFINITY);
        } else {
            String l = node.input(1);
            String h = node.input(2);
            loComputed = !l.isEmpty() && !ctx.isConstant(l) ? l : null;
            hiComputed = !h.isEmpty() && !ctx.isConstant(h) ? h : null;
            lo = l.isEmpty() || loComputed != null ? Double.NEGATIVE_INFINITY : scalar(ctx, l);
            hi = h.isEmpty() || hiComputed != null ? Double.POSITIVE_INFINITY : scalar(ctx, h);
        }
        if (loComputed == null && hiComputed == null) {
            clip(ctx, lo, hi);
            return;
        }
        int x = ctx.id(node.input(0));
        int[] shape = ctx.shapeOf(x);
        // min(max(x, lo), hi), as ONNX defines it (when lo > hi the result is hi)
        for (boolean lower : new boolean[] {true, false}) {
            String bound = lower ? loComputed : hiComputed;
            double constant = lower ? lo : hi;
            if (bound == null) {
                if (Double.isFinite(constant)) {
                    x = ctx.step(new LoweredOp.Clip(x, lower ? lo : Double.NEGATIVE_INFINITY, lower ? Double.POSITIVE_INFINITY : hi),
                            shape, lower ? "min" : "max");
                }
                continue;
            }
            if (!java.util.Arrays.equals(io.zkml4j.model.graph.Shapes.broadcast(shape, ctx.shape(bound)), shape)) {
                throw ctx.unsupported("the bound '" + bound + "' of shape " + java.util.Arrays.toString(ctx.shape(bound))
                        + " does not broadcast to the input's shape " + java.util.Arrays.toString(shape));
            }
            x = elementwise(ctx, x, ctx.id(bound), lower, lower ? "min-bound" : "max-bound");
        }
        ctx.bind(node.outputs().get(0), x);
    }

    /**
     * {@code max(a, b)} (or {@code min}) element-wise, of two computed tensors with ONNX broadcasting, from
     * primitives that exist: both broadcast to the output shape and flattened to {@code [1, n]}, concatenated
     * to {@code [2, n]}, reduced by maximum over the first axis ({@code min(a, b) = −max(−a, −b)}), and
     * reshaped back. Returns the id of the result.
     */
    static int elementwise(Lowering ctx, int a, int b, boolean max, String label) throws ModelImportException {
        int[] shape = io.zkml4j.model.graph.Shapes.broadcast(ctx.shapeOf(a), ctx.shapeOf(b));
        int n = io.zkml4j.model.graph.Shapes.size(shape);
        int[] row = {1, n};
        int[] ids = new int[2];
        int[] operands = {a, b};
        for (int i = 0; i < 2; i++) {
            int v = operands[i];
            int[] s = ctx.shapeOf(v);
            if (!java.util.Arrays.equals(s, shape)) {
                v = ctx.step(new LoweredOp.Move(new int[] {v}, Movement.expand(s, shape)), shape, label + "/expand" + i);
            }
            if (!max) {
                v = ctx.step(new LoweredOp.Affine(v, new int[0], new double[] {-1}, new double[] {0}), shape, label + "/negate" + i);
            }
            ids[i] = ctx.step(new LoweredOp.Move(new int[] {v}, Movement.reshape(shape, row)), row, label + "/row" + i);
        }
        int[] pair = {2, n};
        int both = ctx.step(new LoweredOp.Move(ids, Movement.concat(new int[][] {row, row}, 0)), pair, label + "/pair");
        ReduceGeometry g = ReduceGeometry.of(pair, new int[] {0}, false);
        int m = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.MAX, both, g), g.out(), label + "/max");
        int y = ctx.step(new LoweredOp.Move(new int[] {m}, Movement.reshape(g.out(), shape)), shape, label);
        if (!max) {
            y = ctx.step(new LoweredOp.Affine(y, new int[0], new double[] {-1}, new double[] {0}), shape, label + "/min");
        }
        return y;
    }

    private static double scalar(Lowering ctx, String name) throws ModelImportException {
        Tensor t = ctx.constant(name);
        if (t.size() != 1) {
            throw ctx.unsupported("input '" + name + "' must be a scalar");
        }
        return t.data()[0];
    }

    /** Max/Min of a tensor and a constant scalar is a clamp; of two computed tensors, {@link #elementwise}. */
    private static void minMax(Node node, Lowering ctx, boolean max) throws ModelImportException {
        ctx.allowAttributes();
        if (node.inputs().size() != 2) {
            throw ctx.unsupported("only two operands are supported");
        }
        String x = node.input(0);
        String c = node.input(1);
        if (ctx.isConstant(x)) {
            x = node.input(1);
            c = node.input(0);
        }
        if (!ctx.isConstant(c)) {
            int id = elementwise(ctx, ctx.id(x), ctx.id(c), max, node.opType().toLowerCase(java.util.Locale.ROOT));
            ctx.bind(node.outputs().get(0), id);
            return;
        }
        double v = scalar(ctx, c);
        int id = ctx.id(x);
        ctx.output(new LoweredOp.Clip(id, max ? v : Double.NEGATIVE_INFINITY, max ? Double.POSITIVE_INFINITY : v), ctx.shapeOf(id));
    }

    /** PRelu: {@code max(x, 0) + slope·min(x, 0)}; one slope is a LeakyRelu. */
    private static void prelu(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        Tensor slope = ctx.constant(node.input(1));
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        if (slope.size() == 1) {
            ctx.output(new LoweredOp.Unary(x, UnaryFunction.LEAKY_RELU, slope.data()[0], 0), xs);
            return;
        }
        int[] sShape = slope.shape();
        if (slope.rank() == 1 && xs.length > 2 && sShape[0] == xs[1]) {
            sShape = LinearOps.channelShape(xs);
        }
        int pos = ctx.step(new LoweredOp.Clip(x, 0, Double.POSITIVE_INFINITY), xs, "positive");
        int neg = ctx.step(new LoweredOp.Clip(x, Double.NEGATIVE_INFINITY, 0), xs, "negative");
        int scaled = ctx.step(new LoweredOp.Affine(neg, sShape, slope.data(), new double[slope.size()]), xs, "scaled");
        if (!java.util.Arrays.equals(io.zkml4j.model.graph.Shapes.broadcast(xs, sShape), xs)) {
            throw ctx.unsupported("slope of shape " + java.util.Arrays.toString(slope.shape()) + " would enlarge the input");
        }
        ctx.output(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, pos, scaled), xs);
    }

    /** The tensors of {@code Σ exp(x − max x)} over the axes of {@code g} (which keeps them). */
    record ShiftedExp(int max, int shifted, int exp, int sum) {
    }

    /**
     * {@code m = max x}, {@code d = x − m} (with the exact clamp {@code d ≤ 0}, which halves the table),
     * {@code e = exp d}, {@code s = Σ e} over the axes of {@code g} (kept).
     */
    static ShiftedExp shiftedExp(Lowering ctx, int x, ReduceGeometry g) {
        int[] xs = ctx.shapeOf(x);
        int m = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.MAX, x, g), g.out(), "max");
        int diff = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.SUB, x, m), xs, "shifted");
        int d = ctx.step(new LoweredOp.Clip(diff, Double.NEGATIVE_INFINITY, 0), xs, "nonpositive");
        int e = ctx.step(new LoweredOp.Unary(d, UnaryFunction.EXP, 0, 0), xs, "exp");
        int s = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, e, g), g.out(), "sum");
        return new ShiftedExp(m, d, e, s);
    }

    /**
     * Softmax over {@code axis} (opset ≥ 13) or over all axes from {@code axis} on (opset &lt; 13):
     * {@code m = max x; e = exp(x − m); y = e / Σ e}. LogSoftmax: {@code y = (x − m) − log Σ e}.
     */
    private static void softmax(Node node, Lowering ctx, boolean log) throws ModelImportException {
        ctx.allowAttributes("axis");
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        int axis = MovementOps.normalize(ctx, node.attrInt("axis", node.opset() < 13 ? 1 : -1), xs.length);
        int[] axes;
        if (node.opset() < 13) {
            axes = new int[xs.length - axis];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = axis + i;
            }
        } else {
            axes = new int[] {axis};
        }
        ReduceGeometry g = ReduceGeometry.of(xs, axes, true);
        ShiftedExp se = shiftedExp(ctx, x, g);
        int d = se.shifted();
        int e = se.exp();
        int s = se.sum();
        if (log) {
            int l = ctx.step(new LoweredOp.Unary(s, UnaryFunction.LOG, 0, 0), g.out(), "log");
            ctx.output(new LoweredOp.Binary(LoweredOp.BinaryKind.SUB, d, l), xs);
        } else {
            ctx.output(new LoweredOp.Binary(LoweredOp.BinaryKind.DIV, e, s), xs);
        }
    }
}
