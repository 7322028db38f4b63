package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.sumcheck.Parallelism;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;

/**
 * Reduces claims {@code f(r_i) = v_i} (i = 0 .. m-1) on ONE multilinear table f to a single claim
 * {@code f(s) = w}. After all claims are absorbed, λ is drawn and
 * <pre>
 *   Σ_i λ^i v_i = Σ_i λ^i Σ_x f(x) eq(r_i, x) = Σ_{x ∈ {0,1}^n} f(x) · h(x),   h(x) = Σ_i λ^i eq(r_i, x)
 * </pre>
 * is proved by a degree-2 sumcheck ending at a point s. The prover sends {@code w = f(s)}; the verifier
 * computes {@code h(s) = Σ_i λ^i eq(r_i, s)} itself and checks the sumcheck's final value is
 * {@code w·h(s)}. If some {@code v_i} is false, the left side differs from the true sum except with
 * probability {@code (m-1)/|F|} over λ, and the sumcheck then fails except with probability
 * {@code 2n/|F|}. Points may repeat.
 *
 * <p>Building {@code h} costs, per claim, the size of the sub-cube its point spans: trailing coordinates
 * that are exactly 0 or 1 (as when the table packs many vectors and a claim is about one of them) fix
 * the high bits of x, so {@code eq(r_i, ·)} is zero outside one block and its table is built only over the
 * free low coordinates. The eq table of a low point is computed once for all claims that share it.
 *
 * <p>The claims are absorbed here (count, then each point and value, in the order given), so prover and
 * verifier must list them in the same order.
 */
public final class ClaimBatchProver {
    private ClaimBatchProver() {}

    /** The proof and the reduced claim {@code f(s) = w} the caller must discharge. */
    public record Result(ClaimBatchProof proof, EvaluationClaim reduced) {}

    public static Result prove(MultilinearTable f, List<EvaluationClaim> claims, Transcript t) {
        return prove(f, claims, t, Parallelism.available());
    }

    /** Throws {@link IllegalArgumentException} if a claim is not a true evaluation of {@code f}. */
    public static Result prove(MultilinearTable f, List<EvaluationClaim> claims, Transcript t, Parallelism parallelism) {
        return prove(f, claims, t, parallelism, Masking.NONE);
    }

    /**
     * With hidden claim values ({@code masking} not {@link Masking#NONE}): the values are not absorbed (they
     * were, padded, when sent) and the sumcheck rounds are sent hidden; {@code w} is sent in the clear, so
     * the table must make it uniform (a mask entry no claim refers to).
     */
    public static Result prove(MultilinearTable f, List<EvaluationClaim> claims, Transcript t, Parallelism parallelism,
                               Masking masking) {
        int n = f.numVars();
        List<Ext[]> points = ClaimBatch.points(claims);
        ClaimBatch.checkPoints(points, n);
        List<Ext> values = claims.stream().map(EvaluationClaim::value).toList();
        Ext lambda = ClaimBatch.absorbClaimsAndDrawLambda(points, masking == Masking.NONE ? values : null, t);
        int length = Math.max(f.length(), reach(claims));
        long[] h = weights(claims, lambda, n, length);
        MultilinearTable table = f;
        if (length > f.length()) {
            long[] full = java.util.Arrays.copyOf(f.values(), (f.isBase() ? 1 : 2) * length);
            table = f.isBase() ? MultilinearTable.basePrefix(full, n) : MultilinearTable.extPrefix(full, n);
        }
        SumcheckInstance inst = SumcheckInstance.of(SumOfProducts.product(2), table, MultilinearTable.extPrefix(h, n));
        SumcheckProver.Result res = SumcheckProver.prove(inst, t, parallelism, masking);
        Ext expected = Ext.ZERO;
        Ext power = Ext.ONE;
        for (Ext v : values) {
            expected = expected.add(power.mul(v));
            power = power.mul(lambda);
        }
        if (!res.claimedSum().equals(expected)) {
            throw new IllegalArgumentException("the claims are not true evaluations of the table");
        }
        Ext w = res.finalEvaluations()[0];
        t.absorbExt(ClaimBatch.REDUCED_LABEL, w);
        return new Result(new ClaimBatchProof(res.proof(), w), new EvaluationClaim(res.point(), w));
    }

