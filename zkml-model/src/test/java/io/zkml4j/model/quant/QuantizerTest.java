package io.zkml4j.model.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.ModelChecks;
import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.lower.UnaryFunction;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.reference.AccuracyReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scale choice, input quantization, options, tables, and the compile errors of the quantizer. */
class QuantizerTest {

    static Graph graph(OnnxBuilder b) throws Exception {
        return OnnxImporter.importModel(b.toBytes(), ImportOptions.DEFAULT);
    }

    static QuantizedModel quantize(Graph g, float... calibration) throws ModelCompileException {
        return Quantizer.quantize(g, List.of(Map.of(g.inputs().get(0).name(), calibration)), QuantizationOptions.DEFAULT);
    }

    @Test
    void inputScaleLeavesTheHeadroomAndQuantizationRoundsHalfAwayFromZero() throws Exception {
        Graph g = graph(new OnnxBuilder("t", 13).input("x", -1, 4).output("y").node("Relu", List.of("x"), List.of("y")));
        QuantizedModel q = quantize(g, 1.0f, -3.0f, 0.5f, 2.0f);
        // max |x| = 3, headroom 2: the largest f with 6·2^f ≤ 32767 is 12.
        assertThat(q.inputSpec(0).scale()).isEqualTo(12);
        long[] x = q.quantizeInput(0, new float[] {0.5f / 4096, -0.5f / 4096, 1.5f / 4096, 100f});
        assertThat(x).containsExactly(1, -1, 2, 32767);
        assertThat(q.quantizeInput(0, new float[] {-100f, 0, 0, 0})[0]).isEqualTo(-32768);
        assertThatThrownBy(() -> q.quantizeInput(0, new float[] {Float.NaN, 0, 0, 0})).hasMessage("input 'x' value 0 is NaN");
        assertThatThrownBy(() -> q.quantizeInput(0, new float[3])).hasMessage("input 'x' needs 4 values, got 3");
    }

    @Test
    void reluAfterALinearLayerIsOneRequant() throws Exception {
        QuantizedModel q = Quantizer.quantize(OnnxImporter.importModel(DemoModels.creditMlp().onnx(), ImportOptions.DEFAULT),
                List.of(InputFile.parse(DemoModels.creditMlp().inputJson(),
                        OnnxImporter.importModel(DemoModels.creditMlp().onnx(), ImportOptions.DEFAULT)).byName()),
                QuantizationOptions.DEFAULT);
        assertThat(q.ops().get(1)).isInstanceOf(Primitive.MatMul.class);
        Primitive.Requant relu = (Primitive.Requant) q.ops().get(2);
        assertThat(relu.lo()).isZero();
        assertThat(relu.hi()).isEqualTo(32767);
        assertThat(q.ops().get(3)).isInstanceOf(Primitive.MatMul.class);
    }

