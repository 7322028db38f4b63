package io.zkml4j.bench.table;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.InputFileException;
import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.compile.NotProvableException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The end-to-end benchmark table: per model, integer inference, setup, prove and verify times, proof and
 * key sizes, the heap's peak while proving, and the prove/inference ratio. This is wall-clock time of the
 * public API on one JVM (warm-up runs first, then the median of the measured runs), the figure a user of
 * {@code zkml} sees; the per-kernel figures are the JMH benchmarks of {@code io.zkml4j.bench}.
 *
 * <p>Inputs are proved as public inputs (the statement then includes them; a private input costs about
 * the same). Run it with {@code zkml bench} (see {@code zkml bench --help}).
 */
public final class BenchmarkTable {
    private BenchmarkTable() {
    }

    /** Measures one model; {@code progress} hears a short line before each phase. */
    public static BenchmarkRow measure(BenchmarkModel m, BenchmarkSettings s, Consumer<String> progress)
            throws ModelImportException, InputFileException, ModelCompileException, NotProvableException {
        progress.accept(m.name() + ": import and quantize");
        Graph g = OnnxImporter.importModel(m.onnx(), ImportOptions.DEFAULT);
        InputFile in = InputFile.parse(m.inputJson(), g);
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        long[][] x = q.quantizeInputs(in.arrays());

        progress.accept(m.name() + ": setup");
        long t0 = System.nanoTime();
        ProvingKey pk = Zkml.setup(q, m.name(), s.security(), s.openingBudget());
        double setupMillis = millisSince(t0);

        progress.accept(m.name() + ": integer inference");
        int inferenceRuns = s.measuredRuns() * BenchmarkSettings.INFERENCE_RUNS_PER_RUN;
        for (int i = 0; i < s.warmupRuns() * BenchmarkSettings.INFERENCE_RUNS_PER_RUN; i++) {
            IntegerInterpreter.run(q, x);
        }
        double[] inference = new double[inferenceRuns];
        for (int i = 0; i < inferenceRuns; i++) {
            long t = System.nanoTime();
            IntegerInterpreter.run(q, x);
            inference[i] = millisSince(t);
        }

        double[] prove = new double[s.measuredRuns()];
        double[] verify = new double[s.measuredRuns()];
        Proof proof = null;
        for (int run = -s.warmupRuns(); run < s.measuredRuns(); run++) {
            progress.accept(m.name() + ": " + (run < 0 ? "warm-up run " + (run + s.warmupRuns() + 1) + "/" + s.warmupRuns()
                    : "run " + (run + 1) + "/" + s.measuredRuns()));
            long t = System.nanoTime();
            proof = Zkml.prove(pk, x[0], Visibility.PUBLIC);
            double p = millisSince(t);
            t = System.nanoTime();
            verifyHonest(pk, proof, m.name());
            double v = millisSince(t);
            if (run >= 0) {
                prove[run] = p;
                verify[run] = v;
            }
        }

        progress.accept(m.name() + ": peak heap while proving");
        long peak = PeakHeap.during(() -> Zkml.prove(pk, x[0], Visibility.PUBLIC));

        return new BenchmarkRow(m.name(), q.parameterCount(), pk.verifyingKey().circuit().layers().size(),
                s.security().id(), s.security().ligero().securityBits(), median(inference), setupMillis, median(prove),
                median(verify), proof.toBytes().length, pk.verifyingKey().toBytes().length, pk.toBytes().length, peak,
                s.measuredRuns());
    }

    private static void verifyHonest(ProvingKey pk, Proof proof, String model) {
        try {
            Zkml.verify(pk.verifyingKey(), proof);
        } catch (ProofRejectedException e) {
            throw new IllegalStateException(model + ": an honest proof was rejected (a bug): " + e.getMessage(), e);
        }
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    // ---- rendering ----

    private record Column(String header, boolean numeric, Function<BenchmarkRow, String> cell) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("model", false, BenchmarkRow::model),
            new Column("params", true, r -> Long.toString(r.parameters())),
            new Column("inference", true, r -> Units.millis(r.inferenceMillis())),
            new Column("setup", true, r -> Units.millis(r.setupMillis())),
            new Column("prove", true, r -> Units.millis(r.proveMillis())),
            new Column("verify", true, r -> Units.millis(r.verifyMillis())),
            new Column("proof", true, r -> Units.bytes(r.proofBytes())),
            new Column("vk", true, r -> Units.bytes(r.verifyingKeyBytes())),
            new Column("peak heap", true, r -> Units.bytes(r.peakHeapBytes())),
            new Column("prove/inference", true, r -> String.format(Locale.ROOT, "%.0fx", r.proveToInferenceRatio())),
            new Column("security", false, r -> r.securityBits() + " bits"));

    /** The table as aligned plain text, one line per model. */
    public static String formatText(List<BenchmarkRow> rows) {
        List<String[]> cells = cells(rows);
        int[] width = new int[COLUMNS.size()];
        for (String[] line : cells) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : cells) {
            for (int c = 0; c < width.length; c++) {
                String pad = " ".repeat(width[c] - line[c].length());
                sb.append(c == 0 ? "" : "  ").append(COLUMNS.get(c).numeric() ? pad + line[c] : line[c] + pad);
            }
            sb.setLength(sb.length() - trailingSpaces(sb));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The table as Markdown (for docs/BENCHMARKS.md). */
    public static String formatMarkdown(List<BenchmarkRow> rows) {
        List<String[]> cells = cells(rows);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append("| ").append(String.join(" | ", cells.get(i))).append(" |\n");
            if (i == 0) {
                sb.append('|');
                for (Column c : COLUMNS) {
                    sb.append(c.numeric() ? "---:|" : "---|");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** What the columns mean, for a footer under the table. */
    public static String legend(BenchmarkSettings s) {
        return "Times are medians of " + s.measuredRuns() + " runs after " + s.warmupRuns() + " warm-up runs (inference: "
                + s.measuredRuns() * BenchmarkSettings.INFERENCE_RUNS_PER_RUN + " runs), wall clock, one JVM. "
                + "inference = the integer interpreter (what is proved); setup is one cold run; params = weights and biases; peak heap = sum of the heap pools' peaks during "
                + "one proof after a full GC (an upper bound, including the live proving key); proof and vk are file sizes. "
                + (s.zeroKnowledge() ? "Zero-knowledge keys (opening budget " + s.openingBudget() + ")."
                : "Keys made without hiding (--no-zk).");
    }

    private static List<String[]> cells(List<BenchmarkRow> rows) {
        List<String[]> out = new ArrayList<>();
        String[] head = new String[COLUMNS.size()];
        for (int c = 0; c < head.length; c++) {
            head[c] = COLUMNS.get(c).header();
        }
        out.add(head);
        for (BenchmarkRow r : rows) {
            String[] line = new String[COLUMNS.size()];
            for (int c = 0; c < line.length; c++) {
                line[c] = COLUMNS.get(c).cell().apply(r);
            }
            out.add(line);
        }
        return out;
    }

    private static int trailingSpaces(StringBuilder sb) {
        int n = 0;
        while (n < sb.length() && sb.charAt(sb.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }
}
