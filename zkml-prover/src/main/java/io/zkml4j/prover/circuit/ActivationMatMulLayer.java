package io.zkml4j.prover.circuit;

import io.zkml4j.prover.layout.PaddedShape;

/**
 * {@code y[β, i, j] = Σ_l a[β, i, l]·b[β, l, j]}: a batched product of two activations (attention's
 * {@code Q·Kᵀ} and {@code softmax·V}), a {@code [.., M, K]}, b {@code [.., K, N]}, y {@code [.., M, N]}, the
 * same batch dimensions in all three and K a power of two (so that no padding is summed).
 */
public record ActivationMatMulLayer(int a, int b, int y) implements Layer {
    @Override
    public int[] inputs() {
        return new int[] {a, b};
    }

    @Override
    public String describe() {
        return "MatMul(activations)";
    }

    /** Why a, b and y cannot be such a product (shapes, batch dimensions, K not a power of two), or null. */
    public static String shapeProblem(PaddedShape a, PaddedShape b, PaddedShape y) {
        int r = y.rank();
        if (r < 2 || a.rank() != r || b.rank() != r || a.dim(r - 1) != b.dim(r - 2) || a.dim(r - 2) != y.dim(r - 2)
                || b.dim(r - 1) != y.dim(r - 1) || Integer.bitCount(a.dim(r - 1)) != 1) {
            return "MatMul shapes disagree (or the contracted size is not a power of two): a " + a + ", b " + b + ", y " + y;
        }
        for (int d = 0; d < r - 2; d++) {
            if (a.dim(d) != y.dim(d) || b.dim(d) != y.dim(d)) {
                return "MatMul batch dimensions disagree: a " + a + ", b " + b + ", y " + y;
            }
        }
        return null;
    }
}
