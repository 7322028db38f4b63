package io.zkml4j.prover.circuit;

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
}
