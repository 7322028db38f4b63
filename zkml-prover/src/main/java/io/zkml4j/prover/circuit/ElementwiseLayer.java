package io.zkml4j.prover.circuit;

/**
 * {@code y = a + b}, {@code a − b} or {@code a·b} element-wise, with ONNX broadcasting of both activations
 * to y's shape (a dimension of size 1 repeats).
 */
public record ElementwiseLayer(int a, int b, int y, Op op) implements Layer {
    public enum Op { ADD, SUB, MUL }


    @Override
    public int[] inputs() {
        return new int[] {a, b};
    }

    @Override
    public String describe() {
        return op == Op.ADD ? "Add" : op == Op.SUB ? "Sub" : "Mul";
    }
}
