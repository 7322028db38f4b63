package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Resize/Upsample in nearest mode (pure data movement) and ConvTranspose (a zero-inserting, padding movement
 * followed by an ordinary convolution with the flipped, transposed kernel).
 */
final class ResamplingOps {
    private ResamplingOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("Resize", ResamplingOps::resize);
        r.put("Upsample", ResamplingOps::resize);
        r.put("ConvTranspose", ResamplingOps::convTranspose);
    }

    private static void resize(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("mode", "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a", "exclude_outside",
                "extrapolation_value", "antialias", "axes", "keep_aspect_ratio_policy", "scales");
        String mode = node.attrString("mode", "nearest");
        if (!mode.equals("nearest")) {
            throw ctx.unsupported("mode '" + mode + "' is not supported (nearest is)");
        }
        if (node.has("axes") || node.attrInt("antialias", 0) != 0) {
            throw ctx.unsupported("the axes and antialias attributes are not supported");
        }
        String coord = node.attrString("coordinate_transformation_mode", "half_pixel");
        String nearest = node.attrString("nearest_mode", "round_prefer_floor");
        int[] in = ctx.shape(node.input(0));
        double[] scales = new double[in.length];
        int[] out = new int[in.length];
        Tensor sizes = null;
        Tensor sc;
        if (node.opType().equals("Upsample")) {
            sc = node.has("scales") ? Tensor.ofFloats(new int[] {in.length}, node.attrFloats("scales"))
                    : ctx.constant(node.input(1));
            coord = "asymmetric";
            nearest = "floor";
        } else if (node.opset() < 11) {
            sc = ctx.constant(node.input(1));
            coord = "asymmetric";
            nearest = "floor";
        } else {
            sc = node.input(2).isEmpty() ? null : ctx.constant(node.input(2));
            sizes = node.input(3).isEmpty() ? null : ctx.constant(node.input(3));
        }
        if (sc != null && sc.size() == in.length) {
            for (int d = 0; d < in.length; d++) {
                scales[d] = sc.data()[d];
                out[d] = (int) Math.floor(in[d] * scales[d]);
            }
        } else if (sizes != null && sizes.size() == in.length) {
            for (int d = 0; d < in.length; d++) {
                out[d] = (int) sizes.data()[d];
                scales[d] = (double) out[d] / in[d];
            }
        } else {
            throw ctx.unsupported("needs scales or sizes with one entry per axis");
        }
        int[][] pick = new int[in.length][];
        for (int d = 0; d < in.length; d++) {
            pick[d] = new int[out[d]];
            for (int o = 0; o < out[d]; o++) {
                double x = original(coord, o, scales[d], in[d], out[d], ctx);
                pick[d][o] = Math.max(0, Math.min(in[d] - 1, round(nearest, x, ctx)));
            }
        }
        int[] src = Movement.perAxis(in, out, pick);
        MovementOps.moveOrFold(node, ctx, new Movement(Movement.Kind.GENERAL, new long[0], out, src));
    }

    /** The input coordinate of output coordinate {@code o} (ONNX Resize's coordinate transformation). */
    private static double original(String mode, int o, double scale, int in, int out, Lowering ctx) throws ModelImportException {
        return switch (mode) {
            case "asymmetric" -> o / scale;
            case "half_pixel" -> (o + 0.5) / scale - 0.5;
            case "pytorch_half_pixel" -> out > 1 ? (o + 0.5) / scale - 0.5 : 0;
            case "align_corners" -> out > 1 ? o * (in - 1.0) / (out - 1.0) : 0;
            case "tf_half_pixel_for_nn" -> (o + 0.5) / scale;
            default -> throw ctx.unsupported("coordinate_transformation_mode '" + mode + "' is not supported");
        };
    }

    private static int round(String mode, double x, Lowering ctx) throws ModelImportException {
        return switch (mode) {
            case "floor" -> (int) Math.floor(x);
            case "ceil" -> (int) Math.ceil(x);
            case "round_prefer_floor" -> x == Math.floor(x) + 0.5 ? (int) Math.floor(x) : (int) Math.round(x);
            case "round_prefer_ceil" -> (int) Math.floor(x + 0.5);
            default -> throw ctx.unsupported("nearest_mode '" + mode + "' is not supported");
        };
    }

    /**
     * ConvTranspose (groups = 1): the input with {@code stride − 1} zeros inserted between elements, padded by
     * {@code dil·(k−1) − pad} on each side (plus output_padding at the end; negative means cropped), then a
     * stride-1 convolution with {@code W'[o, i, y, x] = W[i, o, kh−1−y, kw−1−x]}.
     */
    private static void convTranspose(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("auto_pad", "dilations", "group", "kernel_shape", "output_padding", "pads", "strides");
        if (!node.attrString("auto_pad", "NOTSET").equals("NOTSET")) {
            throw ctx.unsupported("auto_pad '" + node.attrString("auto_pad", "") + "' is not supported (explicit pads are)");
        }
        if (node.attrInt("group", 1) != 1) {
            throw ctx.unsupported("group " + node.attrInt("group", 1) + " is not supported (1 is)");
        }
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        Tensor w = ctx.constant(node.input(1));
        if (xs.length != 4 || w.rank() != 4 || w.shape()[0] != xs[1]) {
            throw ctx.unsupported("only 2-D transposed convolutions with matching channels are supported");
        }
        int cin = w.shape()[0];
        int cout = w.shape()[1];
        int kh = w.shape()[2];
        int kw = w.shape()[3];
        long[] strides = orDefault(node.attrInts("strides"), 2, 1);
        long[] dil = orDefault(node.attrInts("dilations"), 2, 1);
        long[] pads = orDefault(node.attrInts("pads"), 4, 0);
        long[] outPad = orDefault(node.attrInts("output_padding"), 2, 0);
        int[] k = {kh, kw};
        int[] zeroed = xs.clone();
        int[] padBegin = new int[2];
        int[] padEnd = new int[2];
        for (int d = 0; d < 2; d++) {
            zeroed[2 + d] = (xs[2 + d] - 1) * (int) strides[d] + 1;
            padBegin[d] = (int) (dil[d] * (k[d] - 1) - pads[d]);
            padEnd[d] = (int) (dil[d] * (k[d] - 1) - pads[d + 2] + outPad[d]);
        }
        // Zero insertion then padding (or cropping), as one movement.
        int[] src = new int[Shapes.size(zeroed)];
        Arrays.fill(src, -1);
        for (int b = 0; b < xs[0] * xs[1]; b++) {
            for (int i = 0; i < xs[2]; i++) {
                for (int j = 0; j < xs[3]; j++) {
                    src[(b * zeroed[2] + i * (int) strides[0]) * zeroed[3] + j * (int) strides[1]] = (b * xs[2] + i) * xs[3] + j;
                }
            }
        }
        Movement insert = new Movement(Movement.Kind.GENERAL, new long[0], zeroed, src);
        Movement padded;
        try {
            padded = insert.then(Movement.pad(zeroed, new int[] {0, 0, padBegin[0], padBegin[1], 0, 0, padEnd[0], padEnd[1]}, "constant"));
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        int[] ps = padded.shape();
        int xp = ctx.step(new LoweredOp.Move(new int[] {x}, padded), ps, "dilated");
        double[] wt = new double[cout * cin * kh * kw];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < cin; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int z = 0; z < kw; z++) {
                        wt[((o * cin + i) * kh + y) * kw + z] = w.data()[((i * cout + o) * kh + (kh - 1 - y)) * kw + (kw - 1 - z)];
                    }
                }
            }
        }
        double[] bias = node.input(2).isEmpty() ? null : ctx.constant(node.input(2)).data();
        ConvGeometry g;
        try {
            g = new ConvGeometry(ps[0], ps[1], ps[2], ps[3], cout, kh, kw, 1, 1, 0, 0, 0, 0, (int) dil[0], (int) dil[1], 1);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        ctx.output(new LoweredOp.Conv(xp, wt, bias, g), g.outputShape());
    }

    private static long[] orDefault(long[] v, int n, long dflt) {
        if (v != null && v.length == n) {
            return v;
        }
        long[] r = new long[n];
        Arrays.fill(r, dflt);
        return r;
    }
}
