package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.Arrays;
import java.util.Map;

import static io.zkml4j.model.lower.DecisionOps.spread;

/**
 * Lookups and writes at indices computed from the input (or given as an integer model input): Gather along
 * axis 0, GatherElements, ScatterElements, ScatterND and OneHot. Constant indices are plain movements; data-chosen
 * ones become a one-hot {@code [idx = j]} (one comparison step per index and candidate, see
 * {@link LoweredOp.Compare}) and sums of products with it: exact, and sound because each one-hot bit is proved.
 */
final class IndexOps {
    private IndexOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("GatherElements", IndexOps::gatherElements);
        r.put("ScatterElements", IndexOps::scatterElements);
        r.put("OneHot", IndexOps::oneHot);
        r.put("ScatterND", IndexOps::scatterNd);
        r.put("GatherND", IndexOps::gatherNd);
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
        int onehot = oneHotOf(ctx, idx, n, "gather"); // [is.., n]
        int[] out = new int[is.length + ds.length - 1];
        System.arraycopy(is, 0, out, 0, is.length);
        System.arraycopy(ds, 1, out, is.length, ds.length - 1);
        boolean constant = ctx.isConstant(data);
        if (constant && !integral(ctx.constant(data))) {
            // real-valued data: a MatMul of the one-hot with the data as weights
            Tensor t = ctx.constant(data);
            int[] flatOut = Arrays.copyOf(is, is.length + 1);
            flatOut[is.length] = rest;
            int mm = ctx.step(new LoweredOp.MatMul(onehot, t.data(), null, n, rest), flatOut, "lookup");
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Move(new int[] {mm}, Movement.reshape(flatOut, out)), out),
                    t.type());
            return;
        }
        // Σ_j onehot[.., j]·data[j, ..] over [is.., n, ds[1:]..]: integer data exactly by an Affine, computed data by a Mul
        int[] wide = new int[is.length + ds.length];
        System.arraycopy(is, 0, wide, 0, is.length);
        System.arraycopy(ds, 0, wide, is.length, ds.length);
        int[] ohView = Arrays.copyOf(wide, wide.length);
        Arrays.fill(ohView, is.length + 1, wide.length, 1);
        int ohW = ds.length == 1 ? onehot : ctx.step(new LoweredOp.Move(new int[] {onehot}, spread(ohView, wide)), wide, "onehot-wide");
        int[] dView = new int[wide.length];
        Arrays.fill(dView, 1);
        System.arraycopy(ds, 0, dView, is.length, ds.length);
        int picked = constant
                ? ctx.step(new LoweredOp.Affine(ohW, dView, ctx.constant(data).data(), new double[Shapes.size(ds)]), wide, "picked")
                : ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, ohW, ctx.step(new LoweredOp.Move(new int[] {ctx.id(data)},
                        spread(dView, wide)), wide, "data-wide")), wide, "picked");
        ReduceGeometry g = ReduceGeometry.of(wide, new int[] {is.length}, false);
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, picked, g), out), ctx.type(data));
    }

    /** Rows per block of {@link #gatherRows}: an index is split into {@code hi·BLOCK + lo}. */
    static final int BLOCK = 256;

    /**
     * Gather of a large constant table's rows (a token embedding) at computed indices or an integer model input,
     * by a two-level one-hot: with {@code B} = {@link #BLOCK} and {@code H = ⌈n/B⌉},
     * <pre>
     *   hi = Σ_{j=1}^{H−1} [idx ≥ j·B]          (= ⌊idx/B⌋ for idx in [0, n))
     *   lo = idx − B·hi                         (exact integers)
     *   sel[.., h·B + l] = [hi = h]·[lo = l]    (an outer product of two one-hots: one 1 at idx)
     *   y = sel · T                             (a MatMul, T the table with rows padded by zeros to H·B)
     * </pre>
     * about {@code 3H + 2B} comparisons per index instead of {@code 2n}; the MatMul's weights are the table itself
     * (an integer table, such as an int8 embedding, stays exact). An index outside {@code [0, n)} selects no row
     * or a zero row: its output row is 0 (ONNX Runtime refuses such an index).
     */
    static void gatherRows(Node node, Lowering ctx) throws ModelImportException {
        Tensor t = ctx.constant(node.input(0));
        int[] ds = t.shape();
        int idx = ctx.id(node.input(1));
        int[] is = ctx.shapeOf(idx);
        int n = ds[0];
        int rest = Shapes.size(ds) / Math.max(1, n);
        int h = (n + BLOCK - 1) / BLOCK;
        int[] out = new int[is.length + ds.length - 1];
        System.arraycopy(is, 0, out, 0, is.length);
        System.arraycopy(ds, 1, out, is.length, ds.length - 1);
        if (h == 1) {
            gather(node, ctx, 0);
            return;
        }
        int[] isH = Arrays.copyOf(is, is.length + 1);
        isH[is.length] = h - 1;
        int[] is1 = Arrays.copyOf(is, is.length + 1);
        is1[is.length] = 1;
        int ex = ctx.step(new LoweredOp.Move(new int[] {idx}, spread(is1, isH)), isH, "rows-indices");
        double[] starts = new double[h - 1];
        for (int j = 1; j < h; j++) {
            starts[j - 1] = (double) j * BLOCK;
        }
        int above = ctx.step(new LoweredOp.Compare(LoweredOp.CompareKind.GE, ex, new int[] {h - 1}, starts), isH, "rows-above");
        int hi = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, above, ReduceGeometry.of(isH, new int[] {is.length}, false)),
                is, "rows-block");
        int base = ctx.step(new LoweredOp.Affine(hi, new int[0], new double[] {-BLOCK}, new double[] {0}), is, "rows-block-start");
        int lo = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, idx, base), is, "rows-offset");
        int hiHot = oneHotOf(ctx, hi, h, "rows-block"); // [is.., h]
        int loHot = oneHotOf(ctx, lo, BLOCK, "rows-offset"); // [is.., B]
        int[] cube = Arrays.copyOf(is, is.length + 2);
        cube[is.length] = h;
        cube[is.length + 1] = BLOCK;
        int[] hView = Arrays.copyOf(cube, cube.length);
        hView[is.length + 1] = 1;
        int[] lView = Arrays.copyOf(cube, cube.length);
        lView[is.length] = 1;
        int hw = ctx.step(new LoweredOp.Move(new int[] {hiHot}, spread(hView, cube)), cube, "rows-block-wide");
        int lw = ctx.step(new LoweredOp.Move(new int[] {loHot}, spread(lView, cube)), cube, "rows-offset-wide");
        int sel = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, hw, lw), cube, "rows-select");
        int[] flatSel = Arrays.copyOf(is, is.length + 1);
        flatSel[is.length] = h * BLOCK;
        sel = ctx.step(new LoweredOp.Move(new int[] {sel}, Movement.reshape(cube, flatSel)), flatSel, "rows-select-flat");
        double[] w = Arrays.copyOf(t.data(), h * BLOCK * rest); // rows n.. are zero
        int[] flatOut = Arrays.copyOf(is, is.length + 1);
        flatOut[is.length] = rest;
        int mm = ctx.step(new LoweredOp.MatMul(sel, w, null, h * BLOCK, rest), flatOut, "rows");
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Move(new int[] {mm}, Movement.reshape(flatOut, out)), out), t.type());
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
     * Index tuples of length k into the leading k axes of data {@code ds} (GatherND, ScatterND): the data is
     * {@code [positions, rest]} (positions = Π_{d<k} ds[d], each a slice of {@code rest} values), and there are
     * {@code count} tuples in indices of shape {@code is}.
     */
    private record Tuples(int[] ds, int k, int positions, int rest, int count) {
        static Tuples of(Lowering ctx, int[] ds, int[] is) throws ModelImportException {
            int k = is[is.length - 1];
            if (k < 1 || k > ds.length) {
                throw ctx.unsupported("index tuples of length " + k + " for data of rank " + ds.length);
            }
            int p = 1;
            for (int d = 0; d < k; d++) {
                p *= ds[d];
            }
            return new Tuples(ds, k, p, Shapes.size(ds) / Math.max(1, p), Shapes.size(is) / k);
        }

        /** Constant tuple t's linear position {@code Σ_d idx[t, d]·stride_d} (negative indices count from the end). */
        int linear(Lowering ctx, Tensor idx, int t) throws ModelImportException {
            int lin = 0;
            for (int d = 0, acc = positions; d < k; d++) {
                acc /= ds[d];
                long v = (long) idx.data()[t * k + d];
                if (v < -ds[d] || v >= ds[d]) {
                    throw ctx.unsupported("index " + v + " is out of range for axis length " + ds[d]);
                }
                lin += (int) (v < 0 ? v + ds[d] : v) * acc;
            }
            return lin;
        }
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
        Tuples tuples = Tuples.of(ctx, ds, is);
        int p = tuples.positions(), rest = tuples.rest(), m = tuples.count();
        if (ctx.isConstant(idxName)) {
            Tensor idx = ctx.constant(idxName);
            int dSize = Shapes.size(ds);
            int[] src = new int[dSize];
            for (int q = 0; q < dSize; q++) {
                src[q] = q;
            }
            for (int t = 0; t < m; t++) {
                int lin = tuples.linear(ctx, idx, t);
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
        int lin = linearPositions(ctx, ctx.id(idxName), is, ds);
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

    /** Index tuples {@code [.., k]} as linear positions {@code Σ_d idx_d·stride_d} over the first k axes of {@code ds}. */
    private static int linearPositions(Lowering ctx, int idx, int[] is, int[] ds) throws ModelImportException {
        int k = is[is.length - 1];
        int m = Shapes.size(is) / k;
        double[] strides = new double[k];
        for (int d = k - 1, acc = 1; d >= 0; d--) {
            strides[d] = acc;
            acc *= ds[d];
        }
        int[] mk = {m, k};
        int tuples = ctx.step(new LoweredOp.Move(new int[] {idx}, Movement.reshape(is, mk)), mk, "tuples");
        int weighted = ctx.step(new LoweredOp.Affine(tuples, new int[] {1, k}, strides, new double[k]), mk, "weighted");
        return ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, weighted, ReduceGeometry.of(mk, new int[] {1}, false)),
                new int[] {m}, "positions");
    }

    /**
     * GatherND (batch_dims 0): {@code out[m] = data[idx[m, 0], .., idx[m, k−1], ..]}. Constant indices are a movement;
     * computed ones (or an input of indices, within range) pick by the one-hot of their linear positions:
     * {@code out[m, r] = Σ_p [lin[m] = p]·data[p, r]}.
     */
    private static void gatherNd(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("batch_dims");
        if (node.attrInt("batch_dims", 0) != 0) {
            throw ctx.unsupported("batch_dims " + node.attrInt("batch_dims", 0) + " is not supported (0 is)");
        }
        String data = node.input(0);
        String idxName = node.input(1);
        int[] ds = ctx.shape(data);
        int[] is = ctx.shape(idxName);
        Tuples tuples = Tuples.of(ctx, ds, is);
        int k = tuples.k(), p = tuples.positions(), rest = tuples.rest(), m = tuples.count();
        int[] out = new int[is.length - 1 + ds.length - k];
        System.arraycopy(is, 0, out, 0, is.length - 1);
        System.arraycopy(ds, k, out, is.length - 1, ds.length - k);
        if (ctx.isConstant(idxName)) {
            Tensor idx = ctx.constant(idxName);
            int[] src = new int[m * rest];
            for (int t = 0; t < m; t++) {
                int lin = tuples.linear(ctx, idx, t);
                for (int r = 0; r < rest; r++) {
                    src[t * rest + r] = lin * rest + r;
                }
            }
            MovementOps.moveOrFold(ctx, new Movement(Movement.Kind.GENERAL, new long[0], out, src), data, node.outputs().get(0));
            return;
        }
        if ((long) m * p * rest > 1 << 24) {
            throw ctx.unsupported("a GatherND at computed indices costs one product per tuple, position and gathered value: "
                    + (long) m * p * rest + " here, above the 2^24 this importer allows");
        }
        int lin = linearPositions(ctx, ctx.id(idxName), is, ds);
        int onehot = oneHotOf(ctx, lin, p, "gather"); // [m, p]
        int[] mpr = {m, p, rest};
        int ohW = ctx.step(new LoweredOp.Move(new int[] {onehot}, spread(new int[] {m, p, 1}, mpr)), mpr, "onehot-wide");
        int picked;
        if (ctx.isConstant(data)) {
            picked = ctx.step(new LoweredOp.Affine(ohW, new int[] {1, p, rest}, ctx.constant(data).data(), new double[p * rest]), mpr,
                    "picked");
        } else {
            int dW = ctx.step(new LoweredOp.Move(new int[] {ctx.id(data)}, spread(new int[] {1, p, rest}, mpr)), mpr, "data-wide");
            picked = ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.MUL, ohW, dW), mpr, "picked");
        }
        int sum = ctx.step(new LoweredOp.Reduce(LoweredOp.ReduceKind.SUM, picked, ReduceGeometry.of(mpr, new int[] {1}, false)),
                new int[] {m, rest}, "gathered");
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Move(new int[] {sum}, Movement.reshape(new int[] {m, rest}, out)), out),
                ctx.type(data));
    }
}
