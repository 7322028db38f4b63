package io.zkml4j.model.lower;

/**
 * Shape of a 2-D NCHW convolution (1-D convolutions use {@code h = 1}): input {@code [n, c, h, w]}, weight
 * {@code [m, c/groups, kh, kw]}, output {@code [n, m, outH, outW]} with
 * {@code outH = (h + padTop + padBottom - dilH*(kh-1) - 1) / strideH + 1} (likewise for width).
 * Padding is with zeros.
 */
public record ConvGeometry(int n, int c, int h, int w, int m, int kh, int kw, int strideH, int strideW,
                           int padTop, int padLeft, int padBottom, int padRight, int dilH, int dilW, int groups) {

    public ConvGeometry {
        if (groups < 1 || c % groups != 0 || m % groups != 0) {
            throw new IllegalArgumentException("group count " + groups + " does not divide channels " + c + " -> " + m);
        }
        if (strideH < 1 || strideW < 1 || dilH < 1 || dilW < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException("strides, dilations and kernel sizes must be positive");
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("negative padding");
        }
        if (h + padTop + padBottom - dilH * (kh - 1) - 1 < 0 || w + padLeft + padRight - dilW * (kw - 1) - 1 < 0) {
            throw new IllegalArgumentException("kernel larger than the padded input");
        }
    }

    public int outH() {
        return (h + padTop + padBottom - dilH * (kh - 1) - 1) / strideH + 1;
    }

    public int outW() {
        return (w + padLeft + padRight - dilW * (kw - 1) - 1) / strideW + 1;
    }

    /** Input channels per group. */
    public int cPerGroup() {
        return c / groups;
    }

    public int weightSize() {
        return m * cPerGroup() * kh * kw;
    }

    public int[] inputShape() {
        return new int[] {n, c, h, w};
    }

    public int[] outputShape() {
        return new int[] {n, m, outH(), outW()};
    }
}
