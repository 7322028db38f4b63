package io.zkml4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml4j.prover.engine.HashedTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hashed inputs through the real command line: prove writes (or reuses) the input's seed file and the proof
 * carries the input's commitment; verify and inspect show it; commit-input recomputes it from the input and
 * the seed; the seed file counts proofs and refuses past the commitment's budget.
 */
class HashedInputCommandTest {
    @Test
    void hashedInputProofsLinkTheSameInputAndTheSeedFileKeepsTheBudget(@TempDir Path dir) throws Exception {
        Path onnx = CliRun.bundled(dir, "small-cnn");
        Path input = dir.resolve("small-cnn.input.json");
        Path zkm = dir.resolve("small-cnn.zkm");
        assertThat(zkml("compile", onnx, "--input", input, "-o", zkm, "--quiet").exit()).isZero();
        assertThat(zkml("setup", zkm, "-o", dir, "--budget", "64", "--insecure-testing-only", "--quiet").exit()).isZero();
        Path pk = dir.resolve("small-cnn.pk");
        Path vk = dir.resolve("small-cnn.vk");
        ObjectMapper m = new ObjectMapper();

        String first = null;
        for (int i = 0; i < HashedTensor.INPUT_BUDGET; i++) {
            Path proof = dir.resolve("h" + i + ".zkml");
            CliRun prove = zkml("prove", "--pk", pk, "--input", input, "--input-visibility", "hashed", "-o", proof, "--insecure-testing-only");
            assertThat(prove.exit()).as(prove.toString()).isZero();
            assertThat(prove.out()).contains("hashed: commitment").contains("small-cnn.input.seed");
            JsonNode v = m.readTree(zkml("verify", "--vk", vk, proof, "--json", "--insecure-testing-only").out());
            assertThat(v.get("result").asText()).isEqualTo("ACCEPT");
            assertThat(v.get("input").get("visibility").asText()).isEqualTo("hashed");
            String commitment = v.get("input").get("commitment").asText();
            if (first == null) {
                first = commitment;
            }
            assertThat(commitment).as("the same input and seed: the same commitment").isEqualTo(first);
        }
        assertThat(Files.exists(dir.resolve("small-cnn.input.seed"))).isTrue();
        JsonNode opened = m.readTree(zkml("commit-input", "--vk", vk, "--input", input, "--json").out());
        assertThat(opened.get("inputCommitment").asText()).isEqualTo(first);
        assertThat(opened.get("proofsWithThisSeed").asInt()).isEqualTo(HashedTensor.INPUT_BUDGET);
        JsonNode inspected = m.readTree(zkml("inspect", dir.resolve("h0.zkml")).out());
        assertThat(inspected.get("input").get("commitment").asText()).isEqualTo(first);

        CliRun spent = zkml("prove", "--pk", pk, "--input", input, "--input-visibility", "hashed", "-o", dir.resolve("x.zkml"),
                "--insecure-testing-only");
        assertThat(spent.exit()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(spent.errors().strip()).doesNotContain("\n").contains("all it hides").contains("new seed file");

        Path other = dir.resolve("other.seed");
        CliRun fresh = zkml("prove", "--pk", pk, "--input", input, "--input-visibility", "hashed", "--input-seed", other,
                "-o", dir.resolve("o.zkml"), "--insecure-testing-only", "--quiet");
        assertThat(fresh.exit()).as(fresh.toString()).isZero();
        JsonNode o = m.readTree(zkml("verify", "--vk", vk, dir.resolve("o.zkml"), "--json", "--insecure-testing-only").out());
        assertThat(o.get("input").get("commitment").asText()).as("another seed: another commitment").isNotEqualTo(first);

        CliRun misuse = zkml("prove", "--pk", pk, "--input", input, "--input-seed", other, "-o", dir.resolve("y.zkml"), "--insecure-testing-only");
        assertThat(misuse.exit()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(misuse.errors()).contains("--input-seed is for --input-visibility hashed");
    }

    @Test
    void aHashedOutputIsOnlyACommitmentInTheFileAndItsSeedFileOpensIt(@TempDir Path dir) throws Exception {
        Path onnx = CliRun.bundled(dir, "small-cnn");
        Path input = dir.resolve("small-cnn.input.json");
        Path zkm = dir.resolve("small-cnn.zkm");
        assertThat(zkml("compile", onnx, "--input", input, "-o", zkm, "--quiet").exit()).isZero();
        assertThat(zkml("setup", zkm, "-o", dir, "--insecure-testing-only", "--quiet").exit()).isZero();
        Path pk = dir.resolve("small-cnn.pk");
        Path vk = dir.resolve("small-cnn.vk");
        Path proof = dir.resolve("h.zkml");
        CliRun prove = zkml("prove", "--pk", pk, "--input", input, "--output-visibility", "hashed", "-o", proof, "--insecure-testing-only");
        assertThat(prove.exit()).as(prove.toString()).isZero();
        assertThat(prove.out()).contains("(hashed: not in the proof file)").contains("h.output.seed");
        ObjectMapper m = new ObjectMapper();
        JsonNode v = m.readTree(zkml("verify", "--vk", vk, proof, "--json", "--insecure-testing-only").out());
        assertThat(v.get("result").asText()).isEqualTo("ACCEPT");
        assertThat(v.get("output").get("visibility").asText()).isEqualTo("hashed");
        assertThat(v.get("output").has("integers")).isFalse();
        JsonNode inspected = m.readTree(zkml("inspect", proof).out());
        assertThat(inspected.get("output").get("commitment").asText()).isEqualTo(v.get("output").get("commitment").asText());

        CliRun open = zkml("open-output", "--vk", vk, proof, "--json", "--insecure-testing-only");
        assertThat(open.exit()).as(open.toString()).isZero();
        JsonNode opened = m.readTree(open.out());
        assertThat(opened.get("result").asText()).isEqualTo("OPENED");
        JsonNode plain = m.readTree(zkml("prove", "--pk", pk, "--input", input, "-o", dir.resolve("p.zkml"), "--insecure-testing-only",
                "--quiet").exit() == 0 ? zkml("verify", "--vk", vk, dir.resolve("p.zkml"), "--json", "--insecure-testing-only").out() : "{}");
        assertThat(opened.get("integers")).isEqualTo(plain.get("output").get("integers"));

        // a seed file with another output does not open it
        Path seedFile = dir.resolve("h.output.seed");
        JsonNode seed = m.readTree(Files.readString(seedFile));
        ((com.fasterxml.jackson.databind.node.ArrayNode) seed.get("output")).set(0,
                m.getNodeFactory().numberNode(seed.get("output").get(0).asLong() + 1));
        Files.writeString(seedFile, m.writeValueAsString(seed));
        CliRun wrong = zkml("open-output", "--vk", vk, proof, "--insecure-testing-only");
        assertThat(wrong.exit()).isEqualTo(ExitCode.REJECTED);
        assertThat(wrong.out()).startsWith("REJECT: ").contains("not what the proof's output commitment holds");
    }
}
