package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LogUp-GKR prover (Haböck's LogUp; Papini–Haböck, "Improving logarithmic derivative lookups using GKR",
 * 2023): every row of every witness group is a row of a fixed table, with multiplicities m.
 *
 * <p>With challenges α (and β folding a row's columns, {@code w = Σ_c β^c·col_c}),
 * <pre>
 *   Σ_g Σ_i 1/(α - w_{g,i}) = Σ_j m_j/(α - t_j)
 * </pre>
 * holds as rational functions of α exactly when the witness multiset is covered by the table with
 * multiplicities m (for fewer than p witness rows). Each side is summed by a binary tree of fractions
 * (see {@link LogUpGkr}); the roots are sent and checked by cross-multiplication, then each tree is
 * proved by GKR from the root down to the leaves, one degree-3 sumcheck per layer, ending in claims on
 * the witness columns and the multiplicities at random points.
 *
 * <p><b>PRECONDITION — read this.</b> Before calling, the caller must have committed to every witness
 * column and to the multiplicity vector, and absorbed those commitments into {@code transcript}: α and
 * β are drawn here from the transcript as it stands, and they are only sound if the witness and the
 * multiplicities were fixed before them. The returned claims must then be discharged against those same
 * commitments; until they are, nothing has been proved.
 */
public final class LogUpGkrProver {
    private LogUpGkrProver() {}

    /** The proof and the claims the caller must discharge against its commitments. */
    public record Result(LogUpGkrProof proof, LogUpGkrClaims claims) {}

    /**
     * Proves that every row of every group (each {@code table.arity()} columns of {@code 2^n_g} rows) is
     * in {@code table}, {@code multiplicities[j]} times row j in total. Throws
     * {@link IllegalArgumentException} if a row is not in the table or the multiplicities are not the
     * counts (see {@link LookupTable#multiplicities}).
     */
    public static Result prove(LookupTable table, List<long[][]> groups, long[] multiplicities, Transcript transcript) {
        return prove(table, groups, null, multiplicities, transcript, Parallelism.available());
    }

    public static Result prove(LookupTable table, List<long[][]> groups, long[] multiplicities, Transcript transcript,
                               Parallelism parallelism) {
        return prove(table, groups, null, multiplicities, transcript, parallelism);
    }

    /**
     * As above, where group g looks up only the rows its selector marks with 1 ({@code selectors} null or
     * a null entry: every row). Selector entries must be 0 or 1; the verifier evaluates the selectors'
     * multilinear extensions itself.
     */
    public static Result prove(LookupTable table, List<long[][]> groups, List<long[]> selectors, long[] multiplicities,
                               Transcript transcript) {
        return prove(table, groups, selectors, multiplicities, transcript, Parallelism.available());
    }

    public static Result prove(LookupTable table, List<long[][]> groups, List<long[]> selectors, long[] multiplicities,
                               Transcript transcript, Parallelism parallelism) {
        return prove(table, groups, selectors, multiplicities, transcript, parallelism, Masking.NONE);
    }

    private static void checkMultiplicities(LookupTable table, List<long[][]> groups, List<long[]> selectors, long[] multiplicities) {
        long[] counts = LookupTable.multiplicities(table, groups, selectors);
        if (!Arrays.equals(counts, multiplicities)) {
            int j = Arrays.mismatch(counts, multiplicities);
            throw new IllegalArgumentException(j < 0 || j >= Math.min(counts.length, multiplicities.length)
                    ? "multiplicities have " + multiplicities.length + " entries, the table has " + counts.length + " rows"
                    : "multiplicities do not match the witness: row " + j + " is used " + counts[j] + " times, given "
                            + Long.toUnsignedString(multiplicities[j]));
        }
    }

    /**
     * The protocol without the membership and multiplicity checks, so tests (here and in the modules that
     * build on this one) can build cheating proofs and watch the verifier reject them. Only shapes are
     * checked. Proving a false statement with it yields a proof the verifier rejects; it is not a way
     * around soundness, only around the prover's own sanity check.
     */
    public static Result proveUnchecked(LookupTable table, List<long[][]> groups, List<long[]> selectors,
                                        long[] multiplicities, Transcript t, Parallelism par) {
        return proveUnchecked(table, groups, selectors, multiplicities, t, par, Masking.NONE);
    }

    /**
     * As {@link #prove(LookupTable, List, List, long[], Transcript, Parallelism)}, every sent value (roots,
     * round messages, child values, column values) hidden by {@code masking} as it is absorbed; the proof
     * holds what was sent, the claims the true values.
     */
    public static Result prove(LookupTable table, List<long[][]> groups, List<long[]> selectors, long[] multiplicities,
                               Transcript transcript, Parallelism parallelism, Masking masking) {
        checkMultiplicities(table, groups, selectors, multiplicities);
        return proveUnchecked(table, groups, selectors, multiplicities, transcript, parallelism, masking);
    }

    public static Result proveUnchecked(LookupTable table, List<long[][]> groups, List<long[]> selectors,
                                        long[] multiplicities, Transcript t, Parallelism par, Masking masking) {
        Batch b = proveAllUnchecked(List.of(new Lookup(table, groups, selectors, multiplicities)), t, par, masking);
        return new Result(b.proof(), b.claims().get(0));
    }

    /** One table's lookups: its witness groups (selectors null or a null entry: every row) and multiplicities. */
    public record Lookup(LookupTable table, List<long[][]> groups, List<long[]> selectors, long[] multiplicities) {}

    /** The proof for several tables and, per table, the claims the caller must discharge. */
    public record Batch(LogUpGkrProof proof, List<LogUpGkrClaims> claims) {}

    /**
     * Proves the lookups of several tables with one descent for all their trees ({@link LogUpGkr}); each
     * table's α and β are drawn after its statement. Same precondition as {@link #prove}.
     */
    public static Batch proveAll(List<Lookup> lookups, Transcript t, Parallelism par, Masking masking) {
        for (Lookup l : lookups) {
            checkMultiplicities(l.table(), l.groups(), l.selectors(), l.multiplicities());
        }
        return proveAllUnchecked(lookups, t, par, masking);
    }

    /** {@link #proveAll} without the membership and multiplicity checks (cheating-prover tests; see {@link #proveUnchecked}). */
    public static Batch proveAllUnchecked(List<Lookup> lookups, Transcript t, Parallelism par, Masking masking) {
        List<FractionTree> trees = new ArrayList<>();
        List<Ext[]> sentRoots = new ArrayList<>();
        List<Ext> alphas = new ArrayList<>();
        List<Ext[]> betas = new ArrayList<>();
        for (Lookup l : lookups) {
            LookupTable table = l.table();
            List<long[][]> groups = l.groups();
            LogUpGkr.checkTable(table);
            int[] logSizes = new int[groups.size()];
            boolean[] selected = LogUpGkr.selected(groups.size(), l.selectors());
            for (int g = 0; g < groups.size(); g++) {
                logSizes[g] = LogUpGkr.checkGroup(table, groups.get(g), g);
                if (selected[g]) {
                    checkSelector(l.selectors().get(g), groups.get(g)[0].length, g);
                }
            }
            LogUpGkr.checkGroupLogSizes(logSizes);
            if (l.multiplicities().length != table.size()) {
                throw new IllegalArgumentException("multiplicities have " + l.multiplicities().length + " entries, the table has "
                        + table.size() + " rows");
            }
            LogUpGkr.absorbStatement(t, table, logSizes, selected);
            Ext alpha = t.challengeExt(LogUpGkr.ALPHA_LABEL);
            Ext[] betaPowers = LogUpGkr.betaPowers(t.challengeExt(LogUpGkr.BETA_LABEL), table.arity());
            alphas.add(alpha);
            betas.add(betaPowers);
            for (int g = 0; g < groups.size(); g++) {
                trees.add(selected[g]
                        ? FractionTree.ofSelectedWitness(groups.get(g), l.selectors().get(g), alpha, betaPowers, par)
                        : FractionTree.ofWitness(groups.get(g), alpha, betaPowers, par));
            }
            trees.add(FractionTree.ofTable(table, l.multiplicities(), alpha, betaPowers, par));
            for (int j = trees.size() - groups.size() - 1; j < trees.size(); j++) {
                FractionTree tree = trees.get(j);
                Ext[] root = masking.hide(new Ext[] {tree.rootNumerator, tree.rootDenominator});
                t.absorbExtArray(LogUpGkr.ROOT_LABEL, root);
                sentRoots.add(root);
            }
        }

        Descent d = descend(trees, t, par, masking);

        List<LogUpGkrProof.Part> parts = new ArrayList<>();
        List<LogUpGkrClaims> claims = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < lookups.size(); i++) {
            Lookup l = lookups.get(i);
            int groups = l.groups().size();
            List<Ext[]> columnValues = new ArrayList<>();
            List<List<EvaluationClaim>> columnClaims = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int tree = first + g;
                Ext[] values = columnValues(l.groups().get(g), d.points[tree], d.denominators[tree], alphas.get(i), betas.get(i));
                List<EvaluationClaim> groupClaims = new ArrayList<>();
                for (Ext v : values) {
                    groupClaims.add(new EvaluationClaim(d.points[tree], v));
                }
                Ext[] sent = masking.hide(values);
                t.absorbExtArray(LogUpGkr.COLUMNS_LABEL, sent);
                columnValues.add(sent);
                columnClaims.add(groupClaims);
            }
            int tableTree = first + groups;
            parts.add(new LogUpGkrProof.Part(sentRoots.subList(first, tableTree), sentRoots.get(tableTree), columnValues));
            claims.add(new LogUpGkrClaims(columnClaims, new EvaluationClaim(d.points[tableTree], d.numerators[tableTree])));
            first = tableTree + 1;
        }
        return new Batch(new LogUpGkrProof(parts, d.steps), claims);
    }

    private static void checkSelector(long[] s, int rows, int g) {
        if (s.length != rows) {
            throw new IllegalArgumentException("group " + g + " selector has " + s.length + " rows");
        }
        for (long v : s) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("group " + g + " selector holds " + v + ", not 0 or 1");
            }
        }
    }

    /**
     * Each column's multilinear extension at the descent's end point. The leaves are
     * {@code Q = α - Σ_c β^c·col_c}, so the last column follows from the others and {@code Q(ρ)} without a
     * pass over the data: for arity 1, {@code col_0(ρ) = α - Q(ρ)}.
     */
    private static Ext[] columnValues(long[][] cols, Ext[] point, Ext denominator, Ext alpha, Ext[] betaPowers) {
        int last = cols.length - 1;
        Ext[] values = new Ext[cols.length];
        Ext rest = alpha.sub(denominator);
        for (int c = 0; c < last; c++) {
            values[c] = Multilinear.evaluate(cols[c], point);
            rest = rest.sub(betaPowers[c].mul(values[c]));
        }
        values[last] = betaPowers[last].isZero()
                ? Multilinear.evaluate(cols[last], point)
                : rest.mul(betaPowers[last].inv());
        return values;
    }

    /**
     * Adds tree i's part of step k, {@code θ·[P_lo Q_hi + P_hi Q_lo + λ·Q_lo Q_hi]} (unit leaves:
     * {@code θ·[Q_hi + Q_lo + λ·Q_lo Q_hi]}), to {@code shape} and {@code tables} at {@code offset}. Where the
     * first tables are in the extension and θ is neither 0 nor 1, they are scaled by θ so that fewer terms
     * carry a coefficient: {@code (θP_lo)·Q_hi + (θP_hi)·Q_lo + θλ·Q_lo Q_hi}, or
     * {@code (θQ_lo) + θ·Q_hi + λ·(θQ_lo)·Q_hi}. Returns the scale (the caller divides those tables' final
     * values by it), or null if nothing was scaled.
     */
    private static Ext scaledLayer(MultilinearTable[] layer, boolean unit, Ext theta, Ext lambda, SumOfProducts.Builder shape,
                                   MultilinearTable[] tables, int o, Parallelism par) {
        boolean scaled = !theta.isZero() && !theta.equals(Ext.ONE) && !layer[0].isBase() && (unit || !layer[1].isBase());
        Ext thetaLambda = theta.mul(lambda);
        for (int j = 0; j < layer.length; j++) {
            tables[o + j] = scaled && (j == 0 || (j == 1 && !unit)) ? scaledCopy(layer[j], theta, par) : layer[j];
        }
        if (!scaled) {
            LogUpGkr.addLayerTerms(shape, o, unit, theta, theta, thetaLambda);
        } else if (unit) {
            LogUpGkr.addLayerTerms(shape, o, true, Ext.ONE, theta, lambda);
        } else {
            LogUpGkr.addLayerTerms(shape, o, false, Ext.ONE, Ext.ONE, thetaLambda);
        }
        return scaled ? theta : null;
    }

    /** {@code c·f} for an extension table, as a scratch table the sumcheck may fold in place. */
    private static MultilinearTable scaledCopy(MultilinearTable f, Ext c, Parallelism par) {
        long[] src = f.values();
        long[] out = new long[src.length];
        long c0 = c.c0;
        long c1 = c.c1;
        int n = src.length / 2;
        par.run(n, par.chunkCount(n, 1 << 12), (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                long a0 = src[2 * i];
                long a1 = src[2 * i + 1];
                out[2 * i] = Ext.mulC0(a0, a1, c0, c1);
                out[2 * i + 1] = Ext.mulC1(a0, a1, c0, c1);
            }
        });
        return MultilinearTable.ext(out).scratch();
    }

    /** The descent's steps and every tree's leaf claim {@code (P(point), Q(point))}. */
    private record Descent(List<LogUpGkrProof.Step> steps, Ext[][] points, Ext[] numerators, Ext[] denominators) {}

    /** One descent for all trees: step k reduces every tree at least k deep (see {@link LogUpGkr}). */
    private static Descent descend(List<FractionTree> trees, Transcript t, Parallelism par, Masking masking) {
        int n = trees.size();
        Ext[] a = new Ext[n];
        Ext[] b = new Ext[n];
        Ext[][] points = new Ext[n][];
        int deepest = 0;
        for (int i = 0; i < n; i++) {
            a[i] = trees.get(i).rootNumerator;
            b[i] = trees.get(i).rootDenominator;
            deepest = Math.max(deepest, trees.get(i).numVars);
            if (trees.get(i).numVars == 0) {
                points[i] = new Ext[0];
            }
        }
        Ext[] rho = new Ext[0];
        List<LogUpGkrProof.Step> steps = new ArrayList<>();
        for (int k = 1; k <= deepest; k++) {
            Ext lambda = t.challengeExt(LogUpGkr.LAMBDA_LABEL);
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (trees.get(i).numVars >= k) {
                    active.add(i);
                }
            }
            Ext[] theta = active.size() == 1 ? new Ext[] {Ext.ONE} : t.challengeExts(LogUpGkr.THETA_LABEL, active.size());
            boolean[] unit = new boolean[active.size()];
            Ext[] scale = new Ext[active.size()];
            int tableCount = 0;
            for (int j = 0; j < active.size(); j++) {
                FractionTree tree = trees.get(active.get(j));
                unit[j] = tree.unitLeaves && k == tree.numVars;
                tableCount += LogUpGkr.layerTableCount(unit[j]);
            }
            // The layer shape times θ_i, with θ_i folded into tree i's first extension tables where it saves a
            // multiplication per entry and point (see scaledLayer); the sum and the polynomial are the same.
            SumOfProducts.Builder shape = SumOfProducts.builder(tableCount);
            MultilinearTable[] tables = new MultilinearTable[tableCount];
            Ext claimed = Ext.ZERO;
            int offset = 0;
            for (int j = 0; j < active.size(); j++) {
                int i = active.get(j);
                scale[j] = scaledLayer(trees.get(i).layerTables(k), unit[j], theta[j], lambda, shape, tables, offset, par);
                offset += LogUpGkr.layerTableCount(unit[j]);
                claimed = claimed.add(theta[j].mul(a[i].add(lambda.mul(b[i]))));
            }
            SumcheckInstance inst = SumcheckInstance.withEq(rho, shape.build(), tables);
            SumcheckProver.Result res = SumcheckProver.prove(inst, t, par, masking);
            if (!res.claimedSum().equals(claimed)) {
                throw new IllegalStateException("fraction tree layer " + k + " does not sum to its parents");
            }
            Ext[] all = res.finalEvaluations();
            List<Ext[]> sent = new ArrayList<>();
            List<Ext[]> children = new ArrayList<>();
            int o = 0;
            for (int j = 0; j < active.size(); j++) {
                int count = LogUpGkr.layerTableCount(unit[j]);
                Ext[] c = Arrays.copyOfRange(all, o, o + count);
                if (scale[j] != null) {
                    Ext inv = scale[j].inv();
                    c[0] = c[0].mul(inv);
                    if (!unit[j]) {
                        c[1] = c[1].mul(inv);
                    }
                }
                o += count;
                children.add(c);
                Ext[] hidden = masking.hide(c);
                t.absorbExtArray(LogUpGkr.CHILDREN_LABEL, hidden);
                sent.add(hidden);
            }
            Ext mu = t.challengeExt(LogUpGkr.MU_LABEL);
            rho = LogUpGkr.append(res.point(), mu);
            for (int j = 0; j < active.size(); j++) {
                int i = active.get(j);
                Ext[] next = LogUpGkr.nextClaim(LogUpGkr.childValues(unit[j], children.get(j)), mu);
                a[i] = next[0];
                b[i] = next[1];
                if (trees.get(i).numVars == k) {
                    points[i] = rho;
                }
            }
            steps.add(new LogUpGkrProof.Step(res.proof(), sent));
        }
        return new Descent(steps, points, a, b);
    }
}
