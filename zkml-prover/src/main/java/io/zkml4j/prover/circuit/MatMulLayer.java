package io.zkml4j.prover.circuit;

/**
 * {@code y[.., j] = Σ_l x[.., l]·W[l, j] + b[j]}: x an activation whose last dimension is contracted, W a
 * committed {@code [k, n]} weight, b an optional committed {@code [n]} bias.
 */
public record MatMulLayer(int x, int y, int weight, int bias) implements UnaryLayer {
    @Override
    public String describe() {
        return "MatMul";
    }
}
