package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.engine.ProverContext;

/**
 * How many values of the input and of the output sit at the limits of their range ({@code lo} or
 * {@code hi}): an input clamped to the range the model was calibrated for lands there, and an output there
 * is saturated. Both counts are part of what a proof establishes. For a tensor T with limits lo, hi and
 * committed {@code a = 1/(T − lo)}, {@code b = 1/(hi − T)} (0 where the difference is 0), the indicator of
 * {@code T = lo} is {@code e = 1 − (T − lo)·a} once {@code (T − lo)·e = 0} (the is-zero gadget), and the
 * same at hi. Two sumchecks over the real positions ({@code sel}):
 * <pre>
 *   Σ_x eq(τ, x)·sel(x)·[(T − lo)(1 − (T − lo)a) + γ·(hi − T)(1 − (hi − T)b)] = 0
 *   Σ_x sel(x)·[(1 − (T − lo)a) + (1 − (hi − T)b)] = count
 * </pre>
 * each ending in claims on T (to its producer, or the input's home), a and b.
 * Tables, in order: {@code sel, T, a, b}.
 */
public final class LimitsProver {
    private LimitsProver() {}

    /** Proves the counts of the input and the output (already in the statement). */
    public static void prove(ProverContext ctx) {
        var l = ctx.plan().limitsSlots();
        prove(ctx, ctx.circuit().input(), l.inputLo(), l.inputHi(), "input");
        prove(ctx, ctx.circuit().output(), l.outputLo(), l.outputHi(), "output");
    }

    private static void prove(ProverContext ctx, int tensor, int loSlot, int hiSlot, String what) {
        TensorInfo t = ctx.circuit().tensor(tensor);
        var ch = ctx.channel();
        long lo = Goldilocks.fromSigned(t.lo()), hi = Goldilocks.fromSigned(t.hi());
        MultilinearTable[] tables = {MultilinearTable.base(t.shape().realMask()), MultilinearTable.base(ctx.tensors()[tensor]),
                MultilinearTable.base(ctx.slots()[loSlot]), MultilinearTable.base(ctx.slots()[hiSlot])};
        Ext[] tau = ch.challenges(what + " limits point", t.shape().numVars());
        Ext gamma = ch.challenge(what + " limits combination");
        finish(ctx, tensor, loSlot, hiSlot, what, ch.sumcheck(SumcheckInstance.withEq(tau, LimitsPolynomial.zero(lo, hi, gamma), tables)));
        finish(ctx, tensor, loSlot, hiSlot, what, ch.sumcheck(SumcheckInstance.of(LimitsPolynomial.count(lo, hi), tables)));
    }

    private static void finish(ProverContext ctx, int tensor, int loSlot, int hiSlot, String what, SumcheckProver.Result res) {
        Ext[] f = res.finalEvaluations();
        var ch = ctx.channel();
        ch.sendExt(what + " at the limits point", f[1]);
        ch.sendExt(what + " low-limit inverses", f[2]);
        ch.sendExt(what + " high-limit inverses", f[3]);
        ctx.claims().tensor(tensor, res.point(), f[1]);
        ctx.claims().slot(loSlot, res.point(), f[2]);
        ctx.claims().slot(hiSlot, res.point(), f[3]);
    }

    /** How many real values of {@code x} (a padded field table of {@code t}) equal t's lo or hi. */
    public static int atLimits(long[] x, TensorInfo t) {
        long lo = Goldilocks.fromSigned(t.lo()), hi = Goldilocks.fromSigned(t.hi());
        long[] real = t.shape().realMask();
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (real[i] == 1 && (x[i] == lo || x[i] == hi)) {
                n++;
            }
        }
        return n;
    }
}
