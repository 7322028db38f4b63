package io.zkml4j.prover.circuit;

/**
 * {@code y = clamp(⌊(x·M + 2^{s−1}) / 2^s⌋, lo, lo + 2^outBits − 1)}: rescaling back into an activation
 * range, with ReLU fused when {@code lo = 0}. {@code hBits} (8 or 16) sizes the comparison table the proof
 * uses: the static range of the input must keep {@code ⌊(q − lo)/2^outBits⌋} within ±2^{hBits−1}.
 */
public record RequantLayer(int x, int y, long multiplier, int shift, long lo, int outBits, int hBits) implements UnaryLayer {
    public long hi() {
        return lo + (1L << outBits) - 1;
    }



    @Override
    public String describe() {
        return "Requant(M=" + multiplier + ", s=" + shift + ", [" + lo + ", " + hi() + "])";
    }

    /** A Requant with the smallest comparison table its input's static interval allows. */
    public static RequantLayer fitted(int x, int y, long multiplier, int shift, long lo, int outBits, long xMin, long xMax) {
        int h = 32;
        for (int bits : new int[] {8, 16, 24}) {
            if (io.zkml4j.prover.relation.requant.RequantWitness.check(multiplier, shift, outBits, lo, xMin, xMax, bits) == null) {
                h = bits;
                break;
            }
        }
        return new RequantLayer(x, y, multiplier, shift, lo, outBits, h);
    }
}
