package io.zkml4j.prover.circuit;

/**
 * {@code y[o] = max_k x[tap_k(o)]} over the taps of each output (MaxPool windows, ReduceMax axes); a tap
 * of -1 lies outside the input and does not take part. {@code taps[k·|y| + o]} is the logical input index
 * of tap k of logical output o. The output is committed; padding positions of y hold x's lower bound.
 */
public record MaxLayer(int x, int y, String kind, int tapCount, int[] taps) implements UnaryLayer {
    @Override
    public String describe() {
        return kind + "(" + tapCount + " taps)";
    }
}
