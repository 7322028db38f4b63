package io.zkml4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.model.reference.FloatReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Shared checks: a model's lowered float graph against ONNX Runtime (tight), and its quantized integer
 * run against ONNX Runtime (within the accuracy target), on seeded random inputs.
 */
public final class ModelChecks {
    private ModelChecks() {
    }

    /** Seeded uniform inputs in {@code [lo, hi]} for every model input. */
    public static InputFile randomInputs(Graph g, long seed, double lo, double hi) {
        Random r = new Random(seed);
        List<String> names = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (ValueInfo v : g.inputs()) {
            float[] x = new float[Shapes.size(v.shape())];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (lo + (hi - lo) * r.nextDouble());
            }
            names.add(v.name());
            values.add(x);
            shapes.add(v.shape());
        }
        return new InputFile(names, values, shapes);
    }

    /** ONNX Runtime's outputs, in the graph's output order. */
    public static double[][] reference(byte[] onnx, Graph g, InputFile in) throws Exception {
        try (FloatReference ref = FloatReference.open(onnx)) {
            Map<String, double[]> out = ref.run(in.byName(), in.shapesByName());
            double[][] r = new double[g.outputs().size()][];
            for (int i = 0; i < r.length; i++) {
                r[i] = out.get(g.outputs().get(i).name());
            }
            return r;
        }
    }

    public static double[][] lowered(Graph g, InputFile in) {
        double[][] x = new double[in.values().size()][];
        for (int i = 0; i < x.length; i++) {
            float[] f = in.values().get(i);
            x[i] = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                x[i][j] = f[j];
            }
        }
        return g.lowered().evaluateOutputs(x);
    }

    /** Asserts the lowered float semantics equal ONNX Runtime's up to float rounding. */
    public static void assertLoweredMatches(byte[] onnx, Graph g, InputFile in) throws Exception {
        double[][] ref = reference(onnx, g, in);
        double[][] low = lowered(g, in);
        for (int o = 0; o < ref.length; o++) {
            assertThat(low[o]).as("output %s length", o).hasSize(ref[o].length);
            double scale = 0;
            for (double v : ref[o]) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < ref[o].length; i++) {
                assertThat(Math.abs(low[o][i] - ref[o][i])).as("output %s element %s: lowered %s vs ONNX Runtime %s", o, i,
                        low[o][i], ref[o][i]).isLessThanOrEqualTo(1e-5 * Math.max(1, scale));
            }
        }
    }

    /** Imports, checks lowering against ORT, quantizes (calibrating on the input) and returns the report. */
    public static AccuracyReport quantizedReport(byte[] onnx, InputFile in, QuantizationOptions o) throws Exception {
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), o);
        try (FloatReference ref = FloatReference.open(onnx)) {
            return AccuracyReport.measure(ref, q, in);
        }
    }
}
