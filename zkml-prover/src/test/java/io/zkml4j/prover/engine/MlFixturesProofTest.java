package io.zkml4j.prover.engine;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.compile.CircuitCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scikit-learn fixtures of zkml-model's test resources (native ONNX-ML trees, forests, linear models; see
 * scripts/export-tree-models.py) prove and verify with and without zero knowledge, and the proof's output is the
 * integer interpreter's.
 */
class MlFixturesProofTest {
    /** zkml-model's test fixtures, read from the source tree (tests run in the module's folder). */
    private static byte[] resource(String name) throws Exception {
        java.nio.file.Path p = java.nio.file.Path.of("..", "zkml-model", "src", "test", "resources", "ml", name);
        assertThat(p).as("fixture").exists();
        return java.nio.file.Files.readAllBytes(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gbt_regressor", "random_forest", "credit_gbt", "linear_regression", "logistic_regression",
            "decision_tree_v5"})
    void provesAndVerifiesTheInterpretersOutput(String name) throws Exception {
        Graph g = OnnxImporter.importModel(resource(name + ".onnx"), ImportOptions.DEFAULT);
        InputFile in = InputFile.parse(new String(resource(name + ".input.json"), StandardCharsets.UTF_8), g);
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        CircuitCompiler.Compiled c = CircuitCompiler.compile(q, false);
        long[] input = q.quantizeInput(0, in.arrays()[0]);
        SmallCircuits.Model m = new SmallCircuits.Model(c.circuit(), c.weights(), input);
        assertThat(CheatingProverTest.verifyCheat(m, w -> { })).as("the honest proof, with and without zero knowledge").isNull();
        InferenceKeys k = InferenceKeys.create(m.circuit(), m.weights(), new PlainTableCommitment(), new byte[32]);
        long[] proved = InferenceProver.prove(k.prover(), new PlainTableCommitment(), input).output();
        var trace = IntegerInterpreter.run(q, new long[][] {input});
        long[] expected = java.util.stream.IntStream.range(0, trace.outputCount()).mapToObj(trace::output)
                .flatMapToLong(java.util.Arrays::stream).toArray();
        assertThat(proved).containsExactly(expected);
    }
}
