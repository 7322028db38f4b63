package io.zkml4j.model.quant;

import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.lower.ConvGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that a quantized model is internally consistent: each op's shapes and constants agree with its
 * primitive, movement sources are in range, multipliers and shifts are legal, inputs carry the activation
 * range, and every stored static interval is exactly what {@link BoundAnalysis} derives (so a file cannot
 * claim tighter bounds than its arithmetic allows).
 */
final class ModelValidation {
    private ModelValidation() {
    }

    static void check(QuantizedModel m) throws ModelCompileException {
        List<TensorSpec> seen = new ArrayList<>();
        QuantizationOptions o = m.options();
        for (int i = 0; i < m.ops().size(); i++) {
            Primitive p = m.ops().get(i);
            TensorSpec t = m.tensor(i);
            String where = "op " + i + " (" + p.kind() + ", '" + t.name() + "')";
            String problem;
            try {
                problem = shapeProblem(p, t.shape(), seen);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                throw new ModelCompileException(where + ": " + problem);
            }
            long[] iv = p instanceof Primitive.Input ? new long[] {o.activationMin(), o.activationMax()}
                    : BoundAnalysis.interval(p, seen, t.name());
            if (iv[0] != t.lo() || iv[1] != t.hi()) {
                throw new ModelCompileException(where + ": stored interval [" + t.lo() + ", " + t.hi()
                        + "] differs from the derived [" + iv[0] + ", " + iv[1] + "]");
            }
            seen.add(t);
        }
    }

    private static String shapeProblem(Primitive p, int[] out, List<TensorSpec> t) {
        if (p instanceof Primitive.Input) {
            return null;
        } else if (p instanceof Primitive.MatMul mm) {
            int[] x = t.get(mm.x()).shape();
            if (x.length == 0 || x[x.length - 1] != mm.k()) {
                return "input shape " + Arrays.toString(x) + " does not end in k = " + mm.k();
            }
            if (mm.bias() != null && mm.bias().size() != mm.n()) {
                return "bias size " + mm.bias().size() + " for n = " + mm.n();
            }
            return Shapes.size(out) == Shapes.size(x) / mm.k() * mm.n() && out.length > 0 && out[out.length - 1] == mm.n()
                    ? null : "output shape " + Arrays.toString(out);
        } else if (p instanceof Primitive.Conv c) {
            ConvGeometry g = c.g();
            int[] x = t.get(c.x()).shape();
            if (Shapes.size(x) != g.n() * g.c() * g.h() * g.w() || x.length < 3 || x[0] != g.n() || x[1] != g.c()) {
                return "input shape " + Arrays.toString(x) + " does not match the geometry";
            }
            if (c.w().size() != g.weightSize() || (c.bias() != null && c.bias().size() != g.m())) {
                return "weights or bias do not match the geometry";
            }
            return Shapes.size(out) == g.n() * g.m() * g.outH() * g.outW() ? null : "output shape " + Arrays.toString(out);
        } else if (p instanceof Primitive.Requant r) {
            if (r.m() < 1 || r.s() < 0 || r.s() > 62 || r.lo() > r.hi()) {
                return "illegal multiplier " + r.m() + ", shift " + r.s() + " or clamp [" + r.lo() + ", " + r.hi() + "]";
            }
            return same(t.get(r.x()).shape(), out);
        } else if (p instanceof Primitive.Table tb) {
            if (tb.table().length < 1 || tb.table().length > 1 << 16) {
                return "table length " + tb.table().length;
            }
            return same(t.get(tb.x()).shape(), out);
        } else if (p instanceof Primitive.Add a) {
            return same(Shapes.broadcast(t.get(a.a()).shape(), t.get(a.b()).shape()), out);
        } else if (p instanceof Primitive.Sub a) {
            return same(Shapes.broadcast(t.get(a.a()).shape(), t.get(a.b()).shape()), out);
        } else if (p instanceof Primitive.Mul a) {
            return same(Shapes.broadcast(t.get(a.a()).shape(), t.get(a.b()).shape()), out);
        } else if (p instanceof Primitive.Div d) {
            if (d.k() < 0 || d.k() > 62) {
                return "shift " + d.k();
            }
            return same(Shapes.broadcast(t.get(d.a()).shape(), t.get(d.b()).shape()), out);
        } else if (p instanceof Primitive.Affine a) {
            int[] x = t.get(a.x()).shape();
            if (!Arrays.equals(a.mul().shape(), a.add().shape())) {
                return "mul and add shapes differ";
            }
            String s = same(Shapes.broadcast(x, a.mul().shape()), x);
            return s != null ? s : same(x, out);
        } else if (p instanceof Primitive.MaxPool mp) {
            return pool(t.get(mp.x()).shape(), mp.g(), out);
        } else if (p instanceof Primitive.SumPool sp) {
            return pool(t.get(sp.x()).shape(), sp.g(), out);
        } else if (p instanceof Primitive.ReduceSum r) {
            return reduce(t.get(r.x()).shape(), r.g(), out);
        } else if (p instanceof Primitive.ReduceMax r) {
            return reduce(t.get(r.x()).shape(), r.g(), out);
        } else if (p instanceof Primitive.Gather g) {
            long total = 0;
            for (int x : g.xs()) {
                total += t.get(x).size();
            }
            for (int s : g.m().source()) {
                if (s < -1 || s >= total) {
                    return "movement source " + s + " outside [-1, " + total + ")";
                }
            }
            if (g.m().source().length != Shapes.size(g.m().shape())) {
                return "movement of " + g.m().source().length + " elements for shape " + Arrays.toString(g.m().shape());
            }
            return same(g.m().shape(), out);
        }
        return "unknown primitive";
    }

    private static String same(int[] expected, int[] out) {
        return Arrays.equals(expected, out) ? null : "output shape " + Arrays.toString(out) + ", expected " + Arrays.toString(expected);
    }

    private static String pool(int[] x, io.zkml4j.model.lower.PoolGeometry g, int[] out) {
        if (Shapes.size(x) != g.n() * g.c() * g.h() * g.w()) {
            return "input shape " + Arrays.toString(x) + " does not match the window geometry";
        }
        return Shapes.size(out) == g.n() * g.c() * g.outH() * g.outW() ? null : "output shape " + Arrays.toString(out);
    }

    private static String reduce(int[] x, io.zkml4j.model.lower.ReduceGeometry g, int[] out) {
        String s = same(g.in(), x);
        return s != null ? "input " + s : same(g.out(), out);
    }
}
