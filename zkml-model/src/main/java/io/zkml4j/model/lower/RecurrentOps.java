package io.zkml4j.model.lower;

import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.Node;
import io.zkml4j.model.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * LSTM, GRU and RNN unrolled over their (fixed) sequence length into primitives: per step, MatMuls with
 * the constant input and recurrence weights, Sigmoid/Tanh tables, element-wise products and sums.
 * Forward, reverse and bidirectional; default activations only, no clip, layout 0, full-length sequences.
 * Initial states are constants (usually zeros), folded into the first step.
 */
final class RecurrentOps {
    private RecurrentOps() {
    }

    static void register(Map<String, OpLowering> r) {
        r.put("LSTM", (node, ctx) -> unroll(node, ctx, Cell.LSTM));
        r.put("GRU", (node, ctx) -> unroll(node, ctx, Cell.GRU));
        r.put("RNN", (node, ctx) -> unroll(node, ctx, Cell.RNN));
    }

    enum Cell {
        LSTM(4, List.of("Sigmoid", "Tanh", "Tanh")), GRU(3, List.of("Sigmoid", "Tanh")), RNN(1, List.of("Tanh"));

        final int gates;
        final List<String> activations;

        Cell(int gates, List<String> activations) {
            this.gates = gates;
            this.activations = activations;
        }
    }

    /** A state that is either a constant (the initial one) or a computed tensor. */
    private record State(int id, double[] constant) {
        boolean isConstant() {
            return constant != null;
        }

