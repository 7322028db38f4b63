package io.zkml4j.prover.relation.matmul;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.field.Unreduced;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.ActivationMatMulLayer;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.crypto.claims.HiddenClaim;

/**
 * Prover of {@code y[β, i, j] = Σ_l a[β, i, l]·b[β, l, j]} (two activations; Thaler's matrix-multiplication
 * sumcheck, batched). For a claim {@code y~(r_j, r_i, r_β) = v}:
 * <pre>
 *   v = Σ_{l, β} eq(r_β, β)·A(l, β)·B(l, β),   A(l, β) = Σ_i eq(r_i, i)·a(l, i, β),   B(l, β) = Σ_j eq(r_j, j)·b(j, l, β)
 * </pre>
 * one degree-3 sumcheck over {@code (l, β)} ending at {@code s = (s_l, s_β)}; the prover sends
 * {@code a~(s_l, r_i, s_β)} and {@code b~(r_j, s_l, s_β)} (new claims on a and b) and the verifier checks
 * {@code eq(r_β, s_β)·a~·b~}. The product's m·n·k terms are never committed or sent: the prover's work is
 * one pass over a and b per claim. Several claims on y are proved one after another.
 */
public final class ActivationMatMulProver {
    private ActivationMatMulProver() {}

    /** {@code y = a·b} per batch entry, on padded tables (field elements). */
    public static long[] forward(long[] a, long[] b, int batches, int m, int k, int n) {
        long[] y = new long[batches * m * n];
        for (int beta = 0; beta < batches; beta++) {
            int ao = beta * m * k, bo = beta * k * n, yo = beta * m * n;
            for (int i = 0; i < m; i++) {
                for (int l = 0; l < k; l++) {
                    long av = a[ao + i * k + l];
                    if (av == 0) {
                        continue;
                    }
                    int br = bo + l * n, yr = yo + i * n;
                    for (int j = 0; j < n; j++) {
                        y[yr + j] = Goldilocks.add(y[yr + j], Goldilocks.mul(av, b[br + j]));
                    }
                }
            }
        }
        return y;
    }

    public static long[] forward(io.zkml4j.prover.circuit.Circuit c, ActivationMatMulLayer layer, long[] a, long[] b) {
        ActivationMatMulShape s = ActivationMatMulShape.of(c, layer);
        return forward(a, b, 1 << s.bv(), 1 << s.mv(), 1 << s.kv(), 1 << s.nv());
    }

    public static void prove(ProverContext ctx, ActivationMatMulLayer layer) {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        ActivationMatMulShape shape = ActivationMatMulShape.of(ctx.circuit(), layer);
        long[] a = ctx.tensors()[layer.a()];
        long[] b = ctx.tensors()[layer.b()];
        var ch = ctx.channel();
        for (HiddenClaim claim : claims) {
            Ext[] r = claim.point();
            int batches = 1 << shape.bv(), m = 1 << shape.mv(), k = 1 << shape.kv(), n = 1 << shape.nv();
            long[] ei = Multilinear.eqTable(shape.i(r));
            long[] ej = Multilinear.eqTable(shape.j(r));
            long[] eb = Multilinear.eqTable(shape.batch(r));
            long[] fa = new long[2 * batches * k];
            long[] fb = new long[2 * batches * k];
            long[] e = new long[2 * batches * k];
            for (int beta = 0; beta < batches; beta++) {
                for (int l = 0; l < k; l++) {
                    long a0 = 0, a1 = 0, b0 = 0, b1 = 0;
                    for (int i = 0; i < m; i++) {
                        long v = a[(beta * m + i) * k + l];
                        if (v != 0) {
                            a0 = Unreduced.add(a0, Unreduced.mul(v, ei[2 * i]));
                            a1 = Unreduced.add(a1, Unreduced.mul(v, ei[2 * i + 1]));
                        }
                    }
                    int bo = (beta * k + l) * n;
                    for (int j = 0; j < n; j++) {
                        long v = b[bo + j];
                        if (v != 0) {
                            b0 = Unreduced.add(b0, Unreduced.mul(v, ej[2 * j]));
                            b1 = Unreduced.add(b1, Unreduced.mul(v, ej[2 * j + 1]));
                        }
                    }
                    int at = 2 * (beta * k + l);
                    fa[at] = Unreduced.reduce(a0);
                    fa[at + 1] = Unreduced.reduce(a1);
                    fb[at] = Unreduced.reduce(b0);
                    fb[at + 1] = Unreduced.reduce(b1);
                    e[at] = eb[2 * beta];
                    e[at + 1] = eb[2 * beta + 1];
                }
            }
            SumcheckInstance inst = SumcheckInstance.of(SumOfProducts.product(3), MultilinearTable.ext(e).scratch(),
                    MultilinearTable.ext(fa).scratch(), MultilinearTable.ext(fb).scratch());
            SumcheckProver.Result res = ch.sumcheck(inst);
            Ext[] s = res.point();
            Ext av = res.finalEvaluations()[1], bv = res.finalEvaluations()[2];
            ch.sendExt("matmul operand", av);
            ch.sendExt("matmul operand", bv);
            ctx.claims().tensor(layer.a(), shape.aPoint(r, s), av);
            ctx.claims().tensor(layer.b(), shape.bPoint(r, s), bv);
        }
    }
}
