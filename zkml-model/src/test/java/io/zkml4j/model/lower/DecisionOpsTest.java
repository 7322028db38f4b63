package io.zkml4j.model.lower;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.ModelChecks;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions and data-chosen indices against ONNX Runtime, exactly: inputs on a grid of quarters (so that ties
 * happen often and every value quantizes exactly), and the integer model's outputs must equal ONNX Runtime's
 * bit for bit — comparison bits, Where, logic, arg-max/arg-min indices with ONNX's tie rules, TopK values and
 * indices with ties, GatherElements and OneHot at an arg-max.
 */
class DecisionOpsTest {
    /** x and y [2, 6] on the grid {−2, −1.75, …, 2}. */
    private static List<InputFile> gridInputs(Graph g, long seed, int count) {
        Random r = new Random(seed);
        List<InputFile> all = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            List<String> names = new ArrayList<>();
            List<float[]> values = new ArrayList<>();
            List<int[]> shapes = new ArrayList<>();
            for (var v : g.inputs()) {
                float[] x = new float[12];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (r.nextInt(17) - 8) / 4f;
                }
                names.add(v.name());
                values.add(x);
                shapes.add(v.shape());
            }
            all.add(new InputFile(names, values, shapes));
        }
        return all;
    }

    private static void exactlyAsOnnxRuntime(OnnxBuilder b) throws Exception {
        byte[] onnx = b.toBytes();
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        List<InputFile> ins = gridInputs(g, 7, 40);
        List<Map<String, float[]>> calibration = new ArrayList<>();
        for (InputFile in : ins) {
            calibration.add(in.byName());
        }
        QuantizedModel q = Quantizer.quantize(g, calibration, QuantizationOptions.DEFAULT);
        for (InputFile in : ins) {
            double[][] want = ModelChecks.reference(onnx, g, in);
            double[][] lowered = ModelChecks.lowered(g, in);
            double[][] got = IntegerInterpreter.infer(q, in.arrays());
            for (int o = 0; o < want.length; o++) {
                // equal as numbers (−0 and 0 are one value here)
                assertThat(plusZero(lowered[o])).as("float lowering of %s on %s", g.outputs().get(o).name(), in.byName())
                        .containsExactly(plusZero(want[o]));
                assertThat(plusZero(got[o])).as("integer model's %s on %s", g.outputs().get(o).name(), in.byName())
                        .containsExactly(plusZero(want[o]));
            }
        }
    }

    private static double[] plusZero(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] + 0.0;
        }
        return r;
    }

    private static OnnxBuilder two() {
        return new OnnxBuilder("d", 13).input("x", 2, 6).input("y", 2, 6);
    }

    @Test
    void comparisonsAndWhere() throws Exception {
        exactlyAsOnnxRuntime(two().output("lt").output("le").output("eq").output("ge").output("min").output("clipped")
                .initializer("half", new int[0], 0.5f).initializer("quarter", new int[0], 0.25f)
                .node("Less", List.of("x", "y"), List.of("b1")).node("Cast", List.of("b1"), List.of("lt"), "to", 1L)
                .node("LessOrEqual", List.of("x", "half"), List.of("b2")).node("Cast", List.of("b2"), List.of("le"), "to", 1L)
                .node("Equal", List.of("x", "y"), List.of("b3")).node("Cast", List.of("b3"), List.of("eq"), "to", 1L)
                .node("GreaterOrEqual", List.of("quarter", "y"), List.of("b4")).node("Cast", List.of("b4"), List.of("ge"), "to", 1L)
                .node("Where", List.of("b1", "x", "y"), List.of("min"))
                .node("Greater", List.of("x", "half"), List.of("b5")).node("Where", List.of("b5", "half", "x"), List.of("clipped")));
    }

    @Test
    void logic() throws Exception {
        exactlyAsOnnxRuntime(two().output("and").output("or").output("xor").output("not").initializer("zero", new int[0], 0f)
                .node("Less", List.of("x", "zero"), List.of("p")).node("Less", List.of("y", "zero"), List.of("q"))
                .node("And", List.of("p", "q"), List.of("a")).node("Cast", List.of("a"), List.of("and"), "to", 1L)
                .node("Or", List.of("p", "q"), List.of("o")).node("Cast", List.of("o"), List.of("or"), "to", 1L)
                .node("Xor", List.of("p", "q"), List.of("e")).node("Cast", List.of("e"), List.of("xor"), "to", 1L)
                .node("Not", List.of("p"), List.of("n")).node("Cast", List.of("n"), List.of("not"), "to", 1L));
    }

    @Test
    void argMaxAndArgMinWithTies() throws Exception {
        exactlyAsOnnxRuntime(new OnnxBuilder("d", 13).input("x", 2, 6).output("first").output("last").output("min").output("col")
                .node("ArgMax", List.of("x"), List.of("i1"), "axis", 1L, "keepdims", 0L)
                .node("Cast", List.of("i1"), List.of("first"), "to", 1L)
                .node("ArgMax", List.of("x"), List.of("i2"), "axis", 1L, "keepdims", 0L, "select_last_index", 1L)
                .node("Cast", List.of("i2"), List.of("last"), "to", 1L)
                .node("ArgMin", List.of("x"), List.of("i3"), "axis", 1L, "keepdims", 1L)
                .node("Cast", List.of("i3"), List.of("min"), "to", 1L)
                .node("ArgMax", List.of("x"), List.of("i4"), "axis", 0L, "keepdims", 0L)
                .node("Cast", List.of("i4"), List.of("col"), "to", 1L));
    }

    @Test
    void topKWithTies() throws Exception {
        exactlyAsOnnxRuntime(new OnnxBuilder("d", 13).input("x", 2, 6).output("v").output("i").output("sv").output("si")
                .initializerLongs("k", new int[] {1}, 3)
                .node("TopK", List.of("x", "k"), List.of("v", "ii")).node("Cast", List.of("ii"), List.of("i"), "to", 1L)
                .node("TopK", List.of("x", "k"), List.of("sv", "sii"), "largest", 0L)
                .node("Cast", List.of("sii"), List.of("si"), "to", 1L));
    }

    @Test
    void lookupsAtAnArgMax() throws Exception {
        exactlyAsOnnxRuntime(new OnnxBuilder("d", 13).input("x", 2, 6).output("picked").output("onehot").output("label")
                .initializerLongs("depth", new int[0], 6).initializer("offon", new int[] {2}, 0f, 1f)
                .initializer("labels", new int[] {6}, 10f, 20f, 30f, 40f, 50f, 60f)
                .node("ArgMax", List.of("x"), List.of("i"), "axis", 1L, "keepdims", 1L)
                .node("GatherElements", List.of("x", "i"), List.of("picked"), "axis", 1L)
                .node("OneHot", List.of("i", "depth", "offon"), List.of("onehot"), "axis", -1L)
                .node("Gather", List.of("labels", "i"), List.of("label"), "axis", 0L));
    }

    @Test
    void castsOfComputedValues() throws Exception {
        // float → int64 truncates toward zero (a table over the static range); → bool is x ≠ 0
        exactlyAsOnnxRuntime(new OnnxBuilder("d", 13).input("x", 2, 6).output("t").output("nz").initializer("k", new int[0], 2.5f)
                .node("Mul", List.of("x", "k"), List.of("s"))
                .node("Cast", List.of("s"), List.of("i"), "to", 7L).node("Cast", List.of("i"), List.of("t"), "to", 1L)
                .node("Cast", List.of("x"), List.of("b"), "to", 9L).node("Cast", List.of("b"), List.of("nz"), "to", 1L));
    }

    @Test
    void gatherNdAndScatterNdAtComputedTuplesBuiltByAConcatWithAConstant() throws Exception {
        // tuples (1 − r, argmax of row r): the constant column and a computed one, as TensorFlow's GatherND builds them
        exactlyAsOnnxRuntime(new OnnxBuilder("d", 13).input("x", 2, 6).output("g").output("s")
                .initializerLongs("rows", new int[] {2, 1}, 1, 0)
                .node("ArgMax", List.of("x"), List.of("col"), "axis", 1L, "keepdims", 1L)
                .node("Concat", List.of("rows", "col"), List.of("tuples"), "axis", 1L)
                .node("GatherND", List.of("x", "tuples"), List.of("g"))
                .node("Neg", List.of("g"), List.of("ng"))
                .node("ScatterND", List.of("x", "tuples", "ng"), List.of("s")));
    }
}
