package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * LayerNormalization and InstanceNormalization from primitives:
 * {@code d = x − mean(x); y = d · rsqrt(mean(d²) + ε) · scale + bias}, the means over the normalized axes.
 */
final class NormalizationOps {
    private NormalizationOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("LayerNormalization", NormalizationOps::layerNorm);
        r.put("InstanceNormalization", NormalizationOps::instanceNorm);
    }

    private static void layerNorm(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis", "epsilon", "stash_type");
        for (int i = 1; i < node.outputs().size(); i++) {
            if (!node.outputs().get(i).isEmpty()) {
                throw ctx.unsupported("the Mean and InvStdDev outputs are not supported");
            }
        }
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        int axis = MovementOps.normalize(ctx, node.attrInt("axis", -1), xs.length);
        int[] axes = new int[xs.length - axis];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axis + i;
        }
        Tensor scale = ctx.constant(node.input(1));
        Tensor bias = node.input(2).isEmpty() ? null : ctx.constant(node.input(2));
        normalize(ctx, x, axes, node.attrFloat("epsilon", 1e-5), scale.shape(), scale.data(), bias == null ? null : bias.data());
    }

    private static void instanceNorm(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("epsilon");
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        int[] axes = new int[xs.length - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        double[] scale = ctx.constant(node.input(1)).data();
        double[] bias = ctx.constant(node.input(2)).data();
        if (scale.length != xs[1] || bias.length != xs[1]) {
            throw ctx.unsupported("scale and bias must have one entry per channel");
        }
        normalize(ctx, x, axes, node.attrFloat("epsilon", 1e-5), LinearOps.channelShape(xs), scale, bias);
    }

    private static void normalize(Lowering ctx, int x, int[] axes, double eps, int[] cShape, double[] scale, double[] bias)
            throws ModelImportException {
        int[] xs = ctx.shapeOf(x);
        ReduceGeometry g = ReduceGeometry.of(xs, axes, true);
        double inv = 1.0 / g.groupSize();
        int sum = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, x, g), g.out(), "sum");
        int mean = ctx.step(new LoweredOp.Affine(sum, new int[0], new double[] {inv}, new double[] {0}), g.out(), "mean");
        int d = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.SUB, x, mean), xs, "centered");
        int sq = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, d, d), xs, "squared");
        int ss = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, sq, g), g.out(), "sum-squares");
        int var = ctx.step(new LoweredOp.Affine(ss, new int[0], new double[] {inv}, new double[] {eps}), g.out(), "variance");
        int r = ctx.step(new LoweredOp.Unary(var, UnaryFunction.RSQRT, 0, 0), g.out(), "rsqrt");
        int y = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, d, r), xs, "normalized");
        ArithmeticOps.scaleShift(ctx, y, cShape, scale, bias == null ? new double[scale.length] : broadcastTo(bias, scale.length));
    }

    private static double[] broadcastTo(double[] v, int n) {
        if (v.length == n) {
            return v;
        }
        double[] r = new double[n];
        Arrays.fill(r, v[0]);
        return r;
    }
}
