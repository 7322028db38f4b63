package io.zkml4j.model.quant;

import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.lower.ConvGeometry;
import java.util.List;

/**
 * Interval analysis of the integer primitives: from the static intervals of an op's inputs and its actual
 * constants, the interval {@code [lo, hi]} containing every value the op can produce, and the largest
 * magnitude any intermediate value (accumulator, product before a shift) can reach. Both must stay below
 * {@link #LIMIT} = 2^62, else the op's layer cannot be compiled.
 */
final class BoundAnalysis {
    /** Every value and intermediate of the integer computation stays strictly below this magnitude. */
    static final long LIMIT = 1L << 62;

    private BoundAnalysis() {
    }

    /** The output interval of {@code p}; throws naming {@code layer} when a bound reaches 2^62. */
    static long[] interval(Primitive p, List<TensorSpec> t, String layer) throws ModelCompileException {
        long[] r;
        try {
            r = compute(p, t, layer);
        } catch (ArithmeticException e) {
            throw tooLarge(layer, p, "a value exceeds 2^63 while bounding it");
        }
        Primitive.Bound declared = p instanceof Primitive.MatMul m ? m.declared() : p instanceof Primitive.Affine a ? a.declared() : null;
        if (declared != null) {
            // a public interval in place of the constants' one: it must contain every value they can give
            if (r[0] < declared.lo() || r[1] > declared.hi()) {
                throw new ModelCompileException("layer '" + layer + "' (" + p.kind() + "): its constants give values in [" + r[0]
                        + ", " + r[1] + "], outside its declared interval [" + declared.lo() + ", " + declared.hi() + "]");
            }
            r = r.length > 2 ? new long[] {declared.lo(), declared.hi(), r[2]} : new long[] {declared.lo(), declared.hi()};
        }
        if (Math.max(Math.abs(r[0]), Math.abs(r[1])) >= LIMIT || (r.length > 2 && r[2] >= LIMIT)) {
            throw tooLarge(layer, p, "values may reach " + magnitude(r) + ", at or above the 2^62 bound");
        }
        return new long[] {r[0], r[1]};
    }

    private static String magnitude(long[] r) {
        long m = Math.max(Math.abs(r[0]), Math.abs(r[1]));
        if (r.length > 2) {
            m = Math.max(m, r[2]);
        }
        return "2^" + (63 - Long.numberOfLeadingZeros(Math.max(1, m)));
    }

    static ModelCompileException tooLarge(String layer, Primitive p, String why) {
        return new ModelCompileException("layer '" + layer + "' (" + p.kind() + "): " + why
                + "; use fewer activationBits or weightBits, or a smaller calibration headroom");
    }

