package io.zkml4j.model.lower;

import io.zkml4j.model.Graph;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.interp.Trace;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.quant.TensorSpec;
import io.zkml4j.model.reference.FloatReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ONNX-ML fixtures of {@code src/test/resources/ml} (written by {@code scripts/export-tree-models.py} from
 * scikit-learn models) against ONNX Runtime, on 200 seeded held-out inputs after calibrating on 50 others:
 * every class label agrees, scores are within 2% of the largest, and every branch decision of the integer
 * model is the float model's decision on the quantized input — a decision differs from the float model's on
 * the raw input only where the input's quantization step straddles the threshold.
 */
class MlModelsTest {
    private static final int CALIBRATION = 50;
    private static final int HELD_OUT = 200;

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = MlModelsTest.class.getResourceAsStream("/ml/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static float[] row(Random r, int f) {
        float[] x = new float[f];
        for (int i = 0; i < f; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gbt_regressor", "random_forest", "credit_gbt", "linear_regression", "logistic_regression",
            "decision_tree_v5"})
    void agreesWithOnnxRuntimeAndDecidesEverySplitAsTheFloatModel(String name) throws Exception {
        byte[] onnx = resource(name + ".onnx");
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        int f = g.inputs().get(0).shape()[1];
        Random r = new Random(name.hashCode());
        List<Map<String, float[]>> calibration = new ArrayList<>();
        for (int i = 0; i < CALIBRATION; i++) {
            calibration.add(Map.of("input", row(r, f)));
        }
        QuantizedModel q = Quantizer.quantize(g, calibration, QuantizationOptions.DEFAULT);
        TensorSpec inSpec = q.tensor(q.inputs()[0]);
        double step = Math.scalb(1.0, -inSpec.scale());
        int flips = 0;
        int decisions = 0;
        double[] worstError = new double[q.outputNames().size()];
        double[] largest = new double[q.outputNames().size()];
        try (FloatReference ort = FloatReference.open(onnx)) {
            for (int n = 0; n < HELD_OUT; n++) {
                float[] x = row(r, f);
                Map<String, double[]> want = ort.run(Map.of("input", x), Map.of("input", new int[] {1, f}));
                double[][] got = IntegerInterpreter.infer(q, new float[][] {x});
                for (int o = 0; o < q.outputNames().size(); o++) {
                    double[] w = want.get(q.outputNames().get(o));
                    assertThat(w).as("ONNX Runtime output %s", q.outputNames().get(o)).isNotNull();
                    boolean label = q.outputNames().get(o).equals("label");
                    for (int i = 0; i < w.length; i++) {
                        if (label) {
                            assertThat(got[o][i]).as("%s label on input %d", name, n).isEqualTo(w[i]);
                        } else {
                            worstError[o] = Math.max(worstError[o], Math.abs(got[o][i] - w[i]));
                            largest[o] = Math.max(largest[o], Math.abs(w[i]));
                        }
                    }
                }
                int[] fd = decisionFlips(g, q, x, step);
                flips += fd[0];
                decisions += fd[1];
            }
        }
        for (int o = 0; o < worstError.length; o++) {
            assertThat(worstError[o]).as("%s %s: largest error against the largest output", name, q.outputNames().get(o))
                    .isLessThanOrEqualTo(0.02 * largest[o]);
        }
        assertThat(decisions > 0).as("%s: split decisions checked", name).isEqualTo(!name.startsWith("linear") && !name.startsWith("logistic"));
        System.out.printf("%s: %d of %d branch decisions differ from the float model's on the raw input (input step 2^-%d)%n",
                name, flips, decisions, inSpec.scale());
    }

    /**
     * For each branch comparison: the integer bit equals the comparison of the integer model's own feature value
     * (dequantized) with the float threshold, exactly; where it differs from the float model on the raw input,
     * the threshold lies between the float and the quantized feature value. Returns {flips, decisions}.
     */
    private static int[] decisionFlips(Graph g, QuantizedModel q, float[] x, double step) {
        LoweredGraph lg = g.lowered();
        long[] qx = q.quantizeInput(0, x);
        double[] raw = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            raw[i] = x[i];
        }
        double[][] onRaw = lg.evaluate(new double[][] {raw});
        Trace t = IntegerInterpreter.run(q, new long[][] {qx});
        Map<String, Integer> intByName = new HashMap<>();
        for (int i = 0; i < q.tensors().size(); i++) {
            intByName.put(q.tensor(i).name(), i);
        }
        int flips = 0;
        int decisions = 0;
        for (int id = 0; id < lg.size(); id++) {
            if (!(lg.ops().get(id) instanceof LoweredOp.Split c)) {
                continue;
            }
            Integer bitsId = intByName.get(lg.names().get(id));
            // the splits read the features at their activation scale (the raw tensor, or its requant)
            String xName = lg.names().get(c.x());
            Integer featId = intByName.getOrDefault(xName + "/requant", intByName.get(xName));
            assertThat(bitsId).as("integer tensor %s", lg.names().get(id)).isNotNull();
            assertThat(featId).as("integer tensor %s", xName).isNotNull();
            long[] bits = t.values()[bitsId];
            long[] feat = t.values()[featId];
            int scale = q.tensor(featId).scale();
            int f = lg.shapes().get(c.x())[1];
            int k = c.feature().length;
            for (int e = 0; e < bits.length; e++) {
                decisions++;
                int row = e / k, j = e % k;
                double v = Math.scalb((double) feat[row * f + c.feature()[j]], -scale);
                double th = c.t()[j];
                boolean want = c.strict()[j] ? v < th : v <= th;
                assertThat(bits[e]).as("%s[%d]: the float decision on the integer feature value", lg.names().get(id), e)
                        .isEqualTo(want ? 1 : 0);
                if (bits[e] != onRaw[id][e]) {
                    flips++;
                    double fr = onRaw[c.x()][row * f + c.feature()[j]];
                    assertThat(th).as("a flipped split's threshold lies between the float and the quantized feature")
                            .isBetween(Math.min(fr, v), Math.max(fr, v));
                }
            }
        }
        return new int[] {flips, decisions};
    }
}
