package io.zkml4j.prover.compile;

import io.zkml4j.model.Graph;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.InferenceVerifier;
import io.zkml4j.prover.engine.TestCommitments;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Depthwise, grouped and 1-D convolutions prove (as one 2-D convolution per group on [1, C, H, W] views). */
class GroupedConvProofTest {
    static float[] random(Random r, int n, double s) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * s);
        }
        return v;
    }

    @Test
    void depthwiseThenGroupedConvolutionProve() throws Exception {
        proveGrouped(1);
    }

    @Test
    void aBatchOfThreeProves() throws Exception {
        proveGrouped(3);
    }

    /** A 1-D convolution with a long stride (an STFT front end, as in melspectrogram and silero VAD models). */
    @Test
    void aOneDimensionalStridedConvolutionProves() throws Exception {
        Random r = new Random(9);
        OnnxBuilder b = new OnnxBuilder("conv1d", 13).input("x", -1, 1, 64);
        b.initializer("w", new int[] {5, 1, 16}, random(r, 80, 0.3));
        b.node("Conv", List.of("x", "w"), List.of("y"), "strides", new long[] {16});
        b.output("y");
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.batch(1));
        float[] x = random(r, 64, 1.0);
        proveAndCheck(Quantizer.quantize(g, List.of(Map.of("x", x)), QuantizationOptions.DEFAULT), x);
    }

    private static void proveAndCheck(QuantizedModel model, float[] x) throws Exception {
        long[] input = model.quantizeInput(0, x);
        CircuitCompiler.Compiled c = CircuitCompiler.compile(model, false);
        InferenceKeys keys = InferenceKeys.create(c.circuit(), c.weights(), TestCommitments.LIGERO_TESTING, new byte[0]);
        InferenceProver.Result res = InferenceProver.prove(keys.prover(), TestCommitments.LIGERO_TESTING, input);
        assertThat(res.output()).containsExactly(IntegerInterpreter.run(model, new long[][] {input}).output(0));
        InferenceVerifier.verify(keys.verifier(), TestCommitments.LIGERO_TESTING, null, res.output(), res.proof());
    }

    private static void proveGrouped(int batch) throws Exception {
        Random r = new Random(8);
        OnnxBuilder b = new OnnxBuilder("grouped", 13).input("x", -1, 4, 6, 6);
        b.initializer("dw", new int[] {4, 1, 3, 3}, random(r, 36, 0.4));
        b.initializer("dwb", new int[] {4}, random(r, 4, 0.1));
        b.initializer("gw", new int[] {6, 2, 3, 3}, random(r, 108, 0.3));
        b.node("Conv", List.of("x", "dw", "dwb"), List.of("d"), "group", 4L, "pads", new long[] {1, 1, 1, 1});
        b.node("Relu", List.of("d"), List.of("r"));
        b.node("Conv", List.of("r", "gw"), List.of("y"), "group", 2L, "strides", new long[] {2, 2});
        b.output("y");
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.batch(batch));
        float[] x = random(r, batch * 4 * 36, 1.0);
        proveAndCheck(Quantizer.quantize(g, List.of(Map.of("x", x)), QuantizationOptions.DEFAULT), x);
    }
}
