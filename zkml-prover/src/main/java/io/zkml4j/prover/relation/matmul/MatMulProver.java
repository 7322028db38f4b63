package io.zkml4j.prover.relation.matmul;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.field.Unreduced;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.MatMulLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.ProverContext;

/**
 * Prover of {@code y[i, j] = Σ_l x[i, l]·W[l, j] + b[j]} (i: all leading dimensions, l: the contracted one).
 * <pre>
 *   Σ_{i,j} g(i,j)·y(i,j) = Σ_t λ^t b~(r_t^j) + Σ_{i,l} x(i,l)·B(i,l),   B(i,l) = Σ_j g(i,j)·W(l,j)
 * </pre>
 * with {@code g = Σ_t λ^t eq(r_t, ·)} merging the claims {@code y~(r_t) = v_t}. The prover sends the bias
 * values, runs one degree-2 sumcheck over {@code (i, l)} ending at {@code s = (s_l, s_i)}, and sends
 * {@code x~(s)} and {@code w_t = W~(r_t^j, s_l)}; the verifier recomputes
 * {@code B~(s) = Σ_t λ^t eq(r_t^i, s_i)·w_t}.
 */
public final class MatMulProver {
    private MatMulProver() {}

    /** {@code y = x·W + b} on padded tables (field elements). */
    public static long[] forward(long[] x, long[] w, long[] bias, int rows, int k, int n) {
        long[] y = new long[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int l = 0; l < k; l++) {
                long xv = x[i * k + l];
                if (xv == 0) {
                    continue;
                }
                int wo = l * n;
                int yo = i * n;
                for (int j = 0; j < n; j++) {
                    y[yo + j] = Goldilocks.add(y[yo + j], Goldilocks.mul(xv, w[wo + j]));
                }
            }
            if (bias != null) {
                for (int j = 0; j < n; j++) {
                    y[i * n + j] = Goldilocks.add(y[i * n + j], bias[j]);
                }
            }
        }
        return y;
    }

    public static void prove(ProverContext ctx, MatMulLayer layer) {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        MatMulShape shape = MatMulShape.of(ctx.circuit(), layer);
        var ch = ctx.channel();
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        long[] w = ctx.weights()[layer.weight()];
        for (int t = 0; t < merged.size(); t++) {
            if (layer.bias() >= 0) {
                Ext[] rj = shape.outColumnPart(merged.claim(t).point());
                Ext beta = Multilinear.evaluate(ctx.weights()[layer.bias()], rj);
                ch.sendExt("matmul bias", beta);
                ctx.claims().weight(layer.bias(), rj, beta);
            }
        }
        long[] g = merged.weightTable();
        int k = shape.k(), n = shape.n(), rows = shape.rows();
        long[] b = new long[2 * rows * k];
        for (int i = 0; i < rows; i++) {
            for (int l = 0; l < k; l++) {
                long s0 = 0, s1 = 0;
                int wo = l * n, go = 2 * i * n;
                for (int j = 0; j < n; j++) {
                    long wv = w[wo + j];
                    if (wv != 0) {
                        s0 = Unreduced.add(s0, Unreduced.mul(wv, g[go + 2 * j]));
                        s1 = Unreduced.add(s1, Unreduced.mul(wv, g[go + 2 * j + 1]));
                    }
                }
                b[2 * (i * k + l)] = Unreduced.reduce(s0);
                b[2 * (i * k + l) + 1] = Unreduced.reduce(s1);
            }
        }
        long[] x = ctx.tensors()[layer.x()];
        SumcheckInstance inst = SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.base(x), MultilinearTable.ext(b));
        SumcheckProver.Result res = ch.sumcheck(inst);
        Ext[] s = res.point();
        Ext xs = res.finalEvaluations()[0];
        ch.sendExt("matmul input", xs);
        ctx.claims().tensor(layer.x(), s, xs);
        Ext[] sl = shape.inContractedPart(s);
        long[] folded = foldRows(w, Multilinear.eqTable(sl), k, n);
        for (int t = 0; t < merged.size(); t++) {
            Ext[] wp = shape.weightPoint(merged.claim(t).point(), sl);
            Ext wt = Multilinear.evaluateExt(folded, shape.outColumnPart(merged.claim(t).point()));
            ch.sendExt("matmul weight", wt);
            ctx.claims().weight(layer.weight(), wp, wt);
        }
    }

    /**
     * {@code W'[j] = Σ_l e[l]·W[l][j]}: W with its contracted variables bound (e = eq(s_l, ·)), one pass over
     * W for all the claims, each then an evaluation of the n-entry W' at its output columns.
     */
    static long[] foldRows(long[] w, long[] e, int k, int n) {
        long[] acc = new long[2 * n];
        for (int l = 0; l < k; l++) {
            long e0 = e[2 * l], e1 = e[2 * l + 1];
            int wo = l * n;
            for (int j = 0; j < n; j++) {
                long wv = w[wo + j];
                if (wv != 0) {
                    acc[2 * j] = Unreduced.add(acc[2 * j], Unreduced.mul(e0, wv));
                    acc[2 * j + 1] = Unreduced.add(acc[2 * j + 1], Unreduced.mul(e1, wv));
                }
            }
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] = Unreduced.reduce(acc[i]);
        }
        return acc;
    }
}
