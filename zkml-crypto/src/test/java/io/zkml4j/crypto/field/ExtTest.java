package io.zkml4j.crypto.field;

import static io.zkml4j.crypto.field.GoldilocksTest.P;
import static io.zkml4j.crypto.field.GoldilocksTest.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Ext} cross-checked against a BigInteger implementation of F_p[u]/(u^2 - 7). */
class ExtTest {
    private static final BigInteger SEVEN = BigInteger.valueOf(7);

    /** Reference element {@code a + b·u} on BigIntegers. */
    record Ref(BigInteger a, BigInteger b) {
        static Ref of(Ext e) {
            return new Ref(big(e.c0), big(e.c1));
        }

        Ref add(Ref o) {
            return new Ref(a.add(o.a).mod(P), b.add(o.b).mod(P));
        }

        Ref sub(Ref o) {
            return new Ref(a.subtract(o.a).mod(P), b.subtract(o.b).mod(P));
        }

        Ref mul(Ref o) {
            return new Ref(a.multiply(o.a).add(SEVEN.multiply(b).multiply(o.b)).mod(P),
                    a.multiply(o.b).add(b.multiply(o.a)).mod(P));
        }

        Ref pow(BigInteger e) {
            Ref r = new Ref(BigInteger.ONE, BigInteger.ZERO);
            for (int i = e.bitLength() - 1; i >= 0; i--) {
                r = r.mul(r);
                if (e.testBit(i)) {
                    r = r.mul(this);
                }
            }
            return r;
        }

        Ext toExt() {
            return Ext.of(a.longValue(), b.longValue());
        }
    }

    @Provide
    Arbitrary<Ext> ext() {
        Arbitrary<Long> c = GoldilocksFieldLawsTest.canonical();
        return Combinators.combine(c, c).as(Ext::of);
    }

    @Property
    void addSubNegMatchReference(@ForAll("ext") Ext x, @ForAll("ext") Ext y) {
        assertThat(x.add(y)).isEqualTo(Ref.of(x).add(Ref.of(y)).toExt());
        assertThat(x.sub(y)).isEqualTo(Ref.of(x).sub(Ref.of(y)).toExt());
        assertThat(x.neg()).isEqualTo(new Ref(BigInteger.ZERO, BigInteger.ZERO).sub(Ref.of(x)).toExt());
    }

    @Property
    void mulMatchesReference(@ForAll("ext") Ext x, @ForAll("ext") Ext y) {
        Ext expected = Ref.of(x).mul(Ref.of(y)).toExt();
        assertThat(x.mul(y)).isEqualTo(expected);
        assertThat(x.square()).isEqualTo(Ref.of(x).mul(Ref.of(x)).toExt());
        long[] out = new long[2];
        long[] xs = {x.c0, x.c1};
        long[] ys = {y.c0, y.c1};
        ExtArrays.mul(xs, 0, ys, 0, out, 0);
        assertThat(Ext.at(out, 0)).isEqualTo(expected);
    }

    @Property
    void mulBaseAndAddBaseMatchEmbedding(@ForAll("ext") Ext x, @ForAll("canonicalBase") long b) {
        assertThat(x.mulBase(b)).isEqualTo(x.mul(Ext.fromBase(b)));
        assertThat(x.addBase(b)).isEqualTo(x.add(Ext.fromBase(b)));
    }

    @Provide
    Arbitrary<Long> canonicalBase() {
        return GoldilocksFieldLawsTest.canonical();
    }

    @Property
    void inverseMatchesReference(@ForAll("ext") Ext x) {
        if (x.isZero()) {
            assertThatThrownBy(x::inv).isInstanceOf(ArithmeticException.class);
            return;
        }
        // x^(p^2 - 2) is the inverse in a field of p^2 elements.
        Ext expected = Ref.of(x).pow(P.multiply(P).subtract(BigInteger.TWO)).toExt();
        assertThat(x.inv()).isEqualTo(expected);
    }

    @Property
    void powMatchesReference(@ForAll("ext") Ext x, @ForAll long exponent) {
        assertThat(x.pow(exponent)).isEqualTo(Ref.of(x).pow(big(exponent)).toExt());
    }

    @Property
    void frobeniusIsConjugation(@ForAll("ext") Ext x) {
        // (c0 + c1 u)^p = c0 + c1 u^p = c0 + c1·7^((p-1)/2)·u = c0 - c1 u, since 7 is a non-residue.
        assertThat(x.pow(Goldilocks.P)).isEqualTo(Ext.of(x.c0, Goldilocks.neg(x.c1)));
    }

    @Example
    void uSquaredIsSeven() {
        Ext u = Ext.of(0, 1);
        assertThat(u.square()).isEqualTo(Ext.fromBase(7));
        assertThat(Ext.mulByW(Goldilocks.P - 1)).isEqualTo(Goldilocks.P - 7);
    }

    @Example
    void nonCanonicalCoordinatesAreRejected() {
        assertThatThrownBy(() -> Ext.of(Goldilocks.P, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ext.of(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void arrayKernelsMatchScalarOps(@ForAll("ext") Ext a, @ForAll("ext") Ext b, @ForAll("ext") Ext c) {
        long[] v = ExtArrays.zeros(3);
        a.storeAt(v, 0);
        b.storeAt(v, 1);
        c.storeAt(v, 2);
        assertThat(ExtArrays.length(v)).isEqualTo(3);
        assertThat(ExtArrays.sum(v)).isEqualTo(a.add(b).add(c));
        assertThat(ExtArrays.innerProduct(v, v)).isEqualTo(a.square().add(b.square()).add(c.square()));
        long[] base = {a.c0, b.c0, c.c0};
        assertThat(ExtArrays.innerProductBase(base, v))
                .isEqualTo(a.mulBase(a.c0).add(b.mulBase(b.c0)).add(c.mulBase(c.c0)));
        assertThat(ExtArrays.lift(base)).containsExactly(a.c0, 0, b.c0, 0, c.c0, 0);
        long[] acc = ExtArrays.zeros(1);
        ExtArrays.mulAddInto(acc, 0, v, 0, v, 1);
        ExtArrays.mulAddInto(acc, 0, v, 2, v, 2);
        assertThat(Ext.at(acc, 0)).isEqualTo(a.mul(b).add(c.square()));
    }
}
