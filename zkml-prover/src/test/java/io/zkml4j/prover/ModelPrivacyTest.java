package io.zkml4j.prover;

import io.zkml4j.model.Graph;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.circuit.CircuitCodec;
import io.zkml4j.prover.compile.CircuitCompiler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Weights private" for trees and decisions: two models of the same public shape whose parameters differ (features,
 * thresholds, comparison modes, topology, leaf values; decision thresholds) have byte-identical circuits and
 * verifying keys except for the model commitment. Before the tree lowering committed its parameters, the feature
 * gather, the thresholds' intervals and the path maps were circuit constants and these encodings differed.
 */
public final class ModelPrivacyTest {
    /** Calibration (and test) inputs shared by the models compared, so that the input's scale is the same. */
    static final float[][] XS = {{0.5f, -0.25f, 1f}, {0.25f, -0.5f, 0}, {0.75f, 0.75f, 1.25f}, {1.5f, 0.75f, 0.5f},
            {1.75f, 0, 0.75f}, {2f, -2f, -2f}, {-2f, 2f, 2f}, {0.5f, 0.75f, 1.25f}};

    /**
     * Two trees on x[1, 3], depth 3 once in normal form. Tree 0: x0 ≤ 0.5 ? (x1 < −0.25 ? 1 : 2) : (x2 ≥ 1 ? 3 :
     * (x0 > 1.5 ? −1 : 0.5)); tree 1: x1 == 0.75 ? 2 : −2 (EQ: two splits).
     */
    public static OnnxBuilder treesA() {
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
                        "target_weights", new float[] {1, 2, 3, -1, 0.5f, 2, -2},
                        "n_targets", 1L, "aggregate_function", "SUM");
    }

    /**
     * The same public shape (2 trees, depth 3, 3 features, 1 target, SUM), other features, thresholds, modes,
     * topology (10 nodes, not 12) and leaves. Tree 0: x2 ≤ −0.3 ? −2.5 : (x1 > 0.1 ? (x0 < 0.7 ? 3 : −0.5) : 1.5);
     * tree 1: x0 ≥ 0.2 ? 1 : −1.25.
     */
    public static OnnxBuilder treesB() {
        return new OnnxBuilder("trees", 15).input("x", 1, 3).output("y")
                .mlNode("TreeEnsembleRegressor", List.of("x"), List.of("y"),
                        "nodes_treeids", new long[] {0, 0, 0, 0, 0, 0, 0, 1, 1, 1},
                        "nodes_nodeids", new long[] {0, 1, 2, 3, 4, 5, 6, 0, 1, 2},
                        "nodes_featureids", new long[] {2, 0, 1, 0, 0, 0, 0, 0, 0, 0},
                        "nodes_modes", new String[] {"BRANCH_LEQ", "LEAF", "BRANCH_GT", "BRANCH_LT", "LEAF", "LEAF", "LEAF",
                                "BRANCH_GTE", "LEAF", "LEAF"},
                        "nodes_values", new float[] {-0.3f, 0, 0.1f, 0.7f, 0, 0, 0, 0.2f, 0, 0},
                        "nodes_truenodeids", new long[] {1, 0, 3, 5, 0, 0, 0, 1, 0, 0},
                        "nodes_falsenodeids", new long[] {2, 0, 4, 6, 0, 0, 0, 2, 0, 0},
                        "target_treeids", new long[] {0, 0, 0, 0, 1, 1},
                        "target_nodeids", new long[] {1, 4, 5, 6, 1, 2},
                        "target_ids", new long[] {0, 0, 0, 0, 0, 0},
                        "target_weights", new float[] {-2.5f, 1.5f, 3, -0.5f, 1, -1.25f},
                        "n_targets", 1L, "aggregate_function", "SUM");
    }

    /** {@code Greater(x, t)} on x[1, 6] with the constant thresholds t (a decision threshold per element). */
    public static OnnxBuilder greater(float... t) {
        OnnxBuilder b = new OnnxBuilder("decision", 13).input("x", 1, 6);
        b.initializer("t", new int[] {6}, t);
        b.node("Greater", List.of("x", "t"), List.of("bits"));
        b.node("Cast", List.of("bits"), List.of("y"), "to", 1L);
        b.output("y");
        return b;
    }

    static QuantizedModel quantize(OnnxBuilder b, float[][] xs) throws Exception {
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.DEFAULT);
        List<Map<String, float[]>> calibration = new ArrayList<>();
        for (float[] x : xs) {
            calibration.add(Map.of("x", x));
        }
        return Quantizer.quantize(g, calibration, QuantizationOptions.DEFAULT);
    }

    /** The circuit encodings and the verifying keys without their commitments are equal; the commitments are not. */
    private static void assertSamePublicShape(QuantizedModel a, QuantizedModel b) throws Exception {
        byte[] ca = CircuitCodec.encode(CircuitCompiler.compile(a, false).circuit());
        byte[] cb = CircuitCodec.encode(CircuitCompiler.compile(b, false).circuit());
        assertThat(cb).as("the circuit encodings").isEqualTo(ca);
        VerifyingKey va = Zkml.setup(a, "m", SecurityLevel.TESTING_ONLY_INSECURE).verifyingKey();
        VerifyingKey vb = Zkml.setup(b, "m", SecurityLevel.TESTING_ONLY_INSECURE).verifyingKey();
        assertThat(vb.sameModelBytes()).as("the verifying keys but for the model commitment").isEqualTo(va.sameModelBytes());
        assertThat(vb.modelCommitmentHex()).as("the model commitments (the parameters differ)").isNotEqualTo(va.modelCommitmentHex());
    }

    @Test
    void treesOfOneShapeHaveOneCircuit() throws Exception {
        QuantizedModel a = quantize(treesA(), XS);
        QuantizedModel b = quantize(treesB(), XS);
        assertSamePublicShape(a, b);
        // and the two models are different functions
        boolean differ = false;
        for (float[] x : XS) {
            differ |= IntegerInterpreter.infer(a, new float[][] {x})[0][0] != IntegerInterpreter.infer(b, new float[][] {x})[0][0];
        }
        assertThat(differ).as("the models compute different functions").isTrue();
    }

    @Test
    void decisionThresholdsAreNotInTheCircuit() throws Exception {
        float[][] xs = {{0.5f, -0.25f, 0.75f, 0.75f, 0.1f, -0.9f}};
        // B: other thresholds, one above the input's range (never holds) and one below it (always holds)
        QuantizedModel a = quantize(greater(0.5f, 0f, 0.7f, 0.8f, 0.1f, -1f), xs);
        QuantizedModel b = quantize(greater(-0.3f, 0.25f, 5f, -9f, 0.1f, 0.6f), xs);
        assertSamePublicShape(a, b);
        assertThat(IntegerInterpreter.infer(a, xs)[0]).containsExactly(0.0, 0.0, 1.0, 0.0, 0.0, 1.0);
        assertThat(IntegerInterpreter.infer(b, xs)[0]).containsExactly(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        // every threshold above the input's range: the committed offsets are all 0, and still committed
        QuantizedModel never = quantize(greater(5f, 6f, 7f, 8f, 9f, 10f), xs);
        assertSamePublicShape(a, never);
        assertThat(IntegerInterpreter.infer(never, xs)[0]).containsOnly(0.0);
    }
}
