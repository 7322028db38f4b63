package io.zkml4j.prover.relation.elementwise;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.AffineLayer;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.ProverContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Prover of {@code y = x·m + c} with committed constants broadcast against x:
 * {@code Σ g·y = Σ_t λ^t c~(r_t^c) + Σ_p g(p)·x(p)·m(p_m)} — the prover sends the {@code c} values, then one
 * degree-3 sumcheck ends in claims {@code x~(s)} and {@code m~(s_m)}.
 */
public final class AffineProver {
    private AffineProver() {}

    static Broadcast broadcast(Circuit c, AffineLayer layer, int weight) {
        return new Broadcast(c.tensor(layer.y()).shape(), c.weights().get(weight).shape());
    }

    public static long[] forward(Circuit c, AffineLayer layer, long[] x, long[] m, long[] add) {
        Broadcast bm = broadcast(c, layer, layer.mul());
        Broadcast ba = layer.add() >= 0 ? broadcast(c, layer, layer.add()) : null;
        long[] y = new long[x.length];
        for (int p = 0; p < y.length; p++) {
            long v = Goldilocks.mul(x[p], m[bm.operandIndex(p)]);
            y[p] = ba == null ? v : Goldilocks.add(v, add[ba.operandIndex(p)]);
        }
        return y;
    }

    public static void prove(ProverContext ctx, AffineLayer layer) {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        var ch = ctx.channel();
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        if (layer.add() >= 0) {
            Broadcast ba = broadcast(ctx.circuit(), layer, layer.add());
            for (int t = 0; t < merged.size(); t++) {
                Ext[] rc = ba.sub(merged.claim(t).point());
                Ext cv = Multilinear.evaluate(ctx.weights()[layer.add()], rc);
                ch.sendExt("affine offset", cv);
                ctx.claims().weight(layer.add(), rc, cv);
            }
        }
        Broadcast bm = broadcast(ctx.circuit(), layer, layer.mul());
        List<MultilinearTable> tables = new ArrayList<>();
        if (merged.size() > 1) {
            tables.add(MultilinearTable.ext(merged.weightTable()));
        }
        tables.add(MultilinearTable.base(ctx.tensors()[layer.x()]));
        tables.add(MultilinearTable.base(bm.expand(ctx.weights()[layer.mul()])));
        SumOfProducts shape = SumOfProducts.product(tables.size());
        MultilinearTable[] arr = tables.toArray(new MultilinearTable[0]);
        SumcheckInstance inst = merged.size() > 1 ? SumcheckInstance.of(shape, arr)
                : SumcheckInstance.withEq(merged.claim(0).point(), shape, arr);
        SumcheckProver.Result res = ch.sumcheck(inst);
        Ext[] f = res.finalEvaluations();
        Ext xv = f[f.length - 2], mv = f[f.length - 1];
        ch.sendExt("affine input", xv);
        ch.sendExt("affine scale", mv);
        ctx.claims().tensor(layer.x(), res.point(), xv);
        ctx.claims().weight(layer.mul(), bm.sub(res.point()), mv);
    }
}
