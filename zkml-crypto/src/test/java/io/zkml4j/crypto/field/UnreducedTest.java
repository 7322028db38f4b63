package io.zkml4j.crypto.field;

import static io.zkml4j.crypto.field.GoldilocksTest.P;
import static io.zkml4j.crypto.field.GoldilocksTest.big;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Unreduced arithmetic: any 64-bit representatives in, representatives of the right residue out. */
class UnreducedTest {

    /** Every 64-bit word, with the non-canonical range [p, 2^64) and the words near 2^64 well represented. */
    @Provide
    Arbitrary<Long> word() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(-(1L << 32), -1L), // [2^64 - 2^32, 2^64): the non-canonical tail
                Arbitraries.of(0L, 1L, Goldilocks.P - 1, Goldilocks.P, Goldilocks.P + 1, -1L, -2L, Goldilocks.EPSILON,
                        Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Property(tries = 3000)
    void operationsMatchBigIntegerOnAnyRepresentatives(@ForAll("word") long a, @ForAll("word") long b) {
        assertThat(big(Unreduced.add(a, b)).mod(P)).isEqualTo(big(a).add(big(b)).mod(P));
        assertThat(big(Unreduced.sub(a, b)).mod(P)).isEqualTo(big(a).subtract(big(b)).mod(P));
        assertThat(big(Unreduced.mul(a, b)).mod(P)).isEqualTo(big(a).multiply(big(b)).mod(P));
        assertThat(big(Unreduced.reduce(a))).isEqualTo(big(a).mod(P));
    }

    @Example
    void allEdgePairs() {
        long[] words = {0, 1, 2, Goldilocks.P - 1, Goldilocks.P, Goldilocks.P + 1, -1L, -2L, Goldilocks.EPSILON,
            Goldilocks.EPSILON + 1, 1L << 63, (1L << 63) - 1, Goldilocks.P - Goldilocks.EPSILON, -Goldilocks.EPSILON, 1L << 32};
        for (long a : words) {
            for (long b : words) {
                BigInteger x = big(a);
                BigInteger y = big(b);
                assertThat(big(Unreduced.add(a, b)).mod(P)).as("%x + %x", a, b).isEqualTo(x.add(y).mod(P));
                assertThat(big(Unreduced.sub(a, b)).mod(P)).as("%x - %x", a, b).isEqualTo(x.subtract(y).mod(P));
                assertThat(big(Unreduced.mul(a, b)).mod(P)).as("%x * %x", a, b).isEqualTo(x.multiply(y).mod(P));
            }
        }
    }

    @Example
    void longChainsAgreeWithCanonicalArithmetic() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            long lazy = Goldilocks.reduce(rnd.nextLong());
            long exact = lazy;
            for (int step = 0; step < 500; step++) {
                long x = Goldilocks.reduce(rnd.nextLong());
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        lazy = Unreduced.add(lazy, x);
                        exact = Goldilocks.add(exact, x);
                    }
                    case 1 -> {
                        lazy = Unreduced.sub(lazy, x);
                        exact = Goldilocks.sub(exact, x);
                    }
                    default -> {
                        lazy = Unreduced.mul(lazy, x);
                        exact = Goldilocks.mul(exact, x);
                    }
                }
            }
            assertThat(Unreduced.reduce(lazy)).isEqualTo(exact);
        }
    }
}
