package io.zkml4j.crypto.poly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.ExtArrays;

import java.util.Random;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Barycentric evaluation from values at 0..d against Horner evaluation of random polynomials. */
class UnivariateTest {

    private static Ext horner(Ext[] coeffs, Ext x) {
        Ext acc = Ext.ZERO;
        for (int i = coeffs.length - 1; i >= 0; i--) {
            acc = acc.mul(x).add(coeffs[i]);
        }
        return acc;
    }

    private static long[] valuesAtNodes(Ext[] coeffs) {
        long[] values = ExtArrays.zeros(coeffs.length);
        for (int i = 0; i < coeffs.length; i++) {
            horner(coeffs, Ext.fromBase(i)).storeAt(values, i);
        }
        return values;
    }

    @Property(tries = 100)
    void interpolationMatchesDirectEvaluation(@ForAll @IntRange(max = 12) int degree, @ForAll long seed) {
        Random rnd = new Random(seed);
        Ext[] coeffs = MultilinearTest.randomPoint(rnd, degree + 1);
        long[] values = valuesAtNodes(coeffs);
        Ext r = MultilinearTest.randomExt(rnd);
        assertThat(Univariate.evaluateFromPoints(values, r)).isEqualTo(horner(coeffs, r));
    }

    @Property(tries = 50)
    void evaluationAtNodesAndBeyond(@ForAll @IntRange(max = 8) int degree, @ForAll long seed) {
        Random rnd = new Random(seed);
        Ext[] coeffs = MultilinearTest.randomPoint(rnd, degree + 1);
        long[] values = valuesAtNodes(coeffs);
        for (int i = 0; i <= degree + 3; i++) {
            Ext x = Ext.fromBase(i);
            assertThat(Univariate.evaluateFromPoints(values, x)).as("at %d", i).isEqualTo(horner(coeffs, x));
        }
    }

    @Example
    void noValuesThrows() {
        assertThatThrownBy(() -> Univariate.evaluateFromPoints(new long[0], Ext.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
