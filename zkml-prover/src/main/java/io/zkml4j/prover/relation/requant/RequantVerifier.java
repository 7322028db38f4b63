package io.zkml4j.prover.relation.requant;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckProof;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
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
            SumOfProducts shape = ClampPolynomial.shape(m, layer.outBits(), !single);
            Ext target = merged.combinedValue().sub(merged.coefficientSum().mulBase(io.zkml4j.crypto.field.Goldilocks.fromSigned(layer.lo())));
            SumcheckProof proof = SumcheckProof.readFrom(ch.in(), vars, shape.degree() + (single ? 1 : 0));
            SubClaim sub = SumcheckVerifier.verify(target, vars, shape.degree() + (single ? 1 : 0), proof, ch.transcript());
            Ext[] s = sub.point();
            Ext[] values = new Ext[shape.numTables()];
            int off = 0;
            if (!single) {
                values[off++] = merged.weightAt(s);
            }
            values[off] = ch.receiveExt("requant comparison");
            ctx.claims().slot(slots.c(), s, values[off++]);
            for (int j = 0; j < m; j++) {
                values[off] = ch.receiveExt("requant in-range part");
                ctx.claims().slot(slots.u().slots()[j], s, values[off++]);
            }
            Ext expected = single
                    ? Multilinear.eq(merged.claim(0).point(), s).mul(shape.evaluate(values))
                    : shape.evaluate(values);
            if (!sub.expectedValue().equals(expected)) {
                throw new ProofRejectedException(where + ": Requant clamp sumcheck ends at " + sub.expectedValue()
                        + " but the committed parts give " + expected);
            }
        }
        Ext[] rho = ch.challenges("requant identity point", vars);
        Ext[] rem = receiveEvaluations(ctx, slots.remainder().slots(), rho, "requant remainder");
        Ext[] u = receiveEvaluations(ctx, slots.u().slots(), rho, "requant in-range part");
        Ext[] high = receiveEvaluations(ctx, slots.high(), rho, "requant high part");
        ctx.claims().tensor(layer.x(), rho, RequantIdentity.input(layer, rem, u, RequantIdentity.high(layer, high)));
        if (slots.wide()) {
            verifyWideComparison(ctx, slots, vars, where);
        }
    }

    private static void verifyWideComparison(VerifierContext ctx, WitnessPlan.RequantSlots slots, int vars, String where)
            throws ProofRejectedException {
        var ch = ctx.channel();
        Ext[] tau = ch.challenges("requant wide comparison point", vars);
        SumOfProducts shape = WideComparison.shape();
        SumcheckProof proof = SumcheckProof.readFrom(ch.in(), vars, shape.degree() + 1);
        SubClaim sub;
        try {
            sub = SumcheckVerifier.verify(Ext.ZERO, vars, shape.degree() + 1, proof, ch.transcript());
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException(where + ": the wide comparison is inconsistent (" + e.getMessage() + ")", e);
        }
        int[] order = {slots.c(), slots.cHi(), slots.zero()};
        Ext[] values = new Ext[3];
        for (int k = 0; k < 3; k++) {
            values[k] = ch.receiveExt("requant wide comparison");
            ctx.claims().slot(order[k], sub.point(), values[k]);
        }
        Ext expected = shape.evaluateWithEq(tau, sub.point(), values);
        if (!sub.expectedValue().equals(expected)) {
            throw new ProofRejectedException(where + ": wide comparison zero-check ends at " + sub.expectedValue() + ", the values give " + expected);
        }
    }

    private static Ext[] receiveEvaluations(VerifierContext ctx, int[] slots, Ext[] point, String label) throws ProofRejectedException {
        Ext[] out = new Ext[slots.length];
        for (int i = 0; i < slots.length; i++) {
            out[i] = ctx.channel().receiveExt(label);
            ctx.claims().slot(slots[i], point, out[i]);
        }
        return out;
    }
}
