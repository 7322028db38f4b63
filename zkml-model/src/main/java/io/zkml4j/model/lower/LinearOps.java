package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Linear layers with constant weights: Gemm and MatMul (alpha, beta and transposes folded into the
 * constants), Conv (1-D and 2-D, any padding, strides, dilations, groups), BatchNormalization (a
 * per-channel {@link LoweredOp.Affine}, later folded into a preceding linear layer).
 */
final class LinearOps {
    private LinearOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("Gemm", LinearOps::gemm);
        r.put("MatMul", LinearOps::matMul);
        r.put("Conv", LinearOps::conv);
        r.put("BatchNormalization", LinearOps::batchNorm);
    }

    private static void gemm(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("alpha", "beta", "transA", "transB", "broadcast");
        double alpha = node.attrFloat("alpha", 1);
        double beta = node.attrFloat("beta", 1);
        boolean transA = node.attrInt("transA", 0) != 0;
        boolean transB = node.attrInt("transB", 0) != 0;
        String a = node.input(0);
        if (ctx.shape(a).length != 2) {
            throw ctx.unsupported("input A must have rank 2, has shape " + Arrays.toString(ctx.shape(a)));
        }
        Tensor b = ctx.constant(node.input(1));
        if (b.rank() != 2) {
            throw ctx.unsupported("B must have rank 2");
        }
        int k = transB ? b.shape()[1] : b.shape()[0];
        int n = transB ? b.shape()[0] : b.shape()[1];
        double[] w = new double[k * n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                w[i * n + j] = alpha * (transB ? b.data()[j * k + i] : b.data()[i * n + j]);
            }
        }
        int x = ctx.id(a);
        int[] xs = ctx.shapeOf(x);
        if (transA) {
            xs = new int[] {xs[1], xs[0]};
            x = ctx.step(new LoweredOp.Move(new int[] {x}, Movement.transpose(ctx.shapeOf(x), new int[] {1, 0})), xs, "transA");
        }
        if (xs[1] != k) {
            throw ctx.unsupported("A has " + xs[1] + " columns, B has " + k + " rows");
        }
        double[] bias = null;
        Tensor c = node.input(2).isEmpty() ? null : ctx.constant(node.input(2));
        int[] outShape = {xs[0], n};
        boolean perColumn = c != null && isPerColumn(c.shape(), n);
        if (perColumn) {
            bias = new double[n];
            for (int j = 0; j < n; j++) {
                bias[j] = beta * c.data()[c.size() == 1 ? 0 : j];
            }
        }
        if (c == null || perColumn || beta == 0) {
            ctx.output(new LoweredOp.MatMul(x, w, bias, k, n), outShape);
        } else {
            int y = ctx.step(new LoweredOp.MatMul(x, w, null, k, n), outShape, "matmul");
            ArithmeticOps.scaleShift(ctx, y, c.shape(), ArithmeticOps.filled(c.size(), 1),
                    ArithmeticOps.map(c.data(), v -> beta * v));
        }
    }

    private static boolean isPerColumn(int[] shape, int n) {
        int size = Shapes.size(shape);
        return size == 1 || (size == n && shape[shape.length - 1] == n);
    }

    private static void matMul(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        String a = node.input(0);
        String b = node.input(1);
        if (!ctx.isConstant(b) && ctx.isConstant(a)) {
            matMulConstantLeft(node, ctx);
            return;
        }
        if (!ctx.isConstant(b)) {
            matMulComputed(node, ctx);
            return;
        }
        Tensor w = ctx.constant(b);
        int[] ws = w.shape();
        for (int d = 0; d < ws.length - 2; d++) {
            if (ws[d] != 1) {
                throw ctx.unsupported("batched constant operand of shape " + Arrays.toString(ws) + " is not supported");
            }
        }
        int k = ws.length == 1 ? ws[0] : ws[ws.length - 2];
        int n = ws.length == 1 ? 1 : ws[ws.length - 1];
        int x = ctx.id(a);
        int[] xs = ctx.shapeOf(x);
        if (xs[xs.length - 1] != k) {
            throw ctx.unsupported("shapes " + Arrays.toString(xs) + " and " + Arrays.toString(ws) + " do not multiply");
        }
        int[] out;
        if (ws.length == 1) {
            out = Arrays.copyOf(xs, xs.length - 1);
        } else {
            int rank = Math.max(xs.length, ws.length);
            out = new int[rank];
            Arrays.fill(out, 1);
            System.arraycopy(xs, 0, out, rank - xs.length, xs.length - 1);
            out[rank - 1] = n;
        }
        ctx.output(new LoweredOp.MatMul(x, w.data(), null, k, n), out);
    }

    /**
     * The product of two computed tensors {@code a [.., m, k]·b [.., k, n]} (batch axes broadcast) from
     * existing primitives: both operands moved (broadcast) to {@code [.., m, n, k]}, multiplied element-wise,
     * and summed over the last axis. Costs {@code m·n·k} products per batch entry.
     */
    private static void matMulComputed(Node node, Lowering ctx) throws ModelImportException {
        int a = ctx.id(node.input(0));
        int b = ctx.id(node.input(1));
        int[] as = ctx.shapeOf(a);
        int[] bs = ctx.shapeOf(b);
        boolean aVector = as.length == 1;
        boolean bVector = bs.length == 1;
        int[] a2 = aVector ? new int[] {1, as[0]} : as;
        int[] b2 = bVector ? new int[] {bs[0], 1} : bs;
        int m = a2[a2.length - 2];
        int k = a2[a2.length - 1];
        int n = b2[b2.length - 1];
        if (b2[b2.length - 2] != k) {
            throw ctx.unsupported("shapes " + Arrays.toString(as) + " and " + Arrays.toString(bs) + " do not multiply");
        }
        int[] batch;
        try {
            batch = Shapes.broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        int r = batch.length;
        int[] wide = Arrays.copyOf(batch, r + 3);
        wide[r] = m;
        wide[r + 1] = n;
        wide[r + 2] = k;
        // a as [.., m, 1, k] broadcast to [.., m, n, k].
        int[] aView = new int[r + 3];
        Arrays.fill(aView, 1);
        System.arraycopy(a2, 0, aView, r - (a2.length - 2), a2.length - 2);
        aView[r] = m;
        aView[r + 2] = k;
        Movement ma = Movement.expand(aView, wide);
        // b transposed to [.., n, k], viewed as [.., 1, n, k], broadcast to [.., m, n, k].
        int[] perm = new int[b2.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[b2.length - 2] = b2.length - 1;
        perm[b2.length - 1] = b2.length - 2;
        int[] bView = new int[r + 3];
        Arrays.fill(bView, 1);
        System.arraycopy(b2, 0, bView, r - (b2.length - 2), b2.length - 2);
        bView[r + 1] = n;
        bView[r + 2] = k;
        Movement mb = Movement.transpose(b2, perm).then(Movement.expand(bView, wide));
        int aw = ctx.step(new LoweredOp.Move(new int[] {a}, ma), wide, "a-broadcast");
        int bw = ctx.step(new LoweredOp.Move(new int[] {b}, mb), wide, "b-broadcast");
        int prod = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, aw, bw), wide, "products");
        ReduceGeometry g = ReduceGeometry.of(wide, new int[] {r + 2}, false);
        int[] out = g.out();
        if (aVector || bVector) {
            int[] squeezed = new int[out.length - (aVector ? 1 : 0) - (bVector ? 1 : 0)];
            System.arraycopy(out, 0, squeezed, 0, r);
            int j = r;
            if (!aVector) {
                squeezed[j++] = m;
            }
            if (!bVector) {
                squeezed[j] = n;
            }
            int sum = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, prod, g), out, "sum");
            ctx.output(new LoweredOp.Move(new int[] {sum}, Movement.reshape(out, squeezed)), squeezed);
        } else {
            ctx.output(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, prod, g), out);
        }
    }

    /** {@code C·x} with constant C {@code [m, k]} and x {@code [.., k, n]}: transposes around {@code xᵀ·Cᵀ}. */
    private static void matMulConstantLeft(Node node, Lowering ctx) throws ModelImportException {
        Tensor c = ctx.constant(node.input(0));
        if (c.rank() != 2) {
            throw ctx.unsupported("constant left operand must have rank 2");
        }
        int m = c.shape()[0];
        int k = c.shape()[1];
        int x = ctx.id(node.input(1));
        int[] xs = ctx.shapeOf(x);
        if (xs.length < 2 || xs[xs.length - 2] != k) {
            throw ctx.unsupported("shapes " + Arrays.toString(c.shape()) + " and " + Arrays.toString(xs) + " do not multiply");
        }
        int r = xs.length;
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[r - 2] = r - 1;
        perm[r - 1] = r - 2;
        Movement t1 = Movement.transpose(xs, perm);
        int xt = ctx.step(new LoweredOp.Move(new int[] {x}, t1), t1.shape(), "transpose-in");
        double[] w = new double[k * m];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < m; j++) {
                w[i * m + j] = c.data()[j * k + i];
            }
        }
        int[] ys = t1.shape().clone();
        ys[r - 1] = m;
        int y = ctx.step(new LoweredOp.MatMul(xt, w, null, k, m), ys, "matmul");
        Movement t2 = Movement.transpose(ys, perm);
        ctx.output(new LoweredOp.Move(new int[] {y}, t2), t2.shape());
    }

    private static void conv(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        Tensor w = ctx.constant(node.input(1));
        if (xs.length != 3 && xs.length != 4) {
            throw ctx.unsupported("only 1-D and 2-D convolutions are supported, input has shape " + Arrays.toString(xs));
        }
        if (w.rank() != xs.length) {
            throw ctx.unsupported("weight rank " + w.rank() + " does not match input rank " + xs.length);
        }
        int spatial = xs.length - 2;
        int[] k = Arrays.copyOfRange(w.shape(), 2, w.rank());
        long[] ks = node.attrInts("kernel_shape");
        if (ks != null && (ks.length != spatial || ks[0] != k[0] || (spatial == 2 && ks[1] != k[1]))) {
            throw ctx.unsupported("kernel_shape " + Arrays.toString(ks) + " does not match the weight");
        }
        int group = (int) node.attrInt("group", 1);
        int[] window = windowAttributes(node, ctx, spatial, xs, k);
        ConvGeometry g;
        try {
            g = new ConvGeometry(xs[0], xs[1], spatial == 2 ? xs[2] : 1, xs[xs.length - 1], w.shape()[0],
                    spatial == 2 ? k[0] : 1, k[spatial - 1], window[0], window[1], window[2], window[3], window[4],
                    window[5], window[6], window[7], group);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        if (w.shape()[1] != g.cPerGroup()) {
            throw ctx.unsupported("weight has " + w.shape()[1] + " input channels, expected " + g.cPerGroup());
        }
        double[] bias = node.input(2).isEmpty() ? null : ctx.constant(node.input(2)).data();
        if (bias != null && bias.length != g.m()) {
            throw ctx.unsupported("bias has " + bias.length + " entries for " + g.m() + " output channels");
        }
        int[] out = spatial == 2 ? g.outputShape() : new int[] {g.n(), g.m(), g.outW()};
        ctx.output(new LoweredOp.Conv(x, w.data(), bias, g), out);
    }

    /**
     * Strides, padding and dilations of a 1-D or 2-D window as {@code {strideH, strideW, padTop, padLeft,
     * padBottom, padRight, dilH, dilW}} (1-D windows get the H entries {@code 1, 0, 0, 1}), resolving
     * {@code auto_pad}. {@code kernel} is the window size per spatial axis.
     */
    static int[] windowAttributes(Node node, Lowering ctx, int spatial, int[] xs, int[] kernel) throws ModelImportException {
        long[] strides = orOnes(node.attrInts("strides"), spatial);
        long[] dil = orOnes(node.attrInts("dilations"), spatial);
        long[] pads = node.attrInts("pads");
        if (strides.length != spatial || dil.length != spatial || (pads != null && pads.length != 2 * spatial)) {
            throw ctx.unsupported("strides, dilations or pads do not match " + spatial + " spatial axes");
        }
        String autoPad = node.attrString("auto_pad", "NOTSET");
        if (pads == null) {
            pads = new long[2 * spatial];
        }
        switch (autoPad) {
            case "NOTSET", "VALID" -> {
                if (autoPad.equals("VALID")) {
                    Arrays.fill(pads, 0);
                }
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                for (int d = 0; d < spatial; d++) {
                    long in = xs[2 + d];
                    long outSize = (in + strides[d] - 1) / strides[d];
                    long total = Math.max(0, (outSize - 1) * strides[d] + (kernel[d] - 1) * dil[d] + 1 - in);
                    long small = total / 2;
                    long big = total - small;
                    pads[d] = autoPad.equals("SAME_UPPER") ? small : big;
                    pads[d + spatial] = autoPad.equals("SAME_UPPER") ? big : small;
                }
            }
            default -> throw ctx.unsupported("auto_pad '" + autoPad + "' is not supported");
        }
        if (spatial == 1) {
            return new int[] {1, (int) strides[0], 0, (int) pads[0], 0, (int) pads[1], 1, (int) dil[0]};
        }
        return new int[] {(int) strides[0], (int) strides[1], (int) pads[0], (int) pads[1], (int) pads[2], (int) pads[3],
            (int) dil[0], (int) dil[1]};
    }

    private static long[] orOnes(long[] a, int n) {
        if (a != null) {
            return a;
        }
        long[] r = new long[n];
        Arrays.fill(r, 1);
        return r;
    }

    private static void batchNorm(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("epsilon", "momentum", "spatial", "training_mode", "is_test", "consumed_inputs");
        if (node.attrInt("training_mode", 0) != 0) {
            throw ctx.unsupported("training_mode=1 is not supported (inference only)");
        }
        if (node.attrInt("spatial", 1) != 1) {
            throw ctx.unsupported("spatial=0 is not supported");
        }
        for (int i = 1; i < node.outputs().size(); i++) {
            if (!node.outputs().get(i).isEmpty()) {
                throw ctx.unsupported("training outputs (running mean/var) are not supported");
            }
        }
        double eps = node.attrFloat("epsilon", 1e-5);
        double[] gamma = ctx.constant(node.input(1)).data();
        double[] beta = ctx.constant(node.input(2)).data();
        double[] mean = ctx.constant(node.input(3)).data();
        double[] var = ctx.constant(node.input(4)).data();
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        int c = xs.length > 1 ? xs[1] : 1;
        if (gamma.length != c || beta.length != c || mean.length != c || var.length != c) {
            throw ctx.unsupported("per-channel parameters do not have " + c + " entries");
        }
        double[] mul = new double[c];
        double[] add = new double[c];
        for (int i = 0; i < c; i++) {
            mul[i] = gamma[i] / StrictMath.sqrt(var[i] + eps);
            add[i] = beta[i] - mean[i] * mul[i];
        }
        ArithmeticOps.scaleShift(ctx, x, channelShape(xs), mul, add);
    }

    /** {@code [c, 1, ..., 1]}: a per-channel constant that broadcasts over an NC... tensor. */
    static int[] channelShape(int[] xs) {
        int[] s = new int[Math.max(1, xs.length - 1)];
        Arrays.fill(s, 1);
        s[0] = xs.length > 1 ? xs[1] : 1;
        return s;
    }
}
