package io.zkml4j.prover.corpus;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.compile.NotProvableException;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.InferenceVerifier;
import io.zkml4j.prover.engine.TableCommitment;
import io.zkml4j.prover.engine.TestCommitments;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves and verifies every model of the shared corpus that imports and quantizes ({@code ../shared/onnx-corpus};
 * skipped when absent), prints a table, and asserts that the models the proof issue names all prove — at
 * 100-bit security — with the proof's output equal to the integer interpreter's. The other models use
 * the fast testing parameters (this test is about which models prove, not about security).
 */
@Tag("corpus")
class CorpusProofTest {
    static final Set<String> REQUIRED = Set.of("1l_mlp", "2l_relu_fc", "1l_conv", "1l_max_pool", "1l_average",
            "1l_sigmoid", "1l_relu", "2l_relu_sigmoid_conv", "3l_relu_conv_fc", "sklearn_mlp", "tutorial");

    /**
     * Decision and tree models (issue 10) that must prove and verify (at the testing parameters, like the rest).
     */
    static final Set<String> DECISIONS = Set.of("decision_tree", "gradient_boosted_trees", "hummingbird_decision_tree",
            "oh_decision_tree", "xgboost", "lightgbm", "linear_svc", "less", "1l_where", "boolean", "hard_max", "1l_topk",
            "gather_elements", "scatter_elements", "scatter_nd", "bitwise_ops", "gather_nd");

    /** Models too large for this test's 3 GB heap (none since products of activations are one relation). */
    static final Map<String, String> TOO_LARGE_HERE = Map.of();

    record Row(String model, String status, String detail, int proofBytes, long proveMs) {}

    static Path corpus() {
        String prop = System.getProperty("zkml.repo.root");
        Path root = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
        return root.resolve("../shared/onnx-corpus").normalize();
    }

    @Test
    void corpusModelsProveAndVerify() throws Exception {
        Path dir = corpus();
        assumeTrue(Files.isDirectory(dir), "no ONNX corpus at " + dir);
        List<Path> models;
        try (Stream<Path> s = Files.list(dir)) {
            models = s.filter(p -> Files.exists(p.resolve("network.onnx"))).sorted().toList();
        }
        List<Row> rows = new ArrayList<>();
        for (Path m : models) {
            rows.add(run(m));
        }
        StringBuilder table = new StringBuilder("| model | proves and verifies | detail | proof bytes | prove ms (cold) |\n|---|---|---|---:|---:|\n");
        for (Row r : rows) {
            table.append("| ").append(r.model()).append(" | ").append(r.status()).append(" | ").append(r.detail().replace("|", "\\|"))
                    .append(" | ").append(r.proofBytes() > 0 ? r.proofBytes() : "").append(" | ").append(r.proveMs() > 0 ? r.proveMs() : "").append(" |\n");
        }
        long imported = rows.stream().filter(r -> !r.status().equals("does not import")).count();
        long proves = rows.stream().filter(r -> r.status().equals("yes")).count();
        table.append("\nTotals: ").append(rows.size()).append(" models, ").append(imported).append(" import and quantize, ")
                .append(proves).append(" prove and verify.\n");
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "corpus-proof-table.md"), table);
        for (Row r : rows) {
            if (REQUIRED.contains(r.model()) || DECISIONS.contains(r.model())) {
                assertThat(r.status()).as("%s: %s", r.model(), r.detail()).isEqualTo("yes");
            }
            assertThat(r.status()).as(r.model()).isNotEqualTo("FAILED");
        }
    }

    private static Row run(Path m) {
        String name = m.getFileName().toString();
        QuantizedModel model;
        long[] input;
        try {
            Graph g = OnnxImporter.importModel(m.resolve("network.onnx"), ImportOptions.DEFAULT);
            InputFile in = InputFile.read(m.resolve("input.json"), g);
            model = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
            long[][] ins = model.quantizeInputs(in.arrays());
            input = java.util.Arrays.stream(ins).flatMapToLong(java.util.Arrays::stream).toArray();
        } catch (Exception e) {
            return new Row(name, "does not import", oneLine(e.getMessage()), 0, 0);
        }
        if (TOO_LARGE_HERE.containsKey(name)) {
            return new Row(name, "skipped", TOO_LARGE_HERE.get(name), 0, 0);
        }
        try {
            CircuitCompiler.Compiled c = CircuitCompiler.compile(model, true);
            TableCommitment scheme = REQUIRED.contains(name) ? TestCommitments.LIGERO_SECURE : TestCommitments.LIGERO_TESTING;
            InferenceKeys keys = InferenceKeys.create(c.circuit(), c.weights(), scheme, new byte[0]);
            long t0 = System.nanoTime();
            InferenceProver.Result r = InferenceProver.prove(keys.prover(), scheme, input);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            var trace = IntegerInterpreter.run(model, model.quantizeInputs(InputFile.read(m.resolve("input.json"),
                    OnnxImporter.importModel(m.resolve("network.onnx"), ImportOptions.DEFAULT)).arrays()));
            long[] expected = java.util.stream.IntStream.range(0, trace.outputCount())
                    .mapToObj(trace::output).flatMapToLong(java.util.Arrays::stream).toArray();
            if (!java.util.Arrays.equals(expected, r.output())) {
                return new Row(name, "FAILED", "proved output differs from the interpreter", 0, 0);
            }
            InferenceVerifier.verify(keys.verifier(), scheme, input, r.output(), r.proof());
            return new Row(name, "yes", REQUIRED.contains(name) ? "100-bit" : "testing parameters", r.proof().length, ms);
        } catch (NotProvableException e) {
            return new Row(name, "no", oneLine(e.getMessage()), 0, 0);
        } catch (Exception | AssertionError e) {
            return new Row(name, "FAILED", oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()), 0, 0);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ');
    }
}
