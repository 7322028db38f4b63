package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.Node;
import java.util.Arrays;
import java.util.Map;

/**
 * The ONNX-ML ops ({@code ai.onnx.ml}) that scikit-learn, XGBoost and LightGBM exports use:
 * TreeEnsembleRegressor, TreeEnsembleClassifier, LinearRegressor, LinearClassifier, Scaler, Normalizer,
 * ZipMap (the probabilities pass through as a tensor); the tree ensembles are {@link TreeEnsemble}.
 */
final class MlOps {
    private MlOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("TreeEnsembleRegressor", (n, c) -> TreeEnsemble.of(n, c, false).lower(n, c));
        r.put("TreeEnsembleClassifier", (n, c) -> TreeEnsemble.of(n, c, true).lower(n, c));
        r.put("TreeEnsemble", (n, c) -> TreeEnsemble.ofV5(n, c).lower(n, c));
        r.put("LinearRegressor", MlOps::linearRegressor);
        r.put("LinearClassifier", MlOps::linearClassifier);
        r.put("Scaler", MlOps::scaler);
        r.put("Normalizer", MlOps::normalizer);
        r.put("ZipMap", (node, ctx) -> {
            // The probabilities as they are: a tensor [N, C] instead of a sequence of maps from label to value.
            ctx.bind(node.outputs().get(0), ctx.id(node.input(0)));
        });
    }

    /** Features as {@code [N, F]} (a 1-D input is one row). */
    static int rows(Lowering ctx, String input) throws ModelImportException {
        int x = ctx.id(input);
        int[] s = ctx.shapeOf(x);
        if (s.length == 2) {
            return x;
        }
        if (s.length == 1) {
            return ctx.step(new LoweredOp.Move(new int[] {x}, Movement.reshape(s, new int[] {1, s[0]})), new int[] {1, s[0]}, "rows");
        }
        throw ctx.unsupported("features of shape " + Arrays.toString(s) + "; [N, F] or [F] is supported");
    }

    static String[] strings(Node node, String attr) {
        String[] s = node.attrStrings(attr);
        return s == null ? new String[0] : s;
    }

    static long[] ints(Node node, String attr) {
        long[] s = node.attrInts(attr);
        return s == null ? new long[0] : s;
    }

    static double[] floats(Node node, String attr) {
        double[] s = node.attrFloats(attr);
        return s == null ? new double[0] : s;
    }

    /** Applies a post transform to scores {@code [N, C]}. */
    static int postTransform(Lowering ctx, int scores, String transform) throws ModelImportException {
        int[] s = ctx.shapeOf(scores);
        return switch (transform) {
            case "NONE" -> scores;
            case "LOGISTIC" -> ctx.step(new LoweredOp.Unary(scores, UnaryFunction.SIGMOID, 0, 0), s, "logistic");
            case "SOFTMAX" -> {
                ReduceGeometry g = ReduceGeometry.of(s, new int[] {1}, true);
                ActivationOps.ShiftedExp se = ActivationOps.shiftedExp(ctx, scores, g);
                yield ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.DIV, se.exp(), se.sum()), s, "softmax");
            }
            default -> throw ctx.unsupported("post_transform " + transform + " is not supported (NONE, LOGISTIC and SOFTMAX are)");
        };
    }

    /** Class labels: int64 labels map from the arg-max index; string labels have no tensor form. */
    static void label(Node node, Lowering ctx, int scores, long[] labels, int nLabels) throws ModelImportException {
        String out = node.outputs().get(0);
        if (out.isEmpty()) {
            return;
        }
        int[] s = ctx.shapeOf(scores);
        ReduceGeometry g = ReduceGeometry.of(s, new int[] {1}, false);
        int idx = ctx.emit(new LoweredOp.ArgMax(scores, g, false, false), g.out(), out + "/index");
        boolean identity = labels.length == nLabels;
        for (int i = 0; i < labels.length && identity; i++) {
            identity = labels[i] == i;
        }
        if (identity) {
            ctx.bind(out, idx, DataType.INT64);
            return;
        }
        if (labels.length != nLabels) {
            String scoresName = node.outputs().size() > 1 ? node.outputs().get(1) : "the scores";
            ctx.unrepresentable(out, "holds string class labels, which have no integer form; prove the probabilities "
                    + "instead: --output-value " + scoresName);
            return;
        }
        double[] iota = new double[nLabels];
        double[] lab = new double[nLabels];
        for (int i = 0; i < nLabels; i++) {
            iota[i] = i;
            lab[i] = labels[i];
        }
        int[] wide = {s[0], nLabels};
        int ex = ctx.emit(new LoweredOp.Move(new int[] {idx}, DecisionOps.spread(new int[] {s[0], 1}, wide)), wide, out + "/indices");
        int oh = ctx.emit(new LoweredOp.Compare(LoweredOp.CompareKind.EQ, ex, new int[] {nLabels}, iota), wide, out + "/onehot");
        int mm = ctx.emit(new LoweredOp.MatMul(oh, lab, null, nLabels, 1), new int[] {s[0], 1}, out + "/label");
        ctx.bind(out, ctx.emit(new LoweredOp.Move(new int[] {mm}, Movement.reshape(new int[] {s[0], 1}, new int[] {s[0]})),
                new int[] {s[0]}, out), DataType.INT64);
    }

    private static void linearRegressor(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("coefficients", "intercepts", "targets", "post_transform");
        int x = rows(ctx, node.input(0));
        int f = ctx.shapeOf(x)[1];
        int targets = (int) node.attrInt("targets", 1);
        double[] coef = floats(node, "coefficients");
        if (coef.length != targets * f) {
            throw ctx.unsupported(coef.length + " coefficients for " + targets + " targets of " + f + " features");
        }
        double[] bias = Arrays.copyOf(floats(node, "intercepts"), targets);
        int y = ctx.step(new LoweredOp.MatMul(x, transpose(coef, targets, f), bias, f, targets), new int[] {ctx.shapeOf(x)[0], targets},
                "linear");
        y = postTransform(ctx, y, node.attrString("post_transform", "NONE"));
        ctx.bind(node.outputs().get(0), y);
    }

    private static void linearClassifier(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("coefficients", "intercepts", "classlabels_ints", "classlabels_strings", "multi_class", "post_transform");
        int x = rows(ctx, node.input(0));
        int n = ctx.shapeOf(x)[0];
        int f = ctx.shapeOf(x)[1];
        double[] coef = floats(node, "coefficients");
        int classes = coef.length / Math.max(1, f);
        if (classes * f != coef.length) {
            throw ctx.unsupported(coef.length + " coefficients for " + f + " features");
        }
        long[] labels = ints(node, "classlabels_ints");
        int nLabels = labels.length > 0 ? labels.length : strings(node, "classlabels_strings").length;
        double[] bias = Arrays.copyOf(floats(node, "intercepts"), classes);
        int y = ctx.step(new LoweredOp.MatMul(x, transpose(coef, classes, f), bias, f, classes), new int[] {n, classes}, "scores");
        if (classes == 1 && nLabels == 2) {
            // binary: scores [−s, s]
            int both = ctx.step(new LoweredOp.Move(new int[] {y}, DecisionOps.spread(new int[] {n, 1}, new int[] {n, 2})),
                    new int[] {n, 2}, "pair");
            y = ctx.step(new LoweredOp.Affine(both, new int[] {1, 2}, new double[] {-1, 1}, new double[2]), new int[] {n, 2}, "binary");
            classes = 2;
        }
        y = postTransform(ctx, y, node.attrString("post_transform", "NONE"));
        label(node, ctx, y, labels, nLabels);
        if (node.outputs().size() > 1) {
            ctx.bind(node.outputs().get(1), y);
        }
    }

    private static double[] transpose(double[] rowsByCols, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = rowsByCols[r * cols + c];
            }
        }
        return t;
    }

    private static void scaler(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("offset", "scale");
        int x = ctx.id(node.input(0));
        int[] s = ctx.shapeOf(x);
        int f = s[s.length - 1];
        double[] offset = stretch(ctx, floats(node, "offset"), f, 0);
        double[] scale = stretch(ctx, floats(node, "scale"), f, 1);
        // (x − offset)·scale = x·scale − offset·scale
        double[] add = new double[f];
        for (int i = 0; i < f; i++) {
            add[i] = -offset[i] * scale[i];
        }
        ctx.output(new LoweredOp.Affine(x, new int[] {f}, scale, add), s);
    }

    private static double[] stretch(Lowering ctx, double[] v, int f, double dflt) throws ModelImportException {
        if (v.length == 0) {
            return ArithmeticOps.filled(f, dflt);
        }
        if (v.length == 1) {
            return ArithmeticOps.filled(f, v[0]);
        }
        if (v.length != f) {
            throw ctx.unsupported(v.length + " values for " + f + " features");
        }
        return v;
    }

    /** L2: x·(Σx²)^−½; L1: x / Σ|x|; MAX: x / max x, row by row. */
    private static void normalizer(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("norm");
        int x = rows(ctx, node.input(0));
        int[] s = ctx.shapeOf(x);
        ReduceGeometry g = ReduceGeometry.of(s, new int[] {1}, true);
        String norm = node.attrString("norm", "MAX");
        int y;
        switch (norm) {
            case "L2" -> {
                int sq = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, x, x), s, "square");
                int sum = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, sq, g), g.out(), "sum");
                int inv = ctx.step(new LoweredOp.Unary(sum, UnaryFunction.RSQRT, 0, 0), g.out(), "rsqrt");
                y = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, x, inv), s, "normalized");
            }
            case "L1" -> {
                int abs = ctx.step(new LoweredOp.Unary(x, UnaryFunction.ABS, 0, 0), s, "abs");
                int sum = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, abs, g), g.out(), "sum");
                y = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.DIV, x, sum), s, "normalized");
            }
            case "MAX" -> {
                int max = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.MAX, x, g), g.out(), "max");
                y = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.DIV, x, max), s, "normalized");
            }
            default -> throw ctx.unsupported("norm " + norm + " is not supported");
        }
        ctx.bind(node.outputs().get(0), y);
    }
}
