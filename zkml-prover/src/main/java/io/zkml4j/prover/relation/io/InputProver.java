package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.engine.ProverContext;
import io.zkml4j.prover.plan.WitnessPlan;

/**
 * Range check of a private (committed) input: every relation downstream assumes the input lies in its
 * static interval {@code [lo, hi]}, so the prover commits the 8-bit chunks of {@code x − lo} (range-checked
 * by lookups) and the identity {@code x = lo + Σ_j 2^{8j} x_j} is checked at a random point: the prover
 * sends the chunk values, and the claim on x follows.
 */
public final class InputProver {
    private InputProver() {}

    public static void prove(ProverContext ctx) {
        WitnessPlan.InputSlots slots = ctx.plan().inputSlots();
        if (slots == null) {
            return;
        }
        var in = ctx.circuit().tensor(ctx.circuit().input());
        Ext[] rho = ctx.channel().challenges("input range point", in.shape().numVars());
        Ext[] chunks = new Ext[slots.chunks().count()];
        for (int j = 0; j < chunks.length; j++) {
            int slot = slots.chunks().slots()[j];
            chunks[j] = Multilinear.evaluate(ctx.slots()[slot], rho);
            ctx.channel().sendExt("input chunk", chunks[j]);
            ctx.claims().slot(slot, rho, chunks[j]);
        }
        ctx.claims().tensor(ctx.circuit().input(), rho, InputIdentity.value(in.lo(), Hidden.of(chunks)));
    }
}
