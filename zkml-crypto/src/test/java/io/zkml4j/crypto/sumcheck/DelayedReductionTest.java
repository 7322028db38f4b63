package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The delayed-reduction sums against BigInteger arithmetic, on random and worst-case (p-1) operands. */
class DelayedReductionTest {
    static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    static BigInteger big(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }

    /** mode 0: random; 1: all p-1; 2: values near p and near 2^32 mixed. */
    static long[] values(Random rnd, int n, int mode) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (mode) {
                case 0 -> Goldilocks.reduce(rnd.nextLong());
                case 1 -> Goldilocks.P - 1;
                default -> rnd.nextBoolean() ? Goldilocks.P - 1 - rnd.nextInt(1000) : (1L << 32) + rnd.nextInt(1000) - 500;
            };
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void sumsAndDotProductsMatchBigIntegerArithmetic(int mode) {
        Random rnd = new Random(mode);
        for (int len : new int[] {0, 1, 7, 256, 5000}) {
            long[] a = values(rnd, 2 * len, mode);
            long[] b = values(rnd, 2 * len + 6, mode);
            int w0 = 3;
            BigInteger sb = BigInteger.ZERO, se0 = BigInteger.ZERO, se1 = BigInteger.ZERO;
            BigInteger de0 = BigInteger.ZERO, de1 = BigInteger.ZERO;
            for (int i = 0; i < len; i++) {
                sb = sb.add(big(a[i]));
                se0 = se0.add(big(a[2 * i]));
                se1 = se1.add(big(a[2 * i + 1]));
                BigInteger x0 = big(a[2 * i]), x1 = big(a[2 * i + 1]);
                BigInteger y0 = big(b[2 * (w0 + i)]), y1 = big(b[2 * (w0 + i) + 1]);
                de0 = de0.add(x0.multiply(y0)).add(BigInteger.valueOf(7).multiply(x1).multiply(y1));
                de1 = de1.add(x0.multiply(y1)).add(x1.multiply(y0));
            }
            assertThat(big(DelayedReduction.sumBase(a, len))).isEqualTo(sb.mod(P));
            assertThat(big(DelayedReduction.sumExt(a, len, 0))).isEqualTo(se0.mod(P));
            assertThat(big(DelayedReduction.sumExt(a, len, 1))).isEqualTo(se1.mod(P));
            long[] out = new long[2];
            DelayedReduction.dotExtExt(a, b, w0, len, out);
            assertThat(Ext.of(out[0], out[1])).isEqualTo(Ext.of(de0.mod(P).longValue(), de1.mod(P).longValue()));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE, -1L, 0x7FFF_FFFF_FFFF_FFFFL})
    void reduce192MatchesBigInteger(long hi) {
        Random rnd = new Random(hi);
        for (int i = 0; i < 1000; i++) {
            long top = rnd.nextInt() & 0xFFFF_FFFFL;
            long lo = rnd.nextLong();
            BigInteger v = BigInteger.valueOf(top).shiftLeft(128).add(big(hi).shiftLeft(64)).add(big(lo));
            assertThat(big(DelayedReduction.reduce192(top, hi, lo))).isEqualTo(v.mod(P));
        }
    }
}
