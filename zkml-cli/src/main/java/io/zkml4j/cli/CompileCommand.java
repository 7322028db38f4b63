package io.zkml4j.cli;

import io.zkml4j.bench.table.Units;
import io.zkml4j.model.Graph;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.ModelSignature;
import io.zkml4j.model.quant.Primitive;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.TensorSpec;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.model.reference.FloatReferenceException;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.compile.NotProvableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code zkml compile}: ONNX to a quantized, compiled model ({@code .zkm}). */
@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Quantize an ONNX model into a compiled model (.zkm).",
                "Imports the model, calibrates it on the example inputs, quantizes it to exact integer arithmetic and "
                        + "writes the compiled model. Prints the accuracy of the integer model against ONNX Runtime on "
                        + "the example inputs, whether it can be proved, and its layers with their scales."})
final class CompileCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model.")
    Path model;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = {"An example input (JSON), at least one; repeat for more. Calibration uses all of them.",
                    "Without it, compile prints the model's inputs and writes an example input file (MODEL.example.json, "
                            + "next to the model) to fill in."})
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the compiled model (default: next to the model, with its name: model.onnx -> model.zkm).")
    Path output;

    @Option(names = "--output-value", paramLabel = "NAME",
            description = {"Prove this value as the model's output instead of the graph's outputs: a graph output or any value "
                    + "a node computes (repeat for several). Only what it needs is imported, so a model can be proved up to "
                    + "a step that cannot be, such as a threshold comparison."})
    List<String> outputs = new ArrayList<>();

    @Option(names = "--fix-input", paramLabel = "NAME=VALUE[,VALUE...]",
            description = {"Give a model input a fixed value (a setting such as a sample rate): it becomes a constant of the "
                    + "compiled model, is no longer an input, and input files leave it out (repeat for several)."})
    List<String> fixedInputs = new ArrayList<>();

    @Option(names = "--activation-bits", paramLabel = "BITS", defaultValue = "16",
            description = "Activation width in bits (default: ${DEFAULT-VALUE}).")
    int activationBits;

    @Option(names = "--weight-bits", paramLabel = "BITS", defaultValue = "12",
            description = "Weight width in bits (default: ${DEFAULT-VALUE}).")
    int weightBits;

    @Override
    int execute() throws Exception {
        QuantizationOptions options;
        try {
            options = QuantizationOptions.DEFAULT.withActivationBits(activationBits);
        } catch (IllegalArgumentException e) {
            throw new UserError("--activation-bits: " + e.getMessage());
        }
        try {
            options = options.withWeightBits(weightBits);
        } catch (IllegalArgumentException e) {
            throw new UserError("--weight-bits: " + e.getMessage());
        }
        byte[] onnx = Artifacts.read(model);
        Artifacts.Kind kind = Artifacts.kindOf(onnx);
        if (kind != Artifacts.Kind.ONNX && kind != Artifacts.Kind.UNKNOWN) {
            throw new UserError("'" + model + "' is " + kind.human + ", not an ONNX model (.onnx)");
        }
        if (inputs.isEmpty()) {
            return signatureOnly(onnx);
        }
        List<ModelCompilation.Example> examples = new ArrayList<>();
        for (Path p : inputs) {
            examples.add(new ModelCompilation.Example(p.toString(), Artifacts.readText(p), p));
        }
        Path out = output != null ? output : model.resolveSibling(Artifacts.stem(model) + ".zkm");

        ModelCompilation.Result r;
        List<AccuracyReport> accuracy = null;
        String accuracyProblem = null;
        try (Progress progress = term.progress(2)) {
            progress.step("importing and quantizing " + model.getFileName());
            r = ModelCompilation.compile(model.toString(), onnx, examples, options, importOptions());
            progress.step("running ONNX Runtime for the accuracy report");
            try {
                accuracy = ModelCompilation.accuracy(onnx, r);
            } catch (FloatReferenceException e) {
                accuracyProblem = e.getMessage();
            }
        }
        byte[] zkm = r.model().toBytes();
        printSummary(r);
        if (accuracy != null) {
            printAccuracy(accuracy);
        } else {
            term.println(Text.field("accuracy", "not measured (" + accuracyProblem + ")"));
        }
        term.println(Text.field("provable", provability(r.model())));
        printLayers(term, r.model());
        Artifacts.write(out, zkm);
        term.println(Text.field("wrote", out + " (" + Units.bytes(zkm.length) + ")"));
        term.note("next: zkml setup " + out);
        return ExitCode.OK;
    }

    /** {@code --output-value} and {@code --fix-input} as import options. */
    private ImportOptions importOptions() throws UserError {
        Map<String, double[]> fixed = new java.util.LinkedHashMap<>();
        for (String f : fixedInputs) {
            int eq = f.indexOf('=');
            if (eq <= 0 || eq == f.length() - 1) {
                throw new UserError("--fix-input: expected NAME=VALUE[,VALUE...], got '" + f + "'");
            }
            String[] parts = f.substring(eq + 1).split(",");
            double[] v = new double[parts.length];
            for (int i = 0; i < v.length; i++) {
                try {
                    v[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new UserError("--fix-input: '" + parts[i].trim() + "' in '" + f + "' is not a number");
                }
            }
            fixed.put(f.substring(0, eq), v);
        }
        return ImportOptions.DEFAULT.withOutputs(outputs).withFixedInputs(fixed);
    }

    /**
     * Without example inputs there is nothing to calibrate on: print what the model takes and gives, write an
     * example input file next to the model (unless one is there), and fail with a one-line hint.
     */
    private int signatureOnly(byte[] onnx) throws UserError {
        ModelSignature sig;
        try {
            sig = ModelSignature.read(onnx);
        } catch (ModelImportException e) {
            throw new UserError("cannot import '" + model + "': " + e.getMessage());
        }
        term.println(Text.field("model", model.getFileName() + ": " + (sig.graphName().isEmpty() ? "" : "graph '" + sig.graphName() + "', ")
                + "opset " + sig.opset() + (sig.producer().isEmpty() ? "" : ", from " + sig.producer())));
        for (ModelSignature.Port p : sig.inputs()) {
            term.println(Text.field("input", p.name() + " " + p.typeName() + " " + p.shapeText()));
        }
        for (ModelSignature.Port p : sig.outputs()) {
            term.println(Text.field("output", p.name() + " " + p.typeName() + " " + p.shapeText()));
        }
        Path example = model.resolveSibling(Artifacts.stem(model) + ".example.json");
        String written;
        if (sig.inputs().isEmpty()) {
            written = "none (the model has no inputs)";
        } else if (java.nio.file.Files.exists(example)) {
            written = example + " (exists already; not overwritten)";
        } else {
            java.util.Set<String> fixed = importOptions().fixedInputs().keySet();
            List<ModelSignature.Port> left = new ArrayList<>(sig.inputs());
            left.removeIf(p -> fixed.contains(p.name()));
            sig = new ModelSignature(sig.graphName(), sig.opset(), sig.producer(), left, sig.outputs());
            Artifacts.write(example, exampleInput(sig).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            written = example + " (zeros in the model's shapes: put real inputs in their place)";
        }
        term.println(Text.field("example input", written));
        for (ModelSignature.Port p : sig.inputs()) {
            if (p.hasDynamicInnerDimension()) {
                term.println(Text.field("", "input '" + p.name() + "' has a dynamic dimension: the example sets it to 1; "
                        + "set its input_shapes entry to the size you prove"));
            }
        }
        throw new UserError("no example input: calibration needs at least one real, representative input "
                + "(--input FILE; the model's inputs and an example file are listed above; see the README, 'Input JSON')");
    }

    /** An input file in the zkML layout with zeros in every input's example shape. */
    static String exampleInput(ModelSignature sig) {
        StringBuilder data = new StringBuilder();
        StringBuilder shapes = new StringBuilder();
        for (ModelSignature.Port p : sig.inputs()) {
            int[] shape = p.exampleShape();
            int n = 1;
            for (int d : shape) {
                n = Math.multiplyExact(n, d);
            }
            data.append(data.length() == 0 ? "[" : ", [");
            for (int i = 0; i < n; i++) {
                data.append(i == 0 ? "0" : ", 0");
            }
            data.append(']');
            shapes.append(shapes.length() == 0 ? "" : ", ").append(Text.shape(shape));
        }
        return "{\"input_data\": [" + data + "],\n \"input_shapes\": [" + shapes + "]}\n";
    }

    private void printSummary(ModelCompilation.Result r) {
        Graph g = r.graph();
        QuantizedModel q = r.model();
        term.println(Text.field("model", model.getFileName() + ": " + (g.name().isEmpty() ? "" : "graph '" + g.name() + "', ")
                + "opset " + g.opset() + (g.producer().isEmpty() ? "" : ", from " + g.producer())));
        for (ValueInfo v : g.inputs()) {
            term.println(Text.field("input", v.name() + " " + Text.shape(v.shape())));
        }
        for (ValueInfo v : g.outputs()) {
            term.println(Text.field("output", v.name() + " " + Text.shape(v.shape())));
        }
        StringBuilder ops = new StringBuilder();
        for (Map.Entry<String, Integer> e : g.opCounts().entrySet()) {
            ops.append(ops.length() == 0 ? "" : ", ").append(e.getKey()).append(" x").append(e.getValue());
        }
        term.println(Text.field("onnx ops", ops.toString()));
        long tables = q.constantCount() - q.parameterCount();
        term.println(Text.field("quantized", q.ops().size() + " integer primitives, " + q.parameterCount() + " parameters"
                + (tables > 0 ? " and " + tables + " lookup-table entries" : "") + " (activations " + q.options().activationBits()
                + " bits, weights " + q.options().weightBits() + " bits)"));
    }

    private void printAccuracy(List<AccuracyReport> reports) {
        double abs = 0;
        double rel = 0;
        boolean argmax = true;
        boolean classes = false;
        for (AccuracyReport a : reports) {
            abs = Math.max(abs, a.worstAbsoluteError());
            rel = Math.max(rel, a.worstRelativeError());
            argmax &= a.argmaxAgrees();
            classes |= a.hasClassAxis();
        }
        term.println(Text.field("accuracy", String.format(Locale.ROOT,
                "integers vs ONNX Runtime (float) on %d input(s): max abs error %.3g, max rel error %.3f%%%s",
                reports.size(), abs, 100 * rel, !classes ? "" : argmax ? ", argmax agrees" : ", argmax DIFFERS")));
        for (int i = 0; i < reports.size(); i++) {
            for (AccuracyReport.Output o : reports.get(i).outputs()) {
                term.println(String.format(Locale.ROOT, "              %s, output %s: abs %.3g, rel %.3f%%, cosine %.5f%s%s",
                        inputs.get(i), o.name(), o.maxAbsError(), 100 * o.maxRelativeError(), o.cosine(),
                        o.reference().length > o.rowLength() && o.rowLength() > 1
                                ? String.format(Locale.ROOT, " (worst row %.5f)", o.worstRowCosine()) : "",
                        !o.hasClassAxis() ? "" : o.argmaxAgrees() ? ", argmax agrees" : ", argmax DIFFERS"));
            }
        }
    }

    /** Whether {@code zkml setup} will accept the model, and if not why. */
    static String provability(QuantizedModel q) {
        try {
            return "yes (" + CircuitCompiler.compile(q, false).circuit().layers().size() + " relations)";
        } catch (NotProvableException e) {
            return "no: " + e.getMessage();
        }
    }

    /** The quantized model's layers: primitive, output tensor, shape, scale and static range. */
    static void printLayers(Terminal term, QuantizedModel q) {
        term.println("layers");
        term.println(String.format(Locale.ROOT, "  %4s  %-9s %-30s %-18s %-7s %s", "#", "primitive", "output", "shape", "scale", "range"));
        for (int i = 0; i < q.ops().size(); i++) {
            Primitive p = q.ops().get(i);
            TensorSpec t = q.tensor(i);
            String name = t.name().length() > 30 ? "..." + t.name().substring(t.name().length() - 27) : t.name();
            term.println(String.format(Locale.ROOT, "  %4d  %-9s %-30s %-18s 2^-%-4d [%d, %d]%s", i, p.kind(), name,
                    Text.shape(t.shape()), t.scale(), t.lo(), t.hi(), detail(p)));
        }
    }

    private static String detail(Primitive p) {
        if (p instanceof Primitive.Requant r) {
            return "  (x*" + r.m() + " >> " + r.s() + ")";
        } else if (p instanceof Primitive.Table t) {
            return "  (" + t.function() + ", " + t.table().length + " entries)";
        }
        return "";
    }
}
