package io.zkml4j.prover.relation.div;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.DivLayer;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.plan.WitnessPlan;
import io.zkml4j.prover.relation.RealIndicator;
import io.zkml4j.prover.relation.elementwise.Broadcast;

/** Verifier of {@link DivProver}'s relation (the math is there and in {@link DivPolynomial}). */
public final class DivVerifier {
    private DivVerifier() {}

    public static void verify(VerifierContext ctx, DivLayer layer, int index, String where) throws ProofRejectedException {
        Circuit c = ctx.circuit();
        WitnessPlan.DivSlots slots = ctx.plan().divSlots(index);
        var ch = ctx.channel();
        long yLo = c.tensor(layer.y()).lo();
        for (var claim : ctx.claims().takeTensorClaims(layer.y())) {
            Hidden[] chunks = new Hidden[slots.quotient().count()];
            for (int j = 0; j < chunks.length; j++) {
                chunks[j] = ch.receive("div quotient chunk");
                ctx.claims().slot(slots.quotient().slots()[j], claim.point(), chunks[j]);
            }
            Hidden y = DivPolynomial.quotient(yLo, chunks);
            ch.require(y, claim.value(), () -> where + ": the quotient's chunks give " + y + ", the claim on it is " + claim.value());
        }
        var ys = c.tensor(layer.y()).shape();
        Broadcast ba = new Broadcast(ys, c.tensor(layer.a()).shape());
        Broadcast bb = new Broadcast(ys, c.tensor(layer.b()).shape());
        Ext[] tau = ch.challenges("div zero-check point", ys.numVars());
        Ext gamma = ch.challenge("div combination");
        SumOfProducts shape = DivPolynomial.shape(slots, layer.k(), yLo, gamma);
        int vars = ys.numVars();
        int degree = shape.degree() + 1;
        HiddenSubClaim sub;
        try {
            sub = ch.sumcheck(Hidden.ZERO, vars, degree);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException(where + ": the division identity a·2^k = y·b + r, r < b fails somewhere ("
                    + e.getMessage() + ")", e);
        }
        Ext[] s = sub.point();
        Hidden[] values = new Hidden[shape.numTables()];
        values[0] = Hidden.of(RealIndicator.evaluate(ys, s));
        values[1] = ch.receive("div numerator");
        values[2] = ch.receive("div denominator");
        ctx.claims().tensor(layer.a(), ba.sub(s), values[1]);
        ctx.claims().tensor(layer.b(), bb.sub(s), values[2]);
        int[] chunkSlots = DivPolynomial.chunkSlots(slots);
        for (int i = 0; i < chunkSlots.length; i++) {
            values[3 + i] = ch.receive("div chunk");
            ctx.claims().slot(chunkSlots[i], s, values[3 + i]);
        }
        Hidden expected = shape.evaluateWithEq(tau, s, values);
        HiddenSubClaim end = sub;
        ch.require(end.expectedValue(), expected, () -> where + ": Div zero-check ends at " + end.expectedValue() + " but the values give " + expected);
    }
}
