package io.zkml4j.prover.engine;

import io.zkml4j.prover.circuit.ActivationMatMulLayer;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.CircuitBuilder;
import io.zkml4j.prover.circuit.ConvLayer;
import io.zkml4j.prover.circuit.ElementwiseLayer;
import io.zkml4j.prover.circuit.LinearMapLayer;
import io.zkml4j.prover.circuit.MatMulLayer;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.circuit.TableLayer;
import io.zkml4j.prover.circuit.TensorInfo.Kind;

import java.util.Random;

/** Hand-built circuits with seeded weights, for engine tests that do not need the model importer. */
final class SmallCircuits {
    record Model(Circuit circuit, long[][] weights, long[] input) {}

    static long[] random(Random rnd, int n, int bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(2 * bound + 1) - bound;
        }
        return v;
    }

    /** x[1,8] → MatMul+bias → Requant(ReLU, 7 bits) → MatMul → Requant(8 bits) → sigmoid table → [1,3]. */
    static Model mlp(Kind inputKind, long seed) {
        Random rnd = new Random(seed);
        CircuitBuilder b = new CircuitBuilder();
        int x = b.tensor("x", new int[] {1, 8}, -128, 127, inputKind);
        int w1 = b.weight("w1", 8, 4);
        int b1 = b.weight("b1", 4);
        int acc1 = b.tensor("acc1", new int[] {1, 4}, -60_000, 60_000, Kind.VIRTUAL);
        int h1 = b.tensor("h1", new int[] {1, 4}, 0, 127, Kind.VIRTUAL);
        int w2 = b.weight("w2", 4, 3);
        int acc2 = b.tensor("acc2", new int[] {1, 3}, -30_000, 30_000, Kind.VIRTUAL);
        int z = b.tensor("z", new int[] {1, 3}, -128, 127, Kind.VIRTUAL);
        int y = b.tensor("y", new int[] {1, 3}, 0, 127, Kind.COMMITTED);
        long[] sigmoid = new long[256];
        for (int i = 0; i < 256; i++) {
            sigmoid[i] = Math.round(127 / (1 + Math.exp(-(i - 128) / 32.0)));
        }
        b.layer(new MatMulLayer(x, acc1, w1, b1))
                .layer(new RequantLayer(acc1, h1, 1, 6, 0, 7, 16))
                .layer(new MatMulLayer(h1, acc2, w2, -1))
                .layer(new RequantLayer(acc2, z, 3, 8, -128, 8, 16))
                .layer(new TableLayer(z, y, "sigmoid", -128, sigmoid));
        long[][] weights = {random(rnd, 32, 50), random(rnd, 4, 500), random(rnd, 12, 60)};
        return new Model(b.build(x, y), weights, random(rnd, 8, 128 - 1));
    }

    /** x[1,1,6,6] → Conv 2→ [1,2,4,4] (+bias) → Requant ReLU → MaxPool 2x2 → Flatten → MatMul → Requant. */
    static Model cnn(Kind inputKind, long seed) {
        Random rnd = new Random(seed);
        CircuitBuilder b = new CircuitBuilder();
        int x = b.tensor("x", new int[] {1, 1, 6, 6}, -128, 127, inputKind);
        int kw = b.weight("conv.w", 2, 1, 3, 3);
        int kb = b.weight("conv.b", 2);
        int c = b.tensor("conv", new int[] {1, 2, 4, 4}, -40_000, 40_000, Kind.VIRTUAL);
        int r = b.tensor("relu", new int[] {1, 2, 4, 4}, 0, 127, Kind.VIRTUAL);
        int p = b.tensor("pool", new int[] {1, 2, 2, 2}, 0, 127, Kind.COMMITTED);
        int f = b.tensor("flat", new int[] {1, 8}, 0, 127, Kind.VIRTUAL);
        int fw = b.weight("fc.w", 8, 3);
        int acc = b.tensor("fc", new int[] {1, 3}, -60_000, 60_000, Kind.VIRTUAL);
        int y = b.tensor("y", new int[] {1, 3}, -128, 127, Kind.VIRTUAL);
        int[] taps = new int[4 * 8];
        for (int ch = 0; ch < 2; ch++) {
            for (int oy = 0; oy < 2; oy++) {
                for (int ox = 0; ox < 2; ox++) {
                    int o = (ch * 2 + oy) * 2 + ox;
                    for (int k = 0; k < 4; k++) {
                        int iy = 2 * oy + k / 2, ix = 2 * ox + k % 2;
                        taps[k * 8 + o] = (ch * 4 + iy) * 4 + ix;
                    }
                }
            }
        }
        int[] start = new int[9];
        int[] input = new int[8];
        int[] index = new int[8];
        for (int i = 0; i < 8; i++) {
            start[i + 1] = i + 1;
            index[i] = i;
        }
        b.layer(new ConvLayer(x, c, kw, kb, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}))
                .layer(new RequantLayer(c, r, 1, 5, 0, 7, 16))
                .layer(new MaxLayer(r, p, "MaxPool", 4, taps))
                .layer(new LinearMapLayer(new int[] {p}, f, "Flatten", start, input, index))
                .layer(new MatMulLayer(f, acc, fw, -1))
                .layer(new RequantLayer(acc, y, 1, 7, -128, 8, 16));
        long[][] weights = {random(rnd, 18, 30), random(rnd, 2, 300), random(rnd, 24, 40)};
        return new Model(b.build(x, y), weights, random(rnd, 36, 127));
    }

    /** Two branches joined by Add and Mul: exercises claims that split and merge. */
    static Model residual(Kind inputKind, long seed) {
        Random rnd = new Random(seed);
        CircuitBuilder b = new CircuitBuilder();
        int x = b.tensor("x", new int[] {1, 4}, -128, 127, inputKind);
        int w = b.weight("w", 4, 4);
        int acc = b.tensor("acc", new int[] {1, 4}, -30_000, 30_000, Kind.VIRTUAL);
        int h = b.tensor("h", new int[] {1, 4}, -128, 127, Kind.VIRTUAL);
        int s = b.tensor("sum", new int[] {1, 4}, -256, 254, Kind.VIRTUAL);
        int m = b.tensor("prod", new int[] {1, 4}, -65_536, 65_536, Kind.VIRTUAL);
        int y = b.tensor("y", new int[] {1, 4}, -128, 127, Kind.VIRTUAL);
        b.layer(new MatMulLayer(x, acc, w, -1))
                .layer(new RequantLayer(acc, h, 1, 6, -128, 8, 16))
                .layer(new ElementwiseLayer(h, x, s, ElementwiseLayer.Op.ADD))
                .layer(new ElementwiseLayer(s, h, m, ElementwiseLayer.Op.MUL))
                .layer(new RequantLayer(m, y, 1, 8, -128, 8, 16));
        return new Model(b.build(x, y), new long[][] {random(rnd, 16, 40)}, random(rnd, 4, 127));
    }

    /**
     * Attention's product of two activations: x[3,4,4] → a = Requant(x·W1) [3,4,4], b = Requant(x·W2) [3,4,3],
     * y = a·b per batch entry [3,4,3] (batch 3 and N = 3 padded to 4), the output.
     */
    static Model attention(Kind inputKind, long seed) {
        Random rnd = new Random(seed);
        CircuitBuilder b = new CircuitBuilder();
        int x = b.tensor("x", new int[] {3, 4, 4}, -128, 127, inputKind);
        int w1 = b.weight("w1", 4, 4);
        int w2 = b.weight("w2", 4, 3);
        int acc1 = b.tensor("acc1", new int[] {3, 4, 4}, -30_000, 30_000, Kind.VIRTUAL);
        int acc2 = b.tensor("acc2", new int[] {3, 4, 3}, -30_000, 30_000, Kind.VIRTUAL);
        int a = b.tensor("a", new int[] {3, 4, 4}, -128, 127, Kind.VIRTUAL);
        int bb = b.tensor("b", new int[] {3, 4, 3}, -128, 127, Kind.VIRTUAL);
        int y = b.tensor("y", new int[] {3, 4, 3}, -65_536, 65_536, Kind.VIRTUAL);
        b.layer(new MatMulLayer(x, acc1, w1, -1))
                .layer(new RequantLayer(acc1, a, 1, 6, -128, 8, 16))
                .layer(new MatMulLayer(x, acc2, w2, -1))
                .layer(new RequantLayer(acc2, bb, 1, 6, -128, 8, 16))
                .layer(new ActivationMatMulLayer(a, bb, y));
        return new Model(b.build(x, y), new long[][] {random(rnd, 16, 40), random(rnd, 12, 40)}, random(rnd, 48, 127));
    }

    /** A Requant with a wide (24-bit) comparison, ReLU fused, after a MatMul with a bias. */
    static Model wide(Kind inputKind, long seed) {
        Random rnd = new Random(seed);
        CircuitBuilder b = new CircuitBuilder();
        int x = b.tensor("x", new int[] {1, 6}, -128, 127, inputKind);
        int w = b.weight("w", 6, 5);
        int bias = b.weight("b", 5);
        int acc = b.tensor("acc", new int[] {1, 5}, -200_000, 200_000, Kind.VIRTUAL);
        int y = b.tensor("y", new int[] {1, 5}, 0, 255, Kind.VIRTUAL);
        b.layer(new MatMulLayer(x, acc, w, bias))
                .layer(new RequantLayer(acc, y, 1, 2, 0, 8, 24));
        return new Model(b.build(x, y), new long[][] {random(rnd, 30, 90), random(rnd, 5, 3000)}, random(rnd, 6, 127));
    }
}
