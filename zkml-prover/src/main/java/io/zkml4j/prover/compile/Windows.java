package io.zkml4j.prover.compile;

import io.zkml4j.model.lower.PoolGeometry;
import io.zkml4j.model.lower.ReduceGeometry;
import io.zkml4j.prover.circuit.LinearMapLayer;

/** Index lists of pooling windows, reductions and data movement, in logical row-major indices. */
final class Windows {
    private Windows() {}

    /**
     * Tap k of output o at {@code taps[k·n + o]}: the input index, or -1 — the model's own window table
     * ({@link PoolGeometry#windows()}, output-major) transposed to tap-major.
     */
    static int[] maxPoolTaps(PoolGeometry g) {
        int[] win = g.windows();
        int k = g.windowSize();
        int n = win.length / k;
        int[] taps = new int[win.length];
        for (int o = 0; o < n; o++) {
            for (int t = 0; t < k; t++) {
                taps[t * n + o] = win[o * k + t];
            }
        }
        return taps;
    }

    static LinearMapLayer sumPool(int x, int y, PoolGeometry g) {
        int[] win = g.windows();
        int k = g.windowSize();
        Csr csr = new Csr(win.length / k);
        for (int o = 0; o < win.length / k; o++) {
            for (int t = o * k; t < o * k + k; t++) {
                if (win[t] >= 0) {
                    csr.add(0, win[t]);
                }
            }
            csr.endRow();
        }
        return csr.layer(new int[] {x}, y, "SumPool");
    }

    /** Input elements grouped by output element, in input order. */
    private static int[][] groups(ReduceGeometry g) {
        int outSize = g.outSize();
        int[] count = new int[outSize];
        for (int t : g.target()) {
            count[t]++;
        }
        int[][] members = new int[outSize][];
        for (int o = 0; o < outSize; o++) {
            members[o] = new int[count[o]];
        }
        int[] fill = new int[outSize];
        for (int i = 0; i < g.target().length; i++) {
            int o = g.target()[i];
            members[o][fill[o]++] = i;
        }
        return members;
    }

    static LinearMapLayer reduceSum(int x, int y, ReduceGeometry g) {
        int[][] members = groups(g);
        Csr csr = new Csr(members.length);
        for (int[] m : members) {
            for (int q : m) {
                csr.add(0, q);
            }
            csr.endRow();
        }
        return csr.layer(new int[] {x}, y, "ReduceSum");
    }

    /** A sum over the axes of {@code g} of a gather ({@code source} into the inputs' concatenation): one map. */
    static LinearMapLayer sumOfGather(int[] xs, int y, int[] source, int[] inputSizes, ReduceGeometry g) {
        int[] offsets = offsets(inputSizes);
        int[][] members = groups(g);
        Csr csr = new Csr(members.length);
        for (int[] m : members) {
            for (int q : m) {
                csr.addConcatenated(source[q], offsets);
            }
            csr.endRow();
        }
        return csr.layer(xs, y, "ReduceSum(Gather)");
    }

    /** Tap j of output o at {@code taps[j·n + o]}: the j-th input element folding into o, or -1. */
    static int[] reduceMaxTaps(ReduceGeometry g) {
        int[][] members = groups(g);
        int k = 0;
        for (int[] m : members) {
            k = Math.max(k, m.length);
        }
        int n = members.length;
        int[] taps = new int[k * n];
        java.util.Arrays.fill(taps, -1);
        for (int o = 0; o < n; o++) {
            for (int j = 0; j < members[o].length; j++) {
                taps[j * n + o] = members[o][j];
            }
        }
        return taps;
    }

    static LinearMapLayer gather(int[] xs, int y, String kind, int[] source, int[] inputSizes) {
        int[] offsets = offsets(inputSizes);
        Csr csr = new Csr(source.length);
        for (int s : source) {
            csr.addConcatenated(s, offsets);
            csr.endRow();
        }
        String name = kind.charAt(0) + kind.substring(1).toLowerCase();
        return csr.layer(xs, y, name);
    }

    /** Where each input starts in the inputs' concatenation (and, last, their total size). */
    private static int[] offsets(int[] inputSizes) {
        int[] offsets = new int[inputSizes.length + 1];
        for (int k = 0; k < inputSizes.length; k++) {
            offsets[k + 1] = offsets[k] + inputSizes[k];
        }
        return offsets;
    }

    /** Builds the compressed rows of a linear map. */
    private static final class Csr {
        private final int[] start;
        private int[] input = new int[16];
        private int[] index = new int[16];
        private int terms;
        private int row;

        Csr(int rows) {
            start = new int[rows + 1];
        }

        void add(int in, int q) {
            if (terms == input.length) {
                input = java.util.Arrays.copyOf(input, 2 * terms);
                index = java.util.Arrays.copyOf(index, 2 * terms);
            }
            input[terms] = in;
            index[terms++] = q;
        }

        /** The term for position {@code s} of the inputs' concatenation ({@link #offsets}); nothing for {@code s < 0}. */
        void addConcatenated(int s, int[] offsets) {
            if (s >= 0) {
                int k = 0;
                while (s >= offsets[k + 1]) {
                    k++;
                }
                add(k, s - offsets[k]);
            }
        }

        void endRow() {
            start[++row] = terms;
        }

        LinearMapLayer layer(int[] xs, int y, String kind) {
            return new LinearMapLayer(xs, y, kind, start, java.util.Arrays.copyOf(input, terms), java.util.Arrays.copyOf(index, terms));
        }
    }
}
