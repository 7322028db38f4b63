package io.zkml4j.cli;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The corpus coverage figure quoted in the README: how many models of {@code ../shared/onnx-corpus} import,
 * quantize, set up (are provable) and prove-and-verify, each at default settings. Not a test (it takes
 * minutes); run it from the repository root after {@code mvn -pl zkml-cli -am test-compile}:
 * <pre>
 *   mvn -q -pl zkml-cli dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java -Xmx8g -cp zkml-cli/target/test-classes:zkml-cli/target/classes:$(cat /tmp/cp.txt) io.zkml4j.cli.CorpusCoverage [corpus dir]
 * </pre>
 * Proofs use the testing-only parameters for speed (the circuit, and hence which models prove, is the same
 * at every security level).
 */
public final class CorpusCoverage {
    private CorpusCoverage() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/onnx-corpus");
        List<Path> models;
        try (Stream<Path> s = Files.list(corpus)) {
            models = s.filter(p -> Files.exists(p.resolve("network.onnx"))).sorted().toList();
        }
        int[] reached = new int[5];
        List<String> lines = new ArrayList<>();
        for (Path m : models) {
            String stage = "import";
            String detail = "";
            long t0 = System.nanoTime();
            try {
                Graph g = OnnxImporter.importModel(m.resolve("network.onnx"));
                reached[1]++;
                stage = "quantize";
                InputFile in = InputFile.read(m.resolve("input.json"), g);
                QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
                reached[2]++;
                stage = "setup";
                ProvingKey pk = Zkml.setup(q, m.getFileName().toString(), SecurityLevel.TESTING_ONLY_INSECURE);
                reached[3]++;
                stage = "prove";
                Proof p = Zkml.prove(pk, q.quantizeInputs(in.arrays()), Visibility.PRIVATE);
                Zkml.verify(pk.verifyingKey(), Proof.fromBytes(p.toBytes()));
                reached[4]++;
                stage = "ok";
            } catch (Exception | OutOfMemoryError e) {
                detail = String.valueOf(e.getMessage());
            }
            reached[0]++;
            String line = String.format(Locale.ROOT, "%-32s %-8s %6.1f s  %s", m.getFileName(), stage,
                    (System.nanoTime() - t0) / 1e9, detail.length() > 150 ? detail.substring(0, 150) + "..." : detail);
            System.out.println(line);
            lines.add(line);
        }
        System.out.printf(Locale.ROOT, "%n%d models: %d import, %d quantize, %d set up (provable), %d prove and verify%n",
                reached[0], reached[1], reached[2], reached[3], reached[4]);
    }
}
