package io.zkml4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opening budget through the real command line: a key refuses the proof past its budget with one line
 * naming --rotate; 'setup --rotate' retires it and writes the new key, its verifying key and the rotation;
 * 'verify --rotation' accepts the new key's proofs as the original model's, and plain 'verify' does not.
 */
class BudgetCommandTest {
    @Test
    void budgetRefusalRotationAndVerificationThroughAChain(@TempDir Path dir) throws Exception {
        Path onnx = CliRun.bundled(dir, "small-cnn");
        Path input = dir.resolve("small-cnn.input.json");
        Path zkm = dir.resolve("small-cnn.zkm");
        assertThat(zkml("compile", onnx, "--input", input, "-o", zkm, "--quiet").exit()).isZero();
        CliRun setup = zkml("setup", zkm, "-o", dir, "--budget", "1", "--insecure-testing-only");
        assertThat(setup.exit()).as(setup.toString()).isZero();
        assertThat(setup.out()).contains("hides the weights for 1 proofs");
        Path pk = dir.resolve("small-cnn.pk");

        for (int i = 0; i < 2; i++) {
            CliRun prove = zkml("prove", "--pk", pk, "--input", input, "-o", dir.resolve("p" + i + ".zkml"), "--insecure-testing-only");
            assertThat(prove.exit()).as(prove.toString()).isZero();
        }
        CliRun refused = zkml("prove", "--pk", pk, "--input", input, "-o", dir.resolve("p2.zkml"), "--insecure-testing-only");
        assertThat(refused.exit()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(refused.errors().strip()).doesNotContain("\n").contains("zkml setup --rotate").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("p2.zkml"))).isFalse();

        CliRun rotate = zkml("setup", "--rotate", pk, "--insecure-testing-only");
        assertThat(rotate.exit()).as(rotate.toString()).isZero();
        Path rotation = dir.resolve("small-cnn.r1.zkrot");
        assertThat(rotation).exists();
        assertThat(dir.resolve("small-cnn.r1.vk")).exists();
        CliRun prove = zkml("prove", "--pk", pk, "--input", input, "-o", dir.resolve("q.zkml"), "--insecure-testing-only");
        assertThat(prove.exit()).as(prove.toString()).isZero();

        Path vk = dir.resolve("small-cnn.vk");
        CliRun plain = zkml("verify", "--vk", vk, dir.resolve("q.zkml"), "--insecure-testing-only");
        assertThat(plain.exit()).isEqualTo(ExitCode.REJECTED);
        CliRun chained = zkml("verify", "--vk", vk, "--rotation", rotation, dir.resolve("q.zkml"), "--insecure-testing-only");
        assertThat(chained.exit()).as(chained.toString()).isZero();
        assertThat(chained.out()).contains("ACCEPT").contains("rotations       1 checked");
        // a proof of the retired key still verifies through the chain
        assertThat(zkml("verify", "--vk", vk, "--rotation", rotation, dir.resolve("p0.zkml"), "--insecure-testing-only").exit()).isZero();

        // a rotation with one flipped byte (checksum recomputed by re-sealing through the API) is rejected, not an error
        var r = io.zkml4j.prover.Rotation.fromBytes(Files.readAllBytes(rotation));
        byte[] proof = r.proof();
        proof[proof.length / 2] ^= 4;
        Path bad = dir.resolve("bad.zkrot");
        Files.write(bad, new io.zkml4j.prover.Rotation(r.oldKeyDigest(), r.newKey(), proof).toBytes());
        CliRun tampered = zkml("verify", "--vk", vk, "--rotation", bad, dir.resolve("q.zkml"), "--insecure-testing-only");
        assertThat(tampered.exit()).as(tampered.toString()).isEqualTo(ExitCode.REJECTED);
        assertThat(tampered.out()).startsWith("REJECT: rotation 1 of 1");

        // the retired key's file says so
        CliRun again = zkml("setup", "--rotate", dir.resolve("small-cnn.pk"), "--insecure-testing-only", "--quiet");
        assertThat(again.exit()).isZero(); // the new key (same file) rotates on
        CliRun inspect = zkml("inspect", pk);
        assertThat(inspect.out()).contains("\"generation\" : 2");
    }

    @Test
    void aPublicWeightsKeyProvesWithoutABudgetAndSaysSo(@TempDir Path dir) throws Exception {
        Path onnx = CliRun.bundled(dir, "small-cnn");
        Path input = dir.resolve("small-cnn.input.json");
        Path zkm = dir.resolve("small-cnn.zkm");
        assertThat(zkml("compile", onnx, "--input", input, "-o", zkm, "--quiet").exit()).isZero();
        CliRun setup = zkml("setup", zkm, "-o", dir, "--public-weights", "--insecure-testing-only");
        assertThat(setup.exit()).as(setup.toString()).isZero();
        assertThat(setup.out()).contains("the weights are public (in the verifying key); no budget").contains("zero-knowledge  yes");
        Path pk = dir.resolve("small-cnn.pk");
        for (int i = 0; i < 3; i++) {
            CliRun prove = zkml("prove", "--pk", pk, "--input", input, "-o", dir.resolve("p" + i + ".zkml"), "--insecure-testing-only");
            assertThat(prove.exit()).as(prove.toString()).isZero();
            CliRun verify = zkml("verify", "--vk", dir.resolve("small-cnn.vk"), dir.resolve("p" + i + ".zkml"), "--insecure-testing-only");
            assertThat(verify.exit()).as(verify.toString()).isZero();
        }
        com.fasterxml.jackson.databind.JsonNode vk = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(zkml("inspect", dir.resolve("small-cnn.vk")).out());
        assertThat(vk.get("hiding").get("weights").asText()).startsWith("public");
        CliRun rotate = zkml("setup", "--rotate", pk, "--insecure-testing-only");
        assertThat(rotate.exit()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(rotate.errors()).contains("--public-weights").contains("no budget");
    }
}
