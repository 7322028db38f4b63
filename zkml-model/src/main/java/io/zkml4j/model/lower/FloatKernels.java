package io.zkml4j.model.lower;

import io.zkml4j.model.graph.Shapes;

/** The {@code double} semantics of each {@link LoweredOp}, used for calibration and as a float reference. */
final class FloatKernels {
    private FloatKernels() {
    }

    static double[] apply(LoweredOp op, double[][] v, LoweredGraph g, int self) {
        int[] outShape = g.shapes().get(self);
        if (op instanceof LoweredOp.MatMul m) {
            return matMul(v[m.x()], m.w(), m.bias(), m.k(), m.n());
        } else if (op instanceof LoweredOp.Conv c) {
            return conv(v[c.x()], c.w(), c.bias(), c.g());
        } else if (op instanceof LoweredOp.Affine a) {
            int[] xShape = g.shapes().get(a.x());
            int[] ci = Shapes.broadcastIndex(a.constShape(), xShape);
            double[] x = v[a.x()];
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = x[i] * a.mul()[ci[i]] + a.add()[ci[i]];
            }
            return y;
        } else if (op instanceof LoweredOp.Binary b) {
            int[] ai = Shapes.broadcastIndex(g.shapes().get(b.a()), outShape);
            int[] bi = Shapes.broadcastIndex(g.shapes().get(b.b()), outShape);
            double[] x = v[b.a()];
            double[] z = v[b.b()];
            double[] y = new double[ai.length];
            for (int i = 0; i < y.length; i++) {
                double p = x[ai[i]];
                double q = z[bi[i]];
                y[i] = switch (b.op()) {
                    case ADD -> p + q;
                    case SUB -> p - q;
                    case MUL -> p * q;
                    case DIV -> p / q;
                };
            }
            return y;
        } else if (op instanceof LoweredOp.Clip c) {
            double[] x = v[c.x()];
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.min(Math.max(x[i], c.lo()), c.hi());
            }
            return y;
        } else if (op instanceof LoweredOp.Unary u) {
            double[] x = v[u.x()];
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = u.fn().apply(x[i], u.a(), u.b());
            }
            return y;
        } else if (op instanceof LoweredOp.MaxPool p) {
            return pool(v[p.x()], p.g(), true);
        } else if (op instanceof LoweredOp.SumPool p) {
            return pool(v[p.x()], p.g(), false);
        } else if (op instanceof LoweredOp.Reduce r) {
            double[] x = v[r.x()];
            int[] t = r.g().target();
            double[] y = new double[r.g().outSize()];
            boolean max = r.op() == LoweredOp.ReduceKind.MAX;
            if (max) {
                java.util.Arrays.fill(y, Double.NEGATIVE_INFINITY);
            }
            for (int i = 0; i < x.length; i++) {
                y[t[i]] = max ? Math.max(y[t[i]], x[i]) : y[t[i]] + x[i];
            }
            return y;
        } else if (op instanceof LoweredOp.RoundDiv r) {
            int[] di = Shapes.broadcastIndex(g.shapes().get(r.d()), outShape);
            double[] x = v[r.x()];
            double[] d = v[r.d()];
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                double q = d[di[i]];
                y[i] = q <= 0 ? 0 : Math.floor((2 * r.mul() * x[i] + q) / (2 * q));
            }
            return y;
        } else if (op instanceof LoweredOp.Move m) {
            double[][] ins = new double[m.xs().length][];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = v[m.xs()[i]];
            }
            return m.m().apply(ins);
        } else if (op instanceof LoweredOp.Split sp) {
            double[] x = v[sp.x()];
            int f = g.shapes().get(sp.x())[1];
            int k = sp.feature().length;
            double[] y = new double[x.length / f * k];
            for (int r = 0; r < x.length / f; r++) {
                for (int j = 0; j < k; j++) {
                    double xv = x[r * f + sp.feature()[j]];
                    y[r * k + j] = (sp.strict()[j] ? xv < sp.t()[j] : xv <= sp.t()[j]) ? 1 : 0;
                }
            }
            return y;
        } else if (op instanceof LoweredOp.Compare c) {
            double[] x = v[c.x()];
            double[] y = new double[x.length];
            int[] ti = Shapes.broadcastIndex(c.tShape(), g.shapes().get(c.x()));
            for (int i = 0; i < y.length; i++) {
                double t = c.t()[ti[i]];
                boolean r = switch (c.op()) {
                    case GT -> x[i] > t;
                    case GE -> x[i] >= t;
                    case LT -> x[i] < t;
                    case LE -> x[i] <= t;
                    case EQ -> x[i] == t;
                };
                y[i] = r ? 1 : 0;
            }
            return y;
        } else if (op instanceof LoweredOp.Logic l) {
            int[] ai = Shapes.broadcastIndex(g.shapes().get(l.a()), outShape);
            int[] bi = l.b() < 0 ? ai : Shapes.broadcastIndex(g.shapes().get(l.b()), outShape);
            double[] a = v[l.a()];
            double[] b = l.b() < 0 ? a : v[l.b()];
            double[] y = new double[ai.length];
            for (int i = 0; i < y.length; i++) {
                boolean p = a[ai[i]] != 0;
                boolean q = b[bi[i]] != 0;
                boolean r = switch (l.op()) {
                    case NOT -> !p;
                    case AND -> p && q;
                    case OR -> p || q;
                    case XOR -> p ^ q;
                };
                y[i] = r ? 1 : 0;
            }
            return y;
        } else if (op instanceof LoweredOp.Select s) {
            int[] ci = Shapes.broadcastIndex(g.shapes().get(s.c()), outShape);
            int[] ai = Shapes.broadcastIndex(s.a() < 0 ? s.kShape() : g.shapes().get(s.a()), outShape);
            int[] bi = Shapes.broadcastIndex(s.b() < 0 ? s.kShape() : g.shapes().get(s.b()), outShape);
            double[] c = v[s.c()];
            double[] a = s.a() < 0 ? s.k() : v[s.a()];
            double[] b = s.b() < 0 ? s.k() : v[s.b()];
            double[] y = new double[ci.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = c[ci[i]] != 0 ? a[ai[i]] : b[bi[i]];
            }
            return y;
        } else if (op instanceof LoweredOp.ArgMax a) {
            double[] x = v[a.x()];
            int[] t = a.g().target();
            double[] best = new double[a.g().outSize()];
            double[] y = new double[best.length];
            int[] seen = new int[best.length];
            for (int i = 0; i < x.length; i++) {
                int k = seen[t[i]]++;
                double xi = a.min() ? -x[i] : x[i];
                if (k == 0 || xi > best[t[i]] || (a.last() && xi == best[t[i]])) {
                    best[t[i]] = xi;
                    y[t[i]] = k;
                }
            }
            return y;
        }
        throw new IllegalStateException("no float semantics for " + op.kind());
    }

    static double[] matMul(double[] x, double[] w, double[] bias, int k, int n) {
        int rows = x.length / k;
        double[] y = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                y[r * n + j] = bias == null ? 0 : bias[j];
            }
            for (int i = 0; i < k; i++) {
                double xi = x[r * k + i];
                if (xi == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    y[r * n + j] += xi * w[i * n + j];
                }
            }
        }
        return y;
    }

    static double[] conv(double[] x, double[] w, double[] bias, ConvGeometry g) {
        int oh = g.outH();
        int ow = g.outW();
        int cpg = g.cPerGroup();
        int mpg = g.m() / g.groups();
        double[] y = new double[g.n() * g.m() * oh * ow];
        for (int b = 0; b < g.n(); b++) {
            for (int m = 0; m < g.m(); m++) {
                int group = m / mpg;
                int outBase = (b * g.m() + m) * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = bias == null ? 0 : bias[m];
                        for (int ci = 0; ci < cpg; ci++) {
                            int c = group * cpg + ci;
                            for (int ky = 0; ky < g.kh(); ky++) {
                                int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                                if (iy < 0 || iy >= g.h()) {
                                    continue;
                                }
                                for (int kx = 0; kx < g.kw(); kx++) {
                                    int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                    if (ix < 0 || ix >= g.w()) {
                                        continue;
                                    }
                                    acc += x[((b * g.c() + c) * g.h() + iy) * g.w() + ix]
                                            * w[((m * cpg + ci) * g.kh() + ky) * g.kw() + kx];
                                }
                            }
                        }
                        y[outBase + oy * ow + ox] = acc;
                    }
                }
            }
        }
        return y;
    }

    static double[] pool(double[] x, PoolGeometry g, boolean max) {
        int[] win = g.windows();
        int k = g.windowSize();
        double[] y = new double[win.length / k];
        for (int o = 0; o < y.length; o++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (int t = o * k; t < o * k + k; t++) {
                int i = win[t];
                if (i >= 0) {
                    acc = max ? Math.max(acc, x[i]) : acc + x[i];
                }
            }
            y[o] = acc;
        }
        return y;
    }
}
