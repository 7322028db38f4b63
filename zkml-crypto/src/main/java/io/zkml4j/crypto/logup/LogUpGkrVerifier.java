package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.sumcheck.SubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * LogUp-GKR verifier; the protocol and its precondition are described in {@code LogUpGkrProver} and
 * {@link LogUpGkr}.
 *
 * <p>Checks, in order: the proof's shape; after absorbing the statement and drawing α, β and absorbing
 * the roots, that no root denominator is zero and {@code Σ_g P_g/Q_g = P_T/Q_T} (cross-multiplied);
 * then for each tree, each layer's sumcheck and its final value {@code eq(ρ, s)·[P_lo Q_hi + P_hi Q_lo +
 * λ Q_lo Q_hi]}; at a witness group's leaves {@code Q(ρ_g) = α - Σ_c β^c·v_c} with the column values
 * v_c from the proof (and {@code P = 1} for a one-row group); at the table's leaves
 * {@code Q(ρ_T) = α - Σ_c β^c·T_c(ρ_T)} with the columns evaluated here from the verifier's own table.
 * Returns the claims {@code col_{g,c}(ρ_g) = v_c} and {@code m(ρ_T) = P(ρ_T)}, which the caller must check
 * against the commitments it absorbed before calling; until then nothing is proved.
 */
public final class LogUpGkrVerifier {
    private LogUpGkrVerifier() {}

    public static LogUpGkrClaims verify(LookupTable table, int[] groupLogSizes, LogUpGkrProof proof, Transcript t)
            throws ProofRejectedException {
        return verify(table, groupLogSizes, null, proof, t);
    }

    /**
     * As above, where group g looks up only the rows of its selector ({@code selectors} null or a null entry:
     * every row); {@code selectors.get(g)} evaluates the selector's multilinear extension at a point, from
     * the verifier's own knowledge (never from the proof).
     */
    public static LogUpGkrClaims verify(LookupTable table, int[] groupLogSizes, List<Function<Ext[], Ext>> selectors,
                                        LogUpGkrProof proof, Transcript t) throws ProofRejectedException {
        LogUpGkr.checkTable(table);
        LogUpGkr.checkGroupLogSizes(groupLogSizes);
        boolean[] selected = LogUpGkr.selected(groupLogSizes.length, selectors);
        checkShape(table, groupLogSizes, selected, proof);
        LogUpGkr.absorbStatement(t, table, groupLogSizes, selected);
        Ext alpha = t.challengeExt(LogUpGkr.ALPHA_LABEL);
        Ext beta = t.challengeExt(LogUpGkr.BETA_LABEL);
        Ext[] betaPowers = LogUpGkr.betaPowers(beta, table.arity());

        List<LogUpGkrProof.Tree> trees = proof.groupTrees();
        LogUpGkrProof.Tree tableTree = proof.tableTree();
        for (LogUpGkrProof.Tree tree : trees) {
            t.absorbExtArray(LogUpGkr.ROOT_LABEL, new Ext[] {tree.rootNumerator(), tree.rootDenominator()});
        }
        t.absorbExtArray(LogUpGkr.ROOT_LABEL, new Ext[] {tableTree.rootNumerator(), tableTree.rootDenominator()});
        checkRoots(trees, tableTree);

        List<List<EvaluationClaim>> columnClaims = new ArrayList<>();
        for (int g = 0; g < trees.size(); g++) {
            String where = "LogUp-GKR group " + g;
            Leaf leaf = descend(trees.get(g), groupLogSizes[g], !selected[g], t, where);
            if (selected[g]) {
                Ext numerator = selectors.get(g).apply(leaf.point);
                if (!leaf.numerator.equals(numerator)) {
                    throw new ProofRejectedException(where + ": leaf numerators give " + leaf.numerator
                            + ", the group's selector gives " + numerator);
                }
            } else if (groupLogSizes[g] == 0 && !leaf.numerator.equals(Ext.ONE)) {
                throw new ProofRejectedException(where + ": a one-row group has root numerator " + leaf.numerator
                        + ", expected 1");
            }
            Ext[] values = proof.groupColumnValues().get(g);
            t.absorbExtArray(LogUpGkr.COLUMNS_LABEL, values);
            Ext expected = alpha.sub(fold(betaPowers, values));
            if (!leaf.denominator.equals(expected)) {
                throw new ProofRejectedException(where + " leaves: Q(ρ) = " + leaf.denominator
                        + ", but α - Σ β^c·column_c(ρ) = " + expected);
            }
            List<EvaluationClaim> claims = new ArrayList<>();
            for (Ext v : values) {
                claims.add(new EvaluationClaim(leaf.point, v));
            }
            columnClaims.add(claims);
        }
        Leaf leaf = descend(tableTree, table.logSize(), false, t, "LogUp-GKR table");
        Ext[] tableValues = new Ext[table.arity()];
        for (int c = 0; c < tableValues.length; c++) {
            tableValues[c] = table.evaluateColumn(c, leaf.point);
        }
        Ext expected = alpha.sub(fold(betaPowers, tableValues));
        if (!leaf.denominator.equals(expected)) {
            throw new ProofRejectedException("LogUp-GKR table leaves: Q(ρ) = " + leaf.denominator
                    + ", but the verifier's table gives α - Σ β^c·T_c(ρ) = " + expected);
        }
        return new LogUpGkrClaims(columnClaims, new EvaluationClaim(leaf.point, leaf.numerator));
    }

