package io.zkml4j.prover.relation.requant;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.plan.WitnessPlan;

/**
 * Prover of a Requant layer (the decomposition is described in {@link RequantWitness}):
 * <ol>
 *   <li>Claims on the virtual output {@code y} (merged with {@code g}) reduce, by one sumcheck of
 *       {@code Σ_x g(x)·(y(x) − lo) = Σ_x g(x)·P(c(x), u(x))} ({@link ClampPolynomial}), to claims on the
 *       committed {@code c} and {@code u_k} at the sumcheck point.</li>
 *   <li>The linear identity {@code x·M + C = Σ 2^{wi} r_i + 2^s·u + 2^{s+B}·h'} (w the chunk width) needs no
 *       step of its own for comparisons up to 16 bits: h' is not committed but defined by it,
 *       {@code h' = (x·M + C − Σ 2^{wi} r_i − 2^s·u)/2^{s+B}}, and that linear column of x and the chunks is
 *       what the comparison table looks up with c (the lookup's claims fall on x, the chunks and c). A wide
 *       comparison (24 or 32 bits) commits {@code h' = hLo + 2^L·hHi}; the identity is then checked at a
 *       fresh random point ρ: the prover sends {@code r_i(ρ), u_k(ρ), hLo(ρ), hHi(ρ)}, and the verifier
 *       derives the claim {@code x(ρ) = (Σ … − C)/M} for the layer below.</li>
 * </ol>
 * Ranges come from the lookups: every chunk in the 8- or 16-bit range table, {@code (h', c)} in the
 * comparison table — or, for a wide comparison, {@code (hHi, cHi)} in the 16-bit comparison table,
 * {@code (hLo, zero)} in the zero-test table, and {@link WideComparison}'s zero-check deriving c from them.
 */
public final class RequantProver {
    private RequantProver() {}

    public static void prove(ProverContext ctx, RequantLayer layer, int index) {
        WitnessPlan.RequantSlots slots = ctx.plan().requantSlots(index);
        var ch = ctx.channel();
        var claims = ctx.claims().takeTensorClaims(layer.y());
        int m = slots.u().count();
        if (!claims.isEmpty()) {
            MergedClaims merged = MergedClaims.of(claims, ch.transcript());
            boolean single = merged.size() == 1;
            MultilinearTable[] tables = new MultilinearTable[(single ? 0 : 1) + 1 + m];
            int off = 0;
            if (!single) {
                tables[off++] = MultilinearTable.ext(merged.weightTable());
            }
            tables[off++] = MultilinearTable.base(ctx.slots()[slots.c()]);
            for (int j = 0; j < m; j++) {
                tables[off++] = MultilinearTable.base(ctx.slots()[slots.u().slots()[j]]);
            }
            var shape = ClampPolynomial.shape(m, slots.u().width(), layer.outBits(), !single);
            SumcheckInstance inst = single
                    ? SumcheckInstance.withEq(merged.claim(0).point(), shape, tables)
                    : SumcheckInstance.of(shape, tables);
            SumcheckProver.Result res = ch.sumcheck(inst);
            Ext[] s = res.point();
            Ext[] finals = res.finalEvaluations();
            int first = single ? 0 : 1;
            ch.sendExt("requant comparison", finals[first]);
            ctx.claims().slot(slots.c(), s, finals[first]);
            for (int j = 0; j < m; j++) {
                ch.sendExt("requant in-range part", finals[first + 1 + j]);
                ctx.claims().slot(slots.u().slots()[j], s, finals[first + 1 + j]);
            }
        }
        int vars = ctx.circuit().tensor(layer.x()).shape().numVars();
        if (!slots.wide()) {
            return; // h' is the lookup column (x·M + C − r − 2^s·u)/2^{s+B}: the comparison lookup enforces the identity
        }
        Ext[] rho = ch.challenges("requant identity point", vars);
        Ext[] rem = sendEvaluations(ctx, slots.remainder().slots(), rho, "requant remainder");
        Ext[] u = sendEvaluations(ctx, slots.u().slots(), rho, "requant in-range part");
        Ext[] high = sendEvaluations(ctx, slots.high(), rho, "requant high part");
        ctx.claims().tensor(layer.x(), rho, RequantIdentity.input(layer, slots, Hidden.of(rem), Hidden.of(u), RequantIdentity.high(layer, Hidden.of(high))));
        proveWideComparison(ctx, slots, vars);
    }

    /** The zero-check {@code Σ eq(τ, x)·(c − cHi − cHi(2 − cHi)(1 − zero)) = 0} of {@link WideComparison}. */
    private static void proveWideComparison(ProverContext ctx, WitnessPlan.RequantSlots slots, int vars) {
        var ch = ctx.channel();
        Ext[] tau = ch.challenges("requant wide comparison point", vars);
        SumcheckProver.Result res = ch.sumcheck(SumcheckInstance.withEq(tau, WideComparison.shape(),
                MultilinearTable.base(ctx.slots()[slots.c()]), MultilinearTable.base(ctx.slots()[slots.cHi()]),
                MultilinearTable.base(ctx.slots()[slots.zero()])));
        int[] order = {slots.c(), slots.cHi(), slots.zero()};
        for (int k = 0; k < 3; k++) {
            ch.sendExt("requant wide comparison", res.finalEvaluations()[k]);
            ctx.claims().slot(order[k], res.point(), res.finalEvaluations()[k]);
        }
    }

    private static Ext[] sendEvaluations(ProverContext ctx, int[] slots, Ext[] point, String label) {
        Ext[] out = new Ext[slots.length];
        for (int i = 0; i < slots.length; i++) {
            out[i] = Multilinear.evaluate(ctx.slots()[slots[i]], point);
            ctx.channel().sendExt(label, out[i]);
            ctx.claims().slot(slots[i], point, out[i]);
        }
        return out;
    }
}
