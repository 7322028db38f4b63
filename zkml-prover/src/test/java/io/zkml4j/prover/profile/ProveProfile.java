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
import io.zkml4j.prover.engine.Hiding;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.InferenceVerifier;
import io.zkml4j.prover.engine.LigeroTableCommitment;

import java.util.List;

/** Not a test: a phase profile of proving a demo model (run with exec or from an IDE). */
public final class ProveProfile {
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "lenet5";
        QuantizedModel model;
        long[] input;
        if (name.endsWith(".zkm")) { // a compiled model and its input file: MODEL.zkm INPUT.json
            model = QuantizedModel.fromBytes(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(name)));
            InputFile in = InputFile.parse(java.nio.file.Files.readString(java.nio.file.Path.of(args[2])), model.inputValues());
            input = model.quantizeInputs(in.arrays())[0];
        } else {
            DemoModels.Demo demo = DemoModels.all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
            Graph g = OnnxImporter.importModel(demo.onnx(), ImportOptions.DEFAULT);
            InputFile in = InputFile.parse(demo.inputJson(), g);
            model = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
            input = model.quantizeInputs(in.arrays())[0];
        }
        CircuitCompiler.Compiled c = CircuitCompiler.compile(model, false);
        var scheme = new LigeroTableCommitment(io.zkml4j.prover.SecurityLevel.STANDARD.ligero());
        int budget = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        // the same model with non-hiding and hiding keys, proved alternately so that load on the machine hits both alike
        InferenceKeys plain = InferenceKeys.create(c.circuit(), c.weights(), scheme, new byte[0]);
        InferenceKeys hiding = InferenceKeys.create(c.circuit(), c.weights(), scheme, new byte[0], Hiding.withBudget(budget),
                ZkRandom.newSeed(), ZkRandom.newSeed());
        System.out.println("witness slots " + plain.prover().plan().slotCount() + ", packed 2^" + plain.prover().plan().layout().numVars()
                + ", weights 2^" + plain.prover().weightLayout().numVars() + " (hiding: 2^" + hiding.prover().weightLayout().numVars() + ")");
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        double[][] prove = new double[2][runs], verify = new double[2][runs];
        long[][] size = new long[2][runs];
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < 2; k++) {
                InferenceKeys keys = k == 0 ? plain : hiding;
                long t0 = System.nanoTime();
                InferenceProver.Result r = InferenceProver.prove(keys.prover(), scheme, input);
                long t1 = System.nanoTime();
                InferenceVerifier.verify(keys.verifier(), scheme, null, r.output(), r.proof());
                long t2 = System.nanoTime();
                prove[k][i] = (t1 - t0) / 1e6;
                verify[k][i] = (t2 - t1) / 1e6;
                size[k][i] = r.proof().length;
                StringBuilder sb = new StringBuilder();
                r.phaseNanos().forEach((key, v) -> sb.append(key.startsWith("bytes") ? String.format(" %s=%d", key, v) : String.format(" %s=%.0f", key, v / 1e6)));
                System.out.printf("%s prove %.0f ms, verify %.1f ms, proof %d B |%s%n", k == 0 ? "no-zk" : "zk   ", prove[k][i], verify[k][i],
                        r.proof().length, sb);
            }
        }
        for (int k = 0; k < 2; k++) {
            System.out.printf("%s median (last %d runs): prove %.1f ms, verify %.2f ms, proof %d B%n", k == 0 ? "no-zk" : "zk   ", runs - 2,
                    median(prove[k]), median(verify[k]), size[k][runs - 1]);
        }
    }

    /** Median of all but the first two (warm-up) runs. */
    private static double median(double[] v) {
        double[] w = java.util.Arrays.copyOfRange(v, 2, v.length);
        java.util.Arrays.sort(w);
        return w[w.length / 2];
    }
}
