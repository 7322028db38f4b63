package io.zkml4j.model.lower;

import io.zkml4j.model.graph.Shapes;

/**
 * A reduction of a tensor of shape {@code in} over {@code axes}: {@code target[i]} is the output element
 * that input element {@code i} folds into; the output shape keeps the reduced axes as 1 when
 * {@code keepDims}, else drops them.
 */
public record ReduceGeometry(int[] in, int[] axes, boolean keepDims, int[] out, int[] target) {

    public static ReduceGeometry of(int[] in, int[] axes, boolean keepDims) {
        boolean[] reduced = new boolean[in.length];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] kept = new int[in.length];
        int outRank = 0;
        for (int d = 0; d < in.length; d++) {
            kept[d] = reduced[d] ? 1 : in[d];
            if (!reduced[d] || keepDims) {
                outRank++;
            }
        }
        int[] out = new int[outRank];
        int j = 0;
        for (int d = 0; d < in.length; d++) {
            if (!reduced[d] || keepDims) {
                out[j++] = kept[d];
            }
        }
        // The output element of each input element: its index in the kept shape (reduced axes set to 0).
        int n = Shapes.size(in);
        int[] keptStrides = Shapes.strides(kept);
        int[] target = new int[n];
        int[] counter = new int[in.length];
        for (int e = 0; e < n; e++) {
            int t = 0;
            for (int d = 0; d < in.length; d++) {
                if (!reduced[d]) {
                    t += counter[d] * keptStrides[d];
                }
            }
            target[e] = t;
            for (int d = in.length - 1; d >= 0; d--) {
                if (++counter[d] < in[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
        return new ReduceGeometry(in.clone(), axes.clone(), keepDims, out, target);
    }

    public int outSize() {
        return Shapes.size(out);
    }

    /** Input elements per output element. */
    public int groupSize() {
        return Shapes.size(in) / Math.max(1, outSize());
    }
}
