package io.zkml4j.model.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.ModelChecks;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.model.reference.FloatReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own models: the checked-in files are exactly what the generator writes, they run in ONNX
 * Runtime, and the quantized integer model agrees with ONNX Runtime within the stated tolerance (relative
 * error ≤ 1%, argmax agreement) on the example input and on held-out inputs.
 */
class DemoModelsTest {

    static Stream<DemoModels.Demo> demos() {
        return DemoModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void checkedInFilesEqualTheGenerator(DemoModels.Demo d) {
        assertThat(DemoModels.checkedIn(d.name() + ".onnx")).as("regenerate with DemoModels.main").isEqualTo(d.onnx());
        assertThat(new String(DemoModels.checkedIn(d.name() + ".input.json"), StandardCharsets.UTF_8)).isEqualTo(d.inputJson());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void quantizedAgreesWithOnnxRuntime(DemoModels.Demo d) throws Exception {
        Graph g = OnnxImporter.importModel(d.onnx(), ImportOptions.DEFAULT);
        InputFile example = InputFile.parse(d.inputJson(), g);
        ModelChecks.assertLoweredMatches(d.onnx(), g, example);
        List<Map<String, float[]>> calibration = new ArrayList<>();
        calibration.add(example.byName());
        double lo = d.name().equals("credit-mlp") ? -2 : 0;
        double hi = d.name().equals("credit-mlp") ? 2 : 1;
        for (int s = 0; s < 4; s++) {
            calibration.add(ModelChecks.randomInputs(g, 100 + s, lo, hi).byName());
        }
        QuantizedModel q = Quantizer.quantize(g, calibration, QuantizationOptions.DEFAULT);
        try (FloatReference ref = FloatReference.open(d.onnx())) {
            List<InputFile> tests = new ArrayList<>();
            tests.add(example);
            for (int s = 0; s < 5; s++) {
                tests.add(ModelChecks.randomInputs(g, 200 + s, lo, hi));
            }
            for (InputFile in : tests) {
                AccuracyReport r = AccuracyReport.measure(ref, q, in);
                assertThat(r.worstRelativeError()).as("%s%n%s", d.name(), r).isLessThanOrEqualTo(0.01);
                assertThat(r.argmaxAgrees()).as("%s%n%s", d.name(), r).isTrue();
            }
        }
    }

    @Test
    void creditMlpLearnedSomething() {
        CreditData data = CreditData.generate(2000, 7);
        Mlp trained = Mlp.train(data, new int[] {16, 32, 16, 2}, 6, 0.02, 11);
        Mlp untrained = Mlp.train(data, new int[] {16, 32, 16, 2}, 0, 0.02, 11);
        CreditData heldOut = CreditData.generate(1000, 8);
        assertThat(trained.accuracy(heldOut)).isGreaterThan(0.85).isGreaterThan(untrained.accuracy(heldOut) + 0.2);
    }

    @Test
    void lenet5HasTheClassicSize() throws Exception {
        Graph g = OnnxImporter.importModel(DemoModels.lenet5().onnx(), ImportOptions.DEFAULT);
        assertThat(g.parameterCount()).isEqualTo(61_706);
        assertThat(g.outputs().get(0).shape()).containsExactly(1, 10);
    }

    @Test
    void aFixedBatchRunsEveryRow() throws Exception {
        DemoModels.Demo d = DemoModels.creditMlp();
        Graph g = OnnxImporter.importModel(d.onnx(), ImportOptions.batch(4));
        InputFile in = ModelChecks.randomInputs(g, 5, -2, 2);
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        assertThat(q.outputSpec(0).shape()).containsExactly(4, 2);
        try (FloatReference ref = FloatReference.open(d.onnx())) {
            AccuracyReport r = AccuracyReport.measure(ref, q, in);
            assertThat(r.outputs().get(0).rowLength()).isEqualTo(2);
            assertThat(r.worstRelativeError()).as("%s", r).isLessThanOrEqualTo(0.01);
            assertThat(r.argmaxAgrees()).isTrue();
        }
    }
}
