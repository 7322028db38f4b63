package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.poly.Univariate;
import io.zkml4j.crypto.transcript.Transcript;

/**
 * Sumcheck prover for {@code H = Σ_{x ∈ {0,1}^n} [eq(ρ, x) ·] Σ_t c_t Π_{j ∈ t} f_j(x)}.
 *
 * <p>Round k binds variable k (pairs {@code 2i, 2i+1} of the bookkeeping tables) and sends
 * {@code p_k(X) = Σ_{x'} g(r_0, ..., r_{k-1}, X, x')} as its values at {@code X = 0 .. d}. The prover
 * knows the running claim {@code H_k = p_{k-1}(r_{k-1})}, so after round 0 it gets {@code p_k(1) = H_k - p_k(0)}
 * without computing it.
 *
 * <p>With an eq factor (Gruen, "Some improvements for the PIOP for ZeroCheck", 2024) the round polynomial
 * factors as {@code p_k(X) = C_k · eq(ρ_k, X) · q_k(X)} with {@code C_k = Π_{i<k} eq(ρ_i, r_i)} and
 * {@code q_k(X) = Σ_{x'} eq(ρ_{>k}, x') · Σ_t c_t Π f_j(r, X, x')}. The prover computes q_k (one degree
 * lower, no eq table to fold), gets {@code q_k(1)} from {@code H_k = C_k((1-ρ_k) q_k(0) + ρ_k q_k(1))},
 * extrapolates {@code q_k(d)}, and sends {@code p_k(0..d)}, exactly what the plain prover with
 * {@code eq(ρ, ·)} as a table would send.
 *
 * <p><b>Transcript contract</b> (same as {@link SumcheckVerifier}): each round message is absorbed before
 * the round challenge is drawn; nothing else is. The caller absorbs the statement (claimed sum, shape,
 * numVars, degree, what fixes the tables) beforehand.
 */
public final class SumcheckProver {
    private SumcheckProver() {}

    /**
     * The proof, the challenge point ({@code point[k]} binds variable k), every table's evaluation at that
     * point (in table order; eq excluded), and the sum proved.
     */
    public record Result(SumcheckProof proof, Ext[] point, Ext[] finalEvaluations, Ext claimedSum) {}

    /** Proves with as many threads as the common pool offers. */
    public static Result prove(SumcheckInstance instance, Transcript transcript) {
        return prove(instance, transcript, Parallelism.available());
    }

    public static Result prove(SumcheckInstance instance, Transcript transcript, Parallelism parallelism) {
        return prove(instance, transcript, parallelism, Masking.NONE);
    }

    public static Result prove(SumcheckInstance instance, Transcript transcript, Masking masking) {
        return prove(instance, transcript, Parallelism.available(), masking);
    }

    /**
     * Sends every round value hidden by {@code masking} (the proof holds what was sent; the point, final
     * evaluations and claimed sum are the true ones).
     */
    public static Result prove(SumcheckInstance instance, Transcript transcript, Parallelism parallelism, Masking masking) {
        int n = instance.numVars();
        SumOfProducts shape = instance.shape();
        BookkeepingTables tables = new BookkeepingTables(instance, parallelism);
        if (n == 0) {
            Ext[] finals = tables.finalValues();
            return new Result(new SumcheckProof(new long[0][]), new Ext[0], finals, shape.evaluate(finals));
        }
        Ext[] rho = instance.eqPoint();
        long[][] messages = new long[n][];
        Ext[] point = new Ext[n];
        Ext claim = null;
        Ext claimedSum = null;
        Ext eqScale = Ext.ONE;
        for (int k = 0; k < n; k++) {
            long[] msg = rho == null
                    ? plainRound(shape, tables, claim)
                    : eqRound(shape, tables, claim, rho[k], eqScale);
            if (k == 0) {
                claimedSum = Ext.at(msg, 0).add(Ext.at(msg, 1));
            }
            long[] sent = masking == Masking.NONE ? msg : masking.hide(msg);
            transcript.absorbExts(SumcheckVerifier.ROUND_LABEL, sent);
            Ext r = transcript.challengeExt(SumcheckVerifier.CHALLENGE_LABEL);
            claim = Univariate.evaluateFromPoints(msg, r);
            if (rho != null) {
                eqScale = eqScale.mul(eqAt(rho[k], r));
            }
            tables.bind(r);
            messages[k] = sent;
            point[k] = r;
        }
        return new Result(new SumcheckProof(messages), point, tables.finalValues(), claimedSum);
    }

    /** {@code p(0..d)}; {@code claim} is null in round 0, where p(1) is computed rather than derived. */
    private static long[] plainRound(SumOfProducts shape, BookkeepingTables tables, Ext claim) {
        int d = shape.degree();
        boolean deriveOne = claim != null;
        long[] msg = tables.roundSums(d, deriveOne);
        if (deriveOne) {
            claim.sub(Ext.at(msg, 0)).storeAt(msg, 1);
        }
        return msg;
    }

    /** {@code p(X) = C·eq(ρ_k, X)·q(X)} at {@code X = 0 .. dg+1}, with q of degree dg. */
    private static long[] eqRound(SumOfProducts shape, BookkeepingTables tables, Ext claim, Ext rhoK, Ext scale) {
        int dg = shape.degree();
        // q(1) from the claim needs C and ρ_k invertible; otherwise compute it.
        boolean deriveOne = claim != null && !scale.isZero() && !rhoK.isZero();
        long[] q = tables.roundSums(dg, deriveOne);
        if (deriveOne) {
            Ext q0 = Ext.at(q, 0);
            Ext q1 = claim.mul(scale.inv()).sub(Ext.ONE.sub(rhoK).mul(q0)).mul(rhoK.inv());
            q1.storeAt(q, 1);
        }
        Ext qTop = Univariate.evaluateFromPoints(q, Ext.fromBase(dg + 1));
        long[] msg = new long[2 * (dg + 2)];
        for (int x = 0; x <= dg + 1; x++) {
            Ext qx = x <= dg ? Ext.at(q, x) : qTop;
            scale.mul(eqAt(rhoK, Ext.fromBase(x))).mul(qx).storeAt(msg, x);
        }
        return msg;
    }

    /** {@code eq(ρ, x) = (1 - ρ)(1 - x) + ρ·x} for one coordinate. */
    static Ext eqAt(Ext rho, Ext x) {
        return Ext.ONE.sub(rho).sub(x).add(rho.mul(x).mulBase(2));
    }
}
