package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * The ops of ONNX Runtime's dynamic quantization (a model quantized with {@code quantize_dynamic}):
 * {@code DynamicQuantizeLinear} of an activation, {@code MatMulInteger} with int8 weights, and
 * {@code DequantizeLinear} of a computed value (a gathered int8 embedding row).
 *
 * <p>{@code DynamicQuantizeLinear(x)} computes {@code s = (max(x, 0) − min(x, 0))/255}, {@code zp = round(−min/s)} and
 * {@code y = clamp(round(x/s) + zp, 0, 255)}; every consumer in such a model uses {@code y − zp} (MatMulInteger with
 * {@code zp} as its zero point, or DequantizeLinear with it). So {@code y} is bound to the centred value
 * {@code q = round(255·x/d)}, {@code d = max(x, 0) − min(x, 0)} ({@link LoweredOp.RoundDiv}: rounding half up, where
 * ONNX Runtime rounds half to even; the quantizer computes it with one exact reciprocal of d per tensor, see
 * {@code Quantizer.roundDiv}), and {@code zp} to the constant 0.
 * The clamp never acts on {@code y − zp} ({@code |255·x/d| ≤ 255} and {@code zp} fits the rest). {@code s} is the
 * computed {@code d/255}. The int8 weights of {@code MatMulInteger} stay as they are (integers at scale 0).
 */
final class QuantizedOps {
    private QuantizedOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("DynamicQuantizeLinear", QuantizedOps::dynamicQuantize);
        r.put("MatMulInteger", QuantizedOps::matMulInteger);
        r.put("DequantizeLinear", QuantizedOps::dequantize);
    }

    private static void dynamicQuantize(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        int[] all = new int[xs.length];
        for (int a = 0; a < all.length; a++) {
            all[a] = a;
        }
        ReduceGeometry g = ReduceGeometry.of(xs, all, false);
        int[] scalar = g.out();
        int max = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.MAX, x, g), scalar, "max");
        int hi = ctx.step(new LoweredOp.Clip(max, 0, Double.POSITIVE_INFINITY), scalar, "max0");
        int neg = ctx.step(new LoweredOp.Affine(x, new int[0], new double[] {-1}, new double[] {0}), xs, "negated");
        int negMax = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.MAX, neg, ReduceGeometry.of(xs, all, false)), scalar, "negmin");
        int lo = ctx.step(new LoweredOp.Clip(negMax, 0, Double.POSITIVE_INFINITY), scalar, "negmin0");
        int d = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, hi, lo), scalar, "range");
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.RoundDiv(x, d, 255), xs));
        if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty()) {
            int s = ctx.emit(new LoweredOp.Affine(d, new int[0], new double[] {1.0 / 255}, new double[] {0}), scalar,
                    node.outputs().get(1));
            ctx.bind(node.outputs().get(1), s);
        }
        if (node.outputs().size() > 2 && !node.outputs().get(2).isEmpty()) {
            ctx.bindConstant(node.outputs().get(2), Tensor.scalar(io.zkml4j.model.graph.DataType.FLOAT, 0));
        }
    }

    /**
     * {@code (a − a_zp)·(b − b_zp)} with a constant b: a MatMul whose weights are the integers {@code b − b_zp}
     * (kept at scale 0 by the quantizer), after an exact shift of a by a constant zero point.
     */
    private static void matMulInteger(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        if (!ctx.isConstant(node.input(1))) {
            throw ctx.unsupported("MatMulInteger with a computed B is not supported (B must be a constant weight)");
        }
        String azp = node.inputs().size() > 2 ? node.input(2) : "";
        String bzp = node.inputs().size() > 3 ? node.input(3) : "";
        int a = ctx.id(node.input(0));
        int[] as = ctx.shapeOf(a);
        if (!azp.isEmpty()) {
            if (!ctx.isConstant(azp)) {
                throw ctx.unsupported("a computed zero point '" + azp + "' of A is supported only from DynamicQuantizeLinear");
            }
            Tensor z = ctx.constant(azp);
            if (z.size() != 1) {
                throw ctx.unsupported("a per-row zero point of A is not supported");
            }
            if (z.data()[0] != 0) {
                a = ctx.step(new LoweredOp.Affine(a, new int[0], new double[] {1}, new double[] {-z.data()[0]}), as, "a-centred");
            }
        }
        Tensor b = ctx.constant(node.input(1));
        int[] bs = b.shape();
        if (bs.length != 2) {
            throw ctx.unsupported("B of shape " + Arrays.toString(bs) + " (only a [K, N] weight is supported)");
        }
        int k = bs[0];
        int n = bs[1];
        double[] w = b.data().clone();
        if (!bzp.isEmpty()) {
            Tensor z = ctx.constant(bzp);
            if (z.size() != 1 && z.size() != n) {
                throw ctx.unsupported("B's zero point has " + z.size() + " values, not 1 or " + n);
            }
            for (int i = 0; i < w.length; i++) {
                w[i] -= z.data()[z.size() == 1 ? 0 : i % n];
            }
        }
        if (as[as.length - 1] != k) {
            throw ctx.unsupported("shapes " + Arrays.toString(as) + " and " + Arrays.toString(bs) + " do not multiply");
        }
        int[] out = as.clone();
        out[out.length - 1] = n;
        ctx.output(new LoweredOp.MatMul(a, w, null, k, n), out);
    }

    /** {@code (x − zp)·scale} of a computed x, per tensor or along one axis: an {@link LoweredOp.Affine}. */
    private static void dequantize(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis");
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        Tensor scale = ctx.constant(node.input(1));
        Tensor zp = node.inputs().size() > 2 && !node.input(2).isEmpty() ? ctx.constant(node.input(2)) : null;
        int[] cs = new int[0];
        if (scale.size() > 1) {
            int axis = MovementOps.normalize(ctx, node.attrInt("axis", 1), xs.length);
            cs = new int[xs.length - axis];
            Arrays.fill(cs, 1);
            cs[0] = xs[axis];
        }
        int size = Shapes.size(cs);
        double[] mul = new double[size];
        double[] add = new double[size];
        for (int i = 0; i < size; i++) {
            mul[i] = scale.data()[scale.size() == 1 ? 0 : i];
            add[i] = zp == null ? 0 : -zp.data()[zp.size() == 1 ? 0 : i] * mul[i];
        }
        ctx.output(new LoweredOp.Affine(x, cs, mul, add), xs);
    }
}
