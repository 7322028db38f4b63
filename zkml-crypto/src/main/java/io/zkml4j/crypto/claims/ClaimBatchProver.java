package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.parallel.Parallelism;
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
        MultilinearTable table = f;
        if (length > f.length()) {
            long[] full = java.util.Arrays.copyOf(f.values(), (f.isBase() ? 1 : 2) * length);
            table = (f.isBase() ? MultilinearTable.basePrefix(full, n) : MultilinearTable.extPrefix(full, n)).scratch();
        }
        // h and a padded copy of f are ours: the sumcheck folds them in place
        MultilinearTable h = MultilinearTable.extPrefix(weights(claims, lambda, n, length, parallelism), n).scratch();
        SumcheckProver.Result res = SumcheckProver.prove(SumcheckInstance.of(SumOfProducts.product(2), table, h), t,
                parallelism, masking);
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

    /**
     * {@code h = Σ_i λ^i eq(r_i, ·)} over {@code n} variables: its first {@code length} entries (the rest are
     * zero). Claims are grouped by the sub-cube they span; within a group, the coordinates all its points
     * share at the top of the free part (a matrix claimed at several output columns and one contracted
     * point) factor out: {@code Σ_i λ^i eq(p_i, x_lo)·eq(q, x_hi) = a(x_lo)·eq(q, x_hi)} with a small
     * {@code a}, so a block costs one extension multiplication per entry however many claims it has. The
     * blocks no earlier block wrote to (disjoint, written in place) are built in parallel, then the others
     * are added one by one in order, so the table does not depend on the thread count.
     */
    static long[] weights(List<EvaluationClaim> claims, Ext lambda, int n, int length, Parallelism parallelism) {
        long[] h = new long[2 * length];
        Ext[] powers = new Ext[claims.size()];
        Ext power = Ext.ONE;
        java.util.Map<SubCube, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            powers[i] = power;
            power = power.mul(lambda);
            groups.computeIfAbsent(SubCube.of(claims.get(i).point()), k -> new java.util.ArrayList<>()).add(i);
        }
        // an untouched block of h (no earlier block wrote to it) is zero: written in place; the others are
        // built in a table of their own and added
        java.util.BitSet written = new java.util.BitSet();
        List<java.util.Map.Entry<SubCube, List<Integer>>> untouched = new java.util.ArrayList<>();
        List<java.util.Map.Entry<SubCube, List<Integer>>> overlapping = new java.util.ArrayList<>();
        for (var e : groups.entrySet()) {
            SubCube cube = e.getKey();
            int size = 1 << cube.free();
            int touched = written.nextSetBit(cube.offset());
            (touched < 0 || touched >= cube.offset() + size ? untouched : overlapping).add(e);
            written.set(cube.offset(), cube.offset() + size);
        }
        // one task per block (blocks differ in size by orders of magnitude, so equal chunks of blocks would not balance)
        parallelism.run(untouched.size(), parallelism.threads() == 1 ? 1 : untouched.size(), (c, from, to) -> {
            for (int g = from; g < to; g++) {
                var e = untouched.get(g);
                block(claims, e.getValue(), powers, e.getKey().free(), h, e.getKey().offset());
            }
        });
        for (var e : overlapping) {
            SubCube cube = e.getKey();
            int size = 1 << cube.free();
            long[] out = new long[2 * size];
            block(claims, e.getValue(), powers, cube.free(), out, 0);
            for (int j = 0; j < 2 * size; j++) {
                int o = 2 * cube.offset() + j;
                h[o] = io.zkml4j.crypto.field.Goldilocks.add(h[o], out[j]);
            }
        }
        return h;
    }

    /** Writes {@code Σ_{i ∈ group} λ^i eq(low_i, ·)} (low_i: the first {@code free} coordinates) into {@code out} at entry {@code at}. */
    private static void block(List<EvaluationClaim> claims, List<Integer> group, Ext[] powers, int free, long[] out, int at) {
        Ext[] first = claims.get(group.get(0)).point();
        int shared = 0; // coordinates free-1, free-2, ... equal in every point of the group
        while (shared < free) {
            Ext c = first[free - 1 - shared];
            boolean same = true;
            for (int i : group) {
                same &= claims.get(i).point()[free - 1 - shared].equals(c);
            }
            if (!same) {
                break;
            }
            shared++;
        }
        int lowVars = free - shared;
        // a = Σ λ^i eq(p_i) over the low coordinates (identical low points summed first)
        java.util.Map<java.util.List<Ext>, Ext> coefficient = new java.util.LinkedHashMap<>();
        for (int i : group) {
            coefficient.merge(java.util.List.of(java.util.Arrays.copyOf(claims.get(i).point(), lowVars)), powers[i], Ext::add);
        }
        Ext[] top = java.util.Arrays.copyOfRange(first, lowVars, free);
        if (coefficient.size() == 1) {
            var only = coefficient.entrySet().iterator().next();
            Ext[] all = java.util.Arrays.copyOf(only.getKey().toArray(new Ext[0]), free);
            System.arraycopy(top, 0, all, lowVars, shared);
            Multilinear.eqTableInto(all, only.getValue(), out, at);
            return;
        }
        long[] a = new long[2 << lowVars];
        for (var c : coefficient.entrySet()) {
            long[] eq = Multilinear.eqTable(c.getKey().toArray(new Ext[0]));
            long p0 = c.getValue().c0;
            long p1 = c.getValue().c1;
            for (int j = 0; j < (1 << lowVars); j++) {
                long e0 = eq[2 * j], e1 = eq[2 * j + 1];
                a[2 * j] = io.zkml4j.crypto.field.Goldilocks.add(a[2 * j], Ext.mulC0(e0, e1, p0, p1));
                a[2 * j + 1] = io.zkml4j.crypto.field.Goldilocks.add(a[2 * j + 1], Ext.mulC1(e0, e1, p0, p1));
            }
        }
        long[] high = Multilinear.eqTable(top);
        for (int hi = 0; hi < (1 << shared); hi++) {
            long q0 = high[2 * hi], q1 = high[2 * hi + 1];
            int base = 2 * (at + (hi << lowVars));
            for (int lo = 0; lo < (1 << lowVars); lo++) {
                long a0 = a[2 * lo], a1 = a[2 * lo + 1];
                out[base + 2 * lo] = Ext.mulC0(a0, a1, q0, q1);
                out[base + 2 * lo + 1] = Ext.mulC1(a0, a1, q0, q1);
            }
        }
    }
}
