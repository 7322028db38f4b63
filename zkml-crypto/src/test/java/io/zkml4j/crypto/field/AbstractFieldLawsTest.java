package io.zkml4j.crypto.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The field axioms, as one property suite every field implementation subclasses (like Plonky3's
 * {@code field-testing}). A subclass supplies the operations through the adapter methods below and an
 * arbitrary that mixes edge values (0, 1, p-1, values near 2^32 and 2^63, ...) with uniform ones.
 */
abstract class AbstractFieldLawsTest<F> {

    /** Elements of the field, edge values included. */
    protected abstract Arbitrary<F> arbitraryElement();

    protected abstract F zero();

    protected abstract F one();

    protected abstract F add(F a, F b);

    protected abstract F sub(F a, F b);

    protected abstract F mul(F a, F b);

    protected abstract F neg(F a);

    protected abstract F square(F a);

    protected abstract F inv(F a);

    protected abstract F pow(F a, long exponent);

    /** Inverts all elements with the implementation's batch inversion. */
    protected abstract List<F> batchInverse(List<F> values);

    @Provide
    Arbitrary<F> elements() {
        return arbitraryElement();
    }

    @Provide
    Arbitrary<F> nonZero() {
        F z = zero();
        return arbitraryElement().filter(x -> !x.equals(z));
    }

    @Property
    void additionIsAssociative(@ForAll("elements") F a, @ForAll("elements") F b, @ForAll("elements") F c) {
        assertThat(add(add(a, b), c)).isEqualTo(add(a, add(b, c)));
    }

    @Property
    void additionIsCommutative(@ForAll("elements") F a, @ForAll("elements") F b) {
        assertThat(add(a, b)).isEqualTo(add(b, a));
    }

    @Property
    void multiplicationIsAssociative(@ForAll("elements") F a, @ForAll("elements") F b, @ForAll("elements") F c) {
        assertThat(mul(mul(a, b), c)).isEqualTo(mul(a, mul(b, c)));
    }

    @Property
    void multiplicationIsCommutative(@ForAll("elements") F a, @ForAll("elements") F b) {
        assertThat(mul(a, b)).isEqualTo(mul(b, a));
    }

    @Property
    void multiplicationDistributesOverAddition(@ForAll("elements") F a, @ForAll("elements") F b,
                                               @ForAll("elements") F c) {
        assertThat(mul(a, add(b, c))).isEqualTo(add(mul(a, b), mul(a, c)));
    }

    @Property
    void identities(@ForAll("elements") F a) {
        assertThat(add(a, zero())).isEqualTo(a);
        assertThat(mul(a, one())).isEqualTo(a);
        assertThat(mul(a, zero())).isEqualTo(zero());
    }

    @Property
    void negationIsTheAdditiveInverse(@ForAll("elements") F a) {
        assertThat(add(a, neg(a))).isEqualTo(zero());
        assertThat(neg(neg(a))).isEqualTo(a);
        assertThat(sub(zero(), a)).isEqualTo(neg(a));
    }

    @Property
    void subtractionUndoesAddition(@ForAll("elements") F a, @ForAll("elements") F b) {
        assertThat(sub(add(a, b), b)).isEqualTo(a);
        assertThat(sub(a, b)).isEqualTo(add(a, neg(b)));
    }

    @Property
    void squareIsSelfProduct(@ForAll("elements") F a) {
        assertThat(square(a)).isEqualTo(mul(a, a));
    }

    @Property
    void inverseIsTheMultiplicativeInverse(@ForAll("nonZero") F a) {
        assertThat(mul(a, inv(a))).isEqualTo(one());
        assertThat(inv(inv(a))).isEqualTo(a);
    }

    @Example
    void inverseOfZeroThrows() {
        assertThatThrownBy(() -> inv(zero())).isInstanceOf(ArithmeticException.class);
    }

    @Property
    void powAddsExponents(@ForAll("elements") F a, @ForAll @IntRange(min = 0, max = 1 << 20) int e1,
                          @ForAll @IntRange(min = 0, max = 1 << 20) int e2) {
        assertThat(pow(a, 0)).isEqualTo(one());
        assertThat(pow(a, 1)).isEqualTo(a);
        assertThat(pow(a, (long) e1 + e2)).isEqualTo(mul(pow(a, e1), pow(a, e2)));
        assertThat(pow(a, 2L * e1)).isEqualTo(square(pow(a, e1)));
    }

    @Property
    void powWithSmallExponentIsRepeatedProduct(@ForAll("elements") F a, @ForAll @IntRange(min = 0, max = 40) int e) {
        F expected = one();
        for (int i = 0; i < e; i++) {
            expected = mul(expected, a);
        }
        assertThat(pow(a, e)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<F>> nonZeroLists() {
        return nonZero().list().ofMaxSize(40);
    }

    @Property(tries = 200)
    void batchInverseMatchesSingleInverses(@ForAll("nonZeroLists") List<F> values) {
        List<F> expected = new ArrayList<>();
        for (F v : values) {
            expected.add(inv(v));
        }
        assertThat(batchInverse(values)).isEqualTo(expected);
    }

    @Property(tries = 50)
    void batchInverseRejectsAZero(@ForAll("nonZeroLists") @Size(min = 1) List<F> values,
                                  @ForAll @IntRange(max = 39) int at) {
        List<F> withZero = new ArrayList<>(values);
        withZero.set(at % values.size(), zero());
        assertThatThrownBy(() -> batchInverse(withZero))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("index " + (at % values.size()));
    }
}
