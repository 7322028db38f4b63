package io.zkml4j.crypto.zk;

import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.hidden.PadPlan;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;

/**
 * Every constraint on the pad commitment, combined into one inner product {@code ⟨A, P⟩ = B}: shared by
 * {@link PadProver} and {@link PadVerifier}, so that both derive the same {@code A} and {@code B}.
 *
 * <p>The constraints, each weighted by the next power of λ: those the verifier recorded
 * ({@link HiddenChecks}), then for each product entry {@code c = a·b} with its sacrificed triple
 * {@code (a', b', c')} and the revealed {@code ρ = t·a − a'}, {@code σ = b − b'} (SPDZ-style sacrifice,
 * Damgård et al., CRYPTO 2012):
 * <pre>
 *   ρ − t·P[a] + P[a'] = 0,   σ − P[b] + P[b'] = 0,   t·P[c] − P[c'] − σ·P[a'] − ρ·P[b'] − σρ = 0.
 * </pre>
 * With the first two, the third equals {@code t·(P[c] − P[a]P[b]) − (P[c'] − P[a']P[b'])}: for a wrong
 * product it holds for at most one {@code t}. The revealed {@code ρ, σ} are uniform ({@code a', b'} are).
 */
final class PadConstraints {
    static final String SACRIFICE_LABEL = "pads/sacrifice";
    static final String REVEALS_LABEL = "pads/sacrifice-reveals";
    static final String LAMBDA_LABEL = "pads/combine";
    static final String MASK_SUM_LABEL = "pads/mask-sum";
    static final String MASK_LABEL = "pads/mask-weight";
    static final String VALUE_LABEL = "pads/value";
    /** {@code u} with {@code u² = 7}: an extension entry {@code e} is {@code P[2e] + u·P[2e+1]}. */
    private static final Ext U = Ext.of(0, 1);

    private PadConstraints() {}

    /** The combined constraint on the content half: {@code A} over its base entries (extension pairs) and {@code B}. */
    record Combined(long[] a, Ext b) {}

    static Combined combine(HiddenChecks checks, PadPlan plan, Ext t, Ext[] reveals, Ext lambda) {
        PadLayout layout = PadLayout.of(plan);
        Ext[] perEntry = new Ext[layout.used()];
        java.util.Arrays.fill(perEntry, Ext.ZERO);
        Ext b = Ext.ZERO;
        Ext w = Ext.ONE;
        List<Hidden> constraints = checks.constraints();
        for (Hidden h : constraints) {
            for (int i = 0; i < h.size(); i++) {
                perEntry[h.entry(i)] = perEntry[h.entry(i)].add(w.mul(h.coefficient(i)));
            }
            b = b.sub(w.mul(h.constant()));
            w = w.mul(lambda);
        }
        int j = 0;
        for (int c = 0; c < plan.size(); c++) {
            if (plan.isPad(c)) {
                continue;
            }
            int a = plan.left(c), bb = plan.right(c);
            int a1 = layout.sacrificedA(j), b1 = layout.sacrificedB(j), c1 = layout.sacrificedC(j);
            Ext rho = reveals[2 * j], sigma = reveals[2 * j + 1];
            // ρ − t·P[a] + P[a'] = 0
            perEntry[a] = perEntry[a].sub(w.mul(t));
            perEntry[a1] = perEntry[a1].add(w);
            b = b.sub(w.mul(rho));
            w = w.mul(lambda);
            // σ − P[b] + P[b'] = 0
            perEntry[bb] = perEntry[bb].sub(w);
            perEntry[b1] = perEntry[b1].add(w);
            b = b.sub(w.mul(sigma));
            w = w.mul(lambda);
            // t·P[c] − P[c'] − σ·P[a'] − ρ·P[b'] − σρ = 0
            perEntry[c] = perEntry[c].add(w.mul(t));
            perEntry[c1] = perEntry[c1].sub(w);
            perEntry[a1] = perEntry[a1].sub(w.mul(sigma));
            perEntry[b1] = perEntry[b1].sub(w.mul(rho));
            b = b.add(w.mul(sigma.mul(rho)));
            w = w.mul(lambda);
            j++;
        }
        long[] a = new long[2 << layout.contentVars()];
        for (int e = 0; e < perEntry.length; e++) {
            perEntry[e].storeAt(a, 2 * e);
            perEntry[e].mul(U).storeAt(a, 2 * e + 1);
        }
        return new Combined(a, b);
    }

    /** Draws the sacrifice challenge t. */
    static Ext sacrifice(Transcript transcript) {
        return transcript.challengeExt(SACRIFICE_LABEL);
    }
}
