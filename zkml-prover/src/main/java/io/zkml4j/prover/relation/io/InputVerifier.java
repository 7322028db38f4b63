package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.plan.WitnessPlan;

/** Verifier of {@link InputProver}'s range identity. */
public final class InputVerifier {
    private InputVerifier() {}

    public static void verify(VerifierContext ctx) throws ProofRejectedException {
        WitnessPlan.InputSlots slots = ctx.plan().inputSlots();
        if (slots == null) {
            return;
        }
        var in = ctx.circuit().tensor(ctx.circuit().input());
        Ext[] rho = ctx.channel().challenges("input range point", in.shape().numVars());
        Hidden[] chunks = new Hidden[slots.chunks().count()];
        for (int j = 0; j < chunks.length; j++) {
            chunks[j] = ctx.channel().receive("input chunk");
            ctx.claims().slot(slots.chunks().slots()[j], rho, chunks[j]);
        }
        ctx.claims().tensor(ctx.circuit().input(), rho, InputIdentity.value(in.lo(), chunks));
    }
}
