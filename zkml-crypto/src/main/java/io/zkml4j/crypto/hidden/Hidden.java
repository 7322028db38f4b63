package io.zkml4j.crypto.hidden;

import io.zkml4j.crypto.field.Ext;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value the verifier may not see: an affine form {@code c + Σ_e a_e·P[e]} in the entries {@code P[e]}
 * of the prover's pad commitment (extension-field entries, see {@link HiddenChecks}). A padded message
 * {@code m' = m − P[e]} becomes {@code m' + P[e]}: the verifier computes with it exactly as with the
 * message itself, and every check it would have made becomes a constraint on the pads.
 *
 * <p>A form without entries is <em>public</em>: its value is known (without zero knowledge every value is
 * public and this class is a thin wrapper around {@link Ext}). Forms are immutable; arithmetic with public
 * values and between forms is linear, and a product of two hidden forms goes through the owner, which
 * names a committed product entry for every pair of entries ({@link HiddenChecks}).
 */
public final class Hidden {
    private static final int[] NO_ENTRIES = {};
    private static final Ext[] NO_COEFFICIENTS = {};
    public static final Hidden ZERO = of(Ext.ZERO);
    public static final Hidden ONE = of(Ext.ONE);

    final HiddenChecks owner;
    final Ext constant;
    final int[] entries;
    final Ext[] coefficients;

    Hidden(HiddenChecks owner, Ext constant, int[] entries, Ext[] coefficients) {
        this.owner = entries.length == 0 ? null : owner;
        this.constant = constant;
        this.entries = entries;
        this.coefficients = coefficients;
    }

    /** A public value. */
    public static Hidden of(Ext value) {
        return new Hidden(null, value, NO_ENTRIES, NO_COEFFICIENTS);
    }

    public static Hidden ofBase(long value) {
        return of(Ext.fromBase(value));
    }

    /** Public values as forms. */
    public static Hidden[] of(Ext[] values) {
        Hidden[] out = new Hidden[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = of(values[i]);
        }
        return out;
    }

    public boolean isPublic() {
        return entries.length == 0;
    }

    /** The value of a public form. */
    public Ext publicValue() {
        if (!isPublic()) {
            throw new IllegalStateException("a hidden value has no public value");
        }
        return constant;
    }

    /** Number of pad entries this form refers to. */
    public int size() {
        return entries.length;
    }

    /** The constant term {@code c}. */
    public Ext constant() {
        return constant;
    }

    /** The {@code i}-th pad entry this form refers to. */
    public int entry(int i) {
        return entries[i];
    }

    /** Its coefficient {@code a_e}. */
    public Ext coefficient(int i) {
        return coefficients[i];
    }

    public Hidden add(Hidden o) {
        return combine(o, Ext.ONE);
    }

    public Hidden sub(Hidden o) {
        return combine(o, Ext.ONE.neg());
    }

    public Hidden add(Ext c) {
        return new Hidden(owner, constant.add(c), entries, coefficients);
    }

    public Hidden sub(Ext c) {
        return new Hidden(owner, constant.sub(c), entries, coefficients);
    }

    public Hidden neg() {
        return mul(Ext.ONE.neg());
    }

    public Hidden mul(Ext s) {
        Ext[] c = new Ext[coefficients.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = coefficients[i].mul(s);
        }
        return new Hidden(owner, constant.mul(s), entries, c);
    }

    public Hidden mulBase(long s) {
        return mul(Ext.fromBase(s));
    }

    /** The product; of two hidden forms it refers to committed products of their entries. */
    public Hidden mul(Hidden o) {
        if (o.isPublic()) {
            return mul(o.constant);
        }
        if (isPublic()) {
            return o.mul(constant);
        }
        return checkedOwner(o).product(this, o);
    }

    /** {@code this + s·o}. */
    private Hidden combine(Hidden o, Ext s) {
        if (o.isPublic()) {
            return add(o.constant.mul(s));
        }
        HiddenChecks owner = checkedOwner(o);
        Map<Integer, Ext> acc = new LinkedHashMap<>();
        accumulate(acc, Ext.ONE);
        o.accumulate(acc, s);
        return fromMap(owner, constant.add(o.constant.mul(s)), acc);
    }

    private HiddenChecks checkedOwner(Hidden o) {
        if (owner != null && o.owner != null && owner != o.owner) {
            throw new IllegalStateException("hidden values of two different proofs combined");
        }
        return owner != null ? owner : o.owner;
    }

    void accumulate(Map<Integer, Ext> acc, Ext s) {
        for (int i = 0; i < entries.length; i++) {
            Ext term = coefficients[i].mul(s);
            acc.merge(entries[i], term, Ext::add);
        }
    }

    static Hidden fromMap(HiddenChecks owner, Ext constant, Map<Integer, Ext> acc) {
        int[] e = new int[acc.size()];
        Ext[] c = new Ext[acc.size()];
        int i = 0;
        for (Map.Entry<Integer, Ext> t : acc.entrySet()) {
            e[i] = t.getKey();
            c[i++] = t.getValue();
        }
        return new Hidden(owner, constant, e, c);
    }

    /** {@code Σ_i coefficients[i]·values[i]}, in one pass however many entries the values share. */
    public static Hidden linearCombination(Ext[] coefficients, List<Hidden> values) {
        if (coefficients.length != values.size()) {
            throw new IllegalArgumentException(coefficients.length + " coefficients for " + values.size() + " values");
        }
        HiddenChecks owner = null;
        Ext constant = Ext.ZERO;
        Map<Integer, Ext> acc = new LinkedHashMap<>();
        for (int i = 0; i < coefficients.length; i++) {
            Hidden v = values.get(i);
            if (v.owner != null) {
                if (owner != null && owner != v.owner) {
                    throw new IllegalStateException("hidden values of two different proofs combined");
                }
                owner = v.owner;
            }
            constant = constant.add(v.constant.mul(coefficients[i]));
            v.accumulate(acc, coefficients[i]);
        }
        return fromMap(owner, constant, acc);
    }

    /** {@code Σ_i values[i]}. */
    public static Hidden sum(List<Hidden> values) {
        Ext[] ones = new Ext[values.size()];
        Arrays.fill(ones, Ext.ONE);
        return linearCombination(ones, values);
    }

    /** The public value, or a placeholder: rejection messages print it. */
    @Override
    public String toString() {
        return isPublic() ? constant.toString() : "(hidden)";
    }
}
