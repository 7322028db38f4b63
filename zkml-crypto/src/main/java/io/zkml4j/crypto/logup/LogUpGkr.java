package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.sumcheck.SumOfProducts;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.List;

/**
 * What {@link LogUpGkrProver} and {@link LogUpGkrVerifier} share: transcript labels, the statement
 * absorbed before α and β, and the relation between a fraction-tree layer and its children.
 *
 * <p>Layer k of a tree holds {@code 2^k} fractions {@code (P_k, Q_k)}; its parent entry i is
 * {@code (P_k(i,0)·Q_k(i,1) + P_k(i,1)·Q_k(i,0), Q_k(i,0)·Q_k(i,1))}, where the last variable of layer k is
 * the child bit, so children are the low and high halves of the layer. A claim
 * {@code (P_{k-1}(ρ), Q_{k-1}(ρ)) = (a, b)} becomes, with a random λ, the degree-3 sumcheck
 * <pre>
 *   a + λ·b = Σ_{x ∈ {0,1}^{k-1}} eq(ρ, x)·[P_lo(x) Q_hi(x) + P_hi(x) Q_lo(x) + λ·Q_lo(x) Q_hi(x)]
 * </pre>
 * ending at a point s with the four child values sent by the prover; a random μ then gives the claim
 * {@code (P_k(s, μ), Q_k(s, μ)) = (P_lo + μ(P_hi - P_lo), Q_lo + μ(Q_hi - Q_lo))} on layer k. At the leaves
 * of a witness tree every numerator is 1, so the last step drops P_lo = P_hi = 1 from tables and proof —
 * unless the group has a <em>selector</em>: a public 0/1 vector s whose rows alone are looked up
 * ({@code Σ_i s_i/(α − w_i)}); then the leaf numerators are s, sent like a table tree's, and the verifier
 * checks the final numerator claim against its own evaluation of {@code s~(ρ)}.
 *
 * <p><b>One descent for all trees</b> (of every table of a proof). Layer k of any tree has {@code 2^k}
 * entries, so step k reduces the claims of every tree at least k deep at once: with λ and fresh weights
 * θ_i, one sumcheck of
 * <pre>
 *   Σ_i θ_i·(a_i + λ·b_i) = Σ_x eq(ρ, x)·Σ_i θ_i·[P_lo Q_hi + P_hi Q_lo + λ·Q_lo Q_hi]_i(x)
 * </pre>
 * over k−1 variables, each tree's four child values at its end point s, one μ: all trees then hold claims
 * at the same point {@code (s, μ)}, the next step's ρ. A tree k deep ends at step k, at that point. A false
 * claim survives the θ-combination with probability at most 2/|E| (the combination has degree 2 in θ, λ),
 * then the sumcheck {@code 3(k−1)/|E|}, as for one tree; the proof carries one sumcheck per step instead
 * of one per tree and step.
 */
final class LogUpGkr {
    static final String PROTOCOL_LABEL = "logup-gkr/v2";
    static final String ARITY_LABEL = "logup-gkr/table-arity";
    static final String TABLE_LOG_SIZE_LABEL = "logup-gkr/table-log-size";
    static final String GROUP_COUNT_LABEL = "logup-gkr/group-count";
    static final String GROUP_LOG_SIZE_LABEL = "logup-gkr/group-log-size";
    static final String ALPHA_LABEL = "logup-gkr/alpha";
    static final String BETA_LABEL = "logup-gkr/beta";
    static final String ROOT_LABEL = "logup-gkr/root";
    static final String LAMBDA_LABEL = "logup-gkr/layer-lambda";
    static final String CHILDREN_LABEL = "logup-gkr/layer-children";
    static final String MU_LABEL = "logup-gkr/layer-mu";
    static final String THETA_LABEL = "logup-gkr/tree-weights";
    static final String COLUMNS_LABEL = "logup-gkr/column-values";
    static final String SELECTED_LABEL = "logup-gkr/group-selected";
    /** Degree of every layer sumcheck: eq times a product of two. */
    static final int LAYER_DEGREE = 3;
    /** Most variables of a witness group. */
    static final int MAX_GROUP_LOG_SIZE = 28;

    private LogUpGkr() {}

    /** Absorbs the shape of the statement; the caller has already absorbed the commitments. */
    static void absorbStatement(Transcript t, LookupTable table, int[] groupLogSizes, boolean[] selected) {
        t.absorbBytes(PROTOCOL_LABEL, new byte[0]);
        t.absorbLong(ARITY_LABEL, table.arity());
        t.absorbLong(TABLE_LOG_SIZE_LABEL, table.logSize());
        t.absorbLong(GROUP_COUNT_LABEL, groupLogSizes.length);
        for (int g = 0; g < groupLogSizes.length; g++) {
            t.absorbLong(GROUP_LOG_SIZE_LABEL, groupLogSizes[g]);
            t.absorbLong(SELECTED_LABEL, selected[g] ? 1 : 0);
        }
    }

