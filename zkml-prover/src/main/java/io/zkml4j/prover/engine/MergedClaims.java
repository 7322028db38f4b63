package io.zkml4j.prover.engine;

import io.zkml4j.crypto.claims.HiddenClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;

/**
 * Several claims {@code T~(r_i) = v_i} on one tensor merged into one weighted sum: with a challenge λ
 * (drawn only when there is more than one claim), {@code Σ_x g(x)·T(x) = Σ_i λ^i v_i} for
 * {@code g = Σ_i λ^i eq(r_i, ·)}. The claims themselves were absorbed when they were made, so λ depends on
 * all of them.
 */
public final class MergedClaims {
    private final List<HiddenClaim> claims;
    private final Ext[] coefficients;

    private MergedClaims(List<HiddenClaim> claims, Ext[] coefficients) {
        this.claims = claims;
        this.coefficients = coefficients;
    }

    public static MergedClaims of(List<HiddenClaim> claims, Transcript transcript) {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("no claims to merge");
        }
        Ext[] c = new Ext[claims.size()];
        c[0] = Ext.ONE;
        if (claims.size() > 1) {
            Ext lambda = transcript.challengeExt("merge claims");
            for (int i = 1; i < c.length; i++) {
                c[i] = c[i - 1].mul(lambda);
            }
        }
        return new MergedClaims(List.copyOf(claims), c);
    }

    public int size() {
        return claims.size();
    }

    public HiddenClaim claim(int i) {
        return claims.get(i);
    }

    public Ext coefficient(int i) {
        return coefficients[i];
    }

    /** {@code Σ_i λ^i v_i}. */
    public Hidden combinedValue() {
        return Hidden.linearCombination(coefficients, claims.stream().map(HiddenClaim::value).toList());
    }

    /** {@code Σ_i λ^i}. */
    public Ext coefficientSum() {
        Ext s = Ext.ZERO;
        for (Ext c : coefficients) {
            s = s.add(c);
        }
        return s;
    }

    /** The table of {@code g = Σ_i λ^i eq(r_i, ·)} (interleaved extension pairs). */
    public long[] weightTable() {
        long[] g = null;
        for (int i = 0; i < claims.size(); i++) {
            long[] eq = Multilinear.eqTable(claims.get(i).point());
            if (g == null) {
                g = eq;
                continue;
            }
            Ext c = coefficients[i];
            for (int k = 0; k < eq.length; k += 2) {
                long e0 = eq[k], e1 = eq[k + 1];
                g[k] = Goldilocks.add(g[k], Ext.mulC0(e0, e1, c.c0, c.c1));
                g[k + 1] = Goldilocks.add(g[k + 1], Ext.mulC1(e0, e1, c.c0, c.c1));
            }
        }
        return g;
    }

    /** {@code g(s) = Σ_i λ^i eq(r_i, s)}. */
    public Ext weightAt(Ext[] s) {
        Ext acc = Ext.ZERO;
        for (int i = 0; i < claims.size(); i++) {
            acc = acc.add(coefficients[i].mul(Multilinear.eq(claims.get(i).point(), s)));
        }
        return acc;
    }

}
