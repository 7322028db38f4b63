package io.zkml4j.prover.circuit;

/**
 * {@code y = x·mul + add} element-wise with committed constant tensors {@code mul} and {@code add} that
 * broadcast against x (add may be absent, -1).
 */
public record AffineLayer(int x, int y, int mul, int add) implements UnaryLayer {
    @Override
    public String describe() {
        return "Affine";
    }
}
