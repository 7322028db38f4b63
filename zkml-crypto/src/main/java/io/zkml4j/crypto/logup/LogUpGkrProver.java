package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.sumcheck.Parallelism;
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
        LogUpGkr.checkTable(table);
        int[] logSizes = new int[groups.size()];
        boolean[] selected = LogUpGkr.selected(groups.size(), selectors);
        for (int g = 0; g < groups.size(); g++) {
            logSizes[g] = LogUpGkr.checkGroup(table, groups.get(g), g);
            if (selected[g]) {
                long[] s = selectors.get(g);
                if (s.length != groups.get(g)[0].length) {
                    throw new IllegalArgumentException("group " + g + " selector has " + s.length + " rows");
                }
                for (long v : s) {
                    if (v != 0 && v != 1) {
                        throw new IllegalArgumentException("group " + g + " selector holds " + v + ", not 0 or 1");
                    }
                }
            }
        }
        LogUpGkr.checkGroupLogSizes(logSizes);
        if (multiplicities.length != table.size()) {
            throw new IllegalArgumentException("multiplicities have " + multiplicities.length + " entries, the table has "
                    + table.size() + " rows");
        }
        LogUpGkr.absorbStatement(t, table, logSizes, selected);
        Ext alpha = t.challengeExt(LogUpGkr.ALPHA_LABEL);
        Ext beta = t.challengeExt(LogUpGkr.BETA_LABEL);
        Ext[] betaPowers = LogUpGkr.betaPowers(beta, table.arity());

        List<FractionTree> trees = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            trees.add(selected[g]
                    ? FractionTree.ofSelectedWitness(groups.get(g), selectors.get(g), alpha, betaPowers, par)
                    : FractionTree.ofWitness(groups.get(g), alpha, betaPowers, par));
        }
        FractionTree tableTree = FractionTree.ofTable(table, multiplicities, alpha, betaPowers, par);
        List<Ext[]> roots = new ArrayList<>();
        for (FractionTree tree : trees) {
            roots.add(masking.hide(new Ext[] {tree.rootNumerator, tree.rootDenominator}));
            t.absorbExtArray(LogUpGkr.ROOT_LABEL, roots.get(roots.size() - 1));
        }
        Ext[] tableRoot = masking.hide(new Ext[] {tableTree.rootNumerator, tableTree.rootDenominator});
        t.absorbExtArray(LogUpGkr.ROOT_LABEL, tableRoot);

        List<LogUpGkrProof.Tree> treeProofs = new ArrayList<>();
        List<Ext[]> columnValues = new ArrayList<>();
        List<List<EvaluationClaim>> columnClaims = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Descent d = descend(trees.get(g), roots.get(g), t, par, masking);
            treeProofs.add(d.proof);
            Ext[] values = columnValues(groups.get(g), d, alpha, betaPowers);
            List<EvaluationClaim> claims = new ArrayList<>();
            for (Ext v : values) {
                claims.add(new EvaluationClaim(d.point, v));
            }
            Ext[] sent = masking.hide(values);
            t.absorbExtArray(LogUpGkr.COLUMNS_LABEL, sent);
            columnValues.add(sent);
            columnClaims.add(claims);
        }
        Descent td = descend(tableTree, tableRoot, t, par, masking);
        LogUpGkrProof proof = new LogUpGkrProof(treeProofs, columnValues, td.proof);
        return new Result(proof, new LogUpGkrClaims(columnClaims, new EvaluationClaim(td.point, td.numerator)));
    }

    /**
     * Each column's multilinear extension at the descent's end point. The leaves are
     * {@code Q = α - Σ_c β^c·col_c}, so the last column follows from the others and {@code Q(ρ)} without a
     * pass over the data: for arity 1, {@code col_0(ρ) = α - Q(ρ)}.
     */
    private static Ext[] columnValues(long[][] cols, Descent d, Ext alpha, Ext[] betaPowers) {
        int last = cols.length - 1;
        Ext[] values = new Ext[cols.length];
        Ext rest = alpha.sub(d.denominator);
        for (int c = 0; c < last; c++) {
            values[c] = Multilinear.evaluate(cols[c], d.point);
            rest = rest.sub(betaPowers[c].mul(values[c]));
        }
        values[last] = betaPowers[last].isZero()
                ? Multilinear.evaluate(cols[last], d.point)
                : rest.mul(betaPowers[last].inv());
        return values;
    }

    /** A tree's proof and the leaf-level claim it ends in: {@code (P(point), Q(point))}. */
    private record Descent(LogUpGkrProof.Tree proof, Ext[] point, Ext numerator, Ext denominator) {}

    /** @param sentRoot the root as sent (hidden) */
    private static Descent descend(FractionTree tree, Ext[] sentRoot, Transcript t, Parallelism par, Masking masking) {
        Ext[] rho = new Ext[0];
        Ext a = tree.rootNumerator;
        Ext b = tree.rootDenominator;
        List<LogUpGkrProof.Layer> layers = new ArrayList<>();
        for (int k = 1; k <= tree.numVars; k++) {
            Ext lambda = t.challengeExt(LogUpGkr.LAMBDA_LABEL);
            boolean unit = tree.unitLeaves && k == tree.numVars;
            SumcheckInstance inst = SumcheckInstance.withEq(rho, LogUpGkr.layerShape(unit, lambda), tree.layerTables(k));
            SumcheckProver.Result res = SumcheckProver.prove(inst, t, par, masking);
            if (!res.claimedSum().equals(a.add(lambda.mul(b)))) {
                throw new IllegalStateException("fraction tree layer " + k + " does not sum to its parent");
            }
            Ext[] children = res.finalEvaluations();
            Ext[] sent = masking.hide(children);
            t.absorbExtArray(LogUpGkr.CHILDREN_LABEL, sent);
            Ext mu = t.challengeExt(LogUpGkr.MU_LABEL);
            Ext[] next = LogUpGkr.nextClaim(LogUpGkr.childValues(unit, children), mu);
            rho = LogUpGkr.append(res.point(), mu);
            a = next[0];
            b = next[1];
            layers.add(new LogUpGkrProof.Layer(res.proof(), sent));
        }
        return new Descent(new LogUpGkrProof.Tree(sentRoot[0], sentRoot[1], layers), rho, a, b);
    }
}
