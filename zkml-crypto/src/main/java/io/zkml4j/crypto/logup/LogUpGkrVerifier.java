package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.claims.HiddenClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
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
        LogUpGkrHiddenClaims h = verify(table, groupLogSizes, selectors, proof, t, HiddenChecks.eager());
        List<List<EvaluationClaim>> columns = new ArrayList<>();
        for (List<HiddenClaim> g : h.groupColumns()) {
            columns.add(g.stream().map(c -> new EvaluationClaim(c.point(), c.value().publicValue())).toList());
        }
        HiddenClaim m = h.multiplicities();
        return new LogUpGkrClaims(columns, new EvaluationClaim(m.point(), m.value().publicValue()));
    }

    /**
     * The same on padded messages: every sent value is received through {@code checks} as it is absorbed
     * and every check becomes a constraint there (made at once when public). The zero-denominator checks
     * are made only on public roots: a true root denominator vanishes with probability at most
     * (rows)/|E| over α, and the descent proves the sent roots true.
     */
    public static LogUpGkrHiddenClaims verify(LookupTable table, int[] groupLogSizes, List<Function<Ext[], Ext>> selectors,
                                              LogUpGkrProof proof, Transcript t, HiddenChecks checks) throws ProofRejectedException {
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
        List<Hidden[]> roots = new ArrayList<>();
        for (LogUpGkrProof.Tree tree : trees) {
            roots.add(receiveRoot(tree, t, checks));
        }
        Hidden[] tableRoot = receiveRoot(tableTree, t, checks);
        checkRoots(roots, tableRoot, checks);

        List<List<HiddenClaim>> columnClaims = new ArrayList<>();
        for (int g = 0; g < trees.size(); g++) {
            String where = "LogUp-GKR group " + g;
            Leaf leaf = descend(trees.get(g), roots.get(g), groupLogSizes[g], !selected[g], t, where, checks);
            if (selected[g]) {
                Hidden numerator = Hidden.of(selectors.get(g).apply(leaf.point));
                checks.requireEqual(leaf.numerator, numerator, () -> where + ": leaf numerators give " + leaf.numerator
                        + ", the group's selector gives " + numerator);
            } else if (groupLogSizes[g] == 0) {
                checks.requireEqual(leaf.numerator, Hidden.ONE, () -> where + ": a one-row group has root numerator "
                        + leaf.numerator + ", expected 1");
            }
            Ext[] sent = proof.groupColumnValues().get(g);
            t.absorbExtArray(LogUpGkr.COLUMNS_LABEL, sent);
            Hidden[] values = checks.receive(sent);
            Hidden expected = fold(betaPowers, values).neg().add(alpha);
            checks.requireEqual(leaf.denominator, expected, () -> where + " leaves: Q(ρ) = " + leaf.denominator
                    + ", but α - Σ β^c·column_c(ρ) = " + expected);
            List<HiddenClaim> claims = new ArrayList<>();
            for (Hidden v : values) {
                claims.add(new HiddenClaim(leaf.point, v));
            }
            columnClaims.add(claims);
        }
        Leaf leaf = descend(tableTree, tableRoot, table.logSize(), false, t, "LogUp-GKR table", checks);
        Hidden[] tableValues = new Hidden[table.arity()];
        for (int c = 0; c < tableValues.length; c++) {
            tableValues[c] = Hidden.of(table.evaluateColumn(c, leaf.point));
        }
        Hidden expected = fold(betaPowers, tableValues).neg().add(alpha);
        checks.requireEqual(leaf.denominator, expected, () -> "LogUp-GKR table leaves: Q(ρ) = " + leaf.denominator
                + ", but the verifier's table gives α - Σ β^c·T_c(ρ) = " + expected);
        return new LogUpGkrHiddenClaims(columnClaims, new HiddenClaim(leaf.point, leaf.numerator));
    }

    private static Hidden[] receiveRoot(LogUpGkrProof.Tree tree, Transcript t, HiddenChecks checks) {
        Ext[] sent = {tree.rootNumerator(), tree.rootDenominator()};
        t.absorbExtArray(LogUpGkr.ROOT_LABEL, sent);
        return checks.receive(sent);
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

    private static void checkRoots(List<Hidden[]> roots, Hidden[] tableRoot, HiddenChecks checks)
            throws ProofRejectedException {
        Hidden p = Hidden.ZERO;
        Hidden q = Hidden.ONE;
        for (int g = 0; g < roots.size(); g++) {
            Hidden[] root = roots.get(g);
            if (root[1].isPublic() && root[1].publicValue().isZero()) {
                throw new ProofRejectedException("LogUp-GKR: group " + g + " root denominator is zero");
            }
            p = p.mul(root[1]).add(root[0].mul(q));
            q = q.mul(root[1]);
        }
        if (tableRoot[1].isPublic() && tableRoot[1].publicValue().isZero()) {
            throw new ProofRejectedException("LogUp-GKR: table root denominator is zero");
        }
        Hidden lhs = p.mul(tableRoot[1]);
        Hidden rhs = tableRoot[0].mul(q);
        checks.requireEqual(lhs, rhs, () -> "LogUp-GKR root check: the witness fractions do not sum to the table's"
                + " (P_W·Q_T = " + lhs + ", P_T·Q_W = " + rhs + ")");
    }

    /** The claim a descent ends in: {@code P(point) = numerator, Q(point) = denominator} on the leaves. */
    private record Leaf(Ext[] point, Hidden numerator, Hidden denominator) {}

    private static Leaf descend(LogUpGkrProof.Tree tree, Hidden[] root, int numVars, boolean unitLeaves, Transcript t,
                                String where, HiddenChecks checks) throws ProofRejectedException {
        Ext[] rho = new Ext[0];
        Hidden a = root[0];
        Hidden b = root[1];
        for (int k = 1; k <= numVars; k++) {
            LogUpGkrProof.Layer layer = tree.layers().get(k - 1);
            String at = where + ", layer " + k;
            checks.at(at);
            Ext lambda = t.challengeExt(LogUpGkr.LAMBDA_LABEL);
            boolean unit = unitLeaves && k == numVars;
            HiddenSubClaim sub;
            try {
                sub = SumcheckVerifier.verify(a.add(b.mul(lambda)), k - 1, LogUpGkr.LAYER_DEGREE, layer.sumcheck(), t, checks);
            } catch (ProofRejectedException e) {
                throw new ProofRejectedException(at + ": " + e.getMessage(), e);
            }
            Ext[] sent = layer.childValues();
            t.absorbExtArray(LogUpGkr.CHILDREN_LABEL, sent);
            Hidden[] children = checks.receive(sent);
            Hidden expected = LogUpGkr.layerShape(unit, lambda).evaluateWithEq(rho, sub.point(), children);
            Hidden end = sub.expectedValue();
            checks.requireEqual(expected, end, () -> at + ": sumcheck ends at " + end + ", the child values give " + expected);
            Ext mu = t.challengeExt(LogUpGkr.MU_LABEL);
            Hidden[] all = unit ? new Hidden[] {Hidden.ONE, Hidden.ONE, children[0], children[1]} : children;
            rho = LogUpGkr.append(sub.point(), mu);
            a = all[0].add(all[1].sub(all[0]).mul(mu));
            b = all[2].add(all[3].sub(all[2]).mul(mu));
        }
        return new Leaf(rho, a, b);
    }

    /** {@code Σ_c β^c·values[c]}. */
    private static Hidden fold(Ext[] betaPowers, Hidden[] values) {
        return Hidden.linearCombination(betaPowers, java.util.Arrays.asList(values));
    }
}
