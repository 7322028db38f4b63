package io.zkml4j.bench.table;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table's arithmetic and rendering (the measurement itself runs end to end in zkml-cli's BenchCommandTest). */
class BenchmarkTableTest {
    static BenchmarkRow row(String model, double inference, double prove) {
        return new BenchmarkRow(model, 1234, 7, "standard-100", 100, inference, 50, prove, 12.5, 300_000, 2_000, 9_000,
                200L << 20, 5);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(BenchmarkTable.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(BenchmarkTable.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(BenchmarkTable.median(new double[] {7})).isEqualTo(7);
    }

    @Test
    void ratioIsProveOverInference() {
        assertThat(row("m", 0.5, 400).proveToInferenceRatio()).isEqualTo(800);
    }

    @Test
    void unitsKeepThreeSignificantDigits() {
        assertThat(Units.millis(0.01234)).isEqualTo("0.0123 ms");
        assertThat(Units.millis(12.345)).isEqualTo("12.3 ms");
        assertThat(Units.millis(412.4)).isEqualTo("412 ms");
        assertThat(Units.millis(1890)).isEqualTo("1.89 s");
        assertThat(Units.bytes(999)).isEqualTo("999 B");
        assertThat(Units.bytes(2048)).isEqualTo("2.00 KiB");
        assertThat(Units.bytes(307 * 1024 + 100)).isEqualTo("307 KiB");
        assertThat(Units.bytes(3L << 30)).isEqualTo("3.00 GiB");
    }

    @Test
    void textAndMarkdownHaveOneLinePerModelUnderOneHeader() {
        List<BenchmarkRow> rows = List.of(row("small-cnn", 0.25, 500), row("lenet5", 0.5, 1500));
        String[] text = BenchmarkTable.formatText(rows).split("\n");
        assertThat(text).hasSize(3);
        assertThat(text[0]).startsWith("model ").endsWith("security");
        assertThat(text[1]).startsWith("small-cnn ").contains("500 ms").contains("2000x").contains("293 KiB").endsWith("100 bits");
        assertThat(text[2]).startsWith("lenet5 ").contains("1.50 s").contains("3000x");
        assertThat(text[1].indexOf("500 ms") + 6).as("numbers are right-aligned").isEqualTo(text[2].indexOf("1.50 s") + 6);
        String[] md = BenchmarkTable.formatMarkdown(rows).split("\n");
        assertThat(md).hasSize(4);
        assertThat(md[1]).startsWith("|---|---:|");
        assertThat(md[3]).startsWith("| lenet5 | 1234 |");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new BenchmarkSettings(0, 0, BenchmarkSettings.DEFAULT.security()))
                .hasMessageContaining("measured runs");
        assertThatThrownBy(() -> new BenchmarkSettings(-1, 3, BenchmarkSettings.DEFAULT.security()))
                .hasMessageContaining("warm-up runs");
    }

    @Test
    void modelNamesComeFromTheFileOrItsFolder() {
        assertThat(BenchmarkModel.displayName(Path.of("/x/3l_relu_conv_fc/network.onnx"))).isEqualTo("3l_relu_conv_fc");
        assertThat(BenchmarkModel.displayName(Path.of("models/lenet.onnx"))).isEqualTo("lenet");
        assertThat(BenchmarkModel.bundled()).extracting(BenchmarkModel::name).containsExactly("small-cnn", "credit-mlp", "lenet5");
        assertThatThrownBy(() -> BenchmarkModel.bundled("vgg16")).hasMessageContaining("no bundled model 'vgg16'");
    }
}