    /** Rejects hostile shapes before anything is absorbed (counts that decoding would also have checked). */
    private static void checkShape(LookupTable table, int[] groupLogSizes, boolean[] selected, LogUpGkrProof proof)
            throws ProofRejectedException {
        int groups = groupLogSizes.length;
        ProofRejectedException.check(proof.groupTrees().size() == groups && proof.groupColumnValues().size() == groups,
                "malformed proof: " + proof.groupTrees().size() + " group trees and " + proof.groupColumnValues().size()
                        + " column-value lists, expected " + groups);
        for (int g = 0; g < groups; g++) {
            checkTreeShape(proof.groupTrees().get(g), groupLogSizes[g], !selected[g], "group " + g);
            int values = proof.groupColumnValues().get(g).length;
            ProofRejectedException.check(values == table.arity(), "malformed proof: group " + g + " has " + values
                    + " column values, expected " + table.arity());
        }
        checkTreeShape(proof.tableTree(), table.logSize(), false, "table");
    }

    private static void checkTreeShape(LogUpGkrProof.Tree tree, int numVars, boolean unitLeaves, String name)
            throws ProofRejectedException {
        ProofRejectedException.check(tree.layers().size() == numVars, "malformed proof: " + name + " tree has "
                + tree.layers().size() + " layers, expected " + numVars);
        for (int k = 1; k <= numVars; k++) {
            int expected = unitLeaves && k == numVars ? 2 : 4;
            int got = tree.layers().get(k - 1).childValues().length;
            ProofRejectedException.check(got == expected, "malformed proof: " + name + " layer " + k + " has " + got
                    + " child values, expected " + expected);
        }
    }

    private static void checkRoots(List<LogUpGkrProof.Tree> trees, LogUpGkrProof.Tree tableTree)
            throws ProofRejectedException {
        Ext p = Ext.ZERO;
        Ext q = Ext.ONE;
        for (int g = 0; g < trees.size(); g++) {
            LogUpGkrProof.Tree tree = trees.get(g);
            if (tree.rootDenominator().isZero()) {
                throw new ProofRejectedException("LogUp-GKR: group " + g + " root denominator is zero");
            }
            p = p.mul(tree.rootDenominator()).add(tree.rootNumerator().mul(q));
            q = q.mul(tree.rootDenominator());
        }
        if (tableTree.rootDenominator().isZero()) {
            throw new ProofRejectedException("LogUp-GKR: table root denominator is zero");
        }
        Ext lhs = p.mul(tableTree.rootDenominator());
        Ext rhs = tableTree.rootNumerator().mul(q);
        if (!lhs.equals(rhs)) {
            throw new ProofRejectedException("LogUp-GKR root check: the witness fractions do not sum to the table's"
                    + " (P_W·Q_T = " + lhs + ", P_T·Q_W = " + rhs + ")");
        }
    }

    /** The claim a descent ends in: {@code P(point) = numerator, Q(point) = denominator} on the leaves. */
    private record Leaf(Ext[] point, Ext numerator, Ext denominator) {}

    private static Leaf descend(LogUpGkrProof.Tree tree, int numVars, boolean unitLeaves, Transcript t, String where)
            throws ProofRejectedException {
        Ext[] rho = new Ext[0];
        Ext a = tree.rootNumerator();
        Ext b = tree.rootDenominator();
        for (int k = 1; k <= numVars; k++) {
            LogUpGkrProof.Layer layer = tree.layers().get(k - 1);
            String at = where + ", layer " + k;
            Ext lambda = t.challengeExt(LogUpGkr.LAMBDA_LABEL);
            boolean unit = unitLeaves && k == numVars;
            SubClaim sub;
            try {
                sub = SumcheckVerifier.verify(a.add(lambda.mul(b)), k - 1, LogUpGkr.LAYER_DEGREE, layer.sumcheck(), t);
            } catch (ProofRejectedException e) {
                throw new ProofRejectedException(at + ": " + e.getMessage(), e);
            }
            Ext[] sent = layer.childValues();
            t.absorbExtArray(LogUpGkr.CHILDREN_LABEL, sent);
            Ext expected = LogUpGkr.layerShape(unit, lambda).evaluateWithEq(rho, sub.point(), sent);
            if (!expected.equals(sub.expectedValue())) {
                throw new ProofRejectedException(at + ": sumcheck ends at " + sub.expectedValue()
                        + ", the child values give " + expected);
            }
            Ext mu = t.challengeExt(LogUpGkr.MU_LABEL);
            Ext[] next = LogUpGkr.nextClaim(LogUpGkr.childValues(unit, sent), mu);
            rho = LogUpGkr.append(sub.point(), mu);
            a = next[0];
            b = next[1];
        }
        return new Leaf(rho, a, b);
    }

    /** {@code Σ_c β^c·values[c]}. */
    private static Ext fold(Ext[] betaPowers, Ext[] values) {
        Ext s = Ext.ZERO;
        for (int c = 0; c < values.length; c++) {
            s = s.add(betaPowers[c].mul(values[c]));
        }
        return s;
    }
}