    @Test
    void eightBitActivationsWork() throws Exception {
        DemoModels.Demo d = DemoModels.smallCnn();
        Graph g = OnnxImporter.importModel(d.onnx(), ImportOptions.DEFAULT);
        InputFile in = InputFile.parse(d.inputJson(), g);
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT.withActivationBits(8));
        for (TensorSpec t : q.tensors()) {
            if (q.ops().get(q.tensors().indexOf(t)) instanceof Primitive.Requant) {
                assertThat(t.lo()).isGreaterThanOrEqualTo(-128);
                assertThat(t.hi()).isLessThanOrEqualTo(127);
            }
        }
        AccuracyReport r = ModelChecks.quantizedReport(d.onnx(), in, QuantizationOptions.DEFAULT.withActivationBits(8));
        assertThat(r.worstRelativeError()).as("%s", r).isLessThanOrEqualTo(0.06);
        AccuracyReport r16 = ModelChecks.quantizedReport(d.onnx(), in, QuantizationOptions.DEFAULT);
        assertThat(r16.worstRelativeError()).isLessThan(r.worstRelativeError());
    }

    @Test
    void tablesAreTrimmedExactlyWhereTheFunctionSaturates() throws Exception {
        Graph g = graph(new OnnxBuilder("t", 13).input("x", -1, 5).output("y").node("Sigmoid", List.of("x"), List.of("y")));
        QuantizedModel q = quantize(g, -16f, -1f, 0f, 1f, 16f);
        Primitive.Table t = null;
        Primitive.Requant clamp = null;
        for (Primitive p : q.ops()) {
            if (p instanceof Primitive.Table tb) {
                t = tb;
            } else if (p instanceof Primitive.Requant r) {
                clamp = r;
            }
        }
        assertThat(t).isNotNull();
        assertThat(clamp).isNotNull();
        assertThat(t.table().length).isLessThan(65536 / 2);
        // The trimmed model gives exactly what the full table gives, for every possible input.
        TensorSpec in = q.inputSpec(0);
        TensorSpec out = q.outputSpec(0);
        long[] full = TableBuilder.entries(UnaryFunction.SIGMOID, 0, 0, in.lo(), (int) (in.hi() - in.lo() + 1), in.scale(), out.scale(),
                QuantizationOptions.DEFAULT);
        long[] x = new long[65536];
        for (int i = 0; i < x.length; i++) {
            x[i] = in.lo() + i;
        }
        QuantizedModel wide = new QuantizedModel(q.ops(), reshaped(q, 65536), q.inputs(), q.outputs(), q.inputNames(),
                q.outputNames(), q.options());
        long[] y = IntegerInterpreter.run(wide, new long[][] {x}).output(0);
        assertThat(y).isEqualTo(full);
    }

    /** The same model with every tensor of shape [1, n] (all its ops are element-wise). */
    private static List<TensorSpec> reshaped(QuantizedModel q, int n) {
        return q.tensors().stream().map(t -> new TensorSpec(t.name(), new int[] {1, n}, t.scale(), t.lo(), t.hi())).toList();
    }

    @Test
    void divisorThatMayBeNegativeIsACompileError() throws Exception {
        Graph g = OnnxImporter.importModel(new OnnxBuilder("t", 13).input("a", -1, 3).input("b", -1, 3).output("y")
                .node("Div", List.of("a", "b"), List.of("y")).toBytes(), ImportOptions.DEFAULT);
        assertThatThrownBy(() -> Quantizer.quantize(g, List.of(Map.of("a", new float[] {1, 2, 3}, "b", new float[] {1, 2, 3})),
                QuantizationOptions.DEFAULT))
                .isInstanceOf(ModelCompileException.class)
                .hasMessage("layer 'y' (Div): the divisor's interval [-32768, 32767] includes negative values; "
                        + "only divisors that are never negative are supported");
    }

    @Test
    void boundOverflowNamesTheLayer() throws Exception {
        float[] w = new float[16];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 - 2 * (i % 2) * 0.9f;
        }
        // The MatMul has a second reader, so the division is not folded into its weights: it rescales the
        // wide accumulator with a 30-bit multiplier, which could reach 2^70.
        Graph g = graph(new OnnxBuilder("t", 13).input("x", -1, 16).output("y").output("dense").initializer("w", new int[] {16, 1}, w)
                .initializer("three", new int[] {}, 3f)
                .node("MatMul", List.of("x", "w"), List.of("dense")).node("Div", List.of("dense", "three"), List.of("y")));
        QuantizationOptions wide = new QuantizationOptions(16, 24, 2.0, 30, 1 << 16);
        float[] x = new float[16];
        java.util.Arrays.fill(x, 1f);
        assertThatThrownBy(() -> Quantizer.quantize(g, List.of(Map.of("x", x)), wide))
                .isInstanceOf(ModelCompileException.class)
                .hasMessageStartingWith("layer 'y' (Requant): ")
                .hasMessageEndingWith("; use fewer activationBits or weightBits, or a smaller calibration headroom");
        assertThat(Quantizer.quantize(g, List.of(Map.of("x", x)), QuantizationOptions.DEFAULT).ops()).hasSize(4);
    }

    @Test
    void calibrationProblemsAreCompileErrors() throws Exception {
        Graph g = graph(new OnnxBuilder("t", 13).input("x", -1, 2).output("y").node("Log", List.of("x"), List.of("y")));
        assertThatThrownBy(() -> quantize(g, -1f, 1f)).hasMessage("layer 'y' (LOG) is not finite (NaN) on a calibration input");
        assertThatThrownBy(() -> Quantizer.quantize(g, List.of(Map.of("z", new float[2])), QuantizationOptions.DEFAULT))
                .hasMessage("calibration input has no value for model input 'x'");
        assertThatThrownBy(() -> quantize(g, 1f)).hasMessage("calibration input does not fit the model: input x needs 2 values, got 1");
        assertThatThrownBy(() -> Quantizer.quantize(g, List.of(), QuantizationOptions.DEFAULT))
                .hasMessage("at least one calibration input is needed");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> QuantizationOptions.DEFAULT.withActivationBits(17)).hasMessage("activationBits must be in [8, 16], got 17");
        assertThatThrownBy(() -> QuantizationOptions.DEFAULT.withWeightBits(1)).hasMessage("weightBits must be in [2, 24], got 1");
        assertThatThrownBy(() -> QuantizationOptions.DEFAULT.withHeadroom(0.5)).hasMessage("headroom must be at least 1, got 0.5");
    }

    /** y = x·W for a 2-column W whose second column is 1000× smaller than its first: the relative error of each column. */
    private static double[] columnErrors(boolean perChannelExpected) throws Exception {
        java.util.Random r = new java.util.Random(9);
        int k = 32;
        float[] w = new float[k * 2];
        for (int i = 0; i < k; i++) {
            w[2 * i] = (float) r.nextGaussian();
            w[2 * i + 1] = (float) (r.nextGaussian() * 1e-3);
        }
        Graph g = graph(new OnnxBuilder("t", 13).input("x", 1, k).output("y").initializer("w", new int[] {k, 2}, w)
                .node("MatMul", List.of("x", "w"), List.of("y")));
        float[] x = new float[k];
        for (int i = 0; i < k; i++) {
            x[i] = (float) r.nextGaussian();
        }
        QuantizedModel q = quantize(g, x);
        Primitive.MatMul mm = (Primitive.MatMul) q.ops().stream().filter(op -> op instanceof Primitive.MatMul).findFirst().orElseThrow();
        long maxAbs = 0;
        for (long v : mm.w().values()) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertThat(maxAbs).as("stored weights grow by the extra bits of the small column")
                .isGreaterThan(perChannelExpected ? 1L << 11 : 0);
        double[] y = q.dequantizeOutput(0, io.zkml4j.model.interp.IntegerInterpreter.run(q, new long[][] {q.quantizeInput(0, x)}).output(0));
        double[] err = new double[2];
        for (int c = 0; c < 2; c++) {
            double ref = 0;
            for (int i = 0; i < k; i++) {
                ref += (double) x[i] * w[2 * i + c];
            }
            err[c] = Math.abs(y[c] - ref) / Math.abs(ref);
        }
        return err;
    }

    @Test
    void aChannelOfSmallWeightsKeepsItsPrecision() throws Exception {
        // one scale for the tensor would leave the small column about 2 significant levels (a large error);
        // per-channel precision gives it MAX_CHANNEL_BITS more
        double[] err = columnErrors(true);
        assertThat(err[0]).as("the large column").isLessThan(0.01);
        assertThat(err[1]).as("the small column").isLessThan(0.02);
    }

    @Test
    void perChannelPrecisionIsExactlyThePerTensorQuantizationOfBalancedChannels() {
        double[] w = {0.5, -0.55, 0.7, 0.1, -0.6, 0.6}; // [3, 2]: both columns' largest magnitude in [0.5, 1)
        int f = Quantizer.weightScale(0.7, 12);
        Quantizer.ChannelWeights cw = Quantizer.channelQuantize(w, new int[] {3, 2}, 1, f, 12);
        assertThat(cw.scale()).isEqualTo(f);
        assertThat(cw.values()).containsExactly(Quantizer.quantize(w, f));
        // a column 16 times smaller gets 4 more bits, and the large column's integers are shifted by 4
        double[] w2 = {0.5, -0.55 / 16, 0.7, 0.1 / 16, -0.6, 0.6 / 16};
        Quantizer.ChannelWeights cw2 = Quantizer.channelQuantize(w2, new int[] {3, 2}, 1, f, 12);
        assertThat(cw2.scale()).isEqualTo(f + 4);
        long[] large = Quantizer.quantize(new double[] {0.5, 0.7, -0.6}, f);
        long[] small = Quantizer.quantize(new double[] {-0.55 / 16, 0.1 / 16, 0.6 / 16}, f + 4);
        assertThat(cw2.values()).containsExactly(large[0] << 4, small[0], large[1] << 4, small[1], large[2] << 4, small[2]);
    }
}
