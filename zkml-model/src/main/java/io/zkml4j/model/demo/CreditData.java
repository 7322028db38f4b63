package io.zkml4j.model.demo;

import java.util.Random;

/**
 * A seeded synthetic credit data set: 16 standardized applicant features (income, debt ratio, history
 * length, recent defaults, ...) and a default label drawn from a fixed non-linear risk score, so that a
 * small MLP has something real to learn.
 */
final class CreditData {
    final double[][] x;
    final int[] y;

    private CreditData(double[][] x, int[] y) {
        this.x = x;
        this.y = y;
    }

    static CreditData generate(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][16];
        int[] y = new int[n];
        double[] weight = {-1.2, 1.5, -0.8, 1.1, 0.6, -0.4, 0.9, -0.7, 0.3, 0.5, -0.2, 0.4, 0.0, -0.3, 0.2, 0.1};
        for (int i = 0; i < n; i++) {
            double score = -0.3;
            for (int j = 0; j < 16; j++) {
                x[i][j] = r.nextGaussian();
                score += weight[j] * x[i][j];
            }
            // Interactions: high debt with short history is worse; income offsets recent defaults.
            score += 0.8 * x[i][1] * Math.max(0, -x[i][2]) - 0.5 * x[i][0] * Math.max(0, x[i][3]);
            double p = 1 / (1 + StrictMath.exp(-2 * score));
            y[i] = r.nextDouble() < p ? 1 : 0;
        }
        return new CreditData(x, y);
    }

    float[] row(int i) {
        float[] f = new float[16];
        for (int j = 0; j < 16; j++) {
            f[j] = (float) x[i][j];
        }
        return f;
    }
}
