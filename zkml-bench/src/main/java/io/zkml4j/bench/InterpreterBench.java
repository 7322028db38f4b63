package io.zkml4j.bench;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.model.reference.FloatReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One inference of the exact integer interpreter next to one ONNX Runtime float inference (CPU, one
 * thread) of the same model and input. Models: the project's LeNet-5 and credit MLP, and the largest CNN
 * ({@code idolmodel}) and MLP ({@code accuracy}) of the shared corpus, found at {@code -Dzkml.corpus=DIR}
 * or {@code ../shared/onnx-corpus} above the working directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpreterBench {

    @Param({"lenet5", "credit-mlp", "corpus:idolmodel", "corpus:accuracy"})
    public String model;

    private QuantizedModel quantized;
    private long[][] integerInput;
    private FloatReference onnxRuntime;
    private Map<String, float[]> floatInput;
    private Map<String, int[]> shapes;

    @Setup
    public void setup() throws Exception {
        byte[] onnx;
        String json;
        if (model.startsWith("corpus:")) {
            Path dir = corpus().resolve(model.substring("corpus:".length()));
            onnx = Files.readAllBytes(dir.resolve("network.onnx"));
            json = Files.readString(dir.resolve("input.json"), StandardCharsets.UTF_8);
        } else {
            onnx = DemoModels.checkedIn(model + ".onnx");
            json = new String(DemoModels.checkedIn(model + ".input.json"), StandardCharsets.UTF_8);
        }
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        InputFile in = InputFile.parse(json, g);
        quantized = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        integerInput = quantized.quantizeInputs(in.arrays());
        floatInput = in.byName();
        shapes = in.shapesByName();
        onnxRuntime = FloatReference.open(onnx);
    }

    static Path corpus() {
        String prop = System.getProperty("zkml.corpus");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/onnx-corpus");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new IllegalStateException("no ONNX corpus found: run with -Dzkml.corpus=DIR or -p model=lenet5,credit-mlp");
    }

    @TearDown
    public void close() {
        if (onnxRuntime != null) {
            onnxRuntime.close();
        }
    }

    /** The exact integer inference, every tensor kept (the prover's witness). */
    @Benchmark
    public long[] integerInterpreter() {
        return IntegerInterpreter.run(quantized, integerInput).output(0);
    }

    /** The float reference: ONNX Runtime on the original model, input tensors created per call. */
    @Benchmark
    public Map<String, double[]> onnxRuntimeFloat() throws Exception {
        return onnxRuntime.run(floatInput, shapes);
    }
}
