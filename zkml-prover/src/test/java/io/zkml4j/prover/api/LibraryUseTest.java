package io.zkml4j.prover.api;

import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.format.FileFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java API as the README shows it: a two-input model from ONNX, keys and proofs saved and loaded with
 * {@code read(Path)}/{@code write(Path)}, and {@code toString()}s a person can read (no weights, no arrays).
 */
class LibraryUseTest {
    @TempDir
    Path dir;

    /** y = Softmax((a + b)·W): two inputs, one classifier output. */
    static byte[] twoInputs() {
        return new OnnxBuilder("pair", 13).input("a", 1, 4).input("b", 1, 4).output("y")
                .initializer("w", new int[] {4, 3}, 0.5f, -0.25f, 0.125f, 1f, 0.75f, -0.5f, 0.25f, 0.5f, -1f, 0.1f, 0.2f, 0.3f)
                .node("Add", List.of("a", "b"), List.of("s")).node("MatMul", List.of("s", "w"), List.of("z"))
                .node("Softmax", List.of("z"), List.of("y"), "axis", -1L).toBytes();
    }

    @Test
    void aTwoInputModelThroughFilesAsTheReadmeShowsIt() throws Exception {
        Path onnx = dir.resolve("pair.onnx");
        Files.write(onnx, twoInputs());
        Files.writeString(dir.resolve("input.json"), "{\"a\": [0.5, 1, -0.5, 0.25], \"b\": [0.1, 0.2, 0.3, 0.4]}");

        Graph g = OnnxImporter.importModel(onnx);
        InputFile in = InputFile.read(dir.resolve("input.json"), g);
        QuantizedModel model = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        model.write(dir.resolve("pair.zkm"));
        ProvingKey pk = Zkml.setup(QuantizedModel.read(dir.resolve("pair.zkm")), "pair", SecurityLevel.TESTING_ONLY_INSECURE);
        pk.write(dir.resolve("keys/pair.pk"));
        pk.verifyingKey().write(dir.resolve("keys/pair.vk"));

        ProvingKey prover = ProvingKey.read(dir.resolve("keys/pair.pk"));
        Proof proof = Zkml.prove(prover, in.arrays(), Visibility.PRIVATE);     // float[][]: one array per input
        proof.write(dir.resolve("out.zkml"));
        assertThat(ProvingKey.read(dir.resolve("keys/pair.pk")).openingsUsed()).as("the count is in the file").isEqualTo(1);

        VerifyingKey vk = VerifyingKey.read(dir.resolve("keys/pair.vk"));
        VerifiedOutput out = Zkml.verify(vk, Proof.read(dir.resolve("out.zkml")));
        assertThat(out.name()).isEqualTo("y");
        assertThat(out.values()).hasSize(3);
        assertThat(java.util.Arrays.stream(out.values()).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));

        // what a person sees
        assertThat(out.toString()).matches("y \\[1, 3\\] = \\S+ \\S+ \\S+ \\(argmax [0-2]\\)");
        assertThat(proof.toString()).matches("Proof\\[key [0-9a-f]{16}…, private input, 3 output values, proof [0-9.]+ KiB\\]");
        assertThat(vk.toString()).startsWith("VerifyingKey[model 'pair', a [1, 4], b [1, 4] -> y [1, 3], commitment ")
                .contains("testing-only-insecure (").contains("hides the weights for 8 proofs").hasSizeLessThan(300);
        assertThat(prover.toString()).isEqualTo("ProvingKey[model 'pair', " + model.parameterCount()
                + " parameters, 1 of 8 proofs made, generation 0, file " + dir.resolve("keys/pair.pk") + "]");
        Proof pub = Zkml.prove(prover, in.arrays(), Visibility.PUBLIC);
        assertThat(pub.toString()).contains("public input of 8 values");
    }

    @Test
    void readingTheWrongKindOfFileIsAFormatError() throws Exception {
        Path onnx = dir.resolve("pair.onnx");
        Files.write(onnx, twoInputs());
        assertThatThrownBy(() -> VerifyingKey.read(onnx)).isInstanceOf(FileFormatException.class);
        assertThatThrownBy(() -> Proof.read(onnx)).isInstanceOf(FileFormatException.class);
        assertThatThrownBy(() -> Proof.read(dir.resolve("missing.zkml"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aScoreOutputHasNoArgmaxInItsText() throws Exception {
        byte[] onnx = new OnnxBuilder("score", 13).input("x", 1, 2).output("p").initializer("w", new int[] {2, 1}, 0.5f, -0.5f)
                .node("MatMul", List.of("x", "w"), List.of("z")).node("Sigmoid", List.of("z"), List.of("p")).toBytes();
        Graph g = OnnxImporter.importModel(onnx, ImportOptions.DEFAULT);
        InputFile in = InputFile.parse("{\"input\": [1, 2]}", g);
        QuantizedModel model = Quantizer.quantize(g, List.of(in.byName()), QuantizationOptions.DEFAULT);
        ProvingKey pk = Zkml.setup(model, "score", SecurityLevel.TESTING_ONLY_INSECURE, 0);
        VerifiedOutput out = Zkml.verify(pk.verifyingKey(), Zkml.prove(pk, in.arrays(), Visibility.PRIVATE));
        assertThat(out.toString()).startsWith("p [1, 1] = 0.37").doesNotContain("argmax");
        assertThat(pk.toString()).contains("no budget (does not hide)");
        assertThat(pk.verifyingKey().toString()).contains("does not hide (--no-zk)");
    }
}
