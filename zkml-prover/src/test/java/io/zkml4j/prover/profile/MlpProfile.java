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
import io.zkml4j.crypto.pcs.ligero.LigeroParameters;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** Not a test: profiles setup and proving of a ~1M-parameter MLP (1024 → 1024 → 10). */
public final class MlpProfile {
    public static void main(String[] args) throws Exception {
        int in = 1024, hidden = 1024, out = 10;
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
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            ProvingKey pk = Zkml.setup(model, "mlp1m", SecurityLevel.STANDARD);
            long t1 = System.nanoTime();
            System.out.printf("setup %.0f ms%n", (t1 - t0) / 1e6);
            if (i == 2) {
                for (int k = 0; k < 6; k++) {
                    long p0 = System.nanoTime();
                    Proof p = Zkml.prove(pk, x, Visibility.PUBLIC);
                    long p1 = System.nanoTime();
                    Zkml.verify(pk.verifyingKey(), p);
                    long p2 = System.nanoTime();
                    System.out.printf("prove %.0f ms, verify %.1f ms, proof %d B%n", (p1 - p0) / 1e6, (p2 - p1) / 1e6, p.proof().length);
                }
            }
        }
        CircuitCompiler.Compiled c = CircuitCompiler.compile(model, true);
        var scheme = new LigeroTableCommitment(LigeroParameters.SECURE_100);
        InferenceKeys keys = InferenceKeys.create(c.circuit(), c.weights(), scheme, new byte[0]);
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
