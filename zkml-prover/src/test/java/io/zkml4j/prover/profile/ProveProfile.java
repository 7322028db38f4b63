package io.zkml4j.prover.profile;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.InferenceVerifier;
import io.zkml4j.prover.engine.LigeroTableCommitment;
import io.zkml4j.crypto.pcs.ligero.LigeroParameters;

import java.util.List;

/** Not a test: a phase profile of proving a demo model (run with exec or from an IDE). */
public final class ProveProfile {
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "lenet5";
        DemoModels.Demo demo = DemoModels.all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
        Graph g = OnnxImporter.importModel(demo.onnx(), ImportOptions.DEFAULT);
        InputFile in = InputFile.parse(demo.inputJson(), g);
        QuantizedModel model = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        long[] input = model.quantizeInputs(in.arrays())[0];
        CircuitCompiler.Compiled c = CircuitCompiler.compile(model, false);
        var scheme = new LigeroTableCommitment(LigeroParameters.SECURE_100);
        InferenceKeys keys = InferenceKeys.create(c.circuit(), c.weights(), scheme, new byte[0]);
        System.out.println("witness slots " + keys.prover().plan().slotCount() + ", packed 2^" + keys.prover().plan().layout().numVars()
                + ", weights 2^" + keys.prover().weightLayout().numVars());
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            InferenceProver.Result r = InferenceProver.prove(keys.prover(), scheme, input);
            long t1 = System.nanoTime();
            InferenceVerifier.verify(keys.verifier(), scheme, null, r.output(), r.proof());
            long t2 = System.nanoTime();
            StringBuilder sb = new StringBuilder();
            r.phaseNanos().forEach((k, v) -> sb.append(k.startsWith("bytes") ? String.format(" %s=%d", k, v) : String.format(" %s=%.0f", k, v / 1e6)));
            System.out.printf("prove %.0f ms, verify %.1f ms, proof %d B |%s%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, r.proof().length, sb);
        }
    }
}
