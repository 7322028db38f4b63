package io.zkml4j.server;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.InputFileException;
import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.ModelFormatException;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model as uploaded: an ONNX file with calibration inputs (imported and quantized as {@code zkml compile}
 * does, dynamic batch axes fixed to 1), or a compiled {@code .zkm}. Every failure is a 400 or 422 naming it.
 */
final class ModelUpload {
    private ModelUpload() {
    }

    static QuantizedModel fromOnnx(byte[] onnx, List<String> calibrationJson) {
        if (calibrationJson.isEmpty()) {
            throw ApiError.badRequest("an ONNX model needs at least one calibration input: add a form field 'input' holding "
                    + "input JSON (the README's 'Input JSON' layouts), or upload a compiled model as 'zkm'");
        }
        Graph g;
        try {
            g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        } catch (ModelImportException | RuntimeException e) {
            throw new ApiError(422, "cannot import the ONNX model: " + e.getMessage());
        }
        List<Map<String, float[]>> calibration = new ArrayList<>();
        for (int i = 0; i < calibrationJson.size(); i++) {
            try {
                calibration.add(InputFile.parse(calibrationJson.get(i), g).byName());
            } catch (InputFileException e) {
                throw ApiError.badRequest("calibration input " + (i + 1) + ": " + e.getMessage());
            }
        }
        try {
            return Quantizer.quantize(g, calibration, QuantizationOptions.DEFAULT);
        } catch (ModelCompileException | RuntimeException e) {
            throw new ApiError(422, "cannot quantize the model: " + e.getMessage());
        }
    }

    static QuantizedModel fromZkm(byte[] zkm) {
        try {
            return QuantizedModel.fromBytes(zkm);
        } catch (ModelFormatException | RuntimeException e) {
            throw badRequest("'zkm' is not a compiled model (.zkm): " + e.getMessage());
        }
    }

    private static ApiError badRequest(String m) {
        return ApiError.badRequest(m);
    }
}
