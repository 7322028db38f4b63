package io.zkml4j.prover.relation.conv;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.ConvLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.layout.PaddedShape;

/**
 * Prover of a convolution without an im2col matrix. With {@code g = Σ_t λ^t eq(r_t, ·)} merging the
 * claims on y:
 * <pre>
 *   Σ g·y = Σ_t λ^t b~(r_t^co) + Σ_{ci,iy,ix} x(ci,iy,ix)·A(ci,iy,ix)
 *   A(ci,iy,ix) = Σ_{co,ky,kx,oy,ox} g(co,oy,ox)·W(co,ci,ky,kx)·S_y(oy,ky,iy)·S_x(ox,kx,ix)
 * </pre>
 * (S the {@link io.zkml4j.prover.relation.ShiftPredicate}s). The prover computes A claim by claim from
 * eq's product structure (far cheaper than the forward convolution), runs a sumcheck over the input variables to a point
 * s, sends x~(s) and A~(s), then proves A~(s) with a second sumcheck over the weight variables:
 * <pre>
 *   A~(s) = Σ_{co,ci,ky,kx} W(co,ci,ky,kx)·H(co,ci,ky,kx),
 *   H = Σ_t λ^t eq(r_t^co, co)·eq(s_ci, ci)·S~_y(r_t^oy, ky, s_iy)·S~_x(r_t^ox, kx, s_ix)
 * </pre>
 * ending in a claim on W; the verifier evaluates H~ itself in O(O·K) per spatial dimension.
 */
public final class ConvProver {
    private ConvProver() {}

    /**
     * The forward convolution on padded tables (field elements); the bias is added everywhere. Sums that
     * provably fit a {@code long} (every |x|·|w| summed over a window below 2^62) are computed on signed
     * integers and mapped to the field once per output; others in field arithmetic.
     */
    public static long[] forward(Circuit c, ConvLayer layer, long[] x, long[] w, long[] bias) {
        ConvShape sh = ConvShape.of(c, layer);
        PaddedShape ys = sh.y();
        long[] y = fitsLong(sh, x, w) ? forwardSigned(sh, x, w) : forwardField(sh, x, w);
        if (bias != null) {
            int per = ys.paddedDim(2) * ys.paddedDim(3);
            for (int o = 0; o < ys.paddedDim(1); o++) {
                long b = bias[o];
                for (int p = 0; p < per; p++) {
                    y[o * per + p] = Goldilocks.add(y[o * per + p], b);
                }
            }
        }
        return y;
    }

    private static boolean fitsLong(ConvShape sh, long[] x, long[] w) {
        long mx = maxAbs(x), mw = maxAbs(w);
        long terms = (long) sh.w().dim(1) * sh.w().dim(2) * sh.w().dim(3);
        return mx < (1L << 31) && mw < (1L << 31) && mx * mw < (1L << 62) / Math.max(1, terms);
    }

    private static long maxAbs(long[] v) {
        long m = 0;
        for (long e : v) {
            m = Math.max(m, Math.abs(Goldilocks.toSigned(e)));
        }
        return m;
    }

    private static long[] forwardSigned(ConvShape sh, long[] xField, long[] wField) {
        long[] x = new long[xField.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Goldilocks.toSigned(xField[i]);
        }
        long[] y = new long[sh.y().paddedSize()];
        forEachTap(sh, wField, (wv, yRow, xRow, cols) -> {
            long ws = Goldilocks.toSigned(wv);
            for (int ox = 0; ox < cols.length; ox++) {
                int ix = cols[ox];
                if (ix >= 0) {
                    y[yRow + ox] += ws * x[xRow + ix];
                }
            }
        });
        for (int i = 0; i < y.length; i++) {
            y[i] = Goldilocks.fromSigned(y[i]);
        }
        return y;
    }

