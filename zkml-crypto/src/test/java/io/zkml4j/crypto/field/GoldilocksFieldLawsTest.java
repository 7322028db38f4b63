package io.zkml4j.crypto.field;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The field laws for the base field {@link Goldilocks}. */
class GoldilocksFieldLawsTest extends AbstractFieldLawsTest<Long> {

    /** Edge values: 0, 1, 2, p-1, p-2, (p±1)/2, 2^32±1, 2^32, 2^63±1, 2^63, 2^64-2^32 (= p-1) and their negatives. */
    static final long[] EDGES = {
        0, 1, 2, Goldilocks.P - 1, Goldilocks.P - 2, (Goldilocks.P - 1) >>> 1, (Goldilocks.P + 1) >>> 1,
        1L << 32, (1L << 32) - 1, (1L << 32) + 1, 1L << 63, (1L << 63) - 1, (1L << 63) + 1,
        -(1L << 32), Goldilocks.P - (1L << 32), 0xFFFF_FFFEL << 32, Goldilocks.EPSILON * Goldilocks.EPSILON,
    };

    /** Canonical elements: the edge values or uniform ones. */
    static Arbitrary<Long> canonical() {
        Arbitrary<Long> uniform = Arbitraries.longs().filter(Goldilocks::isCanonical);
        Arbitrary<Long> edges = Arbitraries.of(toList(EDGES)).map(Goldilocks::reduce);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, edges),
                net.jqwik.api.Tuple.of(3, uniform));
    }

    private static List<Long> toList(long[] xs) {
        List<Long> out = new ArrayList<>();
        for (long x : xs) {
            out.add(x);
        }
        return out;
    }

    @Override
    protected Arbitrary<Long> arbitraryElement() {
        return canonical();
    }

    @Override
    protected Long zero() {
        return 0L;
    }

    @Override
    protected Long one() {
        return 1L;
    }

    @Override
    protected Long add(Long a, Long b) {
        return Goldilocks.add(a, b);
    }

    @Override
    protected Long sub(Long a, Long b) {
        return Goldilocks.sub(a, b);
    }

    @Override
    protected Long mul(Long a, Long b) {
        return Goldilocks.mul(a, b);
    }

    @Override
    protected Long neg(Long a) {
        return Goldilocks.neg(a);
    }

    @Override
    protected Long square(Long a) {
        return Goldilocks.square(a);
    }

    @Override
    protected Long inv(Long a) {
        return Goldilocks.inv(a);
    }

    @Override
    protected Long pow(Long a, long exponent) {
        return Goldilocks.pow(a, exponent);
    }

    @Override
    protected List<Long> batchInverse(List<Long> values) {
        long[] xs = new long[values.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = values.get(i);
        }
        Goldilocks.batchInverse(xs);
        return toList(xs);
    }
}
