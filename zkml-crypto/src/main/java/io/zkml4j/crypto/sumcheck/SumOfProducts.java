package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.poly.Multilinear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a sumcheck polynomial {@code g(x) = Σ_t c_t · Π_{j ∈ term t} f_j(x)}: a list of terms, each
 * an extension coefficient {@code c_t} times a product of tables named by index (a table may appear in
 * several terms, or twice in one). It holds no table data, so prover and verifier share it: the prover
 * pairs it with tables in a {@link SumcheckInstance}; the verifier uses {@link #evaluate} to compute
 * the value a sumcheck sub-claim must match from the table evaluations it obtains elsewhere.
 */
public final class SumOfProducts {
    /** Most factors in one term: the round messages grow with the degree. */
    public static final int MAX_DEGREE = 16;

    private final int numTables;
    private final Ext[] coefficients;
    private final int[][] factors;
    private final int degree;

    private SumOfProducts(int numTables, List<Ext> coefficients, List<int[]> factors) {
        if (coefficients.isEmpty()) {
            throw new IllegalArgumentException("a sum of products needs at least one term");
        }
        this.numTables = numTables;
        this.coefficients = coefficients.toArray(new Ext[0]);
        this.factors = factors.toArray(new int[0][]);
        int d = 0;
        for (int[] f : this.factors) {
            d = Math.max(d, f.length);
        }
        this.degree = d;
    }

    /** A builder for a shape over tables {@code 0 .. numTables-1}. */
    public static Builder builder(int numTables) {
        return new Builder(numTables);
    }

    /** The single product {@code f_0 · f_1 · ... · f_{k-1}} with coefficient 1. */
    public static SumOfProducts product(int k) {
        int[] all = new int[k];
        for (int i = 0; i < k; i++) {
            all[i] = i;
        }
        return builder(k).term(Ext.ONE, all).build();
    }

    /** Collects terms; {@link #build} checks nothing is left dangling. */
    public static final class Builder {
        private final int numTables;
        private final List<Ext> coefficients = new ArrayList<>();
        private final List<int[]> factors = new ArrayList<>();

        private Builder(int numTables) {
            if (numTables < 1) {
                throw new IllegalArgumentException("a sum of products needs at least one table, got " + numTables);
            }
            this.numTables = numTables;
        }

        /** Adds the term {@code coefficient · Π f_j} for the listed table indices (1 to MAX_DEGREE of them). */
        public Builder term(Ext coefficient, int... tables) {
            if (coefficient == null) {
                throw new IllegalArgumentException("null coefficient");
            }
            if (tables.length < 1 || tables.length > MAX_DEGREE) {
                throw new IllegalArgumentException("a term has 1 to " + MAX_DEGREE + " factors, got " + tables.length);
            }
            for (int j : tables) {
                if (j < 0 || j >= numTables) {
                    throw new IllegalArgumentException("table index " + j + " outside [0, " + numTables + ")");
                }
            }
            coefficients.add(coefficient);
            factors.add(tables.clone());
            return this;
        }

        public SumOfProducts build() {
            boolean[] used = new boolean[numTables];
            for (int[] f : factors) {
                for (int j : f) {
                    used[j] = true;
                }
            }
            for (int j = 0; j < numTables; j++) {
                if (!used[j]) {
                    throw new IllegalArgumentException("table " + j + " appears in no term");
                }
            }
            return new SumOfProducts(numTables, coefficients, factors);
        }
    }

    public int numTables() {
        return numTables;
    }

    public int numTerms() {
        return coefficients.length;
    }

    public Ext coefficient(int term) {
        return coefficients[term];
    }

    /** The table indices multiplied in {@code term} (a copy). */
    public int[] factors(int term) {
        return factors[term].clone();
    }

    int[] factorsShared(int term) {
        return factors[term];
    }

    /** The largest number of factors in a term: the degree of g in each variable. */
    public int degree() {
        return degree;
    }

    /** {@code Σ_t c_t · Π_{j ∈ t} values[j]}: g at a point where table j takes {@code values[j]}. */
    public Ext evaluate(Ext[] tableValues) {
        return evaluate(Hidden.of(tableValues)).publicValue();
    }

    /** The same on values that may be hidden (products of hidden values go through their checks). */
    public Hidden evaluate(Hidden[] tableValues) {
        if (tableValues.length != numTables) {
            throw new IllegalArgumentException("expected " + numTables + " table values, got " + tableValues.length);
        }
        Hidden sum = Hidden.ZERO;
        for (int t = 0; t < coefficients.length; t++) {
            Hidden prod = Hidden.of(coefficients[t]);
            for (int j : factors[t]) {
                prod = prod.mul(tableValues[j]);
            }
            sum = sum.add(prod);
        }
        return sum;
    }

    /**
     * {@code eq(eqPoint, point) · Σ_t c_t Π values[j]}: the final value of a sumcheck made with
     * {@link SumcheckInstance#withEq}, where {@code point} is the sumcheck's challenge point.
     */
    public Ext evaluateWithEq(Ext[] eqPoint, Ext[] point, Ext[] tableValues) {
        return Multilinear.eq(eqPoint, point).mul(evaluate(tableValues));
    }

    public Hidden evaluateWithEq(Ext[] eqPoint, Ext[] point, Hidden[] tableValues) {
        return evaluate(tableValues).mul(Multilinear.eq(eqPoint, point));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < coefficients.length; t++) {
            if (t > 0) {
                sb.append(" + ");
            }
            sb.append('(').append(coefficients[t]).append(")·f").append(Arrays.toString(factors[t]));
        }
        return sb.toString();
    }
}
