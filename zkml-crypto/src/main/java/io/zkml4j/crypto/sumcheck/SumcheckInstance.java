package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Ext;

/**
 * What the sumcheck prover proves: {@code Σ_{x ∈ {0,1}^n} [eq(ρ, x) ·] Σ_t c_t Π_{j ∈ t} f_j(x)}, a
 * {@link SumOfProducts} shape over concrete tables of equal size (and, for prefix tables, equal length),
 * optionally multiplied by the equality
 * polynomial {@code eq(ρ, x)} of a fixed point ρ.
 *
 * <p>The {@code eq} factor could be passed as an ordinary extension table ({@code Multilinear.eqTable(ρ)});
 * the proof would be byte-for-byte the same. Declaring it with {@link #withEq} lets the prover keep eq out
 * of the bookkeeping tables (Gruen's factorisation), which saves a table, its folding, and one
 * evaluation point per round. Round polynomials then have degree {@code shape.degree() + 1}.
 */
public final class SumcheckInstance {
    private final SumOfProducts shape;
    private final MultilinearTable[] tables;
    private final Ext[] eqPoint;
    private final int numVars;

    private SumcheckInstance(Ext[] eqPoint, SumOfProducts shape, MultilinearTable[] tables) {
        if (tables.length != shape.numTables()) {
            throw new IllegalArgumentException("the shape uses " + shape.numTables() + " tables, got " + tables.length);
        }
        int n = tables[0].numVars();
        for (int j = 1; j < tables.length; j++) {
            if (tables[j].numVars() != n) {
                throw new IllegalArgumentException("table " + j + " has " + tables[j].numVars()
                        + " variables, table 0 has " + n);
            }
            if (tables[j].length() != tables[0].length()) {
                throw new IllegalArgumentException("table " + j + " holds " + tables[j].length()
                        + " entries, table 0 holds " + tables[0].length() + " (prefix tables share one length)");
            }
        }
        if (eqPoint != null) {
            if (eqPoint.length != n) {
                throw new IllegalArgumentException("eq point has dimension " + eqPoint.length + ", tables have " + n
                        + " variables");
            }
            for (Ext e : eqPoint) {
                if (e == null) {
                    throw new IllegalArgumentException("null coordinate in eq point");
                }
            }
        }
        this.shape = shape;
        this.tables = tables.clone();
        this.eqPoint = eqPoint == null ? null : eqPoint.clone();
        this.numVars = n;
    }

    /** {@code Σ_x Σ_t c_t Π f_j(x)}. */
    public static SumcheckInstance of(SumOfProducts shape, MultilinearTable... tables) {
        return new SumcheckInstance(null, shape, tables);
    }

    /** {@code Σ_x eq(eqPoint, x) · Σ_t c_t Π f_j(x)}. */
    public static SumcheckInstance withEq(Ext[] eqPoint, SumOfProducts shape, MultilinearTable... tables) {
        if (eqPoint == null) {
            throw new IllegalArgumentException("null eq point");
        }
        return new SumcheckInstance(eqPoint, shape, tables);
    }

    public int numVars() {
        return numVars;
    }

    /** Degree of every round polynomial: the shape's degree, plus one with an eq factor. */
    public int degree() {
        return shape.degree() + (eqPoint == null ? 0 : 1);
    }

    public SumOfProducts shape() {
        return shape;
    }

    public MultilinearTable table(int j) {
        return tables[j];
    }

    public boolean hasEq() {
        return eqPoint != null;
    }

    /** The eq point ρ (a copy), or {@code null} when there is no eq factor. */
    public Ext[] eqPoint() {
        return eqPoint == null ? null : eqPoint.clone();
    }
}
