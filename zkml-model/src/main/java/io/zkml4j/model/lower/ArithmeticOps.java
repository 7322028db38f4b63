package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Element-wise arithmetic: Add, Sub, Mul, Div, Neg, Pow, Sum. A constant operand becomes an
 * {@link LoweredOp.Affine} ({@code x·mul + add}); two computed operands a {@link LoweredOp.Binary}.
 */
final class ArithmeticOps {
    private ArithmeticOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("Add", ArithmeticOps::add);
        r.put("Sum", ArithmeticOps::add);
        r.put("Sub", ArithmeticOps::sub);
        r.put("Mul", ArithmeticOps::mul);
        r.put("Div", ArithmeticOps::div);
        r.put("Neg", (node, ctx) -> {
            ctx.allowAttributes();
            scaleShift(ctx, ctx.id(node.input(0)), new int[0], new double[] {-1}, new double[] {0});
        });
        r.put("Pow", ArithmeticOps::pow);
    }

    /**
     * Emits {@code x·mul + add} (constants of shape {@code cShape}) as the current node's output, first
     * broadcasting x when the constants enlarge it.
     */
    static int scaleShift(Lowering ctx, int x, int[] cShape, double[] mul, double[] add) throws ModelImportException {
        int[] xs = ctx.shapeOf(x);
        int[] out;
        try {
            out = Shapes.broadcast(xs, cShape);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        if (!Arrays.equals(out, xs)) {
            x = ctx.step(new LoweredOp.Move(new int[] {x}, Movement.expand(xs, out)), out, "expand");
        }
        return ctx.output(new LoweredOp.Affine(x, cShape, mul, add), out);
    }

    /** What stands for "minus infinity" in an attention mask's bias. */
    static final double MASK_BIAS = -(1 << 14);

    /**
     * A factor of ±FLT_MAX (transformers' attention masks: {@code (1 − mask)·finfo.min}, added to the scores before
     * a softmax) is taken as ±2^14: the masked scores saturate at the bottom of the activation range either way, and
     * the exponential table maps them to 0; a factor of 2^14 keeps the product an exact integer in range for a 0/1
     * mask.
     */
    static double finiteMask(double v) {
        return Math.abs(v) >= 3.4e38 ? Math.signum(v) * -MASK_BIAS : v;
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    static double[] map(double[] a, java.util.function.DoubleUnaryOperator f) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(a[i]);
        }
        return r;
    }

    private static void binary(Node node, Lowering ctx, LoweredOp.BinaryKind kind) throws ModelImportException {
        int a = ctx.id(node.input(0));
        int b = ctx.id(node.input(1));
        int[] shape;
        try {
            shape = Shapes.broadcast(ctx.shapeOf(a), ctx.shapeOf(b));
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        ctx.output(new LoweredOp.Binary(kind, a, b), shape);
    }

    /** The operands of a commutative op, a constant one (if any) second. */
    private static String[] constantSecond(Node node, Lowering ctx) {
        String x = node.input(0);
        String y = node.input(1);
        return ctx.isConstant(x) ? new String[] {y, x} : new String[] {x, y};
    }

    private static void add(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        if (node.inputs().size() != 2) {
            if (node.inputs().size() == 1) {
                ctx.bind(node.outputs().get(0), ctx.id(node.input(0)));
                return;
            }
            throw ctx.unsupported("Sum of " + node.inputs().size() + " inputs is not supported (two are)");
        }
        String[] xy = constantSecond(node, ctx);
        String x = xy[0];
        String y = xy[1];
        if (ctx.isConstant(y)) {
            Tensor c = ctx.constant(y);
            scaleShift(ctx, ctx.id(x), c.shape(), filled(c.size(), 1), c.data());
        } else {
            binary(node, ctx, LoweredOp.BinaryKind.ADD);
        }
    }

    private static void sub(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        String x = node.input(0);
        String y = node.input(1);
        if (ctx.isConstant(y)) {
            Tensor c = ctx.constant(y);
            scaleShift(ctx, ctx.id(x), c.shape(), filled(c.size(), 1), map(c.data(), v -> -v));
        } else if (ctx.isConstant(x)) {
            Tensor c = ctx.constant(x);
            scaleShift(ctx, ctx.id(y), c.shape(), filled(c.size(), -1), c.data());
        } else {
            binary(node, ctx, LoweredOp.BinaryKind.SUB);
        }
    }

    private static void mul(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        String[] xy = constantSecond(node, ctx);
        String x = xy[0];
        String y = xy[1];
        if (ctx.isConstant(y)) {
            Tensor c = ctx.constant(y);
            scaleShift(ctx, ctx.id(x), c.shape(), map(c.data(), ArithmeticOps::finiteMask), new double[c.size()]);
        } else {
            binary(node, ctx, LoweredOp.BinaryKind.MUL);
        }
    }

    private static void div(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        String x = node.input(0);
        String y = node.input(1);
        if (ctx.isConstant(y)) {
            Tensor c = ctx.constant(y);
            for (double v : c.data()) {
                if (v == 0) {
                    throw ctx.unsupported("division by a constant 0");
                }
            }
            scaleShift(ctx, ctx.id(x), c.shape(), map(c.data(), v -> 1 / v), new double[c.size()]);
        } else if (ctx.isConstant(x)) {
            // c / y = c · (1/y): a reciprocal table, then a scale.
            Tensor c = ctx.constant(x);
            int yid = ctx.id(y);
            int r = ctx.step(new LoweredOp.Unary(yid, UnaryFunction.RECIPROCAL, 0, 0), ctx.shapeOf(yid), "reciprocal");
            scaleShift(ctx, r, c.shape(), c.data(), new double[c.size()]);
        } else {
            binary(node, ctx, LoweredOp.BinaryKind.DIV);
        }
    }

    private static void pow(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        String x = node.input(0);
        String y = node.input(1);
        if (ctx.isConstant(y)) {
            Tensor e = ctx.constant(y);
            for (double v : e.data()) {
                if (v != e.data()[0]) {
                    throw ctx.unsupported("exponents that differ per element are not supported");
                }
            }
            double p = e.data()[0];
            int xid = ctx.id(x);
            int[] shape = ctx.shapeOf(xid);
            if (p == 1) {
                ctx.bind(node.outputs().get(0), xid);
            } else if (p == 2) {
                ctx.output(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, xid, xid), shape);
            } else if (p == 0.5) {
                ctx.output(new LoweredOp.Unary(xid, UnaryFunction.SQRT, 0, 0), shape);
            } else if (p == -0.5) {
                ctx.output(new LoweredOp.Unary(xid, UnaryFunction.RSQRT, 0, 0), shape);
            } else if (p == -1) {
                ctx.output(new LoweredOp.Unary(xid, UnaryFunction.RECIPROCAL, 0, 0), shape);
            } else {
                ctx.output(new LoweredOp.Unary(xid, UnaryFunction.POW, p, 0), shape);
            }
        } else if (ctx.isConstant(x) && ctx.constant(x).size() == 1 && ctx.constant(x).data()[0] > 0) {
            // c^y = e^(y·ln c).
            double lnc = StrictMath.log(ctx.constant(x).data()[0]);
            int yid = ctx.id(y);
            int[] shape = ctx.shapeOf(yid);
            int s = ctx.step(new LoweredOp.Affine(yid, new int[0], new double[] {lnc}, new double[] {0}), shape, "scale");
            ctx.output(new LoweredOp.Unary(s, UnaryFunction.EXP, 0, 0), shape);
        } else {
            throw ctx.unsupported("Pow with a computed exponent is not supported (constant exponents and constant positive bases are)");
        }
    }
}
