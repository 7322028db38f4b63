package io.zkml4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.interp.Trace;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.model.reference.FloatReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's walkthrough, on files, as the CLI will call it. */
class ApiWalkthroughTest {

    @Test
    void fromOnnxFileToZkmAndBack(@TempDir Path dir) throws Exception {
        DemoModels.writeAll(dir);
        Path onnx = dir.resolve("lenet5.onnx");
        Graph graph = OnnxImporter.importModel(onnx);
        InputFile input = InputFile.read(dir.resolve("lenet5.input.json"), graph);
        QuantizedModel model = Quantizer.quantize(graph, List.of(input.byName()), QuantizationOptions.DEFAULT);
        Files.write(dir.resolve("model.zkm"), model.toBytes());
        QuantizedModel again = QuantizedModel.fromBytes(Files.readAllBytes(dir.resolve("model.zkm")));

        long[][] q = again.quantizeInputs(input.arrays());
        Trace trace = IntegerInterpreter.run(again, q);
        assertThat(trace.values().length).isEqualTo(again.ops().size());
        double[] y = again.dequantizeOutput(0, trace.output(0));
        assertThat(y).hasSize(10);
        assertThat(again.architectureBytes()).isEqualTo(model.architectureBytes());

        try (FloatReference ort = FloatReference.open(onnx)) {
            AccuracyReport report = AccuracyReport.measure(ort, again, input);
            assertThat(report.outputs().get(0).quantized()).isEqualTo(y);
            assertThat(report.worstRelativeError()).isLessThan(0.01);
            assertThat(report.toString()).contains("logits", "agree");
        }
    }
}
