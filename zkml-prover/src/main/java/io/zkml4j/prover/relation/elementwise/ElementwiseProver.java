package io.zkml4j.prover.relation.elementwise;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.ElementwiseLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.ProverContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Prover of element-wise Add, Sub and Mul with broadcasting ({@link Broadcast}).
 * <ul>
 *   <li>Add/Sub: {@code y~(r) = a~(r_a) ± b~(r_b)} — the claim splits: the prover sends {@code a~(r_a)},
 *       and {@code b~(r_b) = ±(v − a~(r_a))} follows. No sumcheck.</li>
 *   <li>Mul: {@code Σ_p g(p)·y(p) = Σ_p g(p)·a(p_a)·b(p_b)}, one degree-3 sumcheck over y's variables
 *       (eq carried by the sumcheck for a single claim), ending in claims {@code a~(s_a)}, {@code b~(s_b)}.</li>
 * </ul>
 */
public final class ElementwiseProver {
    private ElementwiseProver() {}

    static Broadcast[] broadcasts(Circuit c, ElementwiseLayer layer) {
        var y = c.tensor(layer.y()).shape();
        return new Broadcast[] {new Broadcast(y, c.tensor(layer.a()).shape()), new Broadcast(y, c.tensor(layer.b()).shape())};
    }

    public static long[] forward(Circuit c, ElementwiseLayer layer, long[] a, long[] b) {
        Broadcast[] bc = broadcasts(c, layer);
        long[] y = new long[c.tensor(layer.y()).shape().paddedSize()];
        for (int p = 0; p < y.length; p++) {
            long av = a[bc[0].operandIndex(p)], bv = b[bc[1].operandIndex(p)];
            y[p] = switch (layer.op()) {
                case ADD -> Goldilocks.add(av, bv);
                case SUB -> Goldilocks.sub(av, bv);
                case MUL -> Goldilocks.mul(av, bv);
            };
        }
        return y;
    }

    public static void prove(ProverContext ctx, ElementwiseLayer layer) {
        var claims = ctx.claims().takeTensorClaims(layer.y());
        if (claims.isEmpty()) {
            return;
        }
        Broadcast[] bc = broadcasts(ctx.circuit(), layer);
        var ch = ctx.channel();
        long[] a = ctx.tensors()[layer.a()];
        long[] b = ctx.tensors()[layer.b()];
        if (layer.op() != ElementwiseLayer.Op.MUL) {
            for (var claim : claims) {
                Ext[] ra = bc[0].sub(claim.point());
                Ext av = Multilinear.evaluate(a, ra);
                ch.sendExt("elementwise operand", av);
                ctx.claims().tensor(layer.a(), ra, av);
                Hidden bv = claim.value().sub(av);
                ctx.claims().tensor(layer.b(), bc[1].sub(claim.point()), layer.op() == ElementwiseLayer.Op.ADD ? bv : bv.neg());
            }
            return;
        }
        MergedClaims merged = MergedClaims.of(claims, ch.transcript());
        List<MultilinearTable> tables = new ArrayList<>();
        if (merged.size() > 1) {
            tables.add(MultilinearTable.ext(merged.weightTable()));
        }
        tables.add(MultilinearTable.base(bc[0].expand(a)));
        tables.add(MultilinearTable.base(bc[1].expand(b)));
        SumOfProducts shape = SumOfProducts.product(tables.size());
        SumcheckInstance inst = merged.size() > 1
                ? SumcheckInstance.of(shape, tables.toArray(new MultilinearTable[0]))
                : SumcheckInstance.withEq(merged.claim(0).point(), shape, tables.toArray(new MultilinearTable[0]));
        SumcheckProver.Result res = ch.sumcheck(inst);
        Ext[] f = res.finalEvaluations();
        Ext av = f[f.length - 2], bv = f[f.length - 1];
        ch.sendExt("mul operand", av);
        ch.sendExt("mul operand", bv);
        ctx.claims().tensor(layer.a(), bc[0].sub(res.point()), av);
        ctx.claims().tensor(layer.b(), bc[1].sub(res.point()), bv);
    }
}
