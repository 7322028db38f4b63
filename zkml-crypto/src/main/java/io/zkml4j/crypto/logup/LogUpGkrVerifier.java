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
        boolean[] selected = LogUpGkr.selected(groupLogSizes.length, selectors);
        return verifyAll(List.of(new Lookup(new LogUpGkrProof.Shape(table, groupLogSizes, selected), selectors)), proof, t, checks).get(0);
    }

    /**
     * One table's lookups as the verifier knows them: the shape, and the selectors' multilinear extensions
     * (null, or a null entry for a group without one; evaluated from the verifier's own knowledge).
     */
    public record Lookup(LogUpGkrProof.Shape shape, List<Function<Ext[], Ext>> selectors) {}

    /** Verifies a proof of {@link LogUpGkrProver#proveAll}; returns each table's claims, in order. */
    public static List<LogUpGkrHiddenClaims> verifyAll(List<Lookup> lookups, LogUpGkrProof proof, Transcript t, HiddenChecks checks)
            throws ProofRejectedException {
        List<LogUpGkrProof.Shape> shapes = lookups.stream().map(Lookup::shape).toList();
        for (Lookup l : lookups) {
            LogUpGkr.checkTable(l.shape().table());
            LogUpGkr.checkGroupLogSizes(l.shape().groupLogSizes());
            boolean[] selected = LogUpGkr.selected(l.shape().groupLogSizes().length, l.selectors());
            if (!java.util.Arrays.equals(selected, l.shape().selected())) {
                throw new IllegalArgumentException("the shape's selector flags do not match the selectors given");
            }
        }
        checkShape(shapes, proof);

        List<Integer> depths = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> unitLeaves = new ArrayList<>();
        List<Hidden[]> roots = new ArrayList<>();
        List<Ext> alphas = new ArrayList<>();
        List<Ext[]> betas = new ArrayList<>();
        for (int i = 0; i < lookups.size(); i++) {
            LogUpGkrProof.Shape shape = shapes.get(i);
            LogUpGkr.absorbStatement(t, shape.table(), shape.groupLogSizes(), shape.selected());
            alphas.add(t.challengeExt(LogUpGkr.ALPHA_LABEL));
            betas.add(LogUpGkr.betaPowers(t.challengeExt(LogUpGkr.BETA_LABEL), shape.table().arity()));
            LogUpGkrProof.Part part = proof.parts().get(i);
            List<Hidden[]> groupRoots = new ArrayList<>();
            for (Ext[] root : part.groupRoots()) {
                groupRoots.add(receiveRoot(root, t, checks));
            }
            Hidden[] tableRoot = receiveRoot(part.tableRoot(), t, checks);
            checkRoots(shapes, i, groupRoots, tableRoot, checks);
            roots.addAll(groupRoots);
            roots.add(tableRoot);
            for (int j = 0; j < shape.trees(); j++) {
                depths.add(shape.depth(j));
                unitLeaves.add(shape.unitLeaves(j));
                names.add(LogUpGkrProof.name(shapes, i, j));
            }
        }
        Leaf[] leaves = descend(proof.steps(), roots, depths, unitLeaves, names, t, checks);

        List<LogUpGkrHiddenClaims> out = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < lookups.size(); i++) {
            LogUpGkrProof.Shape shape = shapes.get(i);
            Lookup l = lookups.get(i);
            int groups = shape.groupLogSizes().length;
            List<List<HiddenClaim>> columnClaims = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                String where = names.get(first + g);
                Leaf leaf = leaves[first + g];
                if (shape.selected()[g]) {
                    Hidden numerator = Hidden.of(l.selectors().get(g).apply(leaf.point));
                    checks.requireEqual(leaf.numerator, numerator, () -> where + ": leaf numerators give " + leaf.numerator
                            + ", the group's selector gives " + numerator);
                } else if (shape.groupLogSizes()[g] == 0) {
                    checks.requireEqual(leaf.numerator, Hidden.ONE, () -> where + ": a one-row group has root numerator "
                            + leaf.numerator + ", expected 1");
                }
                Ext[] sent = proof.parts().get(i).groupColumnValues().get(g);
                t.absorbExtArray(LogUpGkr.COLUMNS_LABEL, sent);
                Hidden[] values = checks.receive(sent);
                Hidden expected = fold(betas.get(i), values).neg().add(alphas.get(i));
                checks.requireEqual(leaf.denominator, expected, () -> where + " leaves: Q(ρ) = " + leaf.denominator
                        + ", but α - Σ β^c·column_c(ρ) = " + expected);
                List<HiddenClaim> claims = new ArrayList<>();
                for (Hidden v : values) {
                    claims.add(new HiddenClaim(leaf.point, v));
                }
                columnClaims.add(claims);
            }
            int tableTree = first + groups;
            Leaf leaf = leaves[tableTree];
            Hidden[] tableValues = new Hidden[shape.table().arity()];
            for (int c = 0; c < tableValues.length; c++) {
                tableValues[c] = Hidden.of(shape.table().evaluateColumn(c, leaf.point));
            }
            Hidden expected = fold(betas.get(i), tableValues).neg().add(alphas.get(i));
            String where = names.get(tableTree);
            checks.requireEqual(leaf.denominator, expected, () -> where + " leaves: Q(ρ) = " + leaf.denominator
                    + ", but the verifier's table gives α - Σ β^c·T_c(ρ) = " + expected);
            out.add(new LogUpGkrHiddenClaims(columnClaims, new HiddenClaim(leaf.point, leaf.numerator)));
            first = tableTree + 1;
        }
        return out;
    }

    private static Hidden[] receiveRoot(Ext[] sent, Transcript t, HiddenChecks checks) {
        t.absorbExtArray(LogUpGkr.ROOT_LABEL, sent);
        return checks.receive(sent);
    }

    /** Rejects hostile shapes before anything is absorbed (counts that decoding would also have checked). */
    private static void checkShape(List<LogUpGkrProof.Shape> shapes, LogUpGkrProof proof) throws ProofRejectedException {
        ProofRejectedException.check(proof.parts().size() == shapes.size(), "malformed proof: " + proof.parts().size()
                + " table parts, expected " + shapes.size());
        int deepest = 0;
        for (int i = 0; i < shapes.size(); i++) {
            LogUpGkrProof.Shape shape = shapes.get(i);
            LogUpGkrProof.Part part = proof.parts().get(i);
            int groups = shape.groupLogSizes().length;
            ProofRejectedException.check(part.groupRoots().size() == groups && part.groupColumnValues().size() == groups,
                    "malformed proof: " + part.groupRoots().size() + " group roots and " + part.groupColumnValues().size()
                            + " column-value lists, expected " + groups);
            for (int g = 0; g < groups; g++) {
                ProofRejectedException.check(part.groupRoots().get(g).length == 2, "malformed proof: a root has "
                        + part.groupRoots().get(g).length + " values, expected 2");
                int values = part.groupColumnValues().get(g).length;
                ProofRejectedException.check(values == shape.table().arity(), "malformed proof: group " + g + " has " + values
                        + " column values, expected " + shape.table().arity());
            }
            ProofRejectedException.check(part.tableRoot().length == 2, "malformed proof: a root has "
                    + part.tableRoot().length + " values, expected 2");
            for (int j = 0; j < shape.trees(); j++) {
                deepest = Math.max(deepest, shape.depth(j));
            }
        }
        ProofRejectedException.check(proof.steps().size() == deepest, "malformed proof: " + proof.steps().size()
                + " descent steps, expected " + deepest);
        for (int k = 1; k <= deepest; k++) {
            List<Ext[]> children = proof.steps().get(k - 1).childValues();
            int at = 0;
            for (int i = 0; i < shapes.size(); i++) {
                LogUpGkrProof.Shape shape = shapes.get(i);
                for (int j = 0; j < shape.trees(); j++) {
                    if (shape.depth(j) < k) {
                        continue;
                    }
                    int expected = LogUpGkr.layerTableCount(shape.unitLeaves(j) && k == shape.depth(j));
                    int got = at < children.size() ? children.get(at).length : 0;
                    String name = LogUpGkrProof.name(shapes, i, j);
                    ProofRejectedException.check(got == expected, "malformed proof: " + name + " layer " + k + " has " + got
                            + " child values, expected " + expected);
                    at++;
                }
            }
            ProofRejectedException.check(at == children.size(), "malformed proof: step " + k + " has "
                    + children.size() + " trees' child values, expected " + at);
        }
    }

    private static void checkRoots(List<LogUpGkrProof.Shape> shapes, int i, List<Hidden[]> roots, Hidden[] tableRoot,
                                   HiddenChecks checks) throws ProofRejectedException {
        Hidden p = Hidden.ZERO;
        Hidden q = Hidden.ONE;
        for (int g = 0; g < roots.size(); g++) {
            Hidden[] root = roots.get(g);
            if (root[1].isPublic() && root[1].publicValue().isZero()) {
                throw new ProofRejectedException(LogUpGkrProof.name(shapes, i, g) + " root denominator is zero");
            }
            p = p.mul(root[1]).add(root[0].mul(q));
            q = q.mul(root[1]);
        }
        if (tableRoot[1].isPublic() && tableRoot[1].publicValue().isZero()) {
            throw new ProofRejectedException(LogUpGkrProof.name(shapes, i, roots.size()) + " root denominator is zero");
        }
        Hidden lhs = p.mul(tableRoot[1]);
        Hidden rhs = tableRoot[0].mul(q);
        String label = LogUpGkrProof.label(shapes, i);
        String base = label != null ? label + ": " : "";
        checks.requireEqual(lhs, rhs, () -> base + "LogUp-GKR root check: the witness fractions do not sum to the table's"
                + " (P_W·Q_T = " + lhs + ", P_T·Q_W = " + rhs + ")");
    }

    /** The claim a descent ends in: {@code P(point) = numerator, Q(point) = denominator} on the leaves. */
    private record Leaf(Ext[] point, Hidden numerator, Hidden denominator) {}

    /** The descent for all trees at once (see {@link LogUpGkr}); each tree's leaf claim. */
    private static Leaf[] descend(List<LogUpGkrProof.Step> steps, List<Hidden[]> roots, List<Integer> depths,
                                  List<Boolean> unitLeaves, List<String> names, Transcript t, HiddenChecks checks)
            throws ProofRejectedException {
        int n = roots.size();
        Hidden[] a = new Hidden[n];
        Hidden[] b = new Hidden[n];
        Leaf[] leaves = new Leaf[n];
        for (int i = 0; i < n; i++) {
            a[i] = roots.get(i)[0];
            b[i] = roots.get(i)[1];
            if (depths.get(i) == 0) {
                leaves[i] = new Leaf(new Ext[0], a[i], b[i]);
            }
        }
        Ext[] rho = new Ext[0];
        for (int k = 1; k <= steps.size(); k++) {
            LogUpGkrProof.Step step = steps.get(k - 1);
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (depths.get(i) >= k) {
                    active.add(i);
                }
            }
            String at = active.size() == 1 ? names.get(active.get(0)) + ", layer " + k : "LogUp-GKR step " + k;
            checks.at(at);
            Ext lambda = t.challengeExt(LogUpGkr.LAMBDA_LABEL);
            Ext[] theta = active.size() == 1 ? new Ext[] {Ext.ONE} : t.challengeExts(LogUpGkr.THETA_LABEL, active.size());
            boolean[] unit = new boolean[active.size()];
            Hidden claimed = Hidden.ZERO;
            for (int j = 0; j < active.size(); j++) {
                int i = active.get(j);
                unit[j] = unitLeaves.get(i) && k == depths.get(i);
                claimed = claimed.add(a[i].add(b[i].mul(lambda)).mul(theta[j]));
            }
            HiddenSubClaim sub;
            try {
                sub = SumcheckVerifier.verify(claimed, k - 1, LogUpGkr.LAYER_DEGREE, step.sumcheck(), t, checks);
            } catch (ProofRejectedException e) {
                throw new ProofRejectedException(at + ": " + e.getMessage(), e);
            }
            List<Hidden> all = new ArrayList<>();
            List<Hidden[]> children = new ArrayList<>();
            for (int j = 0; j < active.size(); j++) {
                Ext[] sent = step.childValues().get(j);
                t.absorbExtArray(LogUpGkr.CHILDREN_LABEL, sent);
                Hidden[] c = checks.receive(sent);
                children.add(c);
                all.addAll(List.of(c));
            }
            Hidden expected = LogUpGkr.batchedLayerShape(unit, theta, lambda).evaluateWithEq(rho, sub.point(), all.toArray(new Hidden[0]));
            Hidden end = sub.expectedValue();
            checks.requireEqual(expected, end, () -> at + ": sumcheck ends at " + end + ", the child values give " + expected);
            Ext mu = t.challengeExt(LogUpGkr.MU_LABEL);
            rho = LogUpGkr.append(sub.point(), mu);
            for (int j = 0; j < active.size(); j++) {
                int i = active.get(j);
                Hidden[] c = children.get(j);
                Hidden[] full = unit[j] ? new Hidden[] {Hidden.ONE, Hidden.ONE, c[0], c[1]} : c;
                a[i] = full[0].add(full[1].sub(full[0]).mul(mu));
                b[i] = full[2].add(full[3].sub(full[2]).mul(mu));
                if (depths.get(i) == k) {
                    leaves[i] = new Leaf(rho, a[i], b[i]);
                }
            }
        }
        return leaves;
    }

    /** {@code Σ_c β^c·values[c]}. */
    private static Hidden fold(Ext[] betaPowers, Hidden[] values) {
        return Hidden.linearCombination(betaPowers, java.util.Arrays.asList(values));
    }
}
