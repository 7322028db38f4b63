package io.zkml4j.model.interp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The Requant kernel against BigInteger arithmetic on random values (products up to 2^61), and its ties. */
class RoundingPropertyTest {

    static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && (qr[1].signum() != b.signum()) ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    @Property(tries = 2000, seed = "42")
    void requantIsRoundHalfUpThenClamp(@ForAll @LongRange(min = -(1L << 40), max = 1L << 40) long x,
                                       @ForAll @LongRange(min = 1, max = 1L << 21) long m,
                                       @ForAll @IntRange(min = 0, max = 62) int s,
                                       @ForAll @LongRange(min = -(1L << 20), max = 0) long lo,
                                       @ForAll @LongRange(min = 0, max = 1L << 20) long hi) {
        BigInteger v = BigInteger.valueOf(x).multiply(BigInteger.valueOf(m));
        if (s > 0) {
            v = floorDiv(v.add(BigInteger.ONE.shiftLeft(s - 1)), BigInteger.ONE.shiftLeft(s));
        }
        long expected = v.max(BigInteger.valueOf(lo)).min(BigInteger.valueOf(hi)).longValueExact();
        assertThat(IntegerKernels.requant(new long[] {x}, m, s, lo, hi)[0]).isEqualTo(expected);
    }

    @Property(tries = 2000, seed = "43")
    void requantTiesRoundUp(@ForAll @LongRange(min = -(1L << 30), max = 1L << 30) long q, @ForAll @IntRange(min = 1, max = 30) int s) {
        // x = q·2^s + 2^(s−1) is exactly halfway between q and q + 1: it must give q + 1.
        long x = (q << s) + (1L << (s - 1));
        assertThat(IntegerKernels.requant(new long[] {x}, 1, s, Long.MIN_VALUE, Long.MAX_VALUE)[0]).isEqualTo(q + 1);
    }
}
