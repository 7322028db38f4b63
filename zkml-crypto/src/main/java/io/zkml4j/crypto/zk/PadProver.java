package io.zkml4j.crypto.zk;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.hidden.PadPlan;

import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.crypto.transcript.Transcript;

/**
 * Proves in zero knowledge that the pad commitment satisfies every constraint a verifier recorded on
 * padded messages ({@link HiddenChecks}), and that its product entries are products.
 * <ol>
 *   <li>Draw {@code t}; send {@code ρ_j = t·P[a_j] − P[a'_j]}, {@code σ_j = P[b_j] − P[b'_j]} for each product;
 *   draw λ and combine all constraints into {@code ⟨A, T⟩ = B} over the content half {@code T}
 *   ({@link PadConstraints}).</li>
 *   <li>Masked inner product (the mask polynomial of Chiesa–Forbes–Spooner, eprint 2017/305, taken as
 *   large as the table): send {@code S = ⟨A, σ⟩} for the uniform half {@code σ}, draw {@code ρ'}, and run the
 *   degree-2 sumcheck of {@code Σ_x A(x)·F(x, ρ') = (1 − ρ')·B + ρ'·S}, {@code F(x, y) = (1−y)·T(x) + y·σ(x)};
 *   send {@code v = F(z, ρ')} at its end point z. The verifier computes {@code A(z)} itself and checks
 *   {@code A(z)·v}; the caller opens the pad commitment at {@code (z, ρ')}.</li>
 * </ol>
 * <b>Zero knowledge</b>: the sumcheck sees only {@code (1−ρ')T + ρ'σ}, uniform whatever {@code T} is (ρ' ≠ 0);
 * {@code S} is then fixed by the public claim; the reveals are uniform. <b>Soundness</b>: a false combined
 * constraint passes the masking with probability 1/|E| (the claim is affine in ρ'), the sumcheck with
 * {@code 2m/|E|}, a wrong product {@code 1/|E|}, and the combination {@code (#constraints)/|E|}.
 */
public final class PadProver {
    private PadProver() {}

    /** The proof and the claim on the pad table that the caller must open. */
    public record Result(PadProof proof, EvaluationClaim claim) {}

    /**
     * @param checks the verifier's run on this proof up to here (the prover runs the verifier to get it);
     *               it must have named exactly the entries of the pads' plan
     */
    public static Result prove(Pads pads, HiddenChecks checks, Transcript t) {
        return prove(pads, checks, t, true);
    }

    /**
     * {@code checked = false} skips the prover's own check that its pads pass (cheating-prover tests only:
     * the proof then fails at the verifier).
     */
    public static Result prove(Pads pads, HiddenChecks checks, Transcript t, boolean checked) {
        PadPlan plan = pads.plan();
        if (!checks.plan().equals(plan)) {
            throw new IllegalStateException("the verifier named " + checks.plan() + ", the proof committed " + plan);
        }
        PadLayout layout = pads.layout();
        int m = layout.contentVars();
        long[] table = pads.table();
        Ext ts = PadConstraints.sacrifice(t);
        Ext[] reveals = new Ext[2 * plan.productCount()];
        int j = 0;
        for (int c = 0; c < plan.size(); c++) {
            if (!plan.isPad(c)) {
                reveals[2 * j] = ts.mul(pads.entry(plan.left(c))).sub(pads.entry(layout.sacrificedA(j)));
                reveals[2 * j + 1] = pads.entry(plan.right(c)).sub(pads.entry(layout.sacrificedB(j)));
                j++;
            }
        }
        t.absorbExtArray(PadConstraints.REVEALS_LABEL, reveals);
        Ext lambda = t.challengeExt(PadConstraints.LAMBDA_LABEL);
        PadConstraints.Combined comb = PadConstraints.combine(checks, plan, ts, reveals, lambda);
        int half = 1 << m;
        if (checked && !innerProduct(comb.a(), table, 0, half).equals(comb.b())) {
            throw new IllegalStateException("the pads do not satisfy the verifier's checks (a wrong witness, or a bug)");
        }
        Ext s = innerProduct(comb.a(), table, half, half);
        t.absorbExt(PadConstraints.MASK_SUM_LABEL, s);
        Ext rho = t.challengeExt(PadConstraints.MASK_LABEL);
        Ext keep = Ext.ONE.sub(rho);
        long[] f = new long[2 * half];
        for (int i = 0; i < half; i++) {
            Ext.fromBase(table[i]).mul(keep).add(Ext.fromBase(table[half + i]).mul(rho)).storeAt(f, i);
        }
        SumcheckInstance inst = SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.ext(comb.a()), MultilinearTable.ext(f));
        SumcheckProver.Result res = SumcheckProver.prove(inst, t);
        Ext v = res.finalEvaluations()[1];
        t.absorbExt(PadConstraints.VALUE_LABEL, v);
        Ext[] point = java.util.Arrays.copyOf(res.point(), m + 1);
        point[m] = rho;
        return new Result(new PadProof(reveals, s, res.proof(), v), new EvaluationClaim(point, v));
    }

    /** {@code Σ_i a_i·x[from + i]} for extension {@code a} (pairs) and base {@code x}. */
    private static Ext innerProduct(long[] a, long[] x, int from, int n) {
        long[] xs = java.util.Arrays.copyOfRange(x, from, from + n);
        long s0 = 0, s1 = 0;
        for (int i = 0; i < n; i++) {
            s0 = io.zkml4j.crypto.field.Goldilocks.add(s0, io.zkml4j.crypto.field.Goldilocks.mul(a[2 * i], xs[i]));
            s1 = io.zkml4j.crypto.field.Goldilocks.add(s1, io.zkml4j.crypto.field.Goldilocks.mul(a[2 * i + 1], xs[i]));
        }
        return Ext.of(s0, s1);
    }
}
