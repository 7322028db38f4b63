package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Decisions on computed values: comparisons (Less, LessOrEqual, Greater, GreaterOrEqual, Equal), boolean
 * logic (Not, And, Or, Xor), Where with a computed condition, ArgMax/ArgMin, TopK (lookups at computed indices
 * are {@link IndexOps}). Each lowers to {@link LoweredOp.Compare}, {@link LoweredOp.Logic}, {@link LoweredOp.Select},
 * {@link LoweredOp.ArgMax} and ordinary arithmetic; booleans and indices are exact 0/1 and integer values.
 * A comparison of two computed values compares their exact difference with 0.
 */
final class DecisionOps {
    private DecisionOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("Less", (n, c) -> compare(n, c, LoweredOp.CompareKind.LT));
        r.put("LessOrEqual", (n, c) -> compare(n, c, LoweredOp.CompareKind.LE));
        r.put("Greater", (n, c) -> compare(n, c, LoweredOp.CompareKind.GT));
        r.put("GreaterOrEqual", (n, c) -> compare(n, c, LoweredOp.CompareKind.GE));
        r.put("Equal", (n, c) -> compare(n, c, LoweredOp.CompareKind.EQ));
        r.put("Not", (n, c) -> logic(n, c, LoweredOp.LogicKind.NOT));
        r.put("And", (n, c) -> logic(n, c, LoweredOp.LogicKind.AND));
        r.put("Or", (n, c) -> logic(n, c, LoweredOp.LogicKind.OR));
        r.put("Xor", (n, c) -> logic(n, c, LoweredOp.LogicKind.XOR));
        r.put("ArgMax", (n, c) -> argMax(n, c, false));
        r.put("ArgMin", (n, c) -> argMax(n, c, true));
        r.put("TopK", DecisionOps::topK);
    }

    private static LoweredOp.CompareKind mirrored(LoweredOp.CompareKind k) {
        return switch (k) {
            case GT -> LoweredOp.CompareKind.LT;
            case GE -> LoweredOp.CompareKind.LE;
            case LT -> LoweredOp.CompareKind.GT;
            case LE -> LoweredOp.CompareKind.GE;
            case EQ -> LoweredOp.CompareKind.EQ;
        };
    }

    /** {@code a ⋈ b}: with a constant side, a comparison with thresholds; else of {@code a − b} with 0. */
    private static void compare(Node node, Lowering ctx, LoweredOp.CompareKind kind) throws ModelImportException {
        ctx.allowAttributes();
        String a = node.input(0);
        String b = node.input(1);
        if (ctx.isConstant(a)) {
            kind = mirrored(kind);
            String t = a;
            a = b;
            b = t;
        }
        int x = ctx.id(a);
        if (ctx.isConstant(b)) {
            Tensor t = ctx.constant(b);
            int[] out = broadcast(ctx, ctx.shapeOf(x), t.shape());
            if (!Arrays.equals(out, ctx.shapeOf(x))) {
                x = ctx.step(new LoweredOp.Move(new int[] {x}, Movement.expand(ctx.shapeOf(x), out)), out, "expand");
            }
            bindBool(ctx, thresholds(ctx, x, kind, t, out));
            return;
        }
        int y = ctx.id(b);
        int[] out = broadcast(ctx, ctx.shapeOf(x), ctx.shapeOf(y));
        int d = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.SUB, x, y), out, "difference");
        bindBool(ctx, ctx.output(LoweredOp.Compare.withZero(kind, d), out));
    }

    /** {@code x ⋈ t} per element, for constant thresholds {@code t} that broadcast to x's shape. */
    static int thresholds(Lowering ctx, int x, LoweredOp.CompareKind kind, Tensor t, int[] out) throws ModelImportException {
        for (double v : t.data()) {
            if (Double.isNaN(v)) {
                throw ctx.unsupported("a comparison with NaN");
            }
        }
        return ctx.output(new LoweredOp.Compare(kind, x, t.shape(), t.data(), true), out);
    }

    /** Reads an {@code in}-shaped tensor as {@code view} (same elements) broadcast to {@code out}. */
    static Movement spread(int[] view, int[] out) {
        return new Movement(Movement.Kind.GENERAL, new long[0], out.clone(), Movement.expand(view, out).source());
    }

    private static void bindBool(Lowering ctx, int id) {
        ctx.bind(ctx.node().outputs().get(0), id, DataType.BOOL);
    }

    static int[] broadcast(Lowering ctx, int[] a, int[] b) throws ModelImportException {
        try {
            return Shapes.broadcast(a, b);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
    }

    /**
     * A boolean operand: a computed boolean as it is; a model input (quantized like any input, so not 0/1 at
     * scale 0) as {@code x ≠ 0}.
     */
    private static int boolOperand(Lowering ctx, String name) throws ModelImportException {
        int x = ctx.id(name);
        if (!ctx.isModelInput(name)) {
            return x;
        }
        int[] s = ctx.shapeOf(x);
        int zero = ctx.step(LoweredOp.Compare.withZero(LoweredOp.CompareKind.EQ, x), s, name + "-is-zero");
        return ctx.step(new LoweredOp.Logic(LoweredOp.LogicKind.NOT, zero, -1), s, name + "-is-true");
    }

    private static void logic(Node node, Lowering ctx, LoweredOp.LogicKind kind) throws ModelImportException {
        ctx.allowAttributes();
        if (kind == LoweredOp.LogicKind.NOT) {
            int a = boolOperand(ctx, node.input(0));
            bindBool(ctx, ctx.output(new LoweredOp.Logic(kind, a, -1), ctx.shapeOf(a)));
            return;
        }
        String p = node.input(0);
        String q = node.input(1);
        if (ctx.isConstant(p)) {
            String t = p;
            p = q;
            q = t;
        }
        int a = boolOperand(ctx, p);
        if (ctx.isConstant(q)) {
            // With a constant k: AND is a·k, OR is a·(1 − k) + k, XOR is a·(1 − 2k) + k (exact on 0/1 values).
            Tensor k = ctx.constant(q);
            int[] out = broadcast(ctx, ctx.shapeOf(a), k.shape());
            double[] mul = new double[k.size()];
            double[] add = new double[k.size()];
            for (int i = 0; i < mul.length; i++) {
                double on = k.data()[i] != 0 ? 1 : 0;
                mul[i] = kind == LoweredOp.LogicKind.AND ? on : kind == LoweredOp.LogicKind.OR ? 1 - on : 1 - 2 * on;
                add[i] = kind == LoweredOp.LogicKind.AND ? 0 : on;
            }
            if (!Arrays.equals(out, ctx.shapeOf(a))) {
                a = ctx.step(new LoweredOp.Move(new int[] {a}, Movement.expand(ctx.shapeOf(a), out)), out, "expand");
            }
            bindBool(ctx, ctx.output(new LoweredOp.Affine(a, k.shape(), mul, add), out));
            return;
        }
        int b = boolOperand(ctx, q);
        bindBool(ctx, ctx.output(new LoweredOp.Logic(kind, a, b), broadcast(ctx, ctx.shapeOf(a), ctx.shapeOf(b))));
    }

    /** Where with a computed condition: {@code c ? x : y}, either operand may be a constant. */
    static void where(Node node, Lowering ctx) throws ModelImportException {
        select(ctx, node.input(0), node.input(1), node.input(2), node.outputs().get(0));
    }

    /** Binds {@code out} to {@code cond ? a : b} (Where, and an If whose condition is computed). */
    static void select(Lowering ctx, String cond, String a, String b, String outName) throws ModelImportException {
        int c = boolOperand(ctx, cond);
        int[] out = broadcast(ctx, broadcast(ctx, ctx.shapeOf(c), ctx.shape(a)), ctx.shape(b));
        DataType type = ctx.type(ctx.isConstant(a) ? b : a);
        if (ctx.isConstant(a) && ctx.isConstant(b)) {
            // c ? ka : kb = kb + c·(ka − kb)
            Tensor ka = ctx.constant(a);
            Tensor kb = ctx.constant(b);
            int[] ks = broadcast(ctx, ka.shape(), kb.shape());
            int[] ai = Shapes.broadcastIndex(ka.shape(), ks);
            int[] bi = Shapes.broadcastIndex(kb.shape(), ks);
            double[] mul = new double[ai.length];
            double[] add = new double[ai.length];
            for (int i = 0; i < mul.length; i++) {
                mul[i] = ka.data()[ai[i]] - kb.data()[bi[i]];
                add[i] = kb.data()[bi[i]];
                finite(ctx, ka.data()[ai[i]]);
                finite(ctx, add[i]);
            }
            if (!Arrays.equals(out, ctx.shapeOf(c))) {
                c = ctx.step(new LoweredOp.Move(new int[] {c}, Movement.expand(ctx.shapeOf(c), out)), out, "expand");
            }
            ctx.bind(outName, ctx.emit(new LoweredOp.Affine(c, ks, mul, add), out, outName), type);
            return;
        }
        if (ctx.isConstant(a) || ctx.isConstant(b)) {
            boolean constFirst = ctx.isConstant(a);
            Tensor k = ctx.constant(constFirst ? a : b);
            for (double v : k.data()) {
                finite(ctx, v);
            }
            int x = ctx.id(constFirst ? b : a);
            int[] xs = broadcast(ctx, ctx.shapeOf(x), k.shape());
            if (!Arrays.equals(xs, ctx.shapeOf(x))) {
                x = ctx.step(new LoweredOp.Move(new int[] {x}, Movement.expand(ctx.shapeOf(x), xs)), xs, "expand");
            }
            LoweredOp op = constFirst ? new LoweredOp.Select(c, -1, x, k.shape(), k.data())
                    : new LoweredOp.Select(c, x, -1, k.shape(), k.data());
            ctx.bind(outName, ctx.emit(op, out, outName), type);
            return;
        }
        ctx.bind(outName, ctx.emit(new LoweredOp.Select(c, ctx.id(a), ctx.id(b), new int[0], new double[0]), out, outName), type);
    }

    private static void finite(Lowering ctx, double v) throws ModelImportException {
        if (!Double.isFinite(v)) {
            throw ctx.unsupported("a selected constant is " + v + "; only finite constants are supported");
        }
    }

    private static void argMax(Node node, Lowering ctx, boolean min) throws ModelImportException {
        ctx.allowAttributes("axis", "keepdims", "select_last_index");
        int x = ctx.id(node.input(0));
        int[] in = ctx.shapeOf(x);
        int axis = MovementOps.normalize(ctx, node.attrInt("axis", 0), in.length);
        boolean keep = node.attrInt("keepdims", 1) != 0;
        boolean last = node.attrInt("select_last_index", 0) != 0;
        ReduceGeometry g = ReduceGeometry.of(in, new int[] {axis}, keep);
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.ArgMax(x, g, last, min), g.out()), DataType.INT64);
    }

    /**
     * TopK for a small static k: the rank of element i is {@code #{j : x_j > x_i} + #{j < i : x_j = x_i}}
     * (ties to the lower index, as ONNX), all pairs compared; output k picks the element of rank k
     * ({@code Σ_i [rank_i = k]·x_i}, and the same sum of {@code i} for the index).
     */
    private static void topK(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis", "largest", "sorted");
        int x = ctx.id(node.input(0));
        int[] in = ctx.shapeOf(x);
        int axis = MovementOps.normalize(ctx, node.attrInt("axis", -1), in.length);
        boolean largest = node.attrInt("largest", 1) != 0;
        long k = ctx.constant(node.input(1)).data()[0] < 0 ? -1 : (long) ctx.constant(node.input(1)).data()[0];
        int n = in[axis];
        if (axis != in.length - 1) {
            throw ctx.unsupported("TopK over axis " + axis + " is not supported (over the last axis it is)");
        }
        if (k < 1 || k > n) {
            throw ctx.unsupported("k = " + k + " must be between 1 and the axis length " + n);
        }
        if ((long) n * n * Shapes.size(in) / n > 1 << 20) {
            throw ctx.unsupported("TopK compares all pairs of the axis: " + n + " elements per row is too many (k is small, "
                    + "but n² comparisons per row must stay below 2^20 in all)");
        }
        int rows = Shapes.size(in) / n;
        // pairs[r, i, j] = x[r, j] − x[r, i] (a column and a row of x broadcast)
        int[] rowsIn = {rows, n};
        int flat = ctx.step(new LoweredOp.Move(new int[] {x}, Movement.reshape(in, rowsIn)), rowsIn, "rows");
        int[] cube = {rows, n, n};
        int xi = ctx.step(new LoweredOp.Move(new int[] {flat}, spread(new int[] {rows, n, 1}, cube)), cube,
                "xi");
        int xj = ctx.step(new LoweredOp.Move(new int[] {flat}, spread(new int[] {rows, 1, n}, cube)), cube,
                "xj");
        int diff = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.SUB, largest ? xj : xi, largest ? xi : xj), cube, "pair-gap");
        int beats = ctx.step(LoweredOp.Compare.withZero(LoweredOp.CompareKind.GT, diff), cube, "beats");
        int ties = ctx.step(LoweredOp.Compare.withZero(LoweredOp.CompareKind.EQ, diff), cube, "ties");
        double[] before = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                before[i * n + j] = 1;
            }
        }
        // [x_j = x_i and j < i] with a constant lower-triangular mask: Where(mask, ties, 0).
        int earlier = ctx.step(new LoweredOp.Affine(ties, new int[] {1, n, n}, before, new double[n * n]), cube, "earlier-tie");
        int ahead = ctx.step(new LoweredOp.Logic(LoweredOp.LogicKind.OR, beats, earlier), cube, "ahead");
        ReduceGeometry sumJ = ReduceGeometry.of(cube, new int[] {2}, false);
        int rank = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, ahead, sumJ), rowsIn, "rank");
        // picked[r, t, i] = [rank[r, i] = t] for t < k
        int[] pick = {rows, (int) k, n};
        int ranks = ctx.step(new LoweredOp.Move(new int[] {rank}, spread(new int[] {rows, 1, n}, pick)), pick,
                "ranks");
        double[] place = new double[(int) k];
        for (int t = 0; t < k; t++) {
            place[t] = t;
        }
        int picked = ctx.step(new LoweredOp.Compare(LoweredOp.CompareKind.EQ, ranks, new int[] {1, (int) k, 1}, place), pick, "picked");
        int xs = ctx.step(new LoweredOp.Move(new int[] {flat}, spread(new int[] {rows, 1, n}, pick)), pick,
                "candidates");
        int chosen = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, picked, xs), pick, "chosen");
        ReduceGeometry sumI = ReduceGeometry.of(pick, new int[] {2}, false);
        int[] outShape = in.clone();
        outShape[axis] = (int) k;
        int values = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, chosen, sumI), new int[] {rows, (int) k}, "values");
        double[] iota = new double[n];
        for (int i = 0; i < n; i++) {
            iota[i] = i;
        }
        int indexed = ctx.step(new LoweredOp.Affine(picked, new int[] {1, 1, n}, iota, new double[n]), pick, "indexed");
        int indices = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, indexed, sumI), new int[] {rows, (int) k}, "indices");
        ctx.bind(node.outputs().get(0), ctx.emit(new LoweredOp.Move(new int[] {values}, Movement.reshape(new int[] {rows, (int) k},
                outShape)), outShape, node.outputs().get(0)), ctx.type(node.input(0)));
        if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty()) {
            ctx.bind(node.outputs().get(1), ctx.emit(new LoweredOp.Move(new int[] {indices}, Movement.reshape(new int[] {rows,
                    (int) k}, outShape)), outShape, node.outputs().get(1)), DataType.INT64);
        }
    }
}
