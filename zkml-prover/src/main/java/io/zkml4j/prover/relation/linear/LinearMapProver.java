package io.zkml4j.prover.relation.linear;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.LinearMapLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.layout.PaddedShape;

/**
 * Prover of a public 0/1 linear map {@code y = Σ_k L_k x_k}. With g merging the claims on y:
 * <pre>
 *   Σ_p g(p)·y(p) = Σ_k Σ_q x_k(q)·A_k(q),   A_k = L_kᵀ g
 * </pre>
 * The prover sends the part sums {@code σ_k = Σ_q x_k A_k} for all inputs but the last (whose part is the
 * rest), then one degree-2 sumcheck per input, and {@code x_k~(s_k)}; the verifier evaluates
 * {@code A_k~(s_k) = Σ_{terms} g(p)·eq(s_k, q)} itself in O(terms).
 */
public final class LinearMapProver {
    private LinearMapProver() {}

    /** The map applied to padded inputs (field elements); padding of y is zero. */
    public static long[] forward(Circuit c, LinearMapLayer layer, long[][] inputs) {
        PaddedShape ys = c.tensor(layer.y()).shape();
        PaddedShape[] xs = inputShapes(c, layer);
        long[] y = new long[ys.paddedSize()];
        for (int i = 0; i < ys.size(); i++) {
            long acc = 0;
            for (int t = layer.start()[i]; t < layer.start()[i + 1]; t++) {
                int k = layer.input()[t];
                acc = Goldilocks.add(acc, inputs[k][xs[k].paddedIndexOfFlat(layer.index()[t])]);
            }
            y[ys.paddedIndexOfFlat(i)] = acc;
        }
        return y;
    }

    static PaddedShape[] inputShapes(Circuit c, LinearMapLayer layer) {
        PaddedShape[] xs = new PaddedShape[layer.xs().length];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = c.tensor(layer.xs()[k]).shape();
        }
        return xs;
    }

    public static void prove(ProverContext ctx, LinearMapLayer layer) {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        var ch = ctx.channel();
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        long[] g = merged.weightTable();
        PaddedShape ys = ctx.circuit().tensor(layer.y()).shape();
        PaddedShape[] xs = inputShapes(ctx.circuit(), layer);
        long[][] a = new long[xs.length][];
        for (int k = 0; k < xs.length; k++) {
            a[k] = ExtArrays.zeros(xs[k].paddedSize());
        }
        for (int i = 0; i < ys.size(); i++) {
            int p = ys.paddedIndexOfFlat(i);
            for (int t = layer.start()[i]; t < layer.start()[i + 1]; t++) {
                int k = layer.input()[t];
                int q = xs[k].paddedIndexOfFlat(layer.index()[t]);
                a[k][2 * q] = Goldilocks.add(a[k][2 * q], g[2 * p]);
                a[k][2 * q + 1] = Goldilocks.add(a[k][2 * q + 1], g[2 * p + 1]);
            }
        }
        for (int k = 0; k + 1 < xs.length; k++) {
            long[] x = ctx.tensors()[layer.xs()[k]];
            ch.sendExt("linear map part sum", ExtArrays.innerProductBase(x, a[k]));
        }
        for (int k = 0; k < xs.length; k++) {
            long[] x = ctx.tensors()[layer.xs()[k]];
            SumcheckProver.Result res = ch.sumcheck(SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.base(x), MultilinearTable.ext(a[k])));
            Ext xs0 = res.finalEvaluations()[0];
            ch.sendExt("linear map input", xs0);
            ctx.claims().tensor(layer.xs()[k], res.point(), xs0);
        }
    }
}
