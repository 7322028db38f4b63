package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Lowerings of pure data-movement ops (Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Slice, Concat, Pad,
 * Gather with constant indices, Expand, Tile, Split, Identity, Dropout): each becomes one
 * {@link LoweredOp.Move}.
 */
final class MovementOps {
    private MovementOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("Identity", MovementOps::identity);
        r.put("Dropout", MovementOps::identity);
        r.put("Reshape", MovementOps::reshape);
        r.put("Flatten", MovementOps::flatten);
        r.put("Squeeze", MovementOps::squeeze);
        r.put("Unsqueeze", MovementOps::unsqueeze);
        r.put("Transpose", MovementOps::transpose);
        r.put("Slice", MovementOps::slice);
        r.put("Concat", MovementOps::concat);
        r.put("Pad", MovementOps::pad);
        r.put("Gather", MovementOps::gather);
        r.put("Expand", MovementOps::expand);
        r.put("Tile", MovementOps::tile);
        r.put("Split", MovementOps::split);
        r.put("Trilu", MovementOps::trilu);
        r.put("Where", MovementOps::where);
    }

    /** Emits a movement of input {@code in} and binds it to the node's first output. */
    static int move(Lowering ctx, Node node, Movement m, String... in) throws ModelImportException {
        int[] ids = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            ids[i] = ctx.id(in[i]);
        }
        String out = node.outputs().get(0);
        int id = ctx.emit(new LoweredOp.Move(ids, m), m.shape(), out);
        ctx.bind(out, id, ctx.type(in[0]));
        return id;
    }

    private static void identity(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("ratio", "is_test", "seed", "training_mode");
        if (node.opType().equals("Dropout") && node.attrInt("training_mode", 0) != 0) {
            throw ctx.unsupported("training_mode=1 is not supported (inference only)");
        }
        String in = node.input(0);
        if (ctx.isConstant(in)) {
            ctx.bindConstant(node.outputs().get(0), ctx.constant(in));
        } else {
            ctx.bind(node.outputs().get(0), ctx.id(in), ctx.type(in));
        }
    }

    private static void reshape(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("allowzero", "shape");
        int[] in = ctx.shape(node.input(0));
        long[] target = node.opset() < 5 ? node.attrInts("shape") : ctx.constant(node.input(1)).longs();
        boolean allowZero = node.attrInt("allowzero", 0) != 0;
        int[] out = new int[target.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long t = target[i];
            if (t == 0 && !allowZero) {
                if (i >= in.length) {
                    throw ctx.unsupported("shape " + Arrays.toString(target) + " copies a dimension the input does not have");
                }
                t = in[i];
            }
            if (t == -1) {
                if (infer >= 0) {
                    throw ctx.unsupported("shape " + Arrays.toString(target) + " has two -1 entries");
                }
                infer = i;
                continue;
            }
            if (t < 0 || t > Integer.MAX_VALUE) {
                throw ctx.unsupported("bad target shape " + Arrays.toString(target));
            }
            out[i] = (int) t;
            known *= t;
        }
        int size = Shapes.size(in);
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw ctx.unsupported("cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(target));
            }
            out[infer] = (int) (size / known);
        }
        reshapeTo(node, ctx, out);
    }

    static void reshapeTo(Node node, Lowering ctx, int[] out) throws ModelImportException {
        String x = node.input(0);
        int[] in = ctx.shape(x);
        if (Shapes.size(in) != Shapes.size(out)) {
            throw ctx.unsupported("cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(out));
        }
        moveOrFold(node, ctx, Movement.reshape(in, out));
    }

    private static void flatten(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis");
        int[] in = ctx.shape(node.input(0));
        long a = node.attrInt("axis", 1);
        int axis = a == in.length ? in.length : Shapes.axis(a, Math.max(1, in.length));
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= in[d];
        }
        reshapeTo(node, ctx, new int[] {outer, Shapes.size(in) / Math.max(1, outer)});
    }

    /** Axes from the attribute (older opsets) or the optional input {@code index} (newer ones). */
    static long[] axes(Node node, Lowering ctx, int index) throws ModelImportException {
        if (node.has("axes")) {
            return node.attrInts("axes");
        }
        String in = node.input(index);
        return in.isEmpty() ? null : ctx.constant(in).longs();
    }

    private static void squeeze(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axes");
        int[] in = ctx.shape(node.input(0));
        long[] axes = axes(node, ctx, 1);
        boolean[] drop = new boolean[in.length];
        if (axes == null) {
            for (int d = 0; d < in.length; d++) {
                drop[d] = in[d] == 1;
            }
        } else {
            for (long a : axes) {
                int d = normalize(ctx, a, in.length);
                if (in[d] != 1) {
                    throw ctx.unsupported("cannot squeeze axis " + a + " of size " + in[d]);
                }
                drop[d] = true;
            }
        }
        int[] out = new int[in.length];
        int k = 0;
        for (int d = 0; d < in.length; d++) {
            if (!drop[d]) {
                out[k++] = in[d];
            }
        }
        reshapeTo(node, ctx, Arrays.copyOf(out, k));
    }

    private static void unsqueeze(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axes");
        int[] in = ctx.shape(node.input(0));
        long[] axes = axes(node, ctx, 1);
        if (axes == null) {
            throw ctx.unsupported("axes are missing");
        }
        int rank = in.length + axes.length;
        boolean[] added = new boolean[rank];
        for (long a : axes) {
            int d = normalize(ctx, a, rank);
            if (added[d]) {
                throw ctx.unsupported("axis " + a + " repeated");
            }
            added[d] = true;
        }
        int[] out = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            out[d] = added[d] ? 1 : in[k++];
        }
        reshapeTo(node, ctx, out);
    }

    private static void transpose(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("perm");
        int[] in = ctx.shape(node.input(0));
        long[] p = node.attrInts("perm");
        int[] perm = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            perm[i] = p == null ? in.length - 1 - i : (int) p[i];
        }
        if (p != null && p.length != in.length) {
            throw ctx.unsupported("perm " + Arrays.toString(p) + " does not match rank " + in.length);
        }
        moveOrFold(node, ctx, transposeMovement(ctx, in, perm));
    }

    static Movement transposeMovement(Lowering ctx, int[] in, int[] perm) throws ModelImportException {
        try {
            return Movement.transpose(in, perm);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
    }

    /** Emits the movement on input 0, which may be a constant (then the result is folded). */
    static void moveOrFold(Node node, Lowering ctx, Movement m) throws ModelImportException {
        moveOrFold(ctx, m, node.input(0), node.outputs().get(0));
    }

    /** Moves {@code x} into {@code out}, folding when {@code x} is a constant. */
    static void moveOrFold(Lowering ctx, Movement m, String x, String out) throws ModelImportException {
        if (ctx.isConstant(x)) {
            Tensor t = ctx.constant(x);
            ctx.bindConstant(out, new Tensor(t.type(), m.shape(), m.apply(new double[][] {t.data()})));
        } else {
            ctx.bind(out, ctx.emit(new LoweredOp.Move(new int[] {ctx.id(x)}, m), m.shape(), out), ctx.type(x));
        }
    }

    private static void slice(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("starts", "ends", "axes");
        int[] in = ctx.shape(node.input(0));
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (node.opset() < 10) {
            starts = node.attrInts("starts");
            ends = node.attrInts("ends");
            axes = node.attrInts("axes");
        } else {
            starts = ctx.constant(node.input(1)).longs();
            ends = ctx.constant(node.input(2)).longs();
            axes = node.input(3).isEmpty() ? null : ctx.constant(node.input(3)).longs();
            steps = node.input(4).isEmpty() ? null : ctx.constant(node.input(4)).longs();
        }
        if (starts == null || ends == null || starts.length != ends.length) {
            throw ctx.unsupported("starts and ends must be given with equal lengths");
        }
        int[] start = new int[in.length];
        int[] step = new int[in.length];
        int[] out = in.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int d = axes == null ? i : normalize(ctx, axes[i], in.length);
            long st = steps == null ? 1 : steps[i];
            if (st == 0) {
                throw ctx.unsupported("slice step 0");
            }
            long dim = in[d];
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            long count;
            if (st > 0) {
                s = Math.max(0, Math.min(dim, s));
                e = Math.max(0, Math.min(dim, e));
                count = e > s ? (e - s + st - 1) / st : 0;
            } else {
                s = Math.max(-1, Math.min(dim - 1, s));
                e = Math.max(-1, Math.min(dim - 1, e));
                count = s > e ? (s - e + (-st) - 1) / (-st) : 0;
            }
            start[d] = (int) Math.max(0, s);
            step[d] = (int) st;
            out[d] = (int) count;
        }
        moveOrFold(node, ctx, Movement.slice(in, start, step, out));
    }

    private static void concat(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis");
        int n = node.inputs().size();
        int[][] shapes = new int[n][];
        boolean allConstant = true;
        for (int i = 0; i < n; i++) {
            shapes[i] = ctx.shape(node.input(i));
            allConstant &= ctx.isConstant(node.input(i));
        }
        if (!node.has("axis")) {
            throw ctx.unsupported("attribute 'axis' is missing");
        }
        int axis = normalize(ctx, node.attrInt("axis", 0), shapes[0].length);
        Movement m;
        try {
            m = Movement.concat(shapes, axis);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        if (allConstant) {
            double[][] data = new double[n][];
            for (int i = 0; i < n; i++) {
                data[i] = ctx.constant(node.input(i)).data();
            }
            ctx.bindConstant(node.outputs().get(0), new Tensor(ctx.type(node.input(0)), m.shape(), m.apply(data)));
        } else if (anyConstant(ctx, node)) {
            concatWithConstants(node, ctx, m, shapes);
        } else {
            move(ctx, node, m, node.inputs().toArray(new String[0]));
        }
    }

    private static boolean anyConstant(Lowering ctx, Node node) {
        for (String in : node.inputs()) {
            if (ctx.isConstant(in)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A Concat of computed and constant parts (TensorFlow's GatherND builds its index that way): the computed parts
     * moved into place (0 where a constant goes), then an Affine adding the constants there.
     */
    private static void concatWithConstants(Node node, Lowering ctx, Movement m, int[][] shapes) throws ModelImportException {
        int n = shapes.length;
        int[] offset = new int[n + 1];
        int[] computedOffset = new int[n];
        List<Integer> ids = new ArrayList<>();
        int computedSize = 0;
        for (int i = 0; i < n; i++) {
            offset[i + 1] = offset[i] + Shapes.size(shapes[i]);
            computedOffset[i] = computedSize;
            if (!ctx.isConstant(node.input(i))) {
                ids.add(ctx.id(node.input(i)));
                computedSize += Shapes.size(shapes[i]);
            }
        }
        int[] src = new int[m.size()];
        double[] add = new double[m.size()];
        boolean anyAdd = false;
        for (int e = 0; e < src.length; e++) {
            int s = m.source()[e];
            int part = 0;
            while (s >= offset[part + 1]) {
                part++;
            }
            String in = node.input(part);
            if (ctx.isConstant(in)) {
                src[e] = -1;
                add[e] = ctx.constant(in).data()[s - offset[part]];
                if (!Double.isFinite(add[e])) {
                    throw ctx.unsupported("a concatenated constant is " + add[e] + "; only finite constants are supported");
                }
                anyAdd |= add[e] != 0;
            } else {
                src[e] = computedOffset[part] + s - offset[part];
            }
        }
        int[] xs = ids.stream().mapToInt(Integer::intValue).toArray();
        int[] out = m.shape();
        Movement placed = new Movement(Movement.Kind.GENERAL, new long[0], out, src);
        String typed = node.inputs().stream().filter(x -> !ctx.isConstant(x)).findFirst().orElseThrow();
        if (!anyAdd) {
            ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Move(xs, placed), out), ctx.type(typed));
            return;
        }
        int moved = ctx.step(new LoweredOp.Move(xs, placed), out, "computed-parts");
        ctx.bind(node.outputs().get(0), ctx.output(new LoweredOp.Affine(moved, out, ArithmeticOps.filled(add.length, 1), add), out),
                ctx.type(typed));
    }

    private static void pad(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("mode", "pads", "value");
        int[] in = ctx.shape(node.input(0));
        String mode = node.attrString("mode", "constant");
        if (!mode.equals("constant") && !mode.equals("reflect") && !mode.equals("edge")) {
            throw ctx.unsupported("pad mode '" + mode + "' is not supported (constant, reflect, edge are)");
        }
        long[] pads;
        double value;
        if (node.opset() < 11) {
            pads = node.attrInts("pads");
            value = node.attrFloat("value", 0);
        } else {
            pads = ctx.constant(node.input(1)).longs();
            value = node.input(2).isEmpty() ? 0 : ctx.constant(node.input(2)).data()[0];
            if (!node.input(3).isEmpty()) {
                long[] axes = ctx.constant(node.input(3)).longs();
                long[] full = new long[2 * in.length];
                for (int i = 0; i < axes.length; i++) {
                    int d = normalize(ctx, axes[i], in.length);
                    full[d] = pads[i];
                    full[d + in.length] = pads[i + axes.length];
                }
                pads = full;
            }
        }
        if (pads == null || pads.length != 2 * in.length) {
            throw ctx.unsupported("pads must have 2 x rank entries");
        }
        int[] p = new int[pads.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (int) pads[i];
        }
        if (mode.equals("constant") && value != 0) {
            throw ctx.unsupported("constant padding with value " + value + " is not supported (only 0)");
        }
        try {
            moveOrFold(node, ctx, Movement.pad(in, p, mode));
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
    }

    private static void gather(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis");
        int[] in = ctx.shape(node.input(0));
        int axis = normalize(ctx, node.attrInt("axis", 0), in.length);
        if (!ctx.isConstant(node.input(1))) {
            String idx = node.input(1);
            long picks = (long) Shapes.size(ctx.shape(idx)) * in[axis] * Math.max(1, Shapes.size(in) / in[axis]);
            boolean table = picks > 1 << 24 && axis == 0 && ctx.isConstant(node.input(0));
            if (table) {
                // a large constant table (an embedding): a two-level one-hot per index, then a MatMul with the table
                picks = (long) Shapes.size(ctx.shape(idx)) * in[0];
            }
            if (picks > 1 << 24) {
                throw ctx.unsupported("its indices '" + idx + "' are computed or a model input, and a lookup at such indices costs one "
                        + (table ? "product per index and table row (a two-level one-hot)" : "comparison per index and entry and one "
                        + "product per gathered value") + ": " + picks
                        + " here, above the 2^24 this importer allows");
            }
            if (table) {
                IndexOps.gatherRows(node, ctx);
                return;
            }
            IndexOps.gather(node, ctx, axis);
            return;
        }
        Tensor idx = ctx.constant(node.input(1));
        int[] indices = new int[idx.size()];
        for (int i = 0; i < indices.length; i++) {
            long v = (long) idx.data()[i];
            indices[i] = (int) (v < 0 ? v + in[axis] : v);
        }
        try {
            moveOrFold(node, ctx, Movement.gather(in, axis, indices, idx.shape()));
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
    }

    private static void expand(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        int[] in = ctx.shape(node.input(0));
        int[] target = ctx.constant(node.input(1)).ints();
        int[] out;
        try {
            out = Shapes.broadcast(in, target);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        moveOrFold(node, ctx, Movement.expand(in, out));
    }

    private static void tile(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        int[] in = ctx.shape(node.input(0));
        long[] reps = ctx.constant(node.input(1)).longs();
        if (reps.length != in.length) {
            throw ctx.unsupported("repeats must have one entry per axis");
        }
        int[] out = new int[in.length];
        for (int d = 0; d < in.length; d++) {
            out[d] = (int) (in[d] * reps[d]);
        }
        int[][] pick = new int[in.length][];
        for (int d = 0; d < in.length; d++) {
            pick[d] = new int[out[d]];
            for (int o = 0; o < out[d]; o++) {
                pick[d][o] = o % in[d];
            }
        }
        int[] src = Movement.perAxis(in, out, pick);
        moveOrFold(node, ctx, new Movement(Movement.Kind.GENERAL, reps, out, src));
    }

    private static void split(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("axis", "split", "num_outputs");
        int[] in = ctx.shape(node.input(0));
        int axis = normalize(ctx, node.attrInt("axis", 0), in.length);
        long[] sizes = node.has("split") ? node.attrInts("split")
                : node.input(1).isEmpty() ? null : ctx.constant(node.input(1)).longs();
        int parts = node.outputs().size();
        if (sizes == null) {
            sizes = new long[parts];
            int each = (in[axis] + parts - 1) / parts;
            for (int i = 0; i < parts; i++) {
                sizes[i] = Math.min(each, in[axis] - (long) each * i);
            }
        }
        if (sizes.length != parts) {
            throw ctx.unsupported("split sizes " + Arrays.toString(sizes) + " do not match " + parts + " outputs");
        }
        int offset = 0;
        for (int i = 0; i < parts; i++) {
            int[] start = new int[in.length];
            int[] step = new int[in.length];
            Arrays.fill(step, 1);
            start[axis] = offset;
            int[] out = in.clone();
            out[axis] = (int) sizes[i];
            offset += (int) sizes[i];
            moveOrFold(ctx, Movement.slice(in, start, step, out), node.input(0), node.outputs().get(i));
        }
        if (offset != in[axis]) {
            throw ctx.unsupported("split sizes add up to " + offset + ", axis has " + in[axis]);
        }
    }

    /** Trilu: keeps the upper (or lower) triangle of the last two axes, diagonal offset k; the rest is 0. */
    private static void trilu(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes("upper");
        int[] in = ctx.shape(node.input(0));
        if (in.length < 2) {
            throw ctx.unsupported("input must have rank 2 or more");
        }
        long k = node.input(1).isEmpty() ? 0 : ctx.constant(node.input(1)).longs()[0];
        boolean upper = node.attrInt("upper", 1) != 0;
        int rows = in[in.length - 2];
        int cols = in[in.length - 1];
        int[] src = new int[Shapes.size(in)];
        for (int e = 0; e < src.length; e++) {
            int j = e % cols;
            int i = (e / cols) % rows;
            boolean keep = upper ? j - i >= k : j - i <= k;
            src[e] = keep ? e : -1;
        }
        moveOrFold(node, ctx, new Movement(Movement.Kind.GENERAL, new long[] {k, upper ? 1 : 0}, in, src));
    }

    /**
     * Where with a constant condition: a selection between two computed tensors is one movement; between a
     * computed tensor and a constant, the computed one moved (0 where the constant is chosen) plus the
     * constant as an Affine offset.
     */
    private static void where(Node node, Lowering ctx) throws ModelImportException {
        ctx.allowAttributes();
        String cond = node.input(0);
        if (!ctx.isConstant(cond)) {
            DecisionOps.where(node, ctx);
            return;
        }
        Tensor c = ctx.constant(cond);
        String a = node.input(1);
        String b = node.input(2);
        int[] out;
        try {
            out = Shapes.broadcast(Shapes.broadcast(c.shape(), ctx.shape(a)), ctx.shape(b));
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
        int[] ci = Shapes.broadcastIndex(c.shape(), out);
        int[] ai = Shapes.broadcastIndex(ctx.shape(a), out);
        int[] bi = Shapes.broadcastIndex(ctx.shape(b), out);
        int[] src = new int[ci.length];
        if (!ctx.isConstant(a) && !ctx.isConstant(b)) {
            int offset = Shapes.size(ctx.shape(a));
            for (int e = 0; e < src.length; e++) {
                src[e] = c.data()[ci[e]] != 0 ? ai[e] : offset + bi[e];
            }
            move(ctx, node, new Movement(Movement.Kind.GENERAL, new long[0], out, src), a, b);
            return;
        }
        boolean computedFirst = !ctx.isConstant(a);
        String x = computedFirst ? a : b;
        Tensor k = ctx.constant(computedFirst ? b : a);
        int[] xi = computedFirst ? ai : bi;
        int[] ki = computedFirst ? bi : ai;
        double[] add = new double[src.length];
        for (int e = 0; e < src.length; e++) {
            boolean takeX = (c.data()[ci[e]] != 0) == computedFirst;
            src[e] = takeX ? xi[e] : -1;
            add[e] = takeX ? 0 : k.data()[ki[e]];
            if (!Double.isFinite(add[e])) {
                throw ctx.unsupported("a selected constant is " + add[e] + "; only finite constants are supported");
            }
        }
        int moved = ctx.step(new LoweredOp.Move(new int[] {ctx.id(x)}, new Movement(Movement.Kind.GENERAL, new long[0], out, src)),
                out, "selected");
        ctx.output(new LoweredOp.Affine(moved, out, ArithmeticOps.filled(add.length, 1), add), out);
    }

    static int normalize(Lowering ctx, long axis, int rank) throws ModelImportException {
        try {
            return Shapes.axis(axis, rank);
        } catch (IllegalArgumentException e) {
            throw ctx.unsupported(e.getMessage());
        }
    }
}
