package io.zkml4j.prover;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.compile.CircuitCompiler;
import io.zkml4j.prover.engine.Hiding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a test: the verifying-key size of every corpus model and bundled demo model at default settings ({@code CORPUS_DIR [LIMIT_KIB]}),
 * largest first, flagging those above the limit (default 64 KiB). The key is built as setup builds it
 * (metadata, the compiled circuit, a 32-byte model commitment) without committing to the weights, which
 * does not change its size.
 */
public final class VkScan {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/onnx-corpus");
        long limit = (args.length > 1 ? Long.parseLong(args[1]) : 64) * 1024;
        List<Path> models;
        if (corpus.toString().endsWith(".zkm")) { // one compiled model
            models = List.of(corpus);
        } else {
            try (Stream<Path> s = Files.list(corpus)) {
                models = s.filter(p -> Files.exists(p.resolve("network.onnx"))).sorted().toList();
            }
        }
        List<String> rows = new ArrayList<>();
        List<Object> all = new ArrayList<>(models);
        if (models.size() != 1 || !corpus.toString().endsWith(".zkm")) {
            all.addAll(io.zkml4j.model.demo.DemoModels.all()); // the bundled demo models too
        }
        for (Object o : all) {
            String name = o instanceof Path m ? m.getFileName().toString() : "demo " + ((io.zkml4j.model.demo.DemoModels.Demo) o).name();
            try {
                Graph g = null;
                InputFile in = null;
                QuantizedModel zkm = o instanceof Path m && m.toString().endsWith(".zkm") ? QuantizedModel.fromBytes(Files.readAllBytes(m)) : null;
                if (zkm != null) {
                    // compiled already
                } else if (o instanceof Path m) {
                    g = OnnxImporter.importModel(m.resolve("network.onnx"));
                    in = InputFile.read(m.resolve("input.json"), g);
                } else {
                    io.zkml4j.model.demo.DemoModels.Demo d = (io.zkml4j.model.demo.DemoModels.Demo) o;
                    g = OnnxImporter.importModel(d.onnx(), io.zkml4j.model.onnx.ImportOptions.DEFAULT);
                    in = InputFile.parse(d.inputJson(), g);
                }
                QuantizedModel q = zkm != null ? zkm : Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
                CircuitCompiler.Compiled c = CircuitCompiler.compile(q, false);
                List<VerifyingKey.Port> ins = new ArrayList<>();
                for (int i = 0; i < q.inputs().length; i++) {
                    ins.add(new VerifyingKey.Port(q.inputNames().get(i), q.inputSpec(i).shape(), q.inputSpec(i).scale()));
                }
                List<VerifyingKey.Port> outs = new ArrayList<>();
                for (int i = 0; i < q.outputs().length; i++) {
                    outs.add(new VerifyingKey.Port(q.outputNames().get(i), q.outputSpec(i).shape(), q.outputSpec(i).scale()));
                }
                VerifyingKey vk = new VerifyingKey(new VerifyingKey.Metadata(name, ins, outs), c.circuit(), new byte[32],
                        SecurityLevel.STANDARD, Hiding.withBudget(ProvingKey.DEFAULT_BUDGET), null);
                int size = vk.toBytes().length;
                String row = String.format(Locale.ROOT, "%8d B %6.1f KiB %s %s (%d layers)", size, size / 1024.0,
                        size > limit ? "OVER" : "    ", name, c.circuit().layers().size());
                System.out.println(row);
                rows.add(row);
            } catch (Exception | OutOfMemoryError e) {
                System.out.println("       -            -      " + name + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
        rows.sort(java.util.Comparator.reverseOrder());
        System.out.println("\nlargest:");
        rows.stream().limit(15).forEach(System.out::println);
    }
}
