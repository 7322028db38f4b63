package io.zkml4j.model.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.lower.ConvGeometry;
import io.zkml4j.model.lower.Movement;
import io.zkml4j.model.lower.PoolGeometry;
import io.zkml4j.model.lower.ReduceGeometry;
import io.zkml4j.model.quant.ModelBuilder.QValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each integer primitive's interpreter semantics against a direct reference written here (BigInteger where
 * rounding matters), including negative values, rounding ties, clamping and values near the 2^62 bound.
 */
class PrimitiveSemanticsTest {
    static final QuantizationOptions O = QuantizationOptions.DEFAULT;

    /** A builder with one model input of the given shape. */
    static ModelBuilder withInput(int... shape) throws Exception {
        ModelBuilder b = new ModelBuilder(O);
        b.emit(new Primitive.Input("x"), shape, 0, "x");
        return b;
    }

    static long[] run(ModelBuilder b, int output, long[]... inputs) {
        int[] in = new int[inputs.length];
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            in[i] = i;
            names.add("x" + i);
        }
        QuantizedModel m = new QuantizedModel(b.ops, b.specs, in, new int[] {output}, names, List.of("y"), O);
        return IntegerInterpreter.run(m, inputs).output(0);
    }

    static long[] random(Random r, int n, long lo, long hi) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (long) (r.nextDouble() * (hi - lo + 1));
        }
        return x;
    }

    static long requantReference(long x, long m, int s, long lo, long hi) {
        BigInteger v = BigInteger.valueOf(x).multiply(BigInteger.valueOf(m));
        if (s > 0) {
            v = v.add(BigInteger.ONE.shiftLeft(s - 1));
            // floor division by 2^s
            BigInteger[] qr = v.divideAndRemainder(BigInteger.ONE.shiftLeft(s));
            v = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }
        long r = v.longValueExact();
        return Math.max(lo, Math.min(hi, r));
    }

    @Test
    void requantRoundsHalfUpWithFloorDivisionAndClamps() throws Exception {
        long[] x = new long[65536];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 32768;
        }
        long[][] cases = {{1, 1, -32768, 32767}, {3, 2, -100, 100}, {1, 0, -5, 7}, {12345, 16, -32768, 32767}, {7, 3, 0, 32767},
            {1, 4, -32768, 0}};
        for (long[] c : cases) {
            ModelBuilder b = withInput(x.length);
            int id = b.emit(new Primitive.Requant(0, c[0], (int) c[1], c[2], c[3]), new int[] {x.length}, 0, "r");
            long[] y = run(b, id, x);
            for (int i = 0; i < x.length; i++) {
                assertThat(y[i]).as("x=%d m=%d s=%d", x[i], c[0], c[1]).isEqualTo(requantReference(x[i], c[0], (int) c[1], c[2], c[3]));
            }
        }
        // Ties: -3/2 = -1.5 rounds up to -1, 3/2 = 1.5 to 2, -5/4 = -1.25 to -1, -7/4 = -1.75 to -2.
        ModelBuilder b = withInput(4);
        int id = b.emit(new Primitive.Requant(0, 1, 1, -10, 10), new int[] {4}, 0, "r");
        assertThat(run(b, id, new long[] {-3, 3, -1, 1})).containsExactly(-1, 2, 0, 1);
        b = withInput(2);
        id = b.emit(new Primitive.Requant(0, 1, 2, -10, 10), new int[] {2}, 0, "r");
        assertThat(run(b, id, new long[] {-5, -7})).containsExactly(-1, -2);
    }

    @Test
    void requantNearTheBound() throws Exception {
        // Input values scaled to ±2^61, then shifted down by 46 bits: still exact.
        ModelBuilder b = withInput(4);
        QValue big = b.shiftUp(new QValue(0, 0, true), 46, "big");
        assertThat(b.spec(big.id()).maxAbs()).isEqualTo(1L << 61);
        int id = b.emit(new Primitive.Requant(big.id(), 1, 46, Long.MIN_VALUE / 4, Long.MAX_VALUE / 4), new int[] {4}, 0, "r");
        long[] x = {-32768, 32767, -1, 12345};
        long[] y = run(b, id, x);
        for (int i = 0; i < 4; i++) {
            assertThat(y[i]).isEqualTo(requantReference(x[i] << 46, 1, 46, Long.MIN_VALUE / 4, Long.MAX_VALUE / 4));
        }
        // One more bit of multiplier would reach 2^62: refused with the layer's name.
        ModelBuilder b2 = withInput(4);
        QValue big2 = b2.shiftUp(new QValue(0, 0, true), 46, "big");
        assertThatThrownBy(() -> b2.emit(new Primitive.Requant(big2.id(), 2, 46, 0, 1), new int[] {4}, 0, "dense_3/requant"))
                .hasMessage("layer 'dense_3/requant' (Requant): values may reach 2^62, at or above the 2^62 bound; "
                        + "use fewer activationBits or weightBits, or a smaller calibration headroom");
    }

    @Test
    void matMulIsTheExactSumWithBias() throws Exception {
        Random r = new Random(1);
        int rows = 3;
        int k = 7;
        int n = 5;
        long[] w = random(r, k * n, -2048, 2047);
        long[] bias = random(r, n, -1L << 30, 1L << 30);
        ModelBuilder b = withInput(rows, k);
        int id = b.emit(new Primitive.MatMul(0, new LongTensor(new int[] {k, n}, w), new LongTensor(new int[] {n}, bias)),
                new int[] {rows, n}, 0, "mm");
        long[] x = random(r, rows * k, -32768, 32767);
        long[] y = run(b, id, x);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                long s = bias[j];
                for (int t = 0; t < k; t++) {
                    s += x[i * k + t] * w[t * n + j];
                }
                assertThat(y[i * n + j]).isEqualTo(s);
            }
        }
    }

    @Test
    void convolutionMatchesTheDefinition() throws Exception {
        Random r = new Random(2);
        ConvGeometry[] geometries = {
            new ConvGeometry(1, 2, 6, 7, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
            new ConvGeometry(2, 2, 7, 6, 4, 3, 2, 2, 3, 0, 2, 1, 0, 1, 2, 2),
            new ConvGeometry(1, 3, 5, 5, 3, 3, 3, 1, 1, 2, 0, 0, 2, 2, 1, 3),
            new ConvGeometry(1, 1, 1, 9, 2, 1, 3, 1, 2, 0, 1, 0, 1, 1, 1, 1),
        };
        for (ConvGeometry g : geometries) {
            long[] w = random(r, g.weightSize(), -100, 100);
            long[] bias = random(r, g.m(), -1000, 1000);
            ModelBuilder b = withInput(g.inputShape());
            int id = b.emit(new Primitive.Conv(0, new LongTensor(new int[] {g.m(), g.cPerGroup(), g.kh(), g.kw()}, w),
                    new LongTensor(new int[] {g.m()}, bias), g), g.outputShape(), 0, "conv");
            long[] x = random(r, g.n() * g.c() * g.h() * g.w(), -32768, 32767);
            long[] y = run(b, id, x);
            int k = 0;
            for (int bn = 0; bn < g.n(); bn++) {
                for (int m = 0; m < g.m(); m++) {
                    int group = m / (g.m() / g.groups());
                    for (int oy = 0; oy < g.outH(); oy++) {
                        for (int ox = 0; ox < g.outW(); ox++) {
                            long s = bias[m];
                            for (int ci = 0; ci < g.cPerGroup(); ci++) {
                                for (int ky = 0; ky < g.kh(); ky++) {
                                    for (int kx = 0; kx < g.kw(); kx++) {
                                        int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                                        int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                        if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                                            int c = group * g.cPerGroup() + ci;
                                            s += x[((bn * g.c() + c) * g.h() + iy) * g.w() + ix]
                                                    * w[((m * g.cPerGroup() + ci) * g.kh() + ky) * g.kw() + kx];
                                        }
                                    }
                                }
                            }
                            assertThat(y[k++]).as("%s at %d,%d,%d,%d", g, bn, m, oy, ox).isEqualTo(s);
                        }
                    }
                }
            }
        }
    }

    @Test
    void poolsIgnoreOrZeroThePadding() throws Exception {
        PoolGeometry g = new PoolGeometry(1, 2, 5, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, true);
        long[] x = random(new Random(3), 50, -32768, -1); // all negative: a padded 0 would win a max
        ModelBuilder b = withInput(1, 2, 5, 5);
        int max = b.emit(new Primitive.MaxPool(0, g), g.outputShape(), 0, "max");
        int sum = b.emit(new Primitive.SumPool(0, g), g.outputShape(), 0, "sum");
        long[] ym = run(b, max, x);
        long[] ys = run(b, sum, x);
        int k = 0;
        for (int c = 0; c < 2; c++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    long mx = Long.MIN_VALUE;
                    long sm = 0;
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int iy = oy * 2 - 1 + ky;
                            int ix = ox * 2 - 1 + kx;
                            if (iy >= 0 && iy < 5 && ix >= 0 && ix < 5) {
                                mx = Math.max(mx, x[c * 25 + iy * 5 + ix]);
                                sm += x[c * 25 + iy * 5 + ix];
                            }
                        }
                    }
                    assertThat(ym[k]).isEqualTo(mx).isNegative();
                    assertThat(ys[k]).isEqualTo(sm);
                    k++;
                }
            }
        }
    }

    @Test
    void reductionsGatherAndElementwiseWithBroadcasting() throws Exception {
        ModelBuilder b = withInput(2, 3);
        ReduceGeometry rg = ReduceGeometry.of(new int[] {2, 3}, new int[] {1}, true);
        int sum = b.emit(new Primitive.ReduceSum(0, rg), rg.out(), 0, "sum");
        int max = b.emit(new Primitive.ReduceMax(0, rg), rg.out(), 0, "max");
        int sub = b.emit(new Primitive.Sub(0, max), new int[] {2, 3}, 0, "sub");
        int add = b.emit(new Primitive.Add(sum, 0), new int[] {2, 3}, 0, "add");
        int mul = b.emit(new Primitive.Mul(0, sum), new int[] {2, 3}, 0, "mul");
        int aff = b.emit(new Primitive.Affine(0, new LongTensor(new int[] {3}, new long[] {1, -2, 3}),
                new LongTensor(new int[] {3}, new long[] {10, 20, 30})), new int[] {2, 3}, 0, "affine");
        int gat = b.emit(new Primitive.Gather(new int[] {0, sum}, Movement.concat(new int[][] {{2, 3}, {2, 1}}, 1)), new int[] {2, 4}, 0,
                "concat");
        long[] x = {1, -5, 3, -2, -4, 7};
        assertThat(run(b, sum, x)).containsExactly(-1, 1);
        assertThat(run(b, max, x)).containsExactly(3, 7);
        assertThat(run(b, sub, x)).containsExactly(-2, -8, 0, -9, -11, 0);
        assertThat(run(b, add, x)).containsExactly(0, -6, 2, -1, -3, 8);
        assertThat(run(b, mul, x)).containsExactly(-1, 5, -3, -2, -4, 7);
        assertThat(run(b, aff, x)).containsExactly(11, 30, 39, 8, 28, 51);
        assertThat(run(b, gat, x)).containsExactly(1, -5, 3, -1, -2, -4, 7, 1);
    }

    @Test
    void divIsFloorDivisionOfTheShiftedNumerator() throws Exception {
        ModelBuilder b = withInput(6);
        int d = b.emit(new Primitive.Requant(0, 1, 0, 1, 32767), new int[] {6}, 0, "divisor");
        int q = b.emit(new Primitive.Div(0, d, 3), new int[] {6}, 0, "q");
        long[] x = {-7, 7, -1, 0, 20, -32768};
        long[] y = run(b, q, x);
        for (int i = 0; i < x.length; i++) {
            long div = Math.max(1, x[i]);
            assertThat(y[i]).isEqualTo(Math.floorDiv(x[i] * 8, div));
        }
        assertThat(y[0]).isEqualTo(-56); // divisor clamps to 1
        // A divisor that may be 0 or negative is refused at compile time.
        ModelBuilder bad = withInput(6);
        assertThatThrownBy(() -> bad.emit(new Primitive.Div(0, 0, 0), new int[] {6}, 0, "softmax/div"))
                .hasMessage("layer 'softmax/div' (Div): the divisor's interval [-32768, 32767] is not within [1, ∞): "
                        + "it may be zero or negative");
    }

    @Test
    void tableLooksUpFromItsStartAndChecksItsDomain() throws Exception {
        ModelBuilder b = withInput(3);
        int c = b.emit(new Primitive.Requant(0, 1, 0, -2, 2), new int[] {3}, 0, "clamp");
        int t = b.emit(new Primitive.Table(c, -2, new long[] {40, 10, 0, 10, 40}, "SQUARE"), new int[] {3}, 0, "t");
        assertThat(run(b, t, new long[] {-100, 1, 2})).containsExactly(40, 10, 40);
        assertThat(b.spec(t).lo()).isZero();
        assertThat(b.spec(t).hi()).isEqualTo(40);
        ModelBuilder bad = withInput(3);
        assertThatThrownBy(() -> bad.emit(new Primitive.Table(0, -2, new long[] {1, 2, 3}, "F"), new int[] {3}, 0, "gelu"))
                .hasMessage("layer 'gelu' (Table): input interval [-32768, 32767] is not inside the table domain [-2, 1)");
    }

    @Test
    void interpreterRefusesInputsOutsideTheActivationRange() throws Exception {
        ModelBuilder b = withInput(2);
        assertThatThrownBy(() -> run(b, 0, new long[] {0, 32768}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input 'x0' value 32768 is outside its range [-32768, 32767]");
        assertThatThrownBy(() -> run(b, 0, new long[] {0}))
                .hasMessage("input 'x0' needs 2 values, got 1");
    }
}
