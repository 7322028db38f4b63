package io.zkml4j.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.InputFileException;
import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.onnx.proto.OnnxProtos;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.model.reference.FloatReference;
import io.zkml4j.model.reference.FloatReferenceException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONNX model and example inputs to a quantized model, as {@code zkml compile} and {@code zkml demo} do
 * it: import (dynamic batch axes become 1; other dynamic dimensions are fixed from the first input
 * file's {@code input_shapes}), calibrate on every example input, quantize; then the accuracy of the
 * integer model against ONNX Runtime on the same inputs.
 */
final class ModelCompilation {
    /** An example input: a label for messages, its JSON, and the file it came from (null if bundled). */
    record Example(String label, String json, Path file) {
    }

    /** The imported graph, the quantized model, and the parsed example inputs. */
    record Result(Graph graph, QuantizedModel model, List<InputFile> inputs) {
    }

    private ModelCompilation() {
    }

    static Result compile(String modelLabel, byte[] onnx, List<Example> examples, QuantizationOptions options) throws UserError {
        if (examples.isEmpty()) {
            throw new UserError("at least one example input is needed to calibrate the quantization: --input input.json "
                    + "(see the README, 'Input JSON')");
        }
        Graph g = importGraph(modelLabel, onnx, examples.get(0));
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
            return new Result(g, Quantizer.quantize(g, calibration, options), inputs);
        } catch (ModelCompileException x) {
            throw new UserError("cannot quantize '" + modelLabel + "': " + x.getMessage());
        }
    }

    private static Graph importGraph(String label, byte[] onnx, Example first) throws UserError {
        try {
            return OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        } catch (ModelImportException plain) {
            Map<String, int[]> shapes = declaredShapes(onnx, first);
            if (shapes.isEmpty()) {
                throw new UserError("cannot import '" + label + "': " + plain.getMessage());
            }
            try {
                return OnnxImporter.importModel(onnx, ImportOptions.DEFAULT.withInputShapes(shapes));
            } catch (ModelImportException withShapes) {
                throw new UserError("cannot import '" + label + "': " + withShapes.getMessage());
            }
        }
    }

    /** The first input file's {@code input_shapes}, by the model's input names (empty if it declares none). */
    private static Map<String, int[]> declaredShapes(byte[] onnx, Example first) {
        if (first.file() == null) {
            return Map.of();
        }
        try {
            List<int[]> shapes = InputFile.declaredShapes(first.file());
            OnnxProtos.GraphProto graph = OnnxProtos.ModelProto.parseFrom(onnx).getGraph();
            Set<String> initializers = new HashSet<>();
            for (OnnxProtos.TensorProto t : graph.getInitializerList()) {
                initializers.add(t.getName());
            }
            Map<String, int[]> byName = new LinkedHashMap<>();
            int i = 0;
            for (OnnxProtos.ValueInfoProto v : graph.getInputList()) {
                if (!initializers.contains(v.getName()) && i < shapes.size()) {
                    byName.put(v.getName(), shapes.get(i++));
                }
            }
            return byName;
        } catch (InputFileException | InvalidProtocolBufferException e) {
            return Map.of();
        }
    }

    /** Each example input through ONNX Runtime and through the integer interpreter, compared. */
    static List<AccuracyReport> accuracy(byte[] onnx, Result r) throws FloatReferenceException {
        List<AccuracyReport> reports = new ArrayList<>();
        try (FloatReference ref = FloatReference.open(onnx)) {
            for (InputFile in : r.inputs()) {
                reports.add(AccuracyReport.measure(ref, r.model(), in));
            }
        }
        return reports;
    }
}