        boolean isZero() {
            if (constant == null) {
                return false;
            }
            for (double v : constant) {
                if (v != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Per-direction weights: W {@code [gates·h, in]}, R {@code [gates·h, h]}, Wb and Rb {@code [gates·h]}. */
    private record Weights(double[] w, double[] r, double[] wb, double[] rb, int in, int h, int gates) {
        /** Rows [gate·h, (gate+1)·h) of a {@code [gates·h, cols]} matrix, transposed to {@code [cols, h]}. */
        double[] transposedGate(double[] m, int cols, int from, int count) {
            double[] t = new double[cols * count * h];
            for (int g = 0; g < count * h; g++) {
                for (int c = 0; c < cols; c++) {
                    t[c * count * h + g] = m[(from * h + g) * cols + c];
                }
            }
            return t;
        }

        double[] bias(double[] b, int from, int count) {
            return Arrays.copyOfRange(b, from * h, (from + count) * h);
        }
    }

    private static void unroll(Node node, Lowering ctx, Cell cell) throws ModelImportException {
        ctx.allowAttributes("activation_alpha", "activation_beta", "activations", "clip", "direction", "hidden_size",
                "input_forget", "layout", "linear_before_reset");
        checkAttributes(node, ctx, cell);
        int x = ctx.id(node.input(0));
        int[] xs = ctx.shapeOf(x);
        if (xs.length != 3) {
            throw ctx.unsupported("input must be [seq, batch, features], has shape " + Arrays.toString(xs));
        }
        int seq = xs[0];
        int batch = xs[1];
        Tensor w = ctx.constant(node.input(1));
        Tensor r = ctx.constant(node.input(2));
        int dirs = w.shape()[0];
        int h = (int) node.attrInt("hidden_size", r.shape()[2]);
        int in = xs[2];
        if (w.rank() != 3 || w.shape()[1] != cell.gates * h || w.shape()[2] != in || r.shape()[1] != cell.gates * h) {
            throw ctx.unsupported("weight shapes " + Arrays.toString(w.shape()) + ", " + Arrays.toString(r.shape())
                    + " do not match hidden size " + h);
        }
        String dir = node.attrString("direction", "forward");
        if ((dirs == 2) != dir.equals("bidirectional")) {
            throw ctx.unsupported("direction '" + dir + "' with " + dirs + " weight sets");
        }
        Tensor b = node.input(3).isEmpty() ? null : ctx.constant(node.input(3));
        if (!node.input(4).isEmpty()) {
            for (double len : ctx.constant(node.input(4)).data()) {
                if (len != seq) {
                    throw ctx.unsupported("sequence_lens shorter than the sequence are not supported");
                }
            }
        }
        double[] h0 = initial(ctx, node.input(5), dirs * batch * h);
        double[] c0 = cell == Cell.LSTM ? initial(ctx, node.input(6), dirs * batch * h) : null;
        double[] peep = cell == Cell.LSTM && !node.input(7).isEmpty() ? ctx.constant(node.input(7)).data() : null;
        int per = cell.gates * h;
        List<int[]> hs = new ArrayList<>(); // per direction: H id per time step
        int[] lastH = new int[dirs];
        int[] lastC = new int[dirs];
        for (int d = 0; d < dirs; d++) {
            Weights wt = new Weights(Arrays.copyOfRange(w.data(), d * per * in, (d + 1) * per * in),
                    Arrays.copyOfRange(r.data(), d * per * h, (d + 1) * per * h),
                    b == null ? new double[per] : Arrays.copyOfRange(b.data(), d * 2 * per, d * 2 * per + per),
                    b == null ? new double[per] : Arrays.copyOfRange(b.data(), d * 2 * per + per, (d + 1) * 2 * per), in, h, cell.gates);
            boolean reverse = dir.equals("reverse") || d == 1;
            State hPrev = new State(-1, Arrays.copyOfRange(h0, d * batch * h, (d + 1) * batch * h));
            State cPrev = c0 == null ? null : new State(-1, Arrays.copyOfRange(c0, d * batch * h, (d + 1) * batch * h));
            double[] p = peep == null ? null : Arrays.copyOfRange(peep, d * 3 * h, (d + 1) * 3 * h);
            int[] ids = new int[seq];
            for (int step = 0; step < seq; step++) {
                int t = reverse ? seq - 1 - step : step;
                String tag = "d" + d + "t" + t;
                int xt = ctx.step(new LoweredOp.Move(new int[] {x}, Movement.slice(xs, new int[] {t, 0, 0}, new int[] {1, 1, 1},
                        new int[] {1, batch, in}).then(Movement.reshape(new int[] {1, batch, in}, new int[] {batch, in}))),
                        new int[] {batch, in}, tag + "/x");
                State[] next = switch (cell) {
                    case LSTM -> lstmStep(ctx, node, xt, hPrev, cPrev, wt, p, batch, tag);
                    case GRU -> new State[] {gruStep(ctx, node, xt, hPrev, wt, batch, tag), null};
                    case RNN -> new State[] {rnnStep(ctx, xt, hPrev, wt, batch, tag), null};
                };
                hPrev = next[0];
                cPrev = next[1];
                ids[t] = hPrev.id();
            }
            hs.add(ids);
            lastH[d] = hPrev.id();
            lastC[d] = cPrev == null ? -1 : cPrev.id();
        }
        int[] order = new int[seq * dirs];
        for (int t = 0; t < seq; t++) {
            for (int d = 0; d < dirs; d++) {
                order[t * dirs + d] = hs.get(d)[t];
            }
        }
        bindStack(ctx, node.outputs(), 0, order, new int[] {seq, dirs, batch, h});
        bindStack(ctx, node.outputs(), 1, lastH, new int[] {dirs, batch, h});
        if (cell == Cell.LSTM) {
            bindStack(ctx, node.outputs(), 2, lastC, new int[] {dirs, batch, h});
        }
    }

    private static void checkAttributes(Node node, Lowering ctx, Cell cell) throws ModelImportException {
        if (node.has("clip")) {
            throw ctx.unsupported("clip is not supported");
        }
        if (node.attrInt("layout", 0) != 0 || node.attrInt("input_forget", 0) != 0) {
            throw ctx.unsupported("layout=1 and input_forget=1 are not supported");
        }
        Object acts = node.attributes().get("activations");
        if (acts instanceof String[] a) {
            for (int i = 0; i < a.length; i++) {
                if (!a[i].equals(cell.activations.get(i % cell.activations.size()))) {
                    throw ctx.unsupported("activations " + Arrays.toString(a) + " are not supported (the defaults "
                            + cell.activations + " are)");
                }
            }
        } else if (acts != null) {
            throw ctx.unsupported("attribute 'activations' must be a list of strings");
        }
    }

    private static double[] initial(Lowering ctx, String name, int n) throws ModelImportException {
        if (name.isEmpty()) {
            return new double[n];
        }
        Tensor t = ctx.constant(name);
        if (t.size() != n) {
            throw ctx.unsupported("initial state '" + name + "' has " + t.size() + " values, expected " + n);
        }
        return t.data();
    }

    /** Binds output {@code index} (if wanted) to the given tensors stacked in order, with the given shape. */
    private static void bindStack(Lowering ctx, List<String> outputs, int index, int[] ids, int[] shape) {
        if (index >= outputs.size() || outputs.get(index).isEmpty()) {
            return;
        }
        int total = 1;
        for (int s : shape) {
            total *= s;
        }
        int[] src = new int[total];
        for (int i = 0; i < total; i++) {
            src[i] = i;
        }
        String name = outputs.get(index);
        ctx.bind(name, ctx.emit(new LoweredOp.Move(ids, new Movement(Movement.Kind.CONCAT, new long[] {0}, shape, src)), shape, name));
    }

    /** {@code x·W_gᵀ + Wb_g + Rb_g (+ hPrev·R_gᵀ)} for gates {@code [from, from + count)}. */
    private static int gates(Lowering ctx, int xt, State hPrev, Weights w, int from, int count, boolean recurrenceBias,
                             int batch, String tag) {
        double[] bias = w.bias(w.wb(), from, count);
        if (recurrenceBias) {
            double[] rb = w.bias(w.rb(), from, count);
            for (int i = 0; i < bias.length; i++) {
                bias[i] += rb[i];
            }
        }
        int width = count * w.h();
        int[] shape = {batch, width};
        int g = ctx.step(new LoweredOp.MatMul(xt, w.transposedGate(w.w(), w.in(), from, count), bias, w.in(), width), shape, tag + "/xw");
        return addRecurrence(ctx, g, hPrev, w.transposedGate(w.r(), w.h(), from, count), width, batch, tag + "/hr");
    }

    /** {@code g + hPrev·Rᵀ} with Rᵀ {@code [h, width]}: a MatMul, or a constant offset for a constant state. */
    private static int addRecurrence(Lowering ctx, int g, State hPrev, double[] rt, int width, int batch, String tag) {
        int h = rt.length / width;
        int[] shape = {batch, width};
        if (!hPrev.isConstant()) {
            int hr = ctx.step(new LoweredOp.MatMul(hPrev.id(), rt, null, h, width), shape, tag);
            return ctx.step(new LoweredOp.Binary(LoweredOp.BinaryKind.ADD, g, hr), shape, tag + "/sum");
        }
        if (hPrev.isZero()) {
            return g;
        }
        double[] offset = FloatKernels.matMul(hPrev.constant(), rt, null, h, width);
        return ctx.step(new LoweredOp.Affine(g, shape, ArithmeticOps.filled(offset.length, 1), offset), shape, tag);
    }

    private static int slice(Lowering ctx, int g, int batch, int width, int from, int h, String tag) {
        int[] shape = {batch, h};
        return ctx.step(new LoweredOp.Move(new int[] {g}, Movement.slice(new int[] {batch, width}, new int[] {0, from * h},
                new int[] {1, 1}, shape)), shape, tag);
    }

    private static int unary(Lowering ctx, int x, UnaryFunction fn, int batch, int h, String tag) {
        return ctx.step(new LoweredOp.Unary(x, fn, 0, 0), new int[] {batch, h}, tag);
    }

    private static int binary(Lowering ctx, LoweredOp.BinaryKind k, int a, int b, int batch, int h, String tag) {
        return ctx.step(new LoweredOp.Binary(k, a, b), new int[] {batch, h}, tag);
    }

    /** {@code a ⊙ s} for a state s; null when s is constant zero. */
    private static Integer times(Lowering ctx, int a, State s, int batch, int h, String tag) {
        if (s.isZero()) {
            return null;
        }
        if (s.isConstant()) {
            return ctx.step(new LoweredOp.Affine(a, new int[] {batch, h}, s.constant(), new double[batch * h]), new int[] {batch, h}, tag);
        }
        return binary(ctx, LoweredOp.BinaryKind.MUL, a, s.id(), batch, h, tag);
    }

    /** {@code g + p ⊙ c} (peephole) for a state c. */
    private static int peephole(Lowering ctx, int g, double[] p, int which, State c, int batch, int h, String tag) {
        if (p == null || c.isZero()) {
            return g;
        }
        double[] pk = new double[batch * h];
        for (int i = 0; i < pk.length; i++) {
            pk[i] = p[which * h + i % h];
        }
        int[] shape = {batch, h};
        if (c.isConstant()) {
            double[] off = new double[pk.length];
            for (int i = 0; i < off.length; i++) {
                off[i] = pk[i] * c.constant()[i];
            }
            return ctx.step(new LoweredOp.Affine(g, shape, ArithmeticOps.filled(off.length, 1), off), shape, tag);
        }
        int pc = ctx.step(new LoweredOp.Affine(c.id(), shape, pk, new double[pk.length]), shape, tag + "/p");
        return binary(ctx, LoweredOp.BinaryKind.ADD, g, pc, batch, h, tag);
    }

    /** ONNX LSTM gates i, o, f, c: {@code C = f⊙C' + i⊙c̃}, {@code H = o⊙tanh(C)}. */
    private static State[] lstmStep(Lowering ctx, Node node, int xt, State hPrev, State cPrev, Weights w, double[] p, int batch,
                                    String tag) {
        int h = w.h();
        int g = gates(ctx, xt, hPrev, w, 0, 4, true, batch, tag);
        int i = peephole(ctx, slice(ctx, g, batch, 4 * h, 0, h, tag + "/i"), p, 0, cPrev, batch, h, tag + "/pi");
        int o = slice(ctx, g, batch, 4 * h, 1, h, tag + "/o");
        int f = peephole(ctx, slice(ctx, g, batch, 4 * h, 2, h, tag + "/f"), p, 2, cPrev, batch, h, tag + "/pf");
        int c = slice(ctx, g, batch, 4 * h, 3, h, tag + "/c");
        int it = unary(ctx, i, UnaryFunction.SIGMOID, batch, h, tag + "/it");
        int ft = unary(ctx, f, UnaryFunction.SIGMOID, batch, h, tag + "/ft");
        int ct = unary(ctx, c, UnaryFunction.TANH, batch, h, tag + "/ct");
        int ic = binary(ctx, LoweredOp.BinaryKind.MUL, it, ct, batch, h, tag + "/ic");
        Integer fc = times(ctx, ft, cPrev, batch, h, tag + "/fc");
        int cNew = fc == null ? ic : binary(ctx, LoweredOp.BinaryKind.ADD, fc, ic, batch, h, tag + "/C");
        State cs = new State(cNew, null);
        int ot = unary(ctx, peephole(ctx, o, p, 1, cs, batch, h, tag + "/po"), UnaryFunction.SIGMOID, batch, h, tag + "/ot");
        int hNew = binary(ctx, LoweredOp.BinaryKind.MUL, ot, unary(ctx, cNew, UnaryFunction.TANH, batch, h, tag + "/tanhC"), batch, h,
                tag + "/H");
        return new State[] {new State(hNew, null), cs};
    }

    /** ONNX GRU gates z, r, h: {@code H = (1 − z)⊙h̃ + z⊙H'}. */
    private static State gruStep(Lowering ctx, Node node, int xt, State hPrev, Weights w, int batch, String tag) {
        int h = w.h();
        boolean linearBeforeReset = node.attrInt("linear_before_reset", 0) != 0;
        int zr = gates(ctx, xt, hPrev, w, 0, 2, true, batch, tag + "/zr");
        int zt = unary(ctx, slice(ctx, zr, batch, 2 * h, 0, h, tag + "/z"), UnaryFunction.SIGMOID, batch, h, tag + "/zt");
        int rt = unary(ctx, slice(ctx, zr, batch, 2 * h, 1, h, tag + "/r"), UnaryFunction.SIGMOID, batch, h, tag + "/rt");
        double[] rh = w.transposedGate(w.r(), h, 2, 1);
        int xh = ctx.step(new LoweredOp.MatMul(xt, w.transposedGate(w.w(), w.in(), 2, 1), w.bias(w.wb(), 2, 1), w.in(), h),
                new int[] {batch, h}, tag + "/xh");
        double[] rbh = w.bias(w.rb(), 2, 1);
        int pre;
        if (linearBeforeReset) {
            // r ⊙ (H'·Rhᵀ + Rbh)
            int rhr;
            if (hPrev.isConstant()) {
                double[] c = FloatKernels.matMul(hPrev.constant(), rh, rbh, h, h);
                rhr = ctx.step(new LoweredOp.Affine(rt, new int[] {batch, h}, c, new double[c.length]), new int[] {batch, h}, tag + "/rhr");
            } else {
                int hr = ctx.step(new LoweredOp.MatMul(hPrev.id(), rh, rbh, h, h), new int[] {batch, h}, tag + "/hr");
                rhr = binary(ctx, LoweredOp.BinaryKind.MUL, rt, hr, batch, h, tag + "/rhr");
            }
            pre = binary(ctx, LoweredOp.BinaryKind.ADD, xh, rhr, batch, h, tag + "/pre");
        } else {
            // (r ⊙ H')·Rhᵀ + Rbh
            Integer rH = times(ctx, rt, hPrev, batch, h, tag + "/rH");
            int withBias = ctx.step(new LoweredOp.Affine(xh, new int[] {h}, ArithmeticOps.filled(h, 1), rbh), new int[] {batch, h},
                    tag + "/xhb");
            pre = rH == null ? withBias : addRecurrence(ctx, withBias, new State(rH, null), rh, h, batch, tag + "/rHR");
        }
        int ht = unary(ctx, pre, UnaryFunction.TANH, batch, h, tag + "/ht");
        int zh = binary(ctx, LoweredOp.BinaryKind.MUL, zt, ht, batch, h, tag + "/zh");
        int hNew = binary(ctx, LoweredOp.BinaryKind.SUB, ht, zh, batch, h, tag + "/(1-z)h");
        Integer zH = times(ctx, zt, hPrev, batch, h, tag + "/zH");
        return new State(zH == null ? hNew : binary(ctx, LoweredOp.BinaryKind.ADD, hNew, zH, batch, h, tag + "/H"), null);
    }

    /** ONNX RNN: {@code H = tanh(x·Wᵀ + H'·Rᵀ + Wb + Rb)}. */
    private static State rnnStep(Lowering ctx, int xt, State hPrev, Weights w, int batch, String tag) {
        int g = gates(ctx, xt, hPrev, w, 0, 1, true, batch, tag);
        return new State(unary(ctx, g, UnaryFunction.TANH, batch, w.h(), tag + "/H"), null);
    }
}
