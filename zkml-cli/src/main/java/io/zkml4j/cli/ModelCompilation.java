package io.zkml4j.cli;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.InputFileException;
import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.onnx.ModelSignature;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.model.reference.FloatReference;
import io.zkml4j.model.reference.FloatReferenceException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX model and example inputs to a quantized model, as {@code zkml compile} and {@code zkml demo} do
 * it: import (dynamic dimensions are fixed from the first input file's {@code input_shapes}; without them
 * a dynamic batch axis is 1), calibrate on every example input, quantize; then the accuracy of the
 * integer model against ONNX Runtime on the same inputs.
 */
final class ModelCompilation {
    /** An example input: a label for messages, its JSON, and the file it came from (null if bundled). */
    record Example(String label, String json, Path file) {
    }

    /** The imported graph, the quantized model, the parsed example inputs, and the import options used. */
    record Result(Graph graph, QuantizedModel model, List<InputFile> inputs, ImportOptions importOptions) {
    }

    private ModelCompilation() {
    }

    static Result compile(String modelLabel, byte[] onnx, List<Example> examples, QuantizationOptions options) throws UserError {
        return compile(modelLabel, onnx, examples, options, ImportOptions.DEFAULT);
    }

    /**
     * As above, with import choices ({@code --output} values to prove, {@code --fix-input} values); the input
     * shapes come from the first example.
     */
    static Result compile(String modelLabel, byte[] onnx, List<Example> examples, QuantizationOptions options,
                          ImportOptions importOptions) throws UserError {
        if (examples.isEmpty()) {
            throw new UserError("at least one example input is needed to calibrate the quantization: --input input.json "
                    + "(see the README, 'Input JSON')");
        }
        Graph g = importGraph(modelLabel, onnx, examples.get(0), importOptions);
        List<InputFile> inputs = new ArrayList<>();
        List<Map<String, float[]>> calibration = new ArrayList<>();
        for (Example e : examples) {
            try {
                InputFile in = InputFile.parse(e.json(), g);
                inputs.add(in);
                calibration.add(in.byName());
            } catch (InputFileException x) {
                throw new UserError("'" + e.label() + "': " + x.getMessage());
            }
        }
        try {
            return new Result(g, Quantizer.quantize(g, calibration, options), inputs, importOptions);
        } catch (ModelCompileException x) {
            throw new UserError("cannot quantize '" + modelLabel + "': " + x.getMessage());
        }
    }

    /**
     * Imports the model with the shapes the first example's {@code input_shapes} gives (by the one rule of
     * {@link ModelSignature#resolve}: the input's shape, or that shape without its leading batch axis), so
     * they fix dynamic dimensions; without them a dynamic batch axis is 1.
     */
    private static Graph importGraph(String label, byte[] onnx, Example first, ImportOptions options) throws UserError {
        try {
            List<int[]> declared = InputFile.declaredShapes(first.json());
            if (!declared.isEmpty()) {
                List<ModelSignature.Port> ports = new ArrayList<>(ModelSignature.read(onnx).inputs());
                ports.removeIf(p -> options.fixedInputs().containsKey(p.name()));
                Map<String, int[]> byName = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(declared.size(), ports.size()); i++) {
                    ModelSignature.Port p = ports.get(i);
                    byName.put(p.name(), p.hasShape() ? ModelSignature.resolve(p.name(), "input_shapes[" + i + "]", declared.get(i), p.dims())
                            : declared.get(i));
                }
                return importWith(label, onnx, options.withInputShapes(byName));
            }
        } catch (InputFileException e) {
            throw new UserError("'" + first.label() + "': " + e.getMessage());
        } catch (ModelImportException e) {
            throw new UserError("cannot import '" + label + "': " + e.getMessage());
        }
        return importWith(label, onnx, options);
    }

    private static Graph importWith(String label, byte[] onnx, ImportOptions options) throws UserError {
        try {
            return OnnxImporter.importModel(onnx, options);
        } catch (ModelImportException e) {
            throw new UserError("cannot import '" + label + "': " + e.getMessage());
        }
    }

    /** Each example input through ONNX Runtime and through the integer interpreter, compared. */
    static List<AccuracyReport> accuracy(byte[] onnx, Result r) throws FloatReferenceException {
        List<AccuracyReport> reports = new ArrayList<>();
        byte[] reference;
        Map<String, io.zkml4j.model.graph.Tensor> fixed;
        try {
            reference = OnnxImporter.asImported(onnx, r.importOptions());
            fixed = OnnxImporter.fixedInputs(onnx, r.importOptions());
        } catch (ModelImportException e) {
            throw new FloatReferenceException(e.getMessage());
        }
        try (FloatReference ref = FloatReference.open(reference)) {
            for (InputFile in : r.inputs()) {
                reports.add(AccuracyReport.measure(ref, r.model(), in, fixed));
            }
        }
        return reports;
    }
}
