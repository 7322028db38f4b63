package io.zkml4j.model.demo;

import java.util.Random;

/**
 * A plain MLP (ReLU hidden layers, softmax output, cross-entropy loss) trained by per-example SGD in
 * {@code double}. Weights are {@code [out, in]} row-major, as ONNX Gemm with {@code transB = 1} reads them.
 */
final class Mlp {
    final int[] sizes;
    final double[][] w;
    final double[][] b;

    private Mlp(int[] sizes, Random r) {
        this.sizes = sizes;
        int layers = sizes.length - 1;
        w = new double[layers][];
        b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[sizes[l + 1] * sizes[l]];
            b[l] = new double[sizes[l + 1]];
            double sd = StrictMath.sqrt(2.0 / sizes[l]);
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = r.nextGaussian() * sd;
            }
        }
    }

    static Mlp train(CreditData data, int[] sizes, int epochs, double rate, long seed) {
        Random r = new Random(seed);
        Mlp m = new Mlp(sizes, r);
        int n = data.x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i : order) {
                m.step(data.x[i], data.y[i], rate);
            }
        }
        return m;
    }

    /** Activations of every layer (index 0 = input); the last is the softmax output. */
    double[][] forward(double[] x) {
        int layers = sizes.length - 1;
        double[][] a = new double[layers + 1][];
        a[0] = x;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] z = new double[out];
            for (int o = 0; o < out; o++) {
                double s = b[l][o];
                for (int i = 0; i < in; i++) {
                    s += w[l][o * in + i] * a[l][i];
                }
                z[o] = l < layers - 1 ? Math.max(0, s) : s;
            }
            if (l == layers - 1) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int o = 0; o < out; o++) {
                    z[o] = StrictMath.exp(z[o] - max);
                    sum += z[o];
                }
                for (int o = 0; o < out; o++) {
                    z[o] /= sum;
                }
            }
            a[l + 1] = z;
        }
        return a;
    }

    private void step(double[] x, int label, double rate) {
        double[][] a = forward(x);
        int layers = sizes.length - 1;
        double[] delta = a[layers].clone();
        delta[label] -= 1;
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] prev = new double[in];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    prev[i] += w[l][o * in + i] * delta[o];
                    w[l][o * in + i] -= rate * delta[o] * a[l][i];
                }
                b[l][o] -= rate * delta[o];
            }
            if (l > 0) {
                for (int i = 0; i < in; i++) {
                    prev[i] = a[l][i] > 0 ? prev[i] : 0;
                }
            }
            delta = prev;
        }
    }

    /** Fraction of examples whose most likely class is the label. */
    double accuracy(CreditData data) {
        int ok = 0;
        for (int i = 0; i < data.x.length; i++) {
            double[] p = forward(data.x[i])[sizes.length - 1];
            ok += (p[1] > p[0] ? 1 : 0) == data.y[i] ? 1 : 0;
        }
        return (double) ok / data.x.length;
    }
}
