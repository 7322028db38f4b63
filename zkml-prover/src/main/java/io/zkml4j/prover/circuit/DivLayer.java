package io.zkml4j.prover.circuit;

/**
 * {@code y = ⌊a·2^k / b⌋} element-wise with broadcasting, b ≥ 1 (softmax normalisation). Proved through
 * {@code a·2^k = y·b + r}, {@code 0 ≤ r < b}, with y, r and {@code b − 1 − r} range-checked in 8-bit chunks.
 */
public record DivLayer(int a, int b, int y, int k) implements Layer {
    @Override
    public int[] inputs() {
        return new int[] {a, b};
    }

    @Override
    public String describe() {
        return "Div(k=" + k + ")";
    }
}
