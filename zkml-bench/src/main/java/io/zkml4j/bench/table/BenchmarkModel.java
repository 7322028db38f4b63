package io.zkml4j.bench.table;

import io.zkml4j.model.demo.DemoModels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model to benchmark: a name for the table, the ONNX bytes, and one example input (JSON, any layout
 * {@code InputFile} reads) used both to calibrate the quantization and as the proved input.
 */
public record BenchmarkModel(String name, byte[] onnx, String inputJson) {
    /** The bundled models in the order of the table: smallest first. */
    public static final List<String> BUNDLED = List.of("small-cnn", "credit-mlp", "lenet5");

    /** A bundled model by name (see {@link DemoModels}), from the copies checked in as resources. */
    public static BenchmarkModel bundled(String name) {
        if (!BUNDLED.contains(name)) {
            throw new IllegalArgumentException("no bundled model '" + name + "'; the bundled models are " + BUNDLED);
        }
        return new BenchmarkModel(name, DemoModels.checkedIn(name + ".onnx"),
                new String(DemoModels.checkedIn(name + ".input.json"), StandardCharsets.UTF_8));
    }

    public static List<BenchmarkModel> bundled() {
        List<BenchmarkModel> all = new ArrayList<>();
        for (String n : BUNDLED) {
            all.add(bundled(n));
        }
        return all;
    }

    /** A model file and its example input; the name is the file's stem, or its folder's name for {@code network.onnx}. */
    public static BenchmarkModel fromFiles(Path onnx, Path inputJson) throws IOException {
        return new BenchmarkModel(displayName(onnx), Files.readAllBytes(onnx), Files.readString(inputJson));
    }

    /**
     * What a model file is called in tables: its stem ({@code lenet.onnx} → {@code lenet}), or the name of
     * its folder when the stem says nothing ({@code 3l_relu_conv_fc/network.onnx} → {@code 3l_relu_conv_fc}).
     */
    public static String displayName(Path onnx) {
        String file = onnx.getFileName().toString();
        String stem = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        Path parent = onnx.toAbsolutePath().getParent();
        if (List.of("network", "model").contains(stem) && parent != null && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        return stem;
    }
}
