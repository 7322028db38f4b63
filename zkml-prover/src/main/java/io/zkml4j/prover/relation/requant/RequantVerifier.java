package io.zkml4j.prover.relation.requant;

import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.plan.WitnessPlan;

/** Verifier of {@link RequantProver}'s relation (the math is there). */
public final class RequantVerifier {
    private RequantVerifier() {}

    public static void verify(VerifierContext ctx, RequantLayer layer, int index, String where) throws ProofRejectedException {
        WitnessPlan.RequantSlots slots = ctx.plan().requantSlots(index);
        var ch = ctx.channel();
        var claims = ctx.claims().takeTensorClaims(layer.y());
        int m = slots.u().count();
        int vars = ctx.circuit().tensor(layer.x()).shape().numVars();
        if (!claims.isEmpty()) {
            MergedClaims merged = MergedClaims.of(claims, ch.transcript());
            boolean single = merged.size() == 1;
            SumOfProducts shape = ClampPolynomial.shape(m, slots.u().width(), layer.outBits(), !single);
            Hidden target = merged.combinedValue().sub(merged.coefficientSum().mulBase(io.zkml4j.crypto.field.Goldilocks.fromSigned(layer.lo())));
            HiddenSubClaim sub = ch.sumcheck(target, vars, shape.degree() + (single ? 1 : 0));
            Ext[] s = sub.point();
            Hidden[] values = new Hidden[shape.numTables()];
            int off = 0;
            if (!single) {
                values[off++] = Hidden.of(merged.weightAt(s));
            }
            values[off] = ch.receive("requant comparison");
            ctx.claims().slot(slots.c(), s, values[off++]);
            for (int j = 0; j < m; j++) {
                values[off] = ch.receive("requant in-range part");
                ctx.claims().slot(slots.u().slots()[j], s, values[off++]);
            }
            Hidden expected = single
                    ? shape.evaluate(values).mul(Multilinear.eq(merged.claim(0).point(), s))
                    : shape.evaluate(values);
            ch.require(sub.expectedValue(), expected, () -> where + ": Requant clamp sumcheck ends at " + sub.expectedValue()
                    + " but the committed parts give " + expected);
        }
        if (!slots.wide()) {
            return; // the comparison lookup of the linear column h' enforced the identity (WitnessPlan.highColumn)
        }
        Ext[] rho = ch.challenges("requant identity point", vars);
        Hidden[] rem = receiveEvaluations(ctx, slots.remainder().slots(), rho, "requant remainder");
        Hidden[] u = receiveEvaluations(ctx, slots.u().slots(), rho, "requant in-range part");
        Hidden[] high = receiveEvaluations(ctx, slots.high(), rho, "requant high part");
        ctx.claims().tensor(layer.x(), rho, RequantIdentity.input(layer, slots, rem, u, RequantIdentity.high(layer, high)));
        verifyWideComparison(ctx, slots, vars, where);
    }

    private static void verifyWideComparison(VerifierContext ctx, WitnessPlan.RequantSlots slots, int vars, String where)
            throws ProofRejectedException {
        var ch = ctx.channel();
        Ext[] tau = ch.challenges("requant wide comparison point", vars);
        SumOfProducts shape = WideComparison.shape();
        HiddenSubClaim sub;
        try {
            sub = ch.sumcheck(Hidden.ZERO, vars, shape.degree() + 1);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException(where + ": the wide comparison is inconsistent (" + e.getMessage() + ")", e);
        }
        int[] order = {slots.c(), slots.cHi(), slots.zero()};
        Hidden[] values = new Hidden[3];
        for (int k = 0; k < 3; k++) {
            values[k] = ch.receive("requant wide comparison");
            ctx.claims().slot(order[k], sub.point(), values[k]);
        }
        Hidden expected = shape.evaluateWithEq(tau, sub.point(), values);
        HiddenSubClaim end = sub;
        ch.require(end.expectedValue(), expected, () -> where + ": wide comparison zero-check ends at " + end.expectedValue() + ", the values give " + expected);
    }

    private static Hidden[] receiveEvaluations(VerifierContext ctx, int[] slots, Ext[] point, String label) throws ProofRejectedException {
        Hidden[] out = new Hidden[slots.length];
        for (int i = 0; i < slots.length; i++) {
            out[i] = ctx.channel().receive(label);
            ctx.claims().slot(slots[i], point, out[i]);
        }
        return out;
    }
}
