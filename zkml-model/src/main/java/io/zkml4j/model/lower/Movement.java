package io.zkml4j.model.lower;

import io.zkml4j.model.graph.Shapes;
import java.util.Arrays;

/**
 * Pure data movement: each output element is one given element of the inputs, or zero. {@code source[i]}
 * indexes the concatenation of all inputs (input 0's elements first, then input 1's, ...); {@code -1}
 * means the constant 0. {@code kind} and {@code params} say what the movement is in structured form (for
 * example a transpose with its permutation), so that a prover can treat pure relabelings specially.
 *
 * <p>Params per kind: RESHAPE: none (the source is the identity); TRANSPOSE: the permutation; SLICE: for
 * each axis start, step; CONCAT: the axis; PAD: begin pads then end pads per axis, then the mode (0 constant
 * zero, 1 reflect, 2 edge); GATHER: the axis then
 * the indices; EXPAND: none (broadcast of the input to the output shape); GENERAL: none.
 */
public record Movement(Kind kind, long[] params, int[] shape, int[] source) {

    public enum Kind { RESHAPE, TRANSPOSE, SLICE, CONCAT, PAD, GATHER, EXPAND, GENERAL }

    public int size() {
        return source.length;
    }

    public static Movement reshape(int[] in, int[] out) {
        int n = Shapes.size(in);
        if (n != Shapes.size(out)) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(out));
        }
        int[] src = new int[n];
        for (int i = 0; i < n; i++) {
            src[i] = i;
        }
        return new Movement(Kind.RESHAPE, new long[0], out.clone(), src);
    }

    public static Movement transpose(int[] in, int[] perm) {
        int rank = in.length;
        if (perm.length != rank) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " for rank " + rank);
        }
        boolean[] seen = new boolean[rank];
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (perm[i] < 0 || perm[i] >= rank || seen[perm[i]]) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
            }
            seen[perm[i]] = true;
            out[i] = in[perm[i]];
        }
        int[] inStrides = Shapes.strides(in);
        int[] stride = new int[rank];
        for (int i = 0; i < rank; i++) {
            stride[i] = inStrides[perm[i]];
        }
        return new Movement(Kind.TRANSPOSE, toLongs(perm), out, Shapes.stridedIndex(out, stride, 0));
    }

    /** Per-axis start (already clamped into range) and step; {@code out[d]} elements along each axis. */
    public static Movement slice(int[] in, int[] start, int[] step, int[] out) {
        int[] inStrides = Shapes.strides(in);
        int[] stride = new int[in.length];
        int base = 0;
        long[] params = new long[2 * in.length];
        for (int d = 0; d < in.length; d++) {
            stride[d] = inStrides[d] * step[d];
            base += start[d] * inStrides[d];
            params[2 * d] = start[d];
            params[2 * d + 1] = step[d];
        }
        return new Movement(Kind.SLICE, params, out.clone(), Shapes.stridedIndex(out, stride, base));
    }

    public static Movement concat(int[][] ins, int axis) {
        int[] out = ins[0].clone();
        out[axis] = 0;
        for (int[] s : ins) {
            if (s.length != out.length) {
                throw new IllegalArgumentException("concat of tensors of different ranks");
            }
            for (int d = 0; d < s.length; d++) {
                if (d != axis && s[d] != out[d]) {
                    throw new IllegalArgumentException("concat of shapes " + Arrays.toString(ins[0]) + " and " + Arrays.toString(s));
                }
            }
            out[axis] += s[axis];
        }
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= out[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < out.length; d++) {
            inner *= out[d];
        }
        int[] src = new int[Shapes.size(out)];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            int offset = 0;
            for (int[] s : ins) {
                int block = s[axis] * inner;
                for (int j = 0; j < block; j++) {
                    src[k++] = offset + o * block + j;
                }
                offset += Shapes.size(s);
            }
        }
        return new Movement(Kind.CONCAT, new long[] {axis}, out, src);
    }

    /** Padding with {@code mode} "constant" (zeros), "reflect" or "edge"; {@code pads} = begins then ends. */
    public static Movement pad(int[] in, int[] pads, String mode) {
        int rank = in.length;
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            out[d] = in[d] + pads[d] + pads[d + rank];
            if (out[d] < 0 || (!mode.equals("constant") && in[d] == 0)) {
                throw new IllegalArgumentException("bad pads " + Arrays.toString(pads) + " for shape " + Arrays.toString(in));
            }
            if (mode.equals("reflect") && (pads[d] >= in[d] || pads[d + rank] >= in[d]) && (pads[d] > 0 || pads[d + rank] > 0)) {
                throw new IllegalArgumentException("reflect padding wider than the input");
            }
        }
        int[][] pick = new int[rank][];
        for (int d = 0; d < rank; d++) {
            pick[d] = new int[out[d]];
            for (int o = 0; o < out[d]; o++) {
                int p = o - pads[d];
                if (p < 0 || p >= in[d]) {
                    p = switch (mode) {
                        case "constant" -> -1;
                        case "edge" -> p < 0 ? 0 : in[d] - 1;
                        case "reflect" -> p < 0 ? -p : 2 * (in[d] - 1) - p;
                        default -> throw new IllegalArgumentException("pad mode '" + mode + "'");
                    };
                }
                pick[d][o] = p;
            }
        }
        int[] src = perAxis(in, out, pick);
        long[] params = java.util.Arrays.copyOf(toLongs(pads), pads.length + 1);
        params[pads.length] = switch (mode) {
            case "reflect" -> 1;
            case "edge" -> 2;
            default -> 0;
        };
        return new Movement(Kind.PAD, params, out, src);
    }

    /** ONNX Gather along {@code axis} with constant (already non-negative) indices of shape {@code idxShape}. */
    public static Movement gather(int[] in, int axis, int[] indices, int[] idxShape) {
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= in[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < in.length; d++) {
            inner *= in[d];
        }
        int[] out = new int[in.length - 1 + idxShape.length];
        int k = 0;
        for (int d = 0; d < axis; d++) {
            out[k++] = in[d];
        }
        for (int s : idxShape) {
            out[k++] = s;
        }
        for (int d = axis + 1; d < in.length; d++) {
            out[k++] = in[d];
        }
        int[] src = new int[Shapes.size(out)];
        int e = 0;
        for (int o = 0; o < outer; o++) {
            for (int index : indices) {
                if (index < 0 || index >= in[axis]) {
                    throw new IllegalArgumentException("gather index " + index + " out of range [0, " + in[axis] + ")");
                }
                for (int j = 0; j < inner; j++) {
                    src[e++] = (o * in[axis] + index) * inner + j;
                }
            }
        }
        long[] params = new long[1 + indices.length];
        params[0] = axis;
        for (int i = 0; i < indices.length; i++) {
            params[i + 1] = indices[i];
        }
        return new Movement(Kind.GATHER, params, out, src);
    }

    public static Movement expand(int[] in, int[] out) {
        return new Movement(Kind.EXPAND, new long[0], out.clone(), Shapes.broadcastIndex(in, out));
    }

    /**
     * The source of an output of shape {@code out} whose coordinate along each axis d is read from input
     * coordinate {@code pick[d][o]} (−1 along any axis makes the element 0): pads, tiles, nearest resizes.
     */
    public static int[] perAxis(int[] in, int[] out, int[][] pick) {
        int rank = in.length;
        int[] inStrides = Shapes.strides(in);
        int[] src = new int[Shapes.size(out)];
        int[] counter = new int[rank];
        for (int e = 0; e < src.length; e++) {
            int idx = 0;
            for (int d = 0; d < rank; d++) {
                int p = pick[d][counter[d]];
                if (p < 0) {
                    idx = -1;
                    break;
                }
                idx += p * inStrides[d];
            }
            src[e] = idx;
            for (int d = rank - 1; d >= 0; d--) {
                if (++counter[d] < out[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
        return src;
    }

    /** This movement followed by {@code next} (which reads this one's output), as one movement. */
    public Movement then(Movement next) {
        int[] src = new int[next.source.length];
        for (int i = 0; i < src.length; i++) {
            int s = next.source[i];
            src[i] = s < 0 ? -1 : source[s];
        }
        return new Movement(Kind.GENERAL, new long[0], next.shape, src);
    }

    /** Applies the movement to concrete values (the inputs concatenated in order). */
    public double[] apply(double[][] inputs) {
        double[] flat = concatenate(inputs);
        double[] out = new double[source.length];
        for (int i = 0; i < out.length; i++) {
            int s = source[i];
            out[i] = s < 0 ? 0 : flat[s];
        }
        return out;
    }

    private static double[] concatenate(double[][] inputs) {
        if (inputs.length == 1) {
            return inputs[0];
        }
        int n = 0;
        for (double[] a : inputs) {
            n += a.length;
        }
        double[] flat = new double[n];
        int k = 0;
        for (double[] a : inputs) {
            System.arraycopy(a, 0, flat, k, a.length);
            k += a.length;
        }
        return flat;
    }

    private static long[] toLongs(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }
}