    /** {lo, hi} or {lo, hi, peak} where peak bounds intermediates beyond the endpoints. */
    private static long[] compute(Primitive p, List<TensorSpec> t, String layer) throws ModelCompileException {
        if (p instanceof Primitive.MatMul m) {
            TensorSpec x = t.get(m.x());
            return linear(m.w().values(), m.bias() == null ? null : m.bias().values(), m.k(), m.n(), x.lo(), x.hi(), false);
        } else if (p instanceof Primitive.Conv c) {
            return conv(c, t.get(c.x()));
        } else if (p instanceof Primitive.Requant r) {
            TensorSpec x = t.get(r.x());
            long half = r.s() == 0 ? 0 : 1L << (r.s() - 1);
            long peak = Math.addExact(Math.multiplyExact(x.maxAbs(), r.m()), half);
            long lo = clamp((x.lo() * r.m() + half) >> r.s(), r.lo(), r.hi());
            long hi = clamp((x.hi() * r.m() + half) >> r.s(), r.lo(), r.hi());
            return new long[] {lo, hi, peak};
        } else if (p instanceof Primitive.Table tb) {
            TensorSpec x = t.get(tb.x());
            if (x.lo() < tb.inLo() || x.hi() >= tb.inLo() + tb.table().length) {
                throw new ModelCompileException("layer '" + layer + "' (Table): input interval [" + x.lo() + ", " + x.hi()
                        + "] is not inside the table domain [" + tb.inLo() + ", " + (tb.inLo() + tb.table().length) + ")");
            }
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long v = x.lo(); v <= x.hi(); v++) {
                long e = tb.table()[(int) (v - tb.inLo())];
                lo = Math.min(lo, e);
                hi = Math.max(hi, e);
            }
            return new long[] {lo, hi};
        } else if (p instanceof Primitive.Add a) {
            TensorSpec x = t.get(a.a());
            TensorSpec y = t.get(a.b());
            return new long[] {Math.addExact(x.lo(), y.lo()), Math.addExact(x.hi(), y.hi())};
        } else if (p instanceof Primitive.Sub s) {
            TensorSpec x = t.get(s.a());
            TensorSpec y = t.get(s.b());
            return new long[] {Math.subtractExact(x.lo(), y.hi()), Math.subtractExact(x.hi(), y.lo())};
        } else if (p instanceof Primitive.Mul m) {
            TensorSpec x = t.get(m.a());
            TensorSpec y = t.get(m.b());
            return corners(Math.multiplyExact(x.lo(), y.lo()), Math.multiplyExact(x.lo(), y.hi()),
                    Math.multiplyExact(x.hi(), y.lo()), Math.multiplyExact(x.hi(), y.hi()));
        } else if (p instanceof Primitive.Affine a) {
            TensorSpec x = t.get(a.x());
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            long peak = 0;
            for (int i = 0; i < a.mul().size(); i++) {
                long m = a.mul().values()[i];
                long c = a.add().values()[i];
                long p1 = Math.multiplyExact(x.lo(), m);
                long p2 = Math.multiplyExact(x.hi(), m);
                lo = Math.min(lo, Math.addExact(Math.min(p1, p2), c));
                hi = Math.max(hi, Math.addExact(Math.max(p1, p2), c));
                peak = Math.max(peak, Math.max(Math.abs(p1), Math.abs(p2)));
            }
            return new long[] {lo, hi, peak};
        } else if (p instanceof Primitive.MaxPool mp) {
            TensorSpec x = t.get(mp.x());
            return new long[] {x.lo(), x.hi()};
        } else if (p instanceof Primitive.SumPool sp) {
            TensorSpec x = t.get(sp.x());
            long k = (long) sp.g().kh() * sp.g().kw();
            return new long[] {Math.multiplyExact(k, Math.min(0, x.lo())), Math.multiplyExact(k, Math.max(0, x.hi()))};
        } else if (p instanceof Primitive.ReduceSum r) {
            TensorSpec x = t.get(r.x());
            long n = r.g().groupSize();
            return new long[] {Math.multiplyExact(n, x.lo()), Math.multiplyExact(n, x.hi())};
        } else if (p instanceof Primitive.ReduceMax r) {
            TensorSpec x = t.get(r.x());
            return new long[] {x.lo(), x.hi()};
        } else if (p instanceof Primitive.Div d) {
            TensorSpec a = t.get(d.a());
            TensorSpec b = t.get(d.b());
            if (b.lo() < 1) {
                throw new ModelCompileException("layer '" + layer + "' (Div): the divisor's interval [" + b.lo() + ", "
                        + b.hi() + "] is not within [1, ∞): it may be zero or negative");
            }
            long alo = Math.multiplyExact(a.lo(), 1L << d.k());
            long ahi = Math.multiplyExact(a.hi(), 1L << d.k());
            long[] r = corners(Math.floorDiv(alo, b.lo()), Math.floorDiv(alo, b.hi()), Math.floorDiv(ahi, b.lo()),
                    Math.floorDiv(ahi, b.hi()));
            return new long[] {r[0], r[1], Math.max(Math.abs(alo), Math.abs(ahi))};
        } else if (p instanceof Primitive.Gather g) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            boolean zero = false;
            int[] offsets = new int[g.xs().length + 1];
            for (int i = 0; i < g.xs().length; i++) {
                offsets[i + 1] = offsets[i] + t.get(g.xs()[i]).size();
            }
            boolean[] used = new boolean[g.xs().length];
            for (int s : g.m().source()) {
                if (s < 0) {
                    zero = true;
                    continue;
                }
                int k = 0;
                while (s >= offsets[k + 1]) {
                    k++;
                }
                used[k] = true;
            }
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    lo = Math.min(lo, t.get(g.xs()[i]).lo());
                    hi = Math.max(hi, t.get(g.xs()[i]).hi());
                }
            }
            if (zero) {
                lo = Math.min(lo, 0);
                hi = Math.max(hi, 0);
            }
            return new long[] {lo, hi};
        }
        throw new IllegalStateException("no bounds for " + p.kind());
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static long[] corners(long a, long b, long c, long d) {
        return new long[] {Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(a, b), Math.max(c, d))};
    }

    /**
     * Σ_i x_i·w[i, j] + bias[j] per output j over x ∈ [xlo, xhi] (with 0 also possible when {@code zeroToo}):
     * the union of per-column intervals, and the peak of partial sums {@code Σ |w|·max|x| + |bias|}.
     */
    private static long[] linear(long[] w, long[] bias, int k, int n, long xlo, long xhi, boolean zeroToo) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long peak = 0;
        long xl = zeroToo ? Math.min(0, xlo) : xlo;
        long xh = zeroToo ? Math.max(0, xhi) : xhi;
        long xmax = Math.max(Math.abs(xl), Math.abs(xh));
        long[] cl = new long[n];
        long[] ch = new long[n];
        long[] cp = new long[n];
        if (bias != null) {
            for (int j = 0; j < n; j++) {
                cl[j] = bias[j];
                ch[j] = bias[j];
                cp[j] = Math.abs(bias[j]);
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                long wv = w[i * n + j];
                long a = Math.multiplyExact(wv, xl);
                long b = Math.multiplyExact(wv, xh);
                cl[j] = Math.addExact(cl[j], Math.min(a, b));
                ch[j] = Math.addExact(ch[j], Math.max(a, b));
                cp[j] = Math.addExact(cp[j], Math.multiplyExact(Math.abs(wv), xmax));
            }
        }
        for (int j = 0; j < n; j++) {
            lo = Math.min(lo, cl[j]);
            hi = Math.max(hi, ch[j]);
            peak = Math.max(peak, cp[j]);
        }
        return new long[] {lo, hi, peak};
    }

    private static long[] conv(Primitive.Conv c, TensorSpec x) {
        ConvGeometry g = c.g();
        boolean padded = g.padTop() > 0 || g.padLeft() > 0 || g.padBottom() > 0 || g.padRight() > 0;
        int per = g.cPerGroup() * g.kh() * g.kw();
        // The weight of output channel m is row m of a [m, per] matrix; transpose to [per, m] for linear().
        long[] wt = new long[per * g.m()];
        for (int m = 0; m < g.m(); m++) {
            for (int i = 0; i < per; i++) {
                wt[i * g.m() + m] = c.w().values()[m * per + i];
            }
        }
        return linear(wt, c.bias() == null ? null : c.bias().values(), per, g.m(), x.lo(), x.hi(), padded);
    }
}
