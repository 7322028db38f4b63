package io.zkml4j.prover.compile;

import io.zkml4j.model.Graph;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.InferenceVerifier;
import io.zkml4j.prover.engine.TestCommitments;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Maxima over more taps than one relation takes (a 5x5 pool window, a 40-way softmax) prove as trees. */
class WideMaxProofTest {
    @Test
    void wideMaxPoolAndWideSoftmaxProve() throws Exception {
        Random r = new Random(12);
        OnnxBuilder b = new OnnxBuilder("wide", 13).input("x", -1, 1, 10, 10);
        b.initializer("w", new int[] {40, 4}, GroupedConvProofTest.random(r, 160, 0.5));
        b.node("MaxPool", List.of("x"), List.of("p"), "kernel_shape", new long[] {5, 5}, "strides", new long[] {5, 5});
        b.node("Flatten", List.of("p"), List.of("f"), "axis", 1L);
        b.node("Gemm", List.of("f", "w"), List.of("z"), "transB", 1L);
        b.node("Softmax", List.of("z"), List.of("y"), "axis", -1L);
        b.output("y");
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.DEFAULT);
        float[] x = GroupedConvProofTest.random(r, 100, 1.0);
        QuantizedModel model = Quantizer.quantize(g, List.of(Map.of("x", x)), QuantizationOptions.DEFAULT);
        long[] input = model.quantizeInput(0, x);
        CircuitCompiler.Compiled c = CircuitCompiler.compile(model, true);
        assertThat(c.circuit().layers().stream().filter(l -> l instanceof MaxLayer).count()).isGreaterThanOrEqualTo(4);
        assertThat(c.circuit().layers().stream().filter(l -> l instanceof MaxLayer).mapToInt(l -> ((MaxLayer) l).tapCount()).max().orElseThrow())
                .isLessThanOrEqualTo(CircuitCompiler.MAX_TAPS);
        InferenceKeys keys = InferenceKeys.create(c.circuit(), c.weights(), TestCommitments.LIGERO_TESTING, new byte[0]);
        InferenceProver.Result res = InferenceProver.prove(keys.prover(), TestCommitments.LIGERO_TESTING, input);
        assertThat(res.output()).containsExactly(IntegerInterpreter.run(model, new long[][] {input}).output(0));
        InferenceVerifier.verify(keys.verifier(), TestCommitments.LIGERO_TESTING, input, res.output(), res.proof());
    }
}
