package io.zkml4j.crypto.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Goldilocks arithmetic cross-checked against {@link BigInteger} on edge and random values. */
class GoldilocksTest {
    static final BigInteger P = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE.shiftLeft(32)).add(BigInteger.ONE);
    static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    static BigInteger big(long unsigned) {
        return new BigInteger(Long.toUnsignedString(unsigned));
    }

    static long small(BigInteger x) {
        return x.mod(P).longValue();
    }

    @Provide
    Arbitrary<Long> canonical() {
        return GoldilocksFieldLawsTest.canonical();
    }

    /** Any 64-bit pattern, including the non-canonical ones {@code >= p}. */
    @Provide
    Arbitrary<Long> anyWord() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.of(-1L, Goldilocks.P, Goldilocks.P + 1, Goldilocks.P + Goldilocks.EPSILON - 1, Long.MIN_VALUE,
                        Long.MAX_VALUE, 0L, 1L, Goldilocks.P - 1));
    }

    @Example
    void modulusIsTwoToThe64MinusTwoToThe32PlusOne() {
        assertThat(big(Goldilocks.P)).isEqualTo(P);
        assertThat(P.isProbablePrime(100)).isTrue();
    }

    @Property
    void addMatchesBigInteger(@ForAll("canonical") long a, @ForAll("canonical") long b) {
        assertThat(big(Goldilocks.add(a, b))).isEqualTo(big(a).add(big(b)).mod(P));
    }

    @Property
    void subMatchesBigInteger(@ForAll("canonical") long a, @ForAll("canonical") long b) {
        assertThat(big(Goldilocks.sub(a, b))).isEqualTo(big(a).subtract(big(b)).mod(P));
    }

    @Property
    void mulMatchesBigInteger(@ForAll("canonical") long a, @ForAll("canonical") long b) {
        assertThat(big(Goldilocks.mul(a, b))).isEqualTo(big(a).multiply(big(b)).mod(P));
        assertThat(big(Goldilocks.mulAdd(a, b, a))).isEqualTo(big(a).multiply(big(b)).add(big(a)).mod(P));
    }

    @Property
    void negMatchesBigInteger(@ForAll("canonical") long a) {
        assertThat(big(Goldilocks.neg(a))).isEqualTo(big(a).negate().mod(P));
    }

    @Property
    void invMatchesBigInteger(@ForAll("canonical") long a) {
        if (a == 0) {
            assertThatThrownBy(() -> Goldilocks.inv(0)).isInstanceOf(ArithmeticException.class);
            return;
        }
        assertThat(big(Goldilocks.inv(a))).isEqualTo(big(a).modInverse(P));
    }

    @Property
    void powMatchesBigInteger(@ForAll("canonical") long a, @ForAll long exponent) {
        // the exponent is read as an unsigned 64-bit integer
        assertThat(big(Goldilocks.pow(a, exponent))).isEqualTo(big(a).modPow(big(exponent), P));
    }

    @Property
    void reduceMatchesBigIntegerOnEveryWord(@ForAll("anyWord") long x) {
        long r = Goldilocks.reduce(x);
        assertThat(Goldilocks.isCanonical(r)).isTrue();
        assertThat(big(r)).isEqualTo(big(x).mod(P));
    }

    @Property
    void isCanonicalIsTheUnsignedComparisonWithP(@ForAll("anyWord") long x) {
        assertThat(Goldilocks.isCanonical(x)).isEqualTo(big(x).compareTo(P) < 0);
    }

    @Property
    void fromSignedIsReductionModP(@ForAll("anyWord") long v) {
        assertThat(big(Goldilocks.fromSigned(v))).isEqualTo(BigInteger.valueOf(v).mod(P));
    }

    @Property
    void toSignedIsTheSymmetricRepresentative(@ForAll("canonical") long x) {
        long s = Goldilocks.toSigned(x);
        BigInteger expected = big(x).compareTo(P.shiftRight(1)) <= 0 ? big(x) : big(x).subtract(P);
        assertThat(BigInteger.valueOf(s)).isEqualTo(expected);
        assertThat(Goldilocks.fromSigned(s)).isEqualTo(x);
    }

    @Example
    void signedEdgeValues() {
        assertThat(Goldilocks.fromSigned(-1)).isEqualTo(Goldilocks.P - 1);
        assertThat(Goldilocks.toSigned(Goldilocks.P - 1)).isEqualTo(-1);
        assertThat(Goldilocks.fromSigned(Long.MIN_VALUE)).isEqualTo(small(BigInteger.valueOf(Long.MIN_VALUE)));
        assertThat(Goldilocks.toSigned((Goldilocks.P - 1) >>> 1)).isEqualTo((Goldilocks.P - 1) >>> 1);
        assertThat(Goldilocks.toSigned((Goldilocks.P + 1) >>> 1)).isEqualTo(-(long) ((Goldilocks.P - 1) >>> 1));
    }

    @Property
    void reduce128MatchesBigInteger(@ForAll long hi, @ForAll long lo) {
        BigInteger x = big(hi).shiftLeft(64).add(big(lo));
        assertThat(big(Goldilocks.reduce128(hi, lo))).isEqualTo(x.mod(P));
    }

    @Example
    void reduce128OnExtremeWords() {
        long[] words = {0, 1, -1, Goldilocks.P, Goldilocks.P - 1, Goldilocks.EPSILON, 1L << 32, Long.MIN_VALUE};
        for (long hi : words) {
            for (long lo : words) {
                BigInteger x = big(hi).shiftLeft(64).add(big(lo));
                assertThat(big(Goldilocks.reduce128(hi, lo))).as("hi=%x lo=%x", hi, lo).isEqualTo(x.mod(P));
            }
        }
    }

    @Example
    void sevenGeneratesTheMultiplicativeGroup() {
        BigInteger order = P.subtract(BigInteger.ONE);
        long[] primes = {2, 3, 5, 17, 257, 65537};
        BigInteger product = BigInteger.ONE.shiftLeft(31); // times the prime 2 below
        for (long q : primes) {
            product = product.multiply(BigInteger.valueOf(q));
        }
        assertThat(product).as("p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537").isEqualTo(order);
        for (long q : primes) {
            long e = order.divide(BigInteger.valueOf(q)).longValue();
            assertThat(Goldilocks.pow(Goldilocks.GENERATOR, e)).as("7^((p-1)/%d)", q).isNotEqualTo(1L);
        }
    }

    @Example
    void sevenIsAQuadraticNonResidue() {
        // Euler's criterion: 7^((p-1)/2) = -1, so u^2 = 7 has no root in F_p and F_p[u]/(u^2 - 7) is a field.
        BigInteger euler = BigInteger.valueOf(Ext.W).modPow(P.subtract(BigInteger.ONE).shiftRight(1), P);
        assertThat(euler).isEqualTo(P.subtract(BigInteger.ONE));
        assertThat(Goldilocks.pow(Ext.W, (Goldilocks.P - 1) >>> 1)).isEqualTo(Goldilocks.P - 1);
    }

    @Property(tries = 33)
    void rootOfUnityHasExactOrder(@ForAll @IntRange(min = 0, max = 32) int logN) {
        long w = Goldilocks.rootOfUnity(logN);
        BigInteger expected = BigInteger.valueOf(Goldilocks.GENERATOR)
                .modPow(P.subtract(BigInteger.ONE).shiftRight(32), P)
                .modPow(BigInteger.ONE.shiftLeft(32 - logN), P);
        assertThat(big(w)).isEqualTo(expected);
        assertThat(Goldilocks.pow(w, 1L << logN)).isEqualTo(1L);
        if (logN > 0) {
            assertThat(Goldilocks.pow(w, 1L << (logN - 1))).as("w^(n/2) = -1").isEqualTo(Goldilocks.P - 1);
        }
    }

    @Example
    void rootOfUnityRejectsImpossibleOrders() {
        assertThatThrownBy(() -> Goldilocks.rootOfUnity(33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Goldilocks.rootOfUnity(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void encodingRoundTripsLittleEndian(@ForAll("anyWord") long x) {
        byte[] b = new byte[10];
        Goldilocks.encode(x, b, 1);
        assertThat(Goldilocks.decodeRaw(b, 1)).isEqualTo(x);
        assertThat(b[1]).isEqualTo((byte) x);
        assertThat(b[8]).isEqualTo((byte) (x >>> 56));
    }
}
