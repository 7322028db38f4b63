package io.zkml4j.prover.circuit;

import java.util.Arrays;

/**
 * 2-D convolution, batch 1, NCHW, groups = 1:
 * {@code y[co, oy, ox] = Σ_{ci, ky, kx} W[co, ci, ky, kx]·x[ci, oy·sy + ky·dy − py, ox·sx + kx·dx − px] + b[co]},
 * input positions outside the real input contributing zero. x is {@code [1, Ci, H, W]}, y
 * {@code [1, Co, Ho, Wo]}, W {@code [Co, Ci, Kh, Kw]}, b {@code [Co]} (optional, -1). The bias is added at
 * every position of the padded layout (padding of y is whatever the formula gives).
 */
public record ConvLayer(int x, int y, int weight, int bias, int[] strides, int[] padsBegin, int[] dilations) implements UnaryLayer {
    @Override
    public String describe() {
        return "Conv(strides " + Arrays.toString(strides) + ", pads " + Arrays.toString(padsBegin)
                + ", dilations " + Arrays.toString(dilations) + ")";
    }
}
