package io.zkml4j.prover.circuit;

/**
 * {@code y = clamp(⌊(x·M + 2^{s−1}) / 2^s⌋, lo, lo + 2^outBits − 1)}: rescaling back into an activation
 * range, with ReLU fused when {@code lo = 0}.
 */
public record RequantLayer(int x, int y, long multiplier, int shift, long lo, int outBits) implements Layer {
    public long hi() {
        return lo + (1L << outBits) - 1;
    }

    @Override
    public int output() {
        return y;
    }

    @Override
    public int[] inputs() {
        return new int[] {x};
    }

    @Override
    public String describe() {
        return "Requant(M=" + multiplier + ", s=" + shift + ", [" + lo + ", " + hi() + "])";
    }
}
