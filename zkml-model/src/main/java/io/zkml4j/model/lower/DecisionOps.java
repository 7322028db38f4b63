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
 * logic (Not, And, Or, Xor), Where with a computed condition, ArgMax/ArgMin, TopK, and Gather at computed
 * indices. Each lowers to {@link LoweredOp.Compare}, {@link LoweredOp.Logic}, {@link LoweredOp.Select},
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
        r.put("GatherElements", DecisionOps::gatherElements);
        r.put("ScatterElements", DecisionOps::scatterElements);
        r.put("OneHot", DecisionOps::oneHot);
        r.put("ScatterND", DecisionOps::scatterNd);
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
        return ctx.output(new LoweredOp.Compare(kind, x, t.shape(), t.data()), out);
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
        int c = ctx.id(node.input(0));
        String a = node.input(1);
        String b = node.input(2);
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
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Affine(c, ks, mul, add), out), type);
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
            ctx.bind(node.outputs().get(0), ctx.output(op, out), type);
            return;
        }
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Select(c, ctx.id(a), ctx.id(b), new int[0], new double[0]), out),
                type);
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

    /**
     * Gather along axis 0 at computed indices (within {@code [0, n)}): {@code onehot[.., j] = [idx = j]}, then
     * a MatMul with constant data, or {@code Σ_j onehot·data[j]} for computed data.
     */
    static void gather(Node node, Lowering ctx, int axis) throws ModelImportException {
        String data = node.input(0);
        int[] ds = ctx.shape(data);
        if (axis != 0) {
            throw ctx.unsupported("a Gather at computed indices is supported along axis 0, not " + axis);
        }
        int idx = ctx.id(node.input(1));
        int[] is = ctx.shapeOf(idx);
        int n = ds[0];
        int rest = Shapes.size(ds) / Math.max(1, n);
        int[] isN = Arrays.copyOf(is, is.length + 1);
        isN[is.length] = n;
        int[] is1 = Arrays.copyOf(is, is.length + 1);
        is1[is.length] = 1;
        int ex = ctx.step(new LoweredOp.Move(new int[] {idx}, spread(is1, isN)), isN, "indices");
        double[] iota = new double[n];
        for (int j = 0; j < n; j++) {
            iota[j] = j;
        }
        int onehot = ctx.step(new LoweredOp.Compare(LoweredOp.CompareKind.EQ, ex, new int[] {n}, iota), isN, "onehot");
        int[] out = new int[is.length + ds.length - 1];
        System.arraycopy(is, 0, out, 0, is.length);
        System.arraycopy(ds, 1, out, is.length, ds.length - 1);
        if (ctx.isConstant(data) && integral(ctx.constant(data))) {
            // integer data (node indices, labels): Σ_j onehot_j·data[j, ..] exactly, by an Affine and a sum
            Tensor t = ctx.constant(data);
            int[] wide = new int[is.length + ds.length];
            System.arraycopy(isN, 0, wide, 0, isN.length);
            System.arraycopy(ds, 1, wide, isN.length, ds.length - 1);
            int[] oh1 = Arrays.copyOf(isN, wide.length);
            Arrays.fill(oh1, isN.length, wide.length, 1);
            int ohW = rest == 1 ? onehot : ctx.step(new LoweredOp.Move(new int[] {onehot}, spread(oh1, wide)), wide, "onehot-wide");
            int[] tShape = new int[wide.length];
            Arrays.fill(tShape, 1);
            System.arraycopy(ds, 0, tShape, is.length, ds.length);
            int picked = ctx.step(new LoweredOp.Affine(ohW, tShape, t.data(), new double[t.size()]), wide, "picked");
            ReduceGeometry g = ReduceGeometry.of(wide, new int[] {is.length}, false);
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, picked, g), out), t.type());
            return;
        }
        if (ctx.isConstant(data)) {
            Tensor t = ctx.constant(data);
            int[] flatOut = Arrays.copyOf(is, is.length + 1);
            flatOut[is.length] = rest;
            int mm = ctx.step(new LoweredOp.MatMul(onehot, t.data(), null, n, rest), flatOut, "lookup");
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Move(new int[] {mm}, Movement.reshape(flatOut, out)), out),
                    t.type());
            return;
        }
        int d = ctx.id(data);
        int[] wide = new int[is.length + ds.length];
        System.arraycopy(isN, 0, wide, 0, isN.length);
        System.arraycopy(ds, 1, wide, isN.length, ds.length - 1);
        int[] oh1 = Arrays.copyOf(isN, wide.length);
        Arrays.fill(oh1, isN.length, wide.length, 1);
        int ohW = ctx.step(new LoweredOp.Move(new int[] {onehot}, spread(oh1, wide)), wide, "onehot-wide");
        int[] d1 = new int[wide.length];
        Arrays.fill(d1, 1);
        System.arraycopy(ds, 0, d1, is.length, ds.length);
        int dW = ctx.step(new LoweredOp.Move(new int[] {d}, spread(d1, wide)), wide, "data-wide");
        int prod = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, ohW, dW), wide, "chosen");
        ReduceGeometry g = ReduceGeometry.of(wide, new int[] {is.length}, false);
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, prod, g), out), ctx.type(data));
    }

    private static boolean integral(Tensor t) {
        for (double v : t.data()) {
            if (v != Math.rint(v) || Math.abs(v) > 1 << 20) {
                return false;
            }
        }
        return true;
    }

    /** Integer indices as they are (a computed index, or a model input of indices) and the {@code [.., n]} one-hot of them. */
    private static int oneHotOf(Lowering ctx, int idx, int n, String what) throws ModelImportException {
        int[] is = ctx.shapeOf(idx);
        int[] isN = Arrays.copyOf(is, is.length + 1);
        isN[is.length] = n;
        int[] is1 = Arrays.copyOf(is, is.length + 1);
        is1[is.length] = 1;
        int ex = ctx.step(new LoweredOp.Move(new int[] {idx}, spread(is1, isN)), isN, what + "-indices");
        double[] iota = new double[n];
        for (int j = 0; j < n; j++) {
            iota[j] = j;
        }
        return ctx.step(new LoweredOp.Compare(LoweredOp.CompareKind.EQ, ex, new int[] {n}, iota), isN, what + "-onehot");
    }

    /** Row-major flat index of {@code p} in {@code shape}. */
    private static int flat(int[] p, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + p[d];
        }
        return f;
    }

    private static int[] unflat(int i, int[] shape) {
        int[] p = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            p[d] = i % shape[d];
            i /= shape[d];
        }
        return p;
    }

    /**
     * GatherElements {@code out[p] = data[p with p_axis := idx[p]]}: constant indices are a movement; computed
     * ones (or a model input of indices) pick by one-hot: {@code Σ_j [idx[p] = j]·data[p with p_axis := j]}.
     */
    private static void gatherElements(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis");
        String data = node.input(0);
        int[] ds = ctx.shape(data);
        int axis = MovementOps.normalize(ctx, node.attrInt("axis", 0), ds.length);
        int[] is = ctx.shape(node.input(1));
        if (is.length != ds.length) {
            throw ctx.unsupported("indices of rank " + is.length + " for data of rank " + ds.length);
        }
        int n = ds[axis];
        int size = Shapes.size(is);
        if (ctx.isConstant(node.input(1))) {
            Tensor idx = ctx.constant(node.input(1));
            int[] src = new int[size];
            for (int i = 0; i < size; i++) {
                int[] p = unflat(i, is);
                long v = (long) idx.data()[i];
                if (v < -n || v >= n) {
                    throw ctx.unsupported("index " + v + " is out of range for axis length " + n);
                }
                p[axis] = (int) (v < 0 ? v + n : v);
                src[i] = flat(p, ds);
            }
            MovementOps.moveOrFold(ctx, new Movement(Movement.Kind.GENERAL, new long[0], is, src), data, node.outputs().get(0));
            return;
        }
        int onehot = oneHotOf(ctx, ctx.id(node.input(1)), n, "gather");
        int[] isN = Arrays.copyOf(is, is.length + 1);
        isN[is.length] = n;
        int[] src = new int[size * n];
        for (int i = 0; i < size; i++) {
            int[] p = unflat(i, is);
            for (int j = 0; j < n; j++) {
                p[axis] = j;
                src[i * n + j] = flat(p, ds);
            }
        }
        int d = ctx.step(new LoweredOp.Move(new int[] {ctx.id(data)}, new Movement(Movement.Kind.GENERAL, new long[0], isN, src)), isN,
                "candidates");
        int prod = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, onehot, d), isN, "chosen");
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, prod,
                ReduceGeometry.of(isN, new int[] {is.length}, false)), is), ctx.type(data));
    }

    /**
     * ScatterElements (reduction none) {@code out = data} with {@code out[p with p_axis := idx[p]] = upd[p]}:
     * constant indices are a movement over data and updates; computed ones give
     * {@code out[q] = data[q]·(1 − hit[q]) + Σ_t [idx[q with q_axis := t] = q_axis]·upd[q with q_axis := t]}
     * with {@code hit} the same sum of the one-hot (indices must not repeat, as ONNX requires).
     */
    private static void scatterElements(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis", "reduction");
        if (!node.attrString("reduction", "none").equals("none")) {
            throw ctx.unsupported("reduction '" + node.attrString("reduction", "none") + "' is not supported (none is)");
        }
        String data = node.input(0);
        String upd = node.input(2);
        int[] ds = ctx.shape(data);
        int[] is = ctx.shape(node.input(1));
        int axis = MovementOps.normalize(ctx, node.attrInt("axis", 0), ds.length);
        int n = ds[axis];
        int m = is[axis];
        int dSize = Shapes.size(ds);
        if (ctx.isConstant(node.input(1))) {
            Tensor idx = ctx.constant(node.input(1));
            int[] src = new int[dSize];
            for (int q = 0; q < dSize; q++) {
                src[q] = q;
            }
            for (int i = 0; i < idx.size(); i++) {
                int[] p = unflat(i, is);
                long v = (long) idx.data()[i];
                if (v < -n || v >= n) {
                    throw ctx.unsupported("index " + v + " is out of range for axis length " + n);
                }
                p[axis] = (int) (v < 0 ? v + n : v);
                src[flat(p, ds)] = dSize + i;
            }
            int a = ctx.id(data);
            int b = ctx.id(upd);
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Move(new int[] {a, b}, new Movement(Movement.Kind.GENERAL,
                    new long[0], ds, src)), ds), ctx.type(data));
            return;
        }
        int onehot = oneHotOf(ctx, ctx.id(node.input(1)), n, "scatter");
        // moved[q, t] = onehot[q with q_axis := t, q_axis] and upd[q with q_axis := t], where that position exists
        int[] dsM = Arrays.copyOf(ds, ds.length + 1);
        dsM[ds.length] = m;
        int[] ohSrc = new int[dSize * m];
        int[] upSrc = new int[dSize * m];
        for (int q = 0; q < dSize; q++) {
            int[] p = unflat(q, ds);
            int qa = p[axis];
            boolean inside = true;
            for (int d = 0; d < ds.length; d++) {
                inside &= d == axis || p[d] < is[d];
            }
            for (int t = 0; t < m; t++) {
                p[axis] = t;
                ohSrc[q * m + t] = inside ? flat(p, is) * n + qa : -1;
                upSrc[q * m + t] = inside ? flat(p, is) : -1;
            }
        }
        int ohM = ctx.step(new LoweredOp.Move(new int[] {onehot}, new Movement(Movement.Kind.GENERAL, new long[0], dsM, ohSrc)), dsM,
                "hits");
        int upM = ctx.step(new LoweredOp.Move(new int[] {ctx.id(upd)}, new Movement(Movement.Kind.GENERAL, new long[0], dsM, upSrc)),
                dsM, "updates");
        ReduceGeometry g = ReduceGeometry.of(dsM, new int[] {ds.length}, false);
        int hit = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, ohM, g), ds, "hit");
        int chosen = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, ohM, upM), dsM, "chosen");
        int written = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, chosen, g), ds, "written");
        int d = ctx.id(data);
        int overwritten = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, hit, d), ds, "overwritten");
        int kept = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.SUB, d, overwritten), ds, "kept");
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, kept, written), ds), ctx.type(data));
    }

    /** OneHot of computed indices: {@code off + (on − off)·[idx = j]} along a new axis. */
    private static void oneHot(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis");
        int idx = ctx.id(node.input(0));
        int[] is = ctx.shapeOf(idx);
        int depth = (int) ctx.constant(node.input(1)).data()[0];
        double[] values = ctx.constant(node.input(2)).data();
        int axis = (int) node.attrInt("axis", -1);
        if (axis < 0) {
            axis += is.length + 1;
        }
        if (depth < 1 || depth > 1 << 16 || axis < 0 || axis > is.length) {
            throw ctx.unsupported("depth " + depth + " or axis " + axis + " is out of range");
        }
        int oh = oneHotOf(ctx, idx, depth, "onehot");
        int[] isN = ctx.shapeOf(oh);
        int r = oh;
        if (axis != is.length) {
            int[] perm = new int[isN.length];
            for (int d = 0, k = 0; d < perm.length; d++) {
                perm[d] = d == axis ? is.length : k++;
            }
            Movement t = Movement.transpose(isN, perm);
            r = ctx.step(new LoweredOp.Move(new int[] {oh}, t), t.shape(), "onehot-axis");
        }
        int[] out = ctx.shapeOf(r);
        double off = values[0];
        double on = values[1];
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Affine(r, new int[0], new double[] {on - off}, new double[] {off}), out),
                ctx.constant(node.input(2)).type());
    }

    /**
     * ScatterND (reduction none): {@code out = data}, with {@code out[idx[m]] = upd[m]} for each index tuple m (of
     * length k ≤ rank). Constant indices are a movement. Otherwise, with data as {@code [P, R]} (P the positions the
     * tuples address, R the slice each one writes) and the tuple's linear position {@code lin[m] = Σ_d idx[m, d]·stride_d}:
     * {@code out[p] = data[p]·(1 − Σ_m [lin[m] = p]) + Σ_m [lin[m] = p]·upd[m]} (indices must not repeat, as ONNX requires).
     */
    private static void scatterNd(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("reduction");
        if (!node.attrString("reduction", "none").equals("none")) {
            throw ctx.unsupported("reduction '" + node.attrString("reduction", "none") + "' is not supported (none is)");
        }
        String data = node.input(0);
        String idxName = node.input(1);
        String upd = node.input(2);
        int[] ds = ctx.shape(data);
        int[] is = ctx.shape(idxName);
        int k = is[is.length - 1];
        if (k < 1 || k > ds.length) {
            throw ctx.unsupported("index tuples of length " + k + " for data of rank " + ds.length);
        }
        int p = 1;
        for (int d = 0; d < k; d++) {
            p *= ds[d];
        }
        int rest = Shapes.size(ds) / Math.max(1, p);
        int m = Shapes.size(is) / k;
        int[] stride = new int[k];
        for (int d = k - 1, acc = 1; d >= 0; d--) {
            stride[d] = acc;
            acc *= ds[d];
        }
        if (ctx.isConstant(idxName)) {
            Tensor idx = ctx.constant(idxName);
            int dSize = Shapes.size(ds);
            int[] src = new int[dSize];
            for (int q = 0; q < dSize; q++) {
                src[q] = q;
            }
            for (int t = 0; t < m; t++) {
                int lin = 0;
                for (int d = 0; d < k; d++) {
                    long v = (long) idx.data()[t * k + d];
                    if (v < -ds[d] || v >= ds[d]) {
                        throw ctx.unsupported("index " + v + " is out of range for axis length " + ds[d]);
                    }
                    lin += (int) (v < 0 ? v + ds[d] : v) * stride[d];
                }
                for (int r = 0; r < rest; r++) {
                    src[lin * rest + r] = dSize + t * rest + r;
                }
            }
            if (ctx.isConstant(data)) {
                throw ctx.unsupported("ScatterND of constant data with constant indices into computed updates is not supported");
            }
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Move(new int[] {ctx.id(data), ctx.id(upd)},
                    new Movement(Movement.Kind.GENERAL, new long[0], ds, src)), ds), ctx.type(data));
            return;
        }
        int idx = ctx.id(idxName);
        int[] mk = {m, k};
        int flatIdx = ctx.step(new LoweredOp.Move(new int[] {idx}, Movement.reshape(is, mk)), mk, "tuples");
        double[] strides = new double[k];
        for (int d = 0; d < k; d++) {
            strides[d] = stride[d];
        }
        int weighted = ctx.step(new LoweredOp.Affine(flatIdx, new int[] {1, k}, strides, new double[k]), mk, "weighted");
        int lin = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, weighted, ReduceGeometry.of(mk, new int[] {1}, false)),
                new int[] {m}, "positions");
        int onehot = oneHotOf(ctx, lin, p, "scatter"); // [m, p]
        int[] prm = {p, rest, m};
        int[] ohSrc = new int[p * rest * m];
        int[] upSrc = new int[p * rest * m];
        for (int a = 0; a < p; a++) {
            for (int r = 0; r < rest; r++) {
                for (int t = 0; t < m; t++) {
                    ohSrc[(a * rest + r) * m + t] = t * p + a;
                    upSrc[(a * rest + r) * m + t] = t * rest + r;
                }
            }
        }
        int ohM = ctx.step(new LoweredOp.Move(new int[] {onehot}, new Movement(Movement.Kind.GENERAL, new long[0], prm, ohSrc)), prm,
                "hits");
        int upM = ctx.step(new LoweredOp.Move(new int[] {ctx.id(upd)}, new Movement(Movement.Kind.GENERAL, new long[0], prm, upSrc)),
                prm, "updates");
        int[] pr = {p, rest};
        ReduceGeometry g = ReduceGeometry.of(prm, new int[] {2}, false);
        int hit = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, ohM, g), pr, "hit");
        int chosen = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, ohM, upM), prm, "chosen");
        int written = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, chosen, g), pr, "written");
        int out;
        if (ctx.isConstant(data)) {
            // data·(1 − hit) = hit·(−data) + data
            double[] dv = ctx.constant(data).data();
            boolean zero = true;
            for (double v : dv) {
                zero &= v == 0;
            }
            out = zero ? written : ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, ctx.step(new LoweredOp.Affine(hit, pr,
                    ArithmeticOps.map(dv, v -> -v), dv), pr, "kept"), written), pr, "scattered");
        } else {
            int dpr = ctx.step(new LoweredOp.Move(new int[] {ctx.id(data)}, Movement.reshape(ds, pr)), pr, "data");
            int overwritten = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, hit, dpr), pr, "overwritten");
            int kept = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.SUB, dpr, overwritten), pr, "kept");
            out = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, kept, written), pr, "scattered");
        }
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Move(new int[] {out}, Movement.reshape(pr, ds)), ds),
                ctx.type(ctx.isConstant(data) ? upd : data));
    }
}
