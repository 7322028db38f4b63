package io.zkml4j.model.interp;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkml4j.model.lower.ConvGeometry;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The im2col convolution equals the direct one on seeded random geometries (strides, pads, dilations, groups). */
class IntegerKernelsTest {

    @Test
    void im2colAndDirectConvolutionAgree() {
        Random r = new Random(17);
        for (int trial = 0; trial < 200; trial++) {
            int groups = 1 + r.nextInt(3);
            int c = groups * (1 + r.nextInt(3));
            int m = groups * (1 + r.nextInt(3));
            int kh = 1 + r.nextInt(4);
            int kw = 1 + r.nextInt(4);
            int dh = 1 + r.nextInt(2);
            int dw = 1 + r.nextInt(2);
            int h = kh * dh + r.nextInt(6);
            int w = kw * dw + r.nextInt(6);
            ConvGeometry g = new ConvGeometry(1 + r.nextInt(2), c, h, w, m, kh, kw, 1 + r.nextInt(3), 1 + r.nextInt(3),
                    r.nextInt(kh), r.nextInt(kw), r.nextInt(kh), r.nextInt(kw), dh, dw, groups);
            long[] x = new long[g.n() * c * h * w];
            long[] wt = new long[g.weightSize()];
            long[] bias = new long[m];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(65536) - 32768;
            }
            for (int i = 0; i < wt.length; i++) {
                wt[i] = r.nextInt(4096) - 2048;
            }
            for (int i = 0; i < m; i++) {
                bias[i] = r.nextInt(1 << 20);
            }
            assertThat(IntegerKernels.conv(x, wt, bias, g)).as("%s", g).isEqualTo(IntegerKernels.convDirect(x, wt, bias, g));
        }
    }
}
