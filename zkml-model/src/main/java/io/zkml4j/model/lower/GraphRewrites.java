package io.zkml4j.model.lower;

import io.zkml4j.model.graph.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact simplifications of a lowered graph: a per-output-channel {@link LoweredOp.Affine} after a MatMul or
 * Conv whose only reader it is folds into the weights and bias (BatchNorm after Conv, scaling after Gemm);
 * identity affines and same-shape reshapes disappear; chained movements merge; ops that no output needs
 * are dropped (model inputs always stay).
 */
final class GraphRewrites {
    private GraphRewrites() {
    }

    static LoweredGraph simplify(LoweredGraph g) {
        List<LoweredOp> ops = new ArrayList<>(g.ops());
        int n = ops.size();
        int[] alias = new int[n];
        for (int i = 0; i < n; i++) {
            alias[i] = i;
        }
        int[] readers = readers(ops, g.outputs());
        for (int i = 0; i < n; i++) {
            LoweredOp op = remapInputs(ops.get(i), alias);
            ops.set(i, op);
            if (op instanceof LoweredOp.Affine a) {
                if (isIdentity(a)) {
                    alias[i] = a.x();
                    continue;
                }
                LoweredOp folded = readers[a.x()] == 1 ? foldIntoLinear(ops.get(a.x()), a, g.shapes().get(a.x())) : null;
                if (folded != null) {
                    ops.set(i, folded);
                }
            } else if (op instanceof LoweredOp.Move m && m.xs().length == 1) {
                if (m.m().kind() == Movement.Kind.RESHAPE && Arrays.equals(g.shapes().get(m.xs()[0]), m.m().shape())) {
                    alias[i] = m.xs()[0];
                    continue;
                }
                LoweredOp inner = ops.get(m.xs()[0]);
                if (inner instanceof LoweredOp.Move im && readers[m.xs()[0]] == 1) {
                    Movement merged = im.m().then(m.m());
                    if (im.m().kind() == Movement.Kind.RESHAPE && m.m().kind() == Movement.Kind.RESHAPE) {
                        merged = new Movement(Movement.Kind.RESHAPE, new long[0], merged.shape(), merged.source());
                    }
                    ops.set(i, new LoweredOp.Move(im.xs(), merged));
                }
            }
        }
        int[] outputs = new int[g.outputs().length];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = alias[g.outputs()[i]];
        }
        return compact(ops, g, outputs);
    }

    private static boolean isIdentity(LoweredOp.Affine a) {
        for (int i = 0; i < a.mul().length; i++) {
            if (a.mul()[i] != 1 || a.add()[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code (x·W + b)·mul + add} as one linear op when mul and add vary only along the output-channel axis
     * (last axis of a MatMul, axis 1 of a Conv); else null.
     */
    private static LoweredOp foldIntoLinear(LoweredOp producer, LoweredOp.Affine a, int[] shape) {
        int channels;
        int axis;
        if (producer instanceof LoweredOp.MatMul m) {
            channels = m.n();
            axis = shape.length - 1;
        } else if (producer instanceof LoweredOp.Conv c) {
            channels = c.g().m();
            axis = 1;
        } else {
            return null;
        }
        double[] mul = new double[channels];
        double[] add = new double[channels];
        int[] full = Shapes.broadcastIndex(a.constShape(), shape);
        int[] strides = Shapes.strides(shape);
        boolean[] seen = new boolean[channels];
        // Every element of the output must see the constants of its channel only.
        for (int e = 0; e < full.length; e++) {
            int ch = (e / strides[axis]) % shape[axis];
            double mv = a.mul()[full[e]];
            double av = a.add()[full[e]];
            if (!seen[ch]) {
                seen[ch] = true;
                mul[ch] = mv;
                add[ch] = av;
            } else if (mv != mul[ch] || av != add[ch]) {
                return null;
            }
        }
        if (producer instanceof LoweredOp.MatMul m && m.publicBound()) {
            return null; // a bias would widen the public interval
        }
        if (producer instanceof LoweredOp.MatMul m) {
            double[] w = m.w().clone();
            double[] b = new double[channels];
            for (int i = 0; i < m.k(); i++) {
                for (int j = 0; j < channels; j++) {
                    w[i * channels + j] *= mul[j];
                }
            }
            for (int j = 0; j < channels; j++) {
                b[j] = (m.bias() == null ? 0 : m.bias()[j]) * mul[j] + add[j];
            }
            return new LoweredOp.MatMul(m.x(), w, b, m.k(), channels);
        }
        LoweredOp.Conv c = (LoweredOp.Conv) producer;
        double[] w = c.w().clone();
        int per = w.length / channels;
        double[] b = new double[channels];
        for (int j = 0; j < channels; j++) {
            for (int i = 0; i < per; i++) {
                w[j * per + i] *= mul[j];
            }
            b[j] = (c.bias() == null ? 0 : c.bias()[j]) * mul[j] + add[j];
        }
        return new LoweredOp.Conv(c.x(), w, b, c.g());
    }

    /** How many ops (and model outputs) read each tensor. */
    private static int[] readers(List<LoweredOp> ops, int[] outputs) {
        int[] r = new int[ops.size()];
        for (int o : outputs) {
            r[o]++;
        }
        for (LoweredOp op : ops) {
            for (int in : op.inputs()) {
                r[in]++;
            }
        }
        return r;
    }

    private static LoweredOp remapInputs(LoweredOp op, int[] map) {
        if (op instanceof LoweredOp.MatMul m) {
            return new LoweredOp.MatMul(map[m.x()], m.w(), m.bias(), m.k(), m.n(), m.publicBound());
        } else if (op instanceof LoweredOp.Conv c) {
            return new LoweredOp.Conv(map[c.x()], c.w(), c.bias(), c.g());
        } else if (op instanceof LoweredOp.Affine a) {
            return new LoweredOp.Affine(map[a.x()], a.constShape(), a.mul(), a.add());
        } else if (op instanceof LoweredOp.Binary b) {
            return new LoweredOp.Binary(b.op(), map[b.a()], map[b.b()]);
        } else if (op instanceof LoweredOp.Clip c) {
            return new LoweredOp.Clip(map[c.x()], c.lo(), c.hi());
        } else if (op instanceof LoweredOp.Unary u) {
            return new LoweredOp.Unary(map[u.x()], u.fn(), u.a(), u.b());
        } else if (op instanceof LoweredOp.MaxPool p) {
            return new LoweredOp.MaxPool(map[p.x()], p.g());
        } else if (op instanceof LoweredOp.SumPool p) {
            return new LoweredOp.SumPool(map[p.x()], p.g());
        } else if (op instanceof LoweredOp.Reduce r) {
            return new LoweredOp.Reduce(r.op(), map[r.x()], r.g());
        } else if (op instanceof LoweredOp.Move m) {
            int[] xs = new int[m.xs().length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = map[m.xs()[i]];
            }
            return new LoweredOp.Move(xs, m.m());
        } else if (op instanceof LoweredOp.Compare c) {
            return new LoweredOp.Compare(c.op(), map[c.x()], c.tShape(), c.t(), c.committed());
        } else if (op instanceof LoweredOp.Split sp) {
            return new LoweredOp.Split(map[sp.x()], sp.feature(), sp.strict(), sp.t());
        } else if (op instanceof LoweredOp.Logic l) {
            return new LoweredOp.Logic(l.op(), map[l.a()], l.b() < 0 ? -1 : map[l.b()]);
        } else if (op instanceof LoweredOp.Select s) {
            return new LoweredOp.Select(map[s.c()], s.a() < 0 ? -1 : map[s.a()], s.b() < 0 ? -1 : map[s.b()], s.kShape(), s.k());
        } else if (op instanceof LoweredOp.ArgMax a) {
            return new LoweredOp.ArgMax(map[a.x()], a.g(), a.last(), a.min());
        } else if (op instanceof LoweredOp.RoundDiv r) {
            return new LoweredOp.RoundDiv(map[r.x()], map[r.d()], r.mul());
        }
        return op;
    }

    /** Keeps the inputs and what the outputs need, renumbered in order. */
    private static LoweredGraph compact(List<LoweredOp> ops, LoweredGraph g, int[] outputs) {
        int n = ops.size();
        boolean[] live = new boolean[n];
        for (int o : outputs) {
            live[o] = true;
        }
        for (int in : g.inputs()) {
            live[in] = true;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (live[i]) {
                for (int in : ops.get(i).inputs()) {
                    live[in] = true;
                }
            }
        }
        int[] newId = new int[n];
        List<LoweredOp> out = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (live[i]) {
                newId[i] = out.size();
                out.add(remapInputs(ops.get(i), newId));
                shapes.add(g.shapes().get(i));
                names.add(g.names().get(i));
            } else {
                newId[i] = -1;
            }
        }
        int[] in = new int[g.inputs().length];
        for (int i = 0; i < in.length; i++) {
            in[i] = newId[g.inputs()[i]];
        }
        int[] o = new int[outputs.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = newId[outputs[i]];
        }
        return new LoweredGraph(out, shapes, names, in, o);
    }
}
