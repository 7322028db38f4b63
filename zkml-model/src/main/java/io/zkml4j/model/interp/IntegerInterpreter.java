package io.zkml4j.model.interp;

import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.quant.LongTensor;
import io.zkml4j.model.quant.Primitive;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.TensorSpec;

/**
 * Runs a {@link QuantizedModel} bit for bit as it will be proved: exact {@code long} arithmetic, no floating
 * point, deterministic. Every computed tensor is checked against its static interval (a value outside it
 * would be a bug in the quantizer's bound analysis, reported as {@link IllegalStateException}).
 */
public final class IntegerInterpreter {
    private IntegerInterpreter() {
    }

    /** Runs the model on already-quantized inputs; each must lie in its input's interval. */
    public static Trace run(QuantizedModel model, long[][] inputs) {
        int[] inIds = model.inputs();
        if (inputs.length != inIds.length) {
            throw new IllegalArgumentException("the model has " + inIds.length + " inputs, got " + inputs.length);
        }
        long[][] v = new long[model.ops().size()][];
        for (int i = 0; i < inIds.length; i++) {
            TensorSpec s = model.tensor(inIds[i]);
            if (inputs[i].length != s.size()) {
                throw new IllegalArgumentException("input '" + model.inputNames().get(i) + "' needs " + s.size()
                        + " values, got " + inputs[i].length);
            }
            for (long x : inputs[i]) {
                if (x < s.lo() || x > s.hi()) {
                    throw new IllegalArgumentException("input '" + model.inputNames().get(i) + "' value " + x
                            + " is outside its range [" + s.lo() + ", " + s.hi() + "]");
                }
            }
            v[inIds[i]] = inputs[i].clone();
        }
        for (int i = 0; i < v.length; i++) {
            Primitive p = model.ops().get(i);
            if (p instanceof Primitive.Input) {
                continue;
            }
            v[i] = apply(p, v, model, i);
            check(model.tensor(i), v[i], p, i);
        }
        return new Trace(v, model.outputs());
    }

    /** {@link Primitive.Requant}'s function on each value: {@code clamp(floor((x·m + 2^(s−1)) / 2^s), lo, hi)}. */
    public static long[] requant(long[] x, long m, int s, long lo, long hi) {
        return IntegerKernels.requant(x, m, s, lo, hi);
    }

    /** Quantizes float inputs, runs, and dequantizes the outputs. */
    public static double[][] infer(QuantizedModel model, float[][] inputs) {
        Trace t = run(model, model.quantizeInputs(inputs));
        double[][] out = new double[t.outputCount()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = model.dequantizeOutput(i, t.output(i));
        }
        return out;
    }

    private static void check(TensorSpec s, long[] values, Primitive p, int id) {
        if (values.length != s.size()) {
            throw new IllegalStateException("op " + id + " (" + p.kind() + ") produced " + values.length
                    + " values for shape " + Shapes.toString(s.shape()));
        }
        for (long x : values) {
            if (x < s.lo() || x > s.hi()) {
                throw new IllegalStateException("op " + id + " (" + p.kind() + ", " + s.name() + ") produced " + x
                        + " outside its static interval [" + s.lo() + ", " + s.hi() + "]");
            }
        }
    }

    private static long[] values(LongTensor t) {
        return t == null ? null : t.values();
    }

    static long[] apply(Primitive p, long[][] v, QuantizedModel model, int self) {
        int[] outShape = model.tensor(self).shape();
        if (p instanceof Primitive.MatMul m) {
            return IntegerKernels.matMul(v[m.x()], m.w().values(), values(m.bias()), m.k(), m.n());
        } else if (p instanceof Primitive.Conv c) {
            return IntegerKernels.conv(v[c.x()], c.w().values(), values(c.bias()), c.g());
        } else if (p instanceof Primitive.Requant r) {
            return IntegerKernels.requant(v[r.x()], r.m(), r.s(), r.lo(), r.hi());
        } else if (p instanceof Primitive.Table t) {
            return IntegerKernels.table(v[t.x()], t.inLo(), t.table());
        } else if (p instanceof Primitive.Add a) {
            return elementwise(v[a.a()], v[a.b()], model, a.a(), a.b(), outShape, 0, 0);
        } else if (p instanceof Primitive.Sub s) {
            return elementwise(v[s.a()], v[s.b()], model, s.a(), s.b(), outShape, 1, 0);
        } else if (p instanceof Primitive.Mul m) {
            return elementwise(v[m.a()], v[m.b()], model, m.a(), m.b(), outShape, 2, 0);
        } else if (p instanceof Primitive.Div d) {
            return elementwise(v[d.a()], v[d.b()], model, d.a(), d.b(), outShape, 3, d.k());
        } else if (p instanceof Primitive.Affine a) {
            long[] x = v[a.x()];
            int[] ci = Shapes.broadcastIndex(a.mul().shape(), model.tensor(a.x()).shape());
            long[] mul = a.mul().values();
            long[] add = a.add().values();
            long[] y = new long[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = x[i] * mul[ci[i]] + add[ci[i]];
            }
            return y;
        } else if (p instanceof Primitive.MaxPool mp) {
            return IntegerKernels.pool(v[mp.x()], mp.g(), true);
        } else if (p instanceof Primitive.SumPool sp) {
            return IntegerKernels.pool(v[sp.x()], sp.g(), false);
        } else if (p instanceof Primitive.ReduceSum r) {
            return IntegerKernels.reduce(v[r.x()], r.g().target(), r.g().outSize(), false);
        } else if (p instanceof Primitive.ReduceMax r) {
            return IntegerKernels.reduce(v[r.x()], r.g().target(), r.g().outSize(), true);
        } else if (p instanceof Primitive.Gather g) {
            long[][] xs = new long[g.xs().length][];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = v[g.xs()[i]];
            }
            if (g.m().kind() == io.zkml4j.model.lower.Movement.Kind.RESHAPE && xs.length == 1) {
                return xs[0]; // a relabeling: the same values (trace arrays are shared, never written)
            }
            return IntegerKernels.gather(xs, g.m().source());
        }
        throw new IllegalStateException("no integer semantics for " + p.kind());
    }

    /** Broadcast element-wise op: 0 add, 1 sub, 2 mul, 3 floor(a·2^k / b). */
    private static long[] elementwise(long[] a, long[] b, QuantizedModel model, int aId, int bId, int[] out, int op, int k) {
        int n = Shapes.size(out);
        long[] y = new long[n];
        boolean same = a.length == n && b.length == n;
        int[] ai = same ? null : Shapes.broadcastIndex(model.tensor(aId).shape(), out);
        int[] bi = same ? null : Shapes.broadcastIndex(model.tensor(bId).shape(), out);
        for (int i = 0; i < n; i++) {
            long p = a[same ? i : ai[i]];
            long q = b[same ? i : bi[i]];
            y[i] = switch (op) {
                case 0 -> p + q;
                case 1 -> p - q;
                case 2 -> p * q;
                default -> Math.floorDiv(p << k, q);
            };
        }
        return y;
    }
}
