package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import java.util.Arrays;
import java.util.Map;

/**
 * Pooling and reductions: MaxPool, AveragePool (a window sum, then a per-position scale by 1/count),
 * GlobalAveragePool, GlobalMaxPool, ReduceSum, ReduceMean (a sum, then 1/n), ReduceMax, ReduceMin
 * ({@code −max(−x)}).
 */
final class PoolOps {
    private PoolOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("MaxPool", (node, ctx) -> pool(node, ctx, true));
        r.put("AveragePool", (node, ctx) -> pool(node, ctx, false));
        r.put("GlobalAveragePool", (node, ctx) -> global(node, ctx, false));
        r.put("GlobalMaxPool", (node, ctx) -> global(node, ctx, true));
        r.put("ReduceSum", reduction((ctx, x, axes, keep) -> reduceAxes(ctx, x, axes, keep, LoweredOp.ReduceKind.SUM, false)));
        r.put("ReduceMean", reduction((ctx, x, axes, keep) -> reduceAxes(ctx, x, axes, keep, LoweredOp.ReduceKind.SUM, true)));
        r.put("ReduceMax", reduction((ctx, x, axes, keep) -> reduceAxes(ctx, x, axes, keep, LoweredOp.ReduceKind.MAX, false)));
        r.put("ReduceMin", reduction(PoolOps::reduceMin));
        r.put("ReduceL1", reduction((ctx, x, axes, keep) -> reduceOf(ctx, x, axes, keep, UnaryFunction.ABS, null)));
        r.put("ReduceL2", reduction((ctx, x, axes, keep) -> reduceOf(ctx, x, axes, keep, null, UnaryFunction.SQRT)));
        r.put("ReduceSumSquare", reduction((ctx, x, axes, keep) -> reduceOf(ctx, x, axes, keep, null, null)));
        r.put("ReduceLogSumExp", reduction(PoolOps::reduceLogSumExp));
    }

    private static void pool(Node node, Lowering ctx, boolean max) throws ModelImportException {
        ctx.allowAttributes("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "strides", "storage_order",
                "count_include_pad");
        if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty()) {
            throw ctx.unsupported("the Indices output is not supported");
        }
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        if (xs.length != 3 && xs.length != 4) {
            throw ctx.unsupported("only 1-D and 2-D pooling is supported, input has shape " + Arrays.toString(xs));
        }
        int spatial = xs.length - 2;
        long[] ks = node.attrInts("kernel_shape");
        if (ks == null || ks.length != spatial) {
            throw ctx.unsupported("kernel_shape must have " + spatial + " entries");
        }
        int[] kernel = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            kernel[i] = (int) ks[i];
        }
        int[] wnd = LinearOps.windowAttributes(node, ctx, spatial, xs, kernel);
        PoolGeometry g;
        try {
            g = new PoolGeometry(xs[0], xs[1], spatial == 2 ? xs[2] : 1, xs[xs.length - 1], spatial == 2 ? kernel[0] : 1,
                    kernel[spatial - 1], wnd[0], wnd[1], wnd[2], wnd[3], wnd[4], wnd[5], wnd[6], wnd[7],
                    node.attrInt("ceil_mode", 0) != 0);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        int[] out = spatial == 2 ? g.outputShape() : new int[] {g.n(), g.c(), g.outW()};
        if (max) {
            ctx.output(new LoweredOp.MaxPool(x, g), out);
            return;
        }
        boolean includePad = node.attrInt("count_include_pad", 0) != 0;
        int sum = ctx.step(new LoweredOp.SumPool(x, g), out, "sum");
        int oh = g.outH();
        int ow = g.outW();
        double[] inv = new double[oh * ow];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                inv[oy * ow + ox] = 1.0 / (includePad ? g.countInsidePadded(oy, ox) : g.countInside(oy, ox));
            }
        }
        boolean uniform = true;
        for (double v : inv) {
            uniform &= v == inv[0];
        }
        int[] cShape = uniform ? new int[0] : spatial == 2 ? new int[] {oh, ow} : new int[] {ow};
        double[] mul = uniform ? new double[] {inv[0]} : inv;
        ArithmeticOps.scaleShift(ctx, sum, cShape, mul, new double[mul.length]);
    }

    private static void global(Node node, Lowering ctx, boolean max) throws ModelImportException {
        ctx.allowAttributes();
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        int[] axes = new int[xs.length - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        reduceAxes(ctx, x, axes, true, max ? LoweredOp.ReduceKind.MAX : LoweredOp.ReduceKind.SUM, !max);
    }

    private static int[] reduceAxesOf(Node node, Lowering ctx, int rank) throws ModelImportException {
        long[] axes = MovementOps.axes(node, ctx, 1);
        boolean noopEmpty = node.attrInt("noop_with_empty_axes", 0) != 0;
        if (axes == null || axes.length == 0) {
            if (noopEmpty) {
                return null;
            }
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] r = new int[axes.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = MovementOps.normalize(ctx, axes[i], rank);
        }
        return r;
    }

    /** A reduction's body, given its input, the axes to reduce and keepdims. */
    @FunctionalInterface
    private interface Reduction {
        void lower(Lowering ctx, int x, int[] axes, boolean keep) throws ModelImportException;
    }

    /** Reads a Reduce* node's attributes and axes (attribute or input); empty axes with noop is the identity. */
    private static OpLowering reduction(Reduction body) {
        return (node, ctx) -> {
            ctx.allowAttributes("axes", "keepdims", "noop_with_empty_axes");
            int x = ctx.id(node.input(0));
            int[] axes = reduceAxesOf(node, ctx, ctx.shapeOf(x).length);
            if (axes == null) {
                ctx.bind(node.outputs().get(0), x);
            } else {
                body.lower(ctx, x, axes, node.attrInt("keepdims", 1) != 0);
            }
        };
    }

    private static void reduceAxes(Lowering ctx, int x, int[] axes, boolean keep, LoweredOp.ReduceKind kind, boolean mean) {
        ReduceGeometry g = ReduceGeometry.of(ctx.shapeOf(x), axes, keep);
        if (!mean) {
            ctx.output(new LoweredOp.Reduce(kind, x, g), g.out());
            return;
        }
        int s = ctx.step(new LoweredOp.Reduce(kind, x, g), g.out(), "sum");
        ctx.output(new LoweredOp.Affine(s, new int[0], new double[] {1.0 / g.groupSize()}, new double[] {0}), g.out());
    }

    /**
     * {@code after(Σ before(x))} with {@code before} = ABS (L1) or, when null, squaring; {@code after} = SQRT
     * (L2) or none.
     */
    private static void reduceOf(Lowering ctx, int x, int[] axes, boolean keep, UnaryFunction before, UnaryFunction after) {
        int[] xs = ctx.shapeOf(x);
        ReduceGeometry g = ReduceGeometry.of(xs, axes, keep);
        int mapped = before != null ? ctx.step(new LoweredOp.Unary(x, before, 0, 0), xs, "abs")
                : ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, x, x), xs, "squared");
        if (after == null) {
            ctx.output(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, mapped, g), g.out());
        } else {
            int s = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, mapped, g), g.out(), "sum");
            ctx.output(new LoweredOp.Unary(s, after, 0, 0), g.out());
        }
    }

    /** {@code m + log Σ exp(x − m)} with {@code m = max x} over the axes. */
    private static void reduceLogSumExp(Lowering ctx, int x, int[] axes, boolean keep) {
        int[] xs = ctx.shapeOf(x);
        ReduceGeometry kept = ReduceGeometry.of(xs, axes, true);
        ActivationOps.ShiftedExp se = ActivationOps.shiftedExp(ctx, x, kept);
        int l = ctx.step(new LoweredOp.Unary(se.sum(), UnaryFunction.LOG, 0, 0), kept.out(), "log");
        int[] out = ReduceGeometry.of(xs, axes, keep).out();
        if (java.util.Arrays.equals(out, kept.out())) {
            ctx.output(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, l, se.max()), out);
        } else {
            int y = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, l, se.max()), kept.out(), "sum");
            ctx.output(new LoweredOp.Move(new int[] {y}, Movement.reshape(kept.out(), out)), out);
        }
    }

    /** {@code −max(−x)}. */
    private static void reduceMin(Lowering ctx, int x, int[] axes, boolean keep) {
        int[] xs = ctx.shapeOf(x);
        ReduceGeometry g = ReduceGeometry.of(xs, axes, keep);
        int neg = ctx.step(new LoweredOp.Affine(x, new int[0], new double[] {-1}, new double[] {0}), xs, "negated");
        int m = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.MAX, neg, g), g.out(), "max");
        ctx.output(new LoweredOp.Affine(m, new int[0], new double[] {-1}, new double[] {0}), g.out());
    }
}
