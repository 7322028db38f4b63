package io.zkml4j.prover.api;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;

import java.util.List;

/** The bundled small CNN, imported and quantized on its example input, for the API tests. */
record SmallCnn(QuantizedModel model, long[] input) {
    static SmallCnn load() throws Exception {
        DemoModels.Demo demo = DemoModels.smallCnn();
        Graph g = OnnxImporter.importModel(demo.onnx(), ImportOptions.DEFAULT);
        InputFile in = InputFile.parse(demo.inputJson(), g);
        QuantizedModel model = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        return new SmallCnn(model, model.quantizeInputs(in.arrays())[0]);
    }
}
