package io.zkml4j.prover.profile;

import io.zkml4j.model.Graph;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.LigeroTableCommitment;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: profiles setup and proving of an MLP {@code n → n → 10} (default n = 1024: ~1M parameters;
 * {@code MlpProfile 2048} ~4M, 4096 ~16M, 8192 ~64M), zero-knowledge (default budget) with peak heap; then
 * (unless a third argument is given) the phases of three more zero-knowledge proofs.
 */
public final class MlpProfile {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int in = n, hidden = n, out = 10;
        Random r = new Random(3);
        OnnxBuilder b = new OnnxBuilder("mlp1m", 13).input("x", -1, in);
        b.initializer("w1", new int[] {hidden, in}, gauss(r, hidden * in, Math.sqrt(2.0 / in)));
        b.initializer("b1", new int[] {hidden}, gauss(r, hidden, 0.01));
        b.initializer("w2", new int[] {out, hidden}, gauss(r, out * hidden, Math.sqrt(2.0 / hidden)));
        b.initializer("b2", new int[] {out}, gauss(r, out, 0.01));
        b.node("Gemm", List.of("x", "w1", "b1"), List.of("h"), "transB", 1L);
        b.node("Relu", List.of("h"), List.of("r"));
        b.node("Gemm", List.of("r", "w2", "b2"), List.of("y"), "transB", 1L);
        b.output("y");
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.DEFAULT);
        float[] x = gauss(r, in, 1.0);
        QuantizedModel model = Quantizer.quantize(g, List.of(Map.of("x", x)), QuantizationOptions.DEFAULT);
        int setups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        for (int i = 0; i < setups; i++) {
            System.gc();
            long t0 = System.nanoTime();
            ProvingKey pk = Zkml.setup(model, "mlp", SecurityLevel.STANDARD);
            long t1 = System.nanoTime();
            System.out.printf("setup %.0f ms (%d parameters)%n", (t1 - t0) / 1e6, model.parameterCount());
            if (i == setups - 1) {
                for (int k = 0; k < 5; k++) {
                    System.gc();
                    java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
                    long p0 = System.nanoTime();
                    Proof p = Zkml.prove(pk, x, Visibility.PRIVATE);
                    long p1 = System.nanoTime();
                    long peak = 0;
                    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                            peak += pool.getPeakUsage().getUsed();
                        }
                    }
                    Zkml.verify(pk.verifyingKey(), p);
                    long p2 = System.nanoTime();
                    System.out.printf("prove %.0f ms, verify %.1f ms, proof %d B, peak heap %d MiB%n", (p1 - p0) / 1e6, (p2 - p1) / 1e6,
                            p.proof().length, peak >> 20);
                }
            }
        }
        if (args.length > 2) {
            return;
        }
        // the phases of a zero-knowledge proof with a private input, as Zkml.prove makes it
        CircuitCompiler.Compiled c = CircuitCompiler.compile(model, false);
        var scheme = new LigeroTableCommitment(io.zkml4j.prover.SecurityLevel.STANDARD.ligero());
        byte[] maskSeed = new byte[32];
        byte[] commitmentSeed = new byte[32];
        new java.security.SecureRandom().nextBytes(maskSeed);
        new java.security.SecureRandom().nextBytes(commitmentSeed);
        InferenceKeys keys = InferenceKeys.create(c.circuit(), c.weights(), scheme, new byte[0],
                io.zkml4j.prover.engine.Hiding.withBudget(8), maskSeed, commitmentSeed);
        long[] q = model.quantizeInput(0, x);
        for (int k = 0; k < 3; k++) {
            InferenceProver.Result res = InferenceProver.prove(keys.prover(), scheme, q);
            StringBuilder sb = new StringBuilder();
            res.phaseNanos().forEach((key, v) -> sb.append(key.startsWith("bytes") ? String.format(" %s=%d", key, v) : String.format(" %s=%.0f", key, v / 1e6)));
            System.out.println(sb);
        }
    }

    static float[] gauss(Random r, int n, double s) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * s);
        }
        return v;
    }
}