    private static long[] forwardField(ConvShape sh, long[] x, long[] w) {
        long[] y = new long[sh.y().paddedSize()];
        forEachTap(sh, w, (wv, yRow, xRow, cols) -> {
            for (int ox = 0; ox < cols.length; ox++) {
                int ix = cols[ox];
                if (ix >= 0) {
                    y[yRow + ox] = Goldilocks.add(y[yRow + ox], Goldilocks.mul(wv, x[xRow + ix]));
                }
            }
        });
        return y;
    }

    /** One nonzero weight applied along one output row: {@code y[yRow + ox] += wv·x[xRow + cols[ox]]} where {@code cols[ox] >= 0}. */
    private interface Tap {
        void apply(long wv, int yRow, int xRow, int[] cols);
    }

    private static void forEachTap(ConvShape sh, long[] w, Tap tap) {
        PaddedShape xs = sh.x(), ys = sh.y(), ws = sh.w();
        int co = ws.dim(0), ci = ws.dim(1), kh = ws.dim(2), kw = ws.dim(3);
        int[][] cols = new int[kw][ys.dim(3)];
        for (int kx = 0; kx < kw; kx++) {
            for (int ox = 0; ox < ys.dim(3); ox++) {
                cols[kx][ox] = sh.cols().input(ox, kx);
            }
        }
        for (int o = 0; o < co; o++) {
            for (int i = 0; i < ci; i++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        long wv = w[ws.paddedIndex(o, i, ky, kx)];
                        if (wv == 0) {
                            continue;
                        }
                        for (int oy = 0; oy < ys.dim(2); oy++) {
                            int iy = sh.rows().input(oy, ky);
                            if (iy >= 0) {
                                tap.apply(wv, ys.paddedIndex(0, o, oy, 0), xs.paddedIndex(0, i, iy, 0), cols[kx]);
                            }
                        }
                    }
                }
            }
        }
    }

    public static void prove(ProverContext ctx, ConvLayer layer) {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        ConvShape sh = ConvShape.of(ctx.circuit(), layer);
        var ch = ctx.channel();
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        if (layer.bias() >= 0) {
            for (int t = 0; t < merged.size(); t++) {
                Ext[] rco = sh.yco(merged.claim(t).point());
                Ext beta = Multilinear.evaluate(ctx.weights()[layer.bias()], rco);
                ch.sendExt("conv bias", beta);
                ctx.claims().weight(layer.bias(), rco, beta);
            }
        }
        long[] w = ctx.weights()[layer.weight()];
        long[] a = transposedConvolution(sh, merged, w);
        long[] x = ctx.tensors()[layer.x()];
        SumcheckProver.Result first = ch.sumcheck(SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.base(x), MultilinearTable.ext(a)));
        Ext[] s = first.point();
        ch.sendExt("conv input", first.finalEvaluations()[0]);
        ctx.claims().tensor(layer.x(), s, first.finalEvaluations()[0]);
        ch.sendExt("conv adjoint", first.finalEvaluations()[1]);

        long[] h = kernelWeights(sh, merged, s);
        SumcheckProver.Result second = ch.sumcheck(SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.base(w), MultilinearTable.ext(h)));
        ch.sendExt("conv weight", second.finalEvaluations()[0]);
        ctx.claims().weight(layer.weight(), second.point(), second.finalEvaluations()[0]);
    }

    /**
     * {@code A(ci,iy,ix) = Σ g(co,oy,ox)·W(co,ci,ky,kx)} over the window relation; extension pairs. Each
     * claim's {@code eq(r_t, ·)} is a product over {@code co}, {@code oy} and {@code ox}, so per claim W is
     * first contracted with {@code λ^t·eq(r_t^co, co)} into {@code V(ci,ky,kx)}, then spread over the
     * columns and the rows by the windows' adjoint tables: {@code O(|W| + CI·K·|x|)} per claim instead of
     * the forward convolution's {@code O(|W|·|y|/CO)}.
     */
    static long[] transposedConvolution(ConvShape sh, MergedClaims merged, long[] w) {
        PaddedShape xs = sh.x(), ws = sh.w();
        int co = ws.dim(0), ci = ws.dim(1), kh = ws.dim(2), kw = ws.dim(3);
        int hx = xs.dim(2), wx = xs.dim(3);
        long[] a = new long[2 * xs.paddedSize()];
        long[] v = new long[2 * ci * kh * kw];
        long[] u = new long[2 * kh * wx];
        for (int t = 0; t < merged.size(); t++) {
            Ext[] r = merged.claim(t).point();
            long[] eqCo = Multilinear.eqTable(sh.yco(r));
            Ext lambda = merged.coefficient(t);
            long[] rowsAdj = sh.rows().adjointTable(sh.yoy(r));
            long[] colsAdj = sh.cols().adjointTable(sh.yox(r));
            java.util.Arrays.fill(v, 0);
            for (int o = 0; o < co; o++) {
                Ext e = Ext.at(eqCo, o).mul(lambda);
                long e0 = e.c0, e1 = e.c1;
                for (int i = 0; i < ci; i++) {
                    int wRow = ws.paddedIndex(o, i, 0, 0);
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            long wv = w[wRow + (ky << ws.varOffset(2)) + kx];
                            if (wv != 0) {
                                int at = 2 * ((i * kh + ky) * kw + kx);
                                v[at] = Goldilocks.add(v[at], Goldilocks.mul(wv, e0));
                                v[at + 1] = Goldilocks.add(v[at + 1], Goldilocks.mul(wv, e1));
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < ci; i++) {
                java.util.Arrays.fill(u, 0);
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        int vi = (i * kh + ky) * kw + kx;
                        for (int ix = 0; ix < wx; ix++) {
                            ExtArrays.mulAddInto(u, ky * wx + ix, v, vi, colsAdj, kx * wx + ix);
                        }
                    }
                }
                for (int ky = 0; ky < kh; ky++) {
                    for (int iy = 0; iy < hx; iy++) {
                        int aRow = xs.paddedIndex(0, i, iy, 0);
                        for (int ix = 0; ix < wx; ix++) {
                            ExtArrays.mulAddInto(a, aRow + ix, u, ky * wx + ix, rowsAdj, ky * hx + iy);
                        }
                    }
                }
            }
        }
        return a;
    }

    /** The table H over the weight variables (see the class comment); extension pairs. */
    static long[] kernelWeights(ConvShape sh, MergedClaims merged, Ext[] s) {
        PaddedShape ws = sh.w();
        long[] h = new long[2 * ws.paddedSize()];
        long[] eqCi = Multilinear.eqTable(sh.xci(s));
        int khp = ws.paddedDim(2), kwp = ws.paddedDim(3);
        for (int t = 0; t < merged.size(); t++) {
            Ext[] r = merged.claim(t).point();
            long[] eqCo = Multilinear.eqTable(sh.yco(r));
            long[] ky = sh.rows().kernelTable(sh.yoy(r), sh.xiy(s), khp);
            long[] kx = sh.cols().kernelTable(sh.yox(r), sh.xix(s), kwp);
            Ext lambda = merged.coefficient(t);
            for (int o = 0; o < ws.paddedDim(0); o++) {
                Ext co = Ext.at(eqCo, o).mul(lambda);
                for (int i = 0; i < ws.paddedDim(1); i++) {
                    Ext coci = co.mul(Ext.at(eqCi, i));
                    for (int a = 0; a < khp; a++) {
                        Ext row = coci.mul(Ext.at(ky, a));
                        int base = ws.paddedIndex(o, i, a, 0);
                        for (int b = 0; b < kwp; b++) {
                            long v0 = Ext.mulC0(row.c0, row.c1, kx[2 * b], kx[2 * b + 1]);
                            long v1 = Ext.mulC1(row.c0, row.c1, kx[2 * b], kx[2 * b + 1]);
                            h[2 * (base + b)] = Goldilocks.add(h[2 * (base + b)], v0);
                            h[2 * (base + b) + 1] = Goldilocks.add(h[2 * (base + b) + 1], v1);
                        }
                    }
                }
            }
        }
        return h;
    }
}
