package io.zkml4j.prover.compile;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.InferenceVerifier;
import io.zkml4j.prover.engine.TestCommitments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's own ONNX models: import, quantize, compile, prove and verify; the proof's output is the interpreter's. */
class DemoModelProofTest {
    static QuantizedModel quantized(DemoModels.Demo demo) throws Exception {
        Graph g = OnnxImporter.importModel(demo.onnx(), ImportOptions.DEFAULT);
        InputFile in = InputFile.parse(demo.inputJson(), g);
        return Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit-mlp", "small-cnn", "lenet5"})
    void demoModelsProveAndVerify(String name) throws Exception {
        DemoModels.Demo demo = DemoModels.all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
        QuantizedModel model = quantized(demo);
        Graph g = OnnxImporter.importModel(demo.onnx(), ImportOptions.DEFAULT);
        long[] input = model.quantizeInputs(InputFile.parse(demo.inputJson(), g).arrays())[0];
        for (boolean publicInput : new boolean[] {true, false}) {
            CircuitCompiler.Compiled c = CircuitCompiler.compile(model, publicInput);
            var scheme = publicInput ? TestCommitments.PLAIN : TestCommitments.LIGERO_SECURE;
            InferenceKeys keys = InferenceKeys.create(c.circuit(), c.weights(), scheme, new byte[32]);
            long t0 = System.nanoTime();
            InferenceProver.Result r = InferenceProver.prove(keys.prover(), scheme, input);
            long t1 = System.nanoTime();
            long[] expected = IntegerInterpreter.run(model, new long[][] {input}).output(0);
            assertThat(r.output()).as("proved output equals the integer interpreter's").containsExactly(expected);
            InferenceVerifier.verify(keys.verifier(), scheme, publicInput ? input : null, r.output(), r.proof());
            System.out.printf("%s (%s input, %s): proof %d bytes, first prove %.0f ms (cold JVM; not a benchmark)%n",
                    name, publicInput ? "public" : "private", scheme.describe(), r.proof().length, (t1 - t0) / 1e6);
        }
    }
}
