package io.zkml4j.prover.relation.conv;

import io.zkml4j.crypto.claims.HiddenClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.transcript.Transcript;
import io.zkml4j.prover.engine.MergedClaims;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.relation.ShiftPredicate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The prover's claim-by-claim adjoint A against its definition, summed term by term over every window position. */
class TransposedConvolutionTest {
    private final Random rnd = new Random(11);

    private Ext[] point(int n) {
        Ext[] p = new Ext[n];
        for (int i = 0; i < n; i++) {
            p[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
        }
        return p;
    }

    /** {@code {co, ci, kh, kw, hx, wx, stride, dilation, pad, claims}}; output sizes follow ONNX's formula with pads on both sides. */
    @Test
    void adjointMatchesTheDefinitionForStridesDilationsPadsAndSeveralClaims() {
        int[][] cases = {{3, 2, 3, 3, 6, 5, 1, 1, 0, 1}, {5, 3, 3, 2, 7, 9, 2, 1, 1, 2}, {4, 4, 2, 3, 9, 6, 1, 2, 2, 3},
                {2, 5, 1, 1, 4, 4, 1, 1, 0, 2}, {6, 3, 3, 3, 5, 5, 1, 1, 1, 1}};
        for (int[] c : cases) {
            int co = c[0], ci = c[1], kh = c[2], kw = c[3], hx = c[4], wx = c[5], s = c[6], d = c[7], p = c[8];
            int hy = (hx + 2 * p - d * (kh - 1) - 1) / s + 1, wy = (wx + 2 * p - d * (kw - 1) - 1) / s + 1;
            PaddedShape xs = new PaddedShape(1, ci, hx, wx), ys = new PaddedShape(1, co, hy, wy), ws = new PaddedShape(co, ci, kh, kw);
            ConvShape sh = new ConvShape(xs, ys, ws, new ShiftPredicate(hy, kh, hx, s, d, p), new ShiftPredicate(wy, kw, wx, s, d, p));
            long[] w = new long[ws.paddedSize()];
            for (int o = 0; o < co; o++) {
                for (int i = 0; i < ci; i++) {
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            w[ws.paddedIndex(o, i, ky, kx)] = rnd.nextInt(5) == 0 ? 0 : Goldilocks.fromSigned(rnd.nextInt(65536) - 32768);
                        }
                    }
                }
            }
            List<HiddenClaim> claims = new ArrayList<>();
            for (int t = 0; t < c[9]; t++) {
                claims.add(new HiddenClaim(point(ys.numVars()), Hidden.of(Ext.ZERO)));
            }
            MergedClaims merged = MergedClaims.of(claims, new Transcript("test"));

            long[] a = ConvProver.transposedConvolution(sh, merged, w);

            long[] g = merged.weightTable();
            long[] expected = new long[2 * xs.paddedSize()];
            for (int o = 0; o < co; o++) {
                for (int i = 0; i < ci; i++) {
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            long wv = w[ws.paddedIndex(o, i, ky, kx)];
                            for (int oy = 0; oy < hy; oy++) {
                                for (int ox = 0; ox < wy; ox++) {
                                    int iy = sh.rows().input(oy, ky), ix = sh.cols().input(ox, kx);
                                    if (iy >= 0 && ix >= 0) {
                                        int ai = 2 * xs.paddedIndex(0, i, iy, ix), gi = 2 * ys.paddedIndex(0, o, oy, ox);
                                        expected[ai] = Goldilocks.add(expected[ai], Goldilocks.mul(wv, g[gi]));
                                        expected[ai + 1] = Goldilocks.add(expected[ai + 1], Goldilocks.mul(wv, g[gi + 1]));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            assertThat(a).as("case %s", java.util.Arrays.toString(c)).containsExactly(expected);
            assertThat(a).as("a nonzero adjoint").isNotEqualTo(new long[a.length]);
        }
    }
}
