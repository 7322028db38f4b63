package io.zkml4j.crypto.ntt;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkml4j.crypto.field.Goldilocks;

import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The Reed–Solomon encoder against naive evaluation on the bit-reversed subgroup. */
class ReedSolomonTest {

    @Property(tries = 60)
    void codewordIsTheEvaluationOnTheBitReversedSubgroup(@ForAll @IntRange(max = 8) int logM,
                                                        @ForAll @IntRange(max = 3) int logBlowup,
                                                        @ForAll long seed) {
        long[] msg = NttTest.random(new Random(seed), 1 << logM);
        long[] cw = ReedSolomon.encode(msg, logBlowup);
        int logN = logM + logBlowup;
        assertThat(cw).hasSize(1 << logN);
        long w = Goldilocks.rootOfUnity(logN);
        for (int p = 0; p < cw.length; p++) {
            long x = Goldilocks.pow(w, NttTest.rev(p, logN));
            assertThat(ReedSolomon.evaluationPoint(p, logN)).isEqualTo(x);
            assertThat(cw[p]).as("position %d", p).isEqualTo(NttTest.evaluate(msg, x));
        }
    }

    @Property(tries = 30)
    void encodingIsLinearAndExtensionEncodesPerCoordinate(@ForAll @IntRange(max = 7) int logM, @ForAll long seed) {
        Random rnd = new Random(seed);
        long[] a = NttTest.random(rnd, 1 << logM);
        long[] b = NttTest.random(rnd, 1 << logM);
        long k = Goldilocks.reduce(rnd.nextLong());
        long[] combo = new long[a.length];
        long[] pairs = new long[2 * a.length];
        for (int i = 0; i < a.length; i++) {
            combo[i] = Goldilocks.add(a[i], Goldilocks.mul(k, b[i]));
            pairs[2 * i] = a[i];
            pairs[2 * i + 1] = b[i];
        }
        long[] ea = ReedSolomon.encode(a, 2);
        long[] eb = ReedSolomon.encode(b, 2);
        long[] ec = ReedSolomon.encode(combo, 2);
        long[] ep = ReedSolomon.encodeExt(pairs, 2);
        for (int p = 0; p < ea.length; p++) {
            assertThat(ec[p]).isEqualTo(Goldilocks.add(ea[p], Goldilocks.mul(k, eb[p])));
            assertThat(ep[2 * p]).isEqualTo(ea[p]);
            assertThat(ep[2 * p + 1]).isEqualTo(eb[p]);
        }
    }

    @Property(tries = 20)
    void encodingIntoRegionsMatchesWholeArrays(@ForAll @IntRange(max = 6) int logM, @ForAll long seed) {
        Random rnd = new Random(seed);
        int m = 1 << logM;
        long[] msgBuf = NttTest.random(rnd, 3 * m);
        long[] out = new long[4 * m + 7];
        ReedSolomon.encode(msgBuf, m, logM, 2, out, 7);
        long[] msg = java.util.Arrays.copyOfRange(msgBuf, m, 2 * m);
        assertThat(java.util.Arrays.copyOfRange(out, 7, 7 + 4 * m)).containsExactly(ReedSolomon.encode(msg, 2));
        assertThat(java.util.Arrays.copyOfRange(out, 0, 7)).containsOnly(0L);
    }
}
