package io.zkml4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.model.reference.FloatReference;
import io.zkml4j.model.reference.FloatReferenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Imports and runs every model of the shared ONNX corpus ({@code ../shared/onnx-corpus} beside the
 * repository; skipped when absent), prints a table, and asserts the target: every model that imports
 * quantizes and agrees with ONNX Runtime (argmax agreement, relative error ≤ 2%) at default settings,
 * except the listed known compile failures; every other model fails with one clear line.
 */
@Tag("corpus")
class CorpusTest {
    /** Models whose ops all import but that cannot be compiled, with the reason (also in docs/MODELS.md). */
    static final Map<String, String> KNOWN_COMPILE_FAILURES = Map.of(
            "1l_eltwise_div", "divides by a computed tensor that may be negative");

    /** Corpus files whose input.json does not fit the model (with the reason): none at present. */
    static final Map<String, String> KNOWN_INPUT_MISMATCHES = Map.of();

    record Row(String model, String status, int ops, double relError, double absError, boolean argmax, String detail) {
    }

    static Path repoRoot() {
        String prop = System.getProperty("zkml.repo.root");
        if (prop != null && Files.isDirectory(Path.of(prop, "zkml-model"))) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("zkml-model"))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    static Path corpus() {
        return repoRoot().resolve("../shared/onnx-corpus").normalize();
    }

    @Test
    void everySupportedCorpusModelMeetsTheAccuracyTarget() throws Exception {
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
        String table = table(rows);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "corpus-table.md"), table);

        assertThat(rows).isNotEmpty();
        for (Row r : rows) {
            assertThat(r.detail()).as(r.model()).doesNotContain("\n");
            switch (r.status()) {
                case "ok" -> {
                    assertThat(r.relError()).as("%s relative error", r.model()).isLessThanOrEqualTo(0.02);
                    assertThat(r.argmax()).as("%s argmax", r.model()).isTrue();
                }
                case "unsupported" -> assertThat(r.detail()).as(r.model()).isNotBlank();
                case "compile error" -> assertThat(KNOWN_COMPILE_FAILURES).as("%s: %s", r.model(), r.detail()).containsKey(r.model());
                case "input mismatch" -> assertThat(KNOWN_INPUT_MISMATCHES).as("%s: %s", r.model(), r.detail()).containsKey(r.model());
                default -> throw new AssertionError(r.model() + ": " + r.status() + ": " + r.detail());
            }
        }
    }

    static Row run(Path dir) {
        String name = dir.getFileName().toString();
        Path onnx = dir.resolve("network.onnx");
        Graph g;
        try {
            g = OnnxImporter.importModel(onnx);
        } catch (ModelImportException e) {
            return new Row(name, "unsupported", 0, Double.NaN, Double.NaN, false, e.getMessage());
        }
        try {
            InputFile in = InputFile.read(dir.resolve("input.json"), g);
            QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
            AccuracyReport r;
            String note = "";
            try (FloatReference ref = FloatReference.open(onnx)) {
                r = AccuracyReport.measure(ref, q, in);
            } catch (FloatReferenceException e) {
                // ONNX Runtime refuses some corpus files; compare with this project's float evaluation instead.
                r = againstLoweredFloat(g, q, in);
                note = "compared with the lowered float graph: " + e.getMessage();
            }
            return new Row(name, "ok", q.ops().size(), r.worstRelativeError(), r.worstAbsoluteError(), r.argmaxAgrees(), note);
        } catch (ModelCompileException e) {
            return new Row(name, "compile error", 0, Double.NaN, Double.NaN, false, e.getMessage());
        } catch (io.zkml4j.model.InputFileException e) {
            return new Row(name, "input mismatch", 0, Double.NaN, Double.NaN, false, e.getMessage());
        } catch (Exception e) {
            return new Row(name, "error", 0, Double.NaN, Double.NaN, false, String.valueOf(e));
        }
    }

    /** The reason without the (long) list of supported ops that unsupported-op messages end with. */
    static String shorten(String detail) {
        int cut = detail.indexOf("; supported ops: ");
        return cut < 0 ? detail : detail.substring(0, cut);
    }

    static AccuracyReport againstLoweredFloat(Graph g, QuantizedModel q, InputFile in) {
        double[][] expected = ModelChecks.lowered(g, in);
        double[][] actual = io.zkml4j.model.interp.IntegerInterpreter.infer(q, in.arrays());
        int[] rows = new int[expected.length];
        for (int i = 0; i < rows.length; i++) {
            int[] shape = q.outputSpec(i).shape();
            rows[i] = shape.length == 0 ? 1 : shape[shape.length - 1];
        }
        return AccuracyReport.compare(q.outputNames(), expected, actual, rows);
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | result | primitives | max rel err | max abs err | argmax | reason |\n");
        sb.append("|---|---|---:|---:|---:|---|---|\n");
        int ok = 0;
        int unsupported = 0;
        int mismatch = 0;
        int compile = 0;
        double worst = 0;
        String worstModel = "";
        for (Row r : rows) {
            boolean isOk = r.status().equals("ok");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.model(), r.status(),
                    isOk ? String.valueOf(r.ops()) : "", isOk ? String.format(Locale.ROOT, "%.4f%%", 100 * r.relError()) : "",
                    isOk ? String.format(Locale.ROOT, "%.3g", r.absError()) : "", isOk ? (r.argmax() ? "agree" : "DIFFER") : "",
                    shorten(r.detail()).replace("|", "\\|")));
            if (isOk) {
                ok++;
                if (r.relError() > worst) {
                    worst = r.relError();
                    worstModel = r.model();
                }
            } else if (r.status().equals("unsupported")) {
                unsupported++;
            } else if (r.status().equals("input mismatch")) {
                mismatch++;
            } else {
                compile++;
            }
        }
        sb.append(String.format(Locale.ROOT, "%nTotals: %d models; %d imported, quantized and within target; %d unsupported; "
                + "%d compile errors; %d input files that do not fit their model; worst relative error %.4f%% (%s).%n", rows.size(), ok,
                unsupported, compile, mismatch, 100 * worst, worstModel));
        return sb.toString();
    }
}
