package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.layout.PaddedShape;

/**
 * Ties the model output y to the public output {@code o} at real positions (padding of y is whatever its
 * relation gives, so it cannot simply be compared): with a random point r,
 * <pre>
 *   Σ_x eq(r, x)·sel(x)·y(x) = Σ_x eq(r, x)·o(x) = o~(r)      (o zero-padded, sel = real positions)
 * </pre>
 * by one degree-3 sumcheck ending in a claim on y; the verifier evaluates {@code o~(r)} and
 * {@code sel~(s)} itself. If y and o differ at some real position, both sides differ as polynomials in r.
 *
 * <p>A hashed output: {@code o} is committed ({@code HashedTensor}), not public; the prover sends
 * {@code o~(r)} (a hidden value) and the claim on o goes to the commitment. The commitment's padding must
 * then be zero, or no y matches it: both sides are multilinear in r.
 */
public final class OutputProver {
    private OutputProver() {}

    /** @param hashed whether the output is committed rather than public */
    public static void prove(ProverContext ctx, boolean hashed) {
        int out = ctx.circuit().output();
        PaddedShape shape = ctx.circuit().tensor(out).shape();
        Ext[] r = ctx.channel().challenges("output point", shape.numVars());
        if (hashed) {
            long[] real = shape.realMask();
            long[] y = ctx.tensors()[out];
            long[] committed = new long[y.length];
            for (int i = 0; i < y.length; i++) {
                committed[i] = real[i] == 0 ? 0 : y[i];
            }
            Ext o = io.zkml4j.crypto.poly.Multilinear.evaluate(committed, r);
            ctx.channel().sendExt("committed output", o);
            ctx.claims().committedOutput(r, o);
        }
        SumcheckInstance inst = SumcheckInstance.withEq(r, SumOfProducts.product(2),
                MultilinearTable.base(shape.realMask()), MultilinearTable.base(ctx.tensors()[out]));
        SumcheckProver.Result res = ctx.channel().sumcheck(inst);
        Ext ys = res.finalEvaluations()[1];
        ctx.channel().sendExt("output", ys);
        ctx.claims().tensor(out, res.point(), ys);
    }
}
