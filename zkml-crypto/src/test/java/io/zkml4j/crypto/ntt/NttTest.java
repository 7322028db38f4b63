package io.zkml4j.crypto.ntt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.field.Goldilocks;

import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Transforms against naive O(n^2) evaluation, round trips at every size up to 2^20, coset variants. */
class NttTest {

    static long[] random(Random rnd, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.reduce(rnd.nextLong());
        }
        return a;
    }

    /** f(x) for coefficients c, by Horner. */
    static long evaluate(long[] c, long x) {
        long acc = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            acc = Goldilocks.add(Goldilocks.mul(acc, x), c[i]);
        }
        return acc;
    }

    /** Evaluations at shift·ω^i for i < 2^logN, naive. */
    static long[] naive(long[] coeffs, int logN, long shift) {
        int n = 1 << logN;
        long w = Goldilocks.rootOfUnity(logN);
        long[] out = new long[n];
        long x = shift;
        for (int i = 0; i < n; i++) {
            out[i] = evaluate(coeffs, x);
            x = Goldilocks.mul(x, w);
        }
        return out;
    }

    static int rev(int i, int logN) {
        return logN == 0 ? 0 : Integer.reverse(i) >>> (32 - logN);
    }

    @Property(tries = 40)
    void forwardMatchesNaiveEvaluation(@ForAll @IntRange(max = 10) int logN, @ForAll long seed) {
        long[] c = random(new Random(seed), 1 << logN);
        long[] a = c.clone();
        Ntt.forward(a);
        assertThat(a).containsExactly(naive(c, logN, 1));
    }

    @Property(tries = 40)
    void bitReversedCoreMatchesNaiveEvaluation(@ForAll @IntRange(max = 10) int logN, @ForAll long seed) {
        long[] c = random(new Random(seed), 1 << logN);
        long[] a = c.clone();
        Ntt.forwardToBitReversed(a, 0, logN);
        long[] expected = naive(c, logN, 1);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("position %d", i).isEqualTo(expected[rev(i, logN)]);
        }
        Ntt.inverseFromBitReversed(a, 0, logN);
        assertThat(a).containsExactly(c);
    }

    @Property(tries = 40)
    void inverseMatchesNaiveInterpolation(@ForAll @IntRange(max = 9) int logN, @ForAll long seed) {
        // Inverse transform = forward transform with ω^-1, divided by n.
        long[] evals = random(new Random(seed), 1 << logN);
        long[] a = evals.clone();
        Ntt.inverse(a);
        assertThat(naive(a, logN, 1)).containsExactly(evals);
    }

    @Property(tries = 30)
    void cosetForwardEvaluatesOnTheShiftedSubgroup(@ForAll @IntRange(max = 9) int logN, @ForAll long seed) {
        Random rnd = new Random(seed);
        long[] c = random(rnd, 1 << logN);
        long[] a = c.clone();
        Ntt.cosetForward(a);
        assertThat(a).containsExactly(naive(c, logN, Goldilocks.GENERATOR));
        Ntt.cosetInverse(a);
        assertThat(a).containsExactly(c);

        long shift = 1 + Goldilocks.reduce(rnd.nextLong() >>> 1);
        long[] b = c.clone();
        Ntt.cosetForward(b, 0, logN, shift);
        assertThat(b).containsExactly(naive(c, logN, shift));
        Ntt.cosetInverse(b, 0, logN, shift);
        assertThat(b).containsExactly(c);
    }

    @Example
    void roundTripsAtEverySizeUpTo2To20() {
        Random rnd = new Random(20);
        for (int logN = 0; logN <= 20; logN++) {
            long[] c = random(rnd, 1 << logN);
            long[] a = c.clone();
            Ntt.forward(a);
            if (logN > 0) {
                // spot-check two evaluations against Horner at every size
                long w = Goldilocks.rootOfUnity(logN);
                int i = rnd.nextInt(1 << logN);
                assertThat(a[i]).as("f(ω^%d) at 2^%d", i, logN).isEqualTo(evaluate(c, Goldilocks.pow(w, i)));
                assertThat(a[0]).isEqualTo(evaluate(c, 1));
            }
            Ntt.inverse(a);
            assertThat(Arrays.equals(a, c)).as("round trip at 2^%d", logN).isTrue();
        }
    }

    @Example
    void transformsOfKnownVectors() {
        // The constant polynomial 5 evaluates to 5 everywhere; the delta at index 0 evaluates to 1 everywhere.
        long[] constant = new long[8];
        constant[0] = 5;
        Ntt.forward(constant);
        assertThat(constant).containsOnly(5);
        // f(X) = X evaluates to the powers of ω in natural order.
        long[] x = new long[16];
        x[1] = 1;
        Ntt.forward(x);
        long w = Goldilocks.rootOfUnity(4);
        for (int i = 0; i < 16; i++) {
            assertThat(x[i]).isEqualTo(Goldilocks.pow(w, i));
        }
        // The all-ones evaluation vector is the constant polynomial 1.
        long[] ones = new long[32];
        Arrays.fill(ones, 1);
        Ntt.inverse(ones);
        long[] expected = new long[32];
        expected[0] = 1;
        assertThat(ones).containsExactly(expected);
    }

    @Property(tries = 20)
    void regionsLeaveTheRestOfTheArrayAlone(@ForAll @IntRange(max = 8) int logN, @ForAll long seed) {
        Random rnd = new Random(seed);
        int n = 1 << logN;
        long[] buf = random(rnd, 3 * n + 5);
        long[] before = buf.clone();
        int offset = n + 3;
        Ntt.forward(buf, offset, logN);
        long[] region = Arrays.copyOfRange(before, offset, offset + n);
        assertThat(Arrays.copyOfRange(buf, offset, offset + n)).containsExactly(naive(region, logN, 1));
        assertThat(Arrays.copyOfRange(buf, 0, offset)).containsExactly(Arrays.copyOfRange(before, 0, offset));
        assertThat(Arrays.copyOfRange(buf, offset + n, buf.length))
                .containsExactly(Arrays.copyOfRange(before, offset + n, buf.length));
        Ntt.inverse(buf, offset, logN);
        assertThat(buf).containsExactly(before);
    }

    @Example
    void badSizesAndRegionsThrow() {
        assertThatThrownBy(() -> Ntt.forward(new long[6])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ntt.forward(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ntt.forward(new long[8], 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ntt.forward(new long[8], -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ntt.forward(new long[8], 0, 31)).isInstanceOf(IllegalArgumentException.class);
    }
}
