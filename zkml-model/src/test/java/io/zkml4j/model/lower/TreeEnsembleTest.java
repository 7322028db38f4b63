package io.zkml4j.model.lower;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.ModelChecks;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-written ONNX-ML trees against ONNX Runtime: every branch mode (a tree mixing LEQ, LT, GTE, GT and EQ),
 * AVERAGE aggregation, inputs exactly at the thresholds, and the one-line refusals.
 */
class TreeEnsembleTest {
    /**
     * Two trees on x[1, 3]. Tree 0: n0 x0 ≤ 0.5 ? n1 : n2; n1 x1 < −0.25 ? leaf 3 (1.0) : leaf 4 (2.0);
     * n2 x2 ≥ 1 ? leaf 5 (3.0) : n6; n6 x0 > 1.5 ? leaf 7 (4.0) : leaf 8 (5.0). Tree 1: x1 == 0.75 ? 10 : −10.
     */
    private static OnnxBuilder mixed(String aggregate) {
        return new OnnxBuilder("trees", 15).input("x", 1, 3).output("y")
                .mlNode("TreeEnsembleRegressor", List.of("x"), List.of("y"),
                        "nodes_treeids", new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1},
                        "nodes_nodeids", new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2},
                        "nodes_featureids", new long[] {0, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0},
                        "nodes_modes", new String[] {"BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "LEAF", "LEAF", "LEAF", "BRANCH_GT",
                                "LEAF", "LEAF", "BRANCH_EQ", "LEAF", "LEAF"},
                        "nodes_values", new float[] {0.5f, -0.25f, 1f, 0, 0, 0, 1.5f, 0, 0, 0.75f, 0, 0},
                        "nodes_truenodeids", new long[] {1, 3, 5, 0, 0, 0, 7, 0, 0, 1, 0, 0},
                        "nodes_falsenodeids", new long[] {2, 4, 6, 0, 0, 0, 8, 0, 0, 2, 0, 0},
                        "target_treeids", new long[] {0, 0, 0, 0, 0, 1, 1},
                        "target_nodeids", new long[] {3, 4, 5, 7, 8, 1, 2},
                        "target_ids", new long[] {0, 0, 0, 0, 0, 0, 0},
                        "target_weights", new float[] {1, 2, 3, 4, 5, 10, -10},
                        "n_targets", 1L, "aggregate_function", aggregate);
    }

    private static double run(QuantizedModel q, float... x) {
        return IntegerInterpreter.infer(q, new float[][] {x})[0][0];
    }

    @Test
    void everyBranchModeDecidesAsOnnxRuntimeAtAndAroundItsThreshold() throws Exception {
        for (String aggregate : new String[] {"SUM", "AVERAGE"}) {
            byte[] onnx = mixed(aggregate).toBytes();
            Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
            float[][] xs = {{0.5f, -0.25f, 1f}, {0.25f, -0.5f, 0}, {0.75f, 0.75f, 1.25f}, {1.5f, 0.75f, 0.5f}, {1.75f, 0, 0.75f},
                    {2f, -2f, -2f}, {-2f, 2f, 2f}};
            List<Map<String, float[]>> calibration = new java.util.ArrayList<>();
            for (float[] x : xs) {
                calibration.add(Map.of("x", x));
            }
            QuantizedModel q = Quantizer.quantize(g, calibration, QuantizationOptions.DEFAULT);
            // declared intervals: a version-2 .zkm that reads back to the same model
            byte[] zkm = q.toBytes();
            assertThat(java.nio.ByteBuffer.wrap(zkm, 8 + 2 + "zkml4j.quantized-model".length(), 4).getInt()).isEqualTo(2);
            assertThat(QuantizedModel.fromBytes(zkm).architectureBytes()).isEqualTo(q.architectureBytes());
            for (float[] x : xs) {
                InputFile in = new InputFile(List.of("x"), List.of(x), List.of(new int[] {1, 3}));
                double want = ModelChecks.reference(onnx, g, in)[0][0];
                assertThat(run(q, x)).as("%s on %s", aggregate, java.util.Arrays.toString(x)).isEqualTo(want);
            }
        }
    }

    @Test
    void unsupportedParts() {
        byte[] min = mixed("MIN").toBytes();
        assertThatThrownBy(() -> OnnxImporter.importModel(min, ImportOptions.DEFAULT)).isInstanceOf(ModelImportException.class)
                .hasMessage("node 'y_TreeEnsembleRegressor' (op TreeEnsembleRegressor, opset 15): aggregate_function MIN is not "
                        + "supported (SUM and AVERAGE are)");
        byte[] strings = new OnnxBuilder("trees", 15).input("x", 1, 1).output("label").output("p")
                .mlNode("TreeEnsembleClassifier", List.of("x"), List.of("label", "p"),
                        "nodes_treeids", new long[] {0, 0, 0}, "nodes_nodeids", new long[] {0, 1, 2},
                        "nodes_featureids", new long[] {0, 0, 0}, "nodes_modes", new String[] {"BRANCH_LEQ", "LEAF", "LEAF"},
                        "nodes_values", new float[] {0, 0, 0}, "nodes_truenodeids", new long[] {1, 0, 0},
                        "nodes_falsenodeids", new long[] {2, 0, 0}, "class_treeids", new long[] {0, 0},
                        "class_nodeids", new long[] {1, 2}, "class_ids", new long[] {0, 1}, "class_weights", new float[] {1, 1},
                        "classlabels_strings", new String[] {"deny", "approve"}).toBytes();
        assertThatThrownBy(() -> OnnxImporter.importModel(strings, ImportOptions.DEFAULT)).hasMessage("node 'label_TreeEnsembleClassifier' "
                + "(op TreeEnsembleClassifier, opset 15): output 'label' holds string class labels, which have no integer form; "
                + "prove the probabilities instead: --output-value p");
        assertThat(catchless(() -> OnnxImporter.importModel(strings, ImportOptions.DEFAULT.withOutputs(List.of("p")))))
                .as("the probabilities alone import").isNull();
    }

    /** One tree: a chain of {@code depth} splits x0 ≤ i (each true child a leaf of value i). */
    private static byte[] chain(int depth, String mode) {
        int n = 2 * depth + 1;
        long[] zeros = new long[n];
        long[] ids = new long[n];
        String[] modes = new String[n];
        float[] values = new float[n];
        long[] yes = new long[n];
        long[] no = new long[n];
        long[] leafIds = new long[depth + 1];
        float[] leafValues = new float[depth + 1];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        for (int i = 0; i < depth; i++) {
            // split node 2i, its true child 2i + 1 a leaf, its false child 2i + 2 the next split (or the last leaf)
            modes[2 * i] = mode;
            values[2 * i] = i * 0.25f;
            yes[2 * i] = 2 * i + 1;
            no[2 * i] = 2 * i + 2;
            modes[2 * i + 1] = "LEAF";
            leafIds[i] = 2 * i + 1;
            leafValues[i] = i;
        }
        modes[n - 1] = "LEAF";
        leafIds[depth] = n - 1;
        leafValues[depth] = -1;
        return new OnnxBuilder("chain", 15).input("x", 1, 1).output("y")
                .mlNode("TreeEnsembleRegressor", List.of("x"), List.of("y"), "nodes_treeids", zeros, "nodes_nodeids", ids,
                        "nodes_featureids", zeros, "nodes_modes", modes, "nodes_values", values, "nodes_truenodeids", yes,
                        "nodes_falsenodeids", no, "target_treeids", new long[depth + 1], "target_nodeids", leafIds,
                        "target_ids", new long[depth + 1], "target_weights", leafValues, "n_targets", 1L).toBytes();
    }

    @Test
    void aChainIsPaddedToItsCompleteTreeAndDecidesAsOnnxRuntime() throws Exception {
        for (String mode : new String[] {"BRANCH_LEQ", "BRANCH_NEQ", "BRANCH_GT"}) {
            byte[] onnx = chain(5, mode);
            Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
            List<Map<String, float[]>> calibration = new java.util.ArrayList<>();
            for (float v = -0.5f; v <= 1.5f; v += 0.125f) {
                calibration.add(Map.of("x", new float[] {v}));
            }
            QuantizedModel q = Quantizer.quantize(g, calibration, QuantizationOptions.DEFAULT);
            // padded: 2^d − 1 splits, 2^d leaves (NEQ splits in two: depth 10)
            int d = mode.equals("BRANCH_NEQ") ? 10 : 5;
            List<Integer> perLevel = new java.util.ArrayList<>();
            for (LoweredOp op : g.lowered().ops()) {
                if (op instanceof LoweredOp.Split s) {
                    perLevel.add(s.feature().length);
                }
            }
            assertThat(perLevel).as("%s: the splits of each level of the complete tree", mode).hasSize(d);
            for (int s = 0; s < d; s++) {
                assertThat(perLevel.get(s)).isEqualTo(1 << s);
            }
            for (Map<String, float[]> c : calibration) {
                float[] x = c.get("x");
                InputFile in = new InputFile(List.of("x"), List.of(x), List.of(new int[] {1, 1}));
                double want = ModelChecks.reference(onnx, g, in)[0][0];
                assertThat(run(q, x)).as("%s on %s", mode, x[0]).isEqualTo(want);
            }
        }
    }

    @Test
    void anEnsembleTooDeepToPadIsRefusedNamingMaxDepth() {
        byte[] deep = chain(19, "BRANCH_LEQ");
        assertThatThrownBy(() -> OnnxImporter.importModel(deep, ImportOptions.DEFAULT)).isInstanceOf(ModelImportException.class)
                .hasMessage("node 'y_TreeEnsembleRegressor' (op TreeEnsembleRegressor, opset 15): 1 tree of depth 19 pad to "
                        + "1·2^19 = 524288 leaves (complete trees keep the topology private), more than 262144; retrain with "
                        + "max_depth 18 or less, or fewer trees");
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static Throwable catchless(Call c) {
        try {
            c.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