    /**
     * The entries {@code h} can be nonzero on: the end of the furthest sub-cube a claim spans (see
     * {@link #weights}). With a prefix table f, the sumcheck runs on the longer of the two prefixes.
     */
    static int reach(List<EvaluationClaim> claims) {
        int end = 1;
        for (EvaluationClaim c : claims) {
            SubCube b = SubCube.of(c.point());
            end = Math.max(end, b.offset() + (1 << b.free()));
        }
        return end;
    }

    /** The sub-cube a point spans: its trailing coordinates that are exactly 0 or 1 fix the high bits. */
    record SubCube(int free, int offset) {
        static SubCube of(Ext[] r) {
            int free = r.length;
            int high = 0;
            while (free > 0 && (r[free - 1].equals(Ext.ZERO) || r[free - 1].equals(Ext.ONE))) {
                high = (high << 1) | (r[free - 1].equals(Ext.ONE) ? 1 : 0);
                free--;
            }
            return new SubCube(free, high << free);
        }
    }

    /** {@code h = Σ_i λ^i eq(r_i, ·)} over {@code n} variables: its first {@code length} entries (the rest are zero). */
    static long[] weights(List<EvaluationClaim> claims, Ext lambda, int n, int length) {
        long[] h = new long[2 * length];
        java.util.Map<java.util.List<Ext>, long[]> eqCache = new java.util.HashMap<>();
        java.util.BitSet written = new java.util.BitSet();
        java.util.Set<java.util.List<Ext>> repeated = repeatedLowPoints(claims);
        Ext power = Ext.ONE;
        for (EvaluationClaim c : claims) {
            Ext[] r = c.point();
            SubCube cube = SubCube.of(r);
            int free = cube.free();
            int offset = cube.offset();
            Ext[] low = java.util.Arrays.copyOf(r, free);
            java.util.List<Ext> key = java.util.List.of(low);
            int touched = written.nextSetBit(offset);
            boolean untouched = touched < 0 || touched >= offset + (1 << free);
            if (untouched && !repeated.contains(key)) {
                // the first claim on an untouched sub-cube: build λ^i·eq in place (no table, no second pass)
                Multilinear.eqTableInto(low, power, h, offset);
                written.set(offset, offset + (1 << free));
                power = power.mul(lambda);
                continue;
            }
            written.set(offset, offset + (1 << free));
            long[] eq = eqCache.computeIfAbsent(key, k -> Multilinear.eqTable(low));
            long p0 = power.c0;
            long p1 = power.c1;
            for (int j = 0; j < (1 << free); j++) {
                long e0 = eq[2 * j], e1 = eq[2 * j + 1];
                int o = 2 * (offset + j);
                h[o] = io.zkml4j.crypto.field.Goldilocks.add(h[o], Ext.mulC0(e0, e1, p0, p1));
                h[o + 1] = io.zkml4j.crypto.field.Goldilocks.add(h[o + 1], Ext.mulC1(e0, e1, p0, p1));
            }
            power = power.mul(lambda);
        }
        return h;
    }

    /** Low points shared by two or more claims (their eq table is built once and kept). */
    private static java.util.Set<java.util.List<Ext>> repeatedLowPoints(List<EvaluationClaim> claims) {
        java.util.Set<java.util.List<Ext>> seen = new java.util.HashSet<>();
        java.util.Set<java.util.List<Ext>> repeated = new java.util.HashSet<>();
        for (EvaluationClaim c : claims) {
            java.util.List<Ext> key = java.util.List.of(java.util.Arrays.copyOf(c.point(), SubCube.of(c.point()).free()));
            if (!seen.add(key)) {
                repeated.add(key);
            }
        }
        return repeated;
    }
}
