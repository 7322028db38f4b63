package io.zkml4j.model.lower;

/**
 * Shape of a 2-D NCHW pooling window (1-D pools use {@code h = 1}): input {@code [n, c, h, w]}, window
 * {@code kh x kw} with strides, dilations and padding, output {@code [n, c, outH, outW]}. With
 * {@code ceilMode} the output size rounds up, and windows may reach past the padded input; positions
 * outside the input never take part in a max and count as zero in a sum.
 */
public record PoolGeometry(int n, int c, int h, int w, int kh, int kw, int strideH, int strideW,
                           int padTop, int padLeft, int padBottom, int padRight, int dilH, int dilW, boolean ceilMode) {

    public PoolGeometry {
        if (strideH < 1 || strideW < 1 || dilH < 1 || dilW < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException("strides, dilations and kernel sizes must be positive");
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("negative padding");
        }
        // Every window must hold at least one input position.
        if (padTop > (kh - 1) * dilH || padBottom > (kh - 1) * dilH || padLeft > (kw - 1) * dilW || padRight > (kw - 1) * dilW) {
            throw new IllegalArgumentException("padding must be smaller than the window");
        }
        if (out(h, padTop, padBottom, kh, dilH, strideH, ceilMode) < 1 || out(w, padLeft, padRight, kw, dilW, strideW, ceilMode) < 1) {
            throw new IllegalArgumentException("window larger than the padded input");
        }
    }

    private static int out(int size, int padA, int padB, int k, int dil, int stride, boolean ceil) {
        int span = size + padA + padB - dil * (k - 1) - 1;
        if (span < 0) {
            return 0;
        }
        int o = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        // A window starting past the end of the input plus the leading padding is dropped (as ONNX does).
        if (ceil && (o - 1) * stride >= size + padA) {
            o--;
        }
        return o;
    }

    public int outH() {
        return out(h, padTop, padBottom, kh, dilH, strideH, ceilMode);
    }

    public int outW() {
        return out(w, padLeft, padRight, kw, dilW, strideW, ceilMode);
    }

    public int[] outputShape() {
        return new int[] {n, c, outH(), outW()};
    }

    /** Positions of window (oy, ox) inside the input. */
    public int countInside(int oy, int ox) {
        return countRange(oy * strideH - padTop, kh, dilH, h) * countRange(ox * strideW - padLeft, kw, dilW, w);
    }

    /** Positions of window (oy, ox) inside the padded input (as counted by count_include_pad). */
    public int countInsidePadded(int oy, int ox) {
        return countRange(oy * strideH, kh, dilH, h + padTop + padBottom)
                * countRange(ox * strideW, kw, dilW, w + padLeft + padRight);
    }

    private static int countRange(int start, int k, int dil, int limit) {
        int c = 0;
        for (int i = 0; i < k; i++) {
            int p = start + i * dil;
            if (p >= 0 && p < limit) {
                c++;
            }
        }
        return c;
    }

    /** Window positions per output element. */
    public int windowSize() {
        return kh * kw;
    }

    /**
     * For output element {@code o} (row-major over {@code [n, c, outH, outW]}) and window position
     * {@code t < kh·kw}, entry {@code o·kh·kw + t} is the index of the input element it reads, or −1 where
     * the position lies outside the input (padding, or past the end in ceil mode).
     */
    public int[] windows() {
        int oh = outH();
        int ow = outW();
        int k = windowSize();
        int[] idx = new int[n * c * oh * ow * k];
        int e = 0;
        for (int plane = 0; plane < n * c; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * strideH - padTop + ky * dilH;
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * strideW - padLeft + kx * dilW;
                            idx[e++] = iy < 0 || iy >= h || ix < 0 || ix >= w ? -1 : base + iy * w + ix;
                        }
                    }
                }
            }
        }
        return idx;
    }
}
