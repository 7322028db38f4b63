package io.zkml4j.model.interp;

import io.zkml4j.model.lower.ConvGeometry;
import io.zkml4j.model.lower.PoolGeometry;

/**
 * The loops of the integer primitives on primitive {@code long[]}: exact arithmetic (the quantizer's static
 * bounds guarantee no intermediate value reaches 2^62, so nothing overflows).
 */
final class IntegerKernels {
    private IntegerKernels() {
    }

    static long[] matMul(long[] x, long[] w, long[] bias, int k, int n) {
        int rows = x.length / k;
        long[] y = new long[rows * n];
        for (int r = 0; r < rows; r++) {
            int out = r * n;
            if (bias != null) {
                System.arraycopy(bias, 0, y, out, n);
            }
            for (int i = 0; i < k; i++) {
                long xi = x[r * k + i];
                if (xi == 0) {
                    continue;
                }
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    y[out + j] += xi * w[row + j];
                }
            }
        }
        return y;
    }

    /** Largest im2col buffer (elements) before falling back to direct loops. */
    private static final int IM2COL_LIMIT = 1 << 22;

    /**
     * Convolution. Per image and group, the input patches are laid out once as rows
     * {@code col[(ci, ky, kx)][output position]} (zeros where the window reaches into padding), then every
     * output channel is a sum of weight × row over long contiguous rows.
     */
    static long[] conv(long[] x, long[] w, long[] bias, ConvGeometry g) {
        int oh = g.outH();
        int ow = g.outW();
        int plane = oh * ow;
        int cpg = g.cPerGroup();
        int taps = cpg * g.kh() * g.kw();
        if ((long) taps * plane > IM2COL_LIMIT) {
            return convDirect(x, w, bias, g);
        }
        int mpg = g.m() / g.groups();
        long[] y = new long[g.n() * g.m() * plane];
        long[] col = new long[taps * plane];
        for (int b = 0; b < g.n(); b++) {
            for (int group = 0; group < g.groups(); group++) {
                im2col(x, g, b, group, col);
                for (int m = group * mpg; m < (group + 1) * mpg; m++) {
                    int out = (b * g.m() + m) * plane;
                    if (bias != null) {
                        java.util.Arrays.fill(y, out, out + plane, bias[m]);
                    }
                    int wBase = m * taps;
                    for (int t = 0; t < taps; t++) {
                        long wv = w[wBase + t];
                        if (wv == 0) {
                            continue;
                        }
                        int row = t * plane;
                        for (int p = 0; p < plane; p++) {
                            y[out + p] += wv * col[row + p];
                        }
                    }
                }
            }
        }
        return y;
    }

    /** Fills {@code col[(ci, ky, kx)][oy·ow + ox]} for image b and one group; out-of-input positions are 0. */
    private static void im2col(long[] x, ConvGeometry g, int b, int group, long[] col) {
        int oh = g.outH();
        int ow = g.outW();
        int plane = oh * ow;
        int sw = g.strideW();
        int t = 0;
        for (int ci = 0; ci < g.cPerGroup(); ci++) {
            int inBase = (b * g.c() + group * g.cPerGroup() + ci) * g.h() * g.w();
            for (int ky = 0; ky < g.kh(); ky++) {
                int dy = ky * g.dilH() - g.padTop();
                for (int kx = 0; kx < g.kw(); kx++) {
                    int dx = kx * g.dilW() - g.padLeft();
                    int oxLo = dx >= 0 ? 0 : Math.min(ow, (-dx + sw - 1) / sw);
                    int oxHi = g.w() - 1 - dx < 0 ? 0 : Math.min(ow, (g.w() - 1 - dx) / sw + 1);
                    int rowBase = t * plane;
                    java.util.Arrays.fill(col, rowBase, rowBase + plane, 0L);
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * g.strideH() + dy;
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        int in = inBase + iy * g.w() + dx;
                        int dst = rowBase + oy * ow;
                        if (sw == 1) {
                            if (oxHi > oxLo) {
                                System.arraycopy(x, in + oxLo, col, dst + oxLo, oxHi - oxLo);
                            }
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) {
                                col[dst + ox] = x[in + ox * sw];
                            }
                        }
                    }
                    t++;
                }
            }
        }
    }

    /** Convolution as shifted multiply-adds: one weight at a time over the whole output plane. */
    static long[] convDirect(long[] x, long[] w, long[] bias, ConvGeometry g) {

        int oh = g.outH();
        int ow = g.outW();
        int cpg = g.cPerGroup();
        int mpg = g.m() / g.groups();
        int sh = g.strideH();
        int sw = g.strideW();
        long[] y = new long[g.n() * g.m() * oh * ow];
        for (int b = 0; b < g.n(); b++) {
            for (int m = 0; m < g.m(); m++) {
                int outBase = (b * g.m() + m) * oh * ow;
                if (bias != null) {
                    java.util.Arrays.fill(y, outBase, outBase + oh * ow, bias[m]);
                }
                int group = m / mpg;
                for (int ci = 0; ci < cpg; ci++) {
                    int inBase = (b * g.c() + group * cpg + ci) * g.h() * g.w();
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int dy = ky * g.dilH() - g.padTop();
                        for (int kx = 0; kx < g.kw(); kx++) {
                            long wv = w[((m * cpg + ci) * g.kh() + ky) * g.kw() + kx];
                            if (wv == 0) {
                                continue;
                            }
                            int dx = kx * g.dilW() - g.padLeft();
                            // Output columns whose input column ox·sw + dx lies in [0, w).
                            int oxLo = dx >= 0 ? 0 : (-dx + sw - 1) / sw;
                            int oxHi = Math.min(ow, (g.w() - 1 - dx) / sw + 1);
                            if (g.w() - 1 - dx < 0) {
                                continue;
                            }
                            for (int oy = 0; oy < oh; oy++) {
                                int iy = oy * sh + dy;
                                if (iy < 0 || iy >= g.h()) {
                                    continue;
                                }
                                int inRow = inBase + iy * g.w() + dx;
                                int outRow = outBase + oy * ow;
                                if (sw == 1) {
                                    for (int ox = oxLo; ox < oxHi; ox++) {
                                        y[outRow + ox] += wv * x[inRow + ox];
                                    }
                                } else {
                                    for (int ox = oxLo; ox < oxHi; ox++) {
                                        y[outRow + ox] += wv * x[inRow + ox * sw];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    static long[] pool(long[] x, PoolGeometry g, boolean max) {
        int[] win = g.windows();
        int k = g.windowSize();
        long[] y = new long[win.length / k];
        for (int o = 0; o < y.length; o++) {
            long acc = max ? Long.MIN_VALUE : 0;
            for (int t = o * k; t < o * k + k; t++) {
                int i = win[t];
                if (i >= 0) {
                    acc = max ? Math.max(acc, x[i]) : acc + x[i];
                }
            }
            y[o] = acc;
        }
        return y;
    }

    /** {@code clamp(floor((x·m + 2^(s−1)) / 2^s), lo, hi)}; the arithmetic shift is the floor division. */
    static long[] requant(long[] x, long m, int s, long lo, long hi) {
        long[] y = new long[x.length];
        long half = s == 0 ? 0 : 1L << (s - 1);
        for (int i = 0; i < y.length; i++) {
            long v = (x[i] * m + half) >> s;
            y[i] = v < lo ? lo : (v > hi ? hi : v);
        }
        return y;
    }

    static long[] table(long[] x, long inLo, long[] table) {
        long[] y = new long[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = table[(int) (x[i] - inLo)];
        }
        return y;
    }

    static long[] reduce(long[] x, int[] target, int outSize, boolean max) {
        long[] y = new long[outSize];
        if (max) {
            java.util.Arrays.fill(y, Long.MIN_VALUE);
            for (int i = 0; i < x.length; i++) {
                y[target[i]] = Math.max(y[target[i]], x[i]);
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                y[target[i]] += x[i];
            }
        }
        return y;
    }

    static long[] gather(long[][] xs, int[] source) {
        long[] flat = xs[0];
        if (xs.length > 1) {
            int n = 0;
            for (long[] a : xs) {
                n += a.length;
            }
            flat = new long[n];
            int k = 0;
            for (long[] a : xs) {
                System.arraycopy(a, 0, flat, k, a.length);
                k += a.length;
            }
        }
        long[] y = new long[source.length];
        for (int i = 0; i < y.length; i++) {
            int s = source[i];
            y[i] = s < 0 ? 0 : flat[s];
        }
        return y;
    }
}
