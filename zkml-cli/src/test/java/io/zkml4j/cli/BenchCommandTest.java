package io.zkml4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml4j.prover.Proof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code zkml bench} end to end, with one run per model (the numbers are not checked, only their consistency). */
class BenchCommandTest {
    @Test
    void benchOfAModelFileAsJson(@TempDir Path dir) throws Exception {
        Path onnx = CliRun.bundled(dir, "small-cnn");
        CliRun r = zkml("bench", onnx, "--runs", "1", "--warmup", "0", "--json", "--insecure-testing-only", "--quiet");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("settings").get("measuredRuns").asInt()).isEqualTo(1);
        JsonNode row = j.get("models").get(0);
        assertThat(row.get("model").asText()).isEqualTo("small-cnn");
        assertThat(row.get("proveMillis").asDouble()).isPositive();
        assertThat(row.get("verifyMillis").asDouble()).isPositive();
        assertThat(row.get("inferenceMillis").asDouble()).isPositive();
        assertThat(row.get("proveToInferenceRatio").asDouble())
                .isCloseTo(row.get("proveMillis").asDouble() / row.get("inferenceMillis").asDouble(), org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(row.get("peakHeapBytes").asLong()).isPositive();

        // The sizes are those of the files 'zkml setup' and 'zkml prove' write for the same model and input.
        Path zkm = dir.resolve("small-cnn.zkm");
        assertThat(zkml("compile", onnx, "--input", dir.resolve("small-cnn.input.json"), "-o", zkm, "--quiet").exit()).isZero();
        assertThat(zkml("setup", zkm, "-o", dir, "--insecure-testing-only", "--quiet").exit()).isZero();
        Path proof = dir.resolve("p.zkml");
        assertThat(zkml("prove", "--pk", dir.resolve("small-cnn.pk"), "--input", dir.resolve("small-cnn.input.json"), "--input-visibility",
                "public", "-o", proof, "--insecure-testing-only", "--quiet").exit()).isZero();
        assertThat(Proof.fromBytes(Files.readAllBytes(proof)).proof().length).isPositive();
        // Merkle batch openings of fresh random columns vary a little in size from proof to proof
        assertThat((double) row.get("proofBytes").asLong()).isCloseTo(Files.size(proof), org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(row.get("verifyingKeyBytes").asLong()).isEqualTo(Files.size(dir.resolve("small-cnn.vk")));
        assertThat(row.get("provingKeyBytes").asLong()).isEqualTo(Files.size(dir.resolve("small-cnn.pk")));
    }

    @Test
    void theDefaultTableHasTheBundledModels() {
        CliRun r = zkml("bench", "--runs", "1", "--warmup", "0", "--insecure-testing-only", "--quiet");
        assertThat(r.exit()).as(r.toString()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("model").contains("inference").contains("prove").contains("verify").contains("proof")
                .contains("peak heap").contains("prove/inference");
        assertThat(lines[1]).startsWith("small-cnn ");
        assertThat(lines[2]).startsWith("credit-mlp ");
        assertThat(lines[3]).startsWith("lenet5 ");
        assertThat(r.out()).contains("Times are medians of 1 runs");
    }

    @Test
    void aModelWithoutAnExampleInputIsAClearError(@TempDir Path dir) throws Exception {
        Path onnx = CliRun.bundled(dir, "small-cnn");
        Files.delete(dir.resolve("small-cnn.input.json"));
        CliRun r = zkml("bench", onnx, "--runs", "1");
        assertThat(r.exit()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.errors()).isEqualTo("zkml bench: no example input for '" + onnx + "': put small-cnn.input.json or input.json beside it\n");
    }
}
