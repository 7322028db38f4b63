package io.zkml4j.prover;

/**
 * An output that a proof established: the model's integers, the numbers they stand for (integer ·
 * 2^-scale), the output's shape, and the index of the largest value (the predicted class, for a
 * classifier).
 */
public record VerifiedOutput(String name, int[] shape, long[] integers, double[] values, int argmax) {
    static VerifiedOutput of(String name, int[] shape, long[] integers, int scale) {
        double[] v = new double[integers.length];
        int best = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb((double) integers[i], -scale);
            if (integers[i] > integers[best]) {
                best = i;
            }
        }
        return new VerifiedOutput(name, shape.clone(), integers.clone(), v, best);
    }
}
