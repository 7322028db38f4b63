package io.zkml4j.prover.layout;

import java.util.Arrays;

/**
 * A tensor's logical shape and its layout as a multilinear polynomial: each dimension padded to a power of
 * two, row-major, the last dimension in the lowest variables. A tensor with padded dims
 * {@code (D_0, ..., D_{k-1})} has {@code Σ log2 D_i} variables; dimension {@code j} owns the variables
 * {@code [varOffset(j), varOffset(j) + log2 D_j)}.
 */
public final class PaddedShape {
    private final int[] dims;
    private final int[] padded;
    private final int[] logs;
    private final int[] varOffsets;
    private final int numVars;

    public PaddedShape(int... dims) {
        this.dims = dims.clone();
        this.padded = new int[dims.length];
        this.logs = new int[dims.length];
        this.varOffsets = new int[dims.length];
        int vars = 0;
        for (int j = dims.length - 1; j >= 0; j--) {
            if (dims[j] <= 0) {
                throw new IllegalArgumentException("dimension " + j + " of " + Arrays.toString(dims) + " is not positive");
            }
            int p = Integer.highestOneBit(dims[j]);
            if (p < dims[j]) {
                p <<= 1;
            }
            padded[j] = p;
            logs[j] = Integer.numberOfTrailingZeros(p);
            varOffsets[j] = vars;
            vars += logs[j];
        }
        if (vars > 30) {
            throw new IllegalArgumentException("tensor " + Arrays.toString(dims) + " needs 2^" + vars + " padded entries; at most 2^30 supported");
        }
        this.numVars = vars;
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int j) {
        return dims[j];
    }

    public int paddedDim(int j) {
        return padded[j];
    }

    public int logDim(int j) {
        return logs[j];
    }

    /** First variable owned by dimension {@code j}. */
    public int varOffset(int j) {
        return varOffsets[j];
    }

    public int[] dims() {
        return dims.clone();
    }

    public int numVars() {
        return numVars;
    }

    /** Number of entries of the padded layout, {@code 2^numVars}. */
    public int paddedSize() {
        return 1 << numVars;
    }

    /** Number of logical entries, {@code Π dims}. */
    public int size() {
        int s = 1;
        for (int d : dims) {
            s *= d;
        }
        return s;
    }

    /** Padded flat index of the logical multi-index. */
    public int paddedIndex(int... index) {
        int flat = 0;
        for (int j = 0; j < dims.length; j++) {
            flat |= index[j] << varOffsets[j];
        }
        return flat;
    }

    /** Padded flat index of the logical row-major flat index. */
    public int paddedIndexOfFlat(int flat) {
        int out = 0;
        for (int j = dims.length - 1; j >= 0; j--) {
            int i = flat % dims[j];
            flat /= dims[j];
            out |= i << varOffsets[j];
        }
        return out;
    }

    /** The padded layout of a row-major logical tensor, padding filled with {@code fill}. */
    public long[] pad(long[] logical, long fill) {
        if (logical.length != size()) {
            throw new IllegalArgumentException("tensor has " + logical.length + " values, shape " + Arrays.toString(dims) + " needs " + size());
        }
        long[] out = new long[paddedSize()];
        if (fill != 0) {
            Arrays.fill(out, fill);
        }
        for (int i = 0; i < logical.length; i++) {
            out[paddedIndexOfFlat(i)] = logical[i];
        }
        return out;
    }

    /** 1 at real positions, 0 at padding, on the padded layout. */
    public long[] realMask() {
        long[] m = new long[paddedSize()];
        for (int i = 0; i < size(); i++) {
            m[paddedIndexOfFlat(i)] = 1;
        }
        return m;
    }

    /** The logical row-major values of a padded tensor. */
    public long[] unpad(long[] padded) {
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = padded[paddedIndexOfFlat(i)];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaddedShape s && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
