package io.zkml4j.prover.circuit;

/**
 * {@code y[i] = Σ_{(k, q) ∈ terms(i)} x_k[q]}: a public 0/1 linear map of one or more inputs — data
 * movement (reshape, transpose, slice, concat, pad), sum pooling and sums over axes. Indices are logical
 * row-major; padding positions of y are zero.
 *
 * @param kind  what the map is, for messages ({@code "Reshape"}, {@code "SumPool"}, …)
 * @param start CSR row starts, length {@code |y| + 1}
 * @param input for each term, which input it reads
 * @param index for each term, the logical index it reads in that input
 */
public record LinearMapLayer(int[] xs, int y, String kind, int[] start, int[] input, int[] index) implements Layer {
    @Override
    public int[] inputs() {
        return xs.clone();
    }

    @Override
    public String describe() {
        return kind;
    }
}
