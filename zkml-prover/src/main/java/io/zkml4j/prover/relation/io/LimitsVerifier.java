package io.zkml4j.prover.relation.io;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.engine.VerifierContext;
import io.zkml4j.prover.relation.RealIndicator;

/** Verifier of the counts {@code LimitsProver} proves (the math is there). */
public final class LimitsVerifier {
    private LimitsVerifier() {}

    /** Checks the counts the statement names: input and output values at their range's limits. */
    public static void verify(VerifierContext ctx, int inputAtLimits, int outputAtLimits) throws ProofRejectedException {
        var l = ctx.plan().limitsSlots();
        verify(ctx, ctx.circuit().input(), l.inputLo(), l.inputHi(), "input", inputAtLimits);
        verify(ctx, ctx.circuit().output(), l.outputLo(), l.outputHi(), "output", outputAtLimits);
    }

    private static void verify(VerifierContext ctx, int tensor, int loSlot, int hiSlot, String what, int count)
            throws ProofRejectedException {
        TensorInfo t = ctx.circuit().tensor(tensor);
        var ch = ctx.channel();
        long lo = Goldilocks.fromSigned(t.lo()), hi = Goldilocks.fromSigned(t.hi());
        int vars = t.shape().numVars();
        Ext[] tau = ch.challenges(what + " limits point", vars);
        Ext gamma = ch.challenge(what + " limits combination");
        var zeroShape = LimitsPolynomial.zero(lo, hi, gamma);
        HiddenSubClaim zero;
        try {
            zero = ch.sumcheck(Hidden.ZERO, vars, zeroShape.degree() + 1);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("the proof's " + what + " limit inverses are inconsistent (" + e.getMessage() + ")", e);
        }
        Hidden z = zeroShape.evaluateWithEq(tau, zero.point(), receive(ctx, tensor, loSlot, hiSlot, what, zero.point(), t));
        ch.require(zero.expectedValue(), z, () -> "the proof's " + what + " limit inverses are inconsistent (zero-check ends at "
                + zero.expectedValue() + ", the values give " + z + ")");
        var countShape = LimitsPolynomial.count(lo, hi);
        HiddenSubClaim sum;
        try {
            sum = ch.sumcheck(Hidden.ofBase(count), vars, countShape.degree());
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("the " + what + " does not have " + count + " value(s) at its range's limits ("
                    + e.getMessage() + ")", e);
        }
        Hidden c = countShape.evaluate(receive(ctx, tensor, loSlot, hiSlot, what, sum.point(), t));
        ch.require(sum.expectedValue(), c, () -> "the " + what + " does not have " + count + " value(s) at its range's limits"
                + " (sumcheck ends at " + sum.expectedValue() + ", the values give " + c + ")");
    }

    /** {@code sel, T, a, b} at {@code s}: sel computed here, the others received (and claimed). */
    private static Hidden[] receive(VerifierContext ctx, int tensor, int loSlot, int hiSlot, String what, Ext[] s, TensorInfo t)
            throws ProofRejectedException {
        var ch = ctx.channel();
        Hidden v = ch.receive(what + " at the limits point");
        Hidden a = ch.receive(what + " low-limit inverses");
        Hidden b = ch.receive(what + " high-limit inverses");
        ctx.claims().tensor(tensor, s, v);
        ctx.claims().slot(loSlot, s, a);
        ctx.claims().slot(hiSlot, s, b);
        return new Hidden[] {Hidden.of(RealIndicator.evaluate(t.shape(), s)), v, a, b};
    }
}