    /** Which groups have a selector ({@code selectors} null, or a null entry: none). */
    static boolean[] selected(int groups, List<?> selectors) {
        boolean[] out = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = selectors != null && selectors.get(g) != null;
        }
        return out;
    }

    static void checkTable(LookupTable table) {
        if (table.arity() < 1 || table.arity() > LookupTable.MAX_ARITY) {
            throw new IllegalArgumentException("table arity " + table.arity() + " outside [1, " + LookupTable.MAX_ARITY + "]");
        }
        if (table.logSize() < 0 || table.logSize() > LookupTable.MAX_LOG_SIZE) {
            throw new IllegalArgumentException("table log-size " + table.logSize() + " outside [0, "
                    + LookupTable.MAX_LOG_SIZE + "]");
        }
    }

    static void checkGroupLogSizes(int[] groupLogSizes) {
        if (groupLogSizes.length == 0) {
            throw new IllegalArgumentException("no witness groups");
        }
        for (int n : groupLogSizes) {
            if (n < 0 || n > MAX_GROUP_LOG_SIZE) {
                throw new IllegalArgumentException("group log-size " + n + " outside [0, " + MAX_GROUP_LOG_SIZE + "]");
            }
        }
    }

    /** Checks a witness group: {@code arity} columns of one power-of-two length, canonical entries. */
    static int checkGroup(LookupTable table, long[][] cols, int g) {
        if (cols.length != table.arity()) {
            throw new IllegalArgumentException("group " + g + " has " + cols.length + " columns, the table has "
                    + table.arity());
        }
        int rows = cols[0].length;
        if (rows == 0 || Integer.bitCount(rows) != 1 || Integer.numberOfTrailingZeros(rows) > MAX_GROUP_LOG_SIZE) {
            throw new IllegalArgumentException("group " + g + " has " + rows + " rows, not 2^n with n <= " + MAX_GROUP_LOG_SIZE);
        }
        for (int c = 0; c < cols.length; c++) {
            if (cols[c].length != rows) {
                throw new IllegalArgumentException("group " + g + " column " + c + " has " + cols[c].length
                        + " rows, column 0 has " + rows);
            }
            for (int i = 0; i < rows; i++) {
                if (!Goldilocks.isCanonical(cols[c][i])) {
                    throw new IllegalArgumentException("group " + g + " column " + c + " row " + i
                            + ": non-canonical field element");
                }
            }
        }
        return Integer.numberOfTrailingZeros(rows);
    }

    /** {@code 1, β, β^2, ...}: the tuple-folding weights. */
    static Ext[] betaPowers(Ext beta, int arity) {
        Ext[] out = new Ext[arity];
        Ext p = Ext.ONE;
        for (int c = 0; c < arity; c++) {
            out[c] = p;
            p = p.mul(beta);
        }
        return out;
    }

    /** Tables of a layer in the descent: (P_lo, P_hi, Q_lo, Q_hi), or (Q_lo, Q_hi) at unit leaves. */
    static int layerTableCount(boolean unit) {
        return unit ? 2 : 4;
    }

    /**
     * Adds one tree's layer relation, over its tables at offset {@code o}, to {@code b} with the coefficients
     * of its three terms: {@code c0·P_lo Q_hi + c1·P_hi Q_lo + c2·Q_lo Q_hi}, or at unit leaves
     * {@code c1·Q_hi + c0·Q_lo + c2·Q_lo Q_hi} (numerators 1). Returns the number of tables it uses.
     */
    static int addLayerTerms(SumOfProducts.Builder b, int o, boolean unit, Ext c0, Ext c1, Ext c2) {
        if (unit) {
            b.term(c1, o + 1).term(c0, o).term(c2, o, o + 1);
        } else {
            b.term(c0, o, o + 3).term(c1, o + 1, o + 2).term(c2, o + 2, o + 3);
        }
        return layerTableCount(unit);
    }

    /**
     * Step k's shape over the active trees' layer tables, concatenated in tree order: tree i's layer relation
     * times θ_i. {@code unit[i]}: tree i is at its unit-leaf layer (two tables).
     */
    static SumOfProducts batchedLayerShape(boolean[] unit, Ext[] theta, Ext lambda) {
        int tables = 0;
        for (boolean u : unit) {
            tables += layerTableCount(u);
        }
        SumOfProducts.Builder b = SumOfProducts.builder(tables);
        int o = 0;
        for (int i = 0; i < unit.length; i++) {
            o += addLayerTerms(b, o, unit[i], theta[i], theta[i], theta[i].mul(lambda));
        }
        return b.build();
    }

    /** The four child values (P_lo, P_hi, Q_lo, Q_hi) from what the proof carries. */
    static Ext[] childValues(boolean unitLeaves, Ext[] sent) {
        return unitLeaves ? new Ext[] {Ext.ONE, Ext.ONE, sent[0], sent[1]} : sent;
    }

    /** {@code (P_k(s, μ), Q_k(s, μ))} from the child values at s. */
    static Ext[] nextClaim(Ext[] children, Ext mu) {
        Ext p = children[0].add(mu.mul(children[1].sub(children[0])));
        Ext q = children[2].add(mu.mul(children[3].sub(children[2])));
        return new Ext[] {p, q};
    }

    static Ext[] append(Ext[] point, Ext last) {
        Ext[] out = java.util.Arrays.copyOf(point, point.length + 1);
        out[point.length] = last;
        return out;
    }
}
