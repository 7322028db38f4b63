package io.zkml4j.cli;

import io.zkml4j.prover.Proof;
import io.zkml4j.prover.VerifyingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code zkml demo}: the default run (credit MLP, standard security) and the small CNN; the files it leaves verify. */
class DemoCommandTest {
    @Test
    void theDefaultDemoAcceptsTheHonestProofAndRejectsBothForgeries(@TempDir Path dir) throws Exception {
        CliRun r = zkml("demo", "--dir", dir);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("credit-mlp").contains("4. verify").contains("ACCEPT: probabilities")
                .containsPattern("5\\. tamper .* -> REJECT: \\S").containsPattern("6\\. forge .* -> REJECT: \\S")
                .contains("the file is refused: checksum mismatch").contains("100-bit soundness").doesNotContain("FAILED");
        assertThat(r.errors()).isEmpty();
        // The files it leaves are the ones the printed commands use, and they verify with the real command.
        CliRun verify = zkml("verify", "--vk", dir.resolve("credit-mlp.vk"), dir.resolve("credit-mlp.zkml"));
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(r.out()).contains("./zkml verify --vk " + dir.resolve("credit-mlp.vk") + " " + dir.resolve("credit-mlp.zkml"));
        assertThat(zkml("verify", "--vk", dir.resolve("credit-mlp.vk"), dir.resolve("credit-mlp.tampered.zkml")).exit())
                .isEqualTo(ExitCode.REJECTED);
        assertThat(zkml("verify", "--vk", dir.resolve("credit-mlp.vk"), dir.resolve("credit-mlp.forged.zkml")).exit())
                .isEqualTo(ExitCode.REJECTED);
    }

    @Test
    void theSmallCnnDemoPrintsTimesAndSizes(@TempDir Path dir) throws Exception {
        CliRun r = zkml("demo", "--model", "small-cnn", "--dir", dir, "--insecure-testing-only", "--seed", "3");
        assertThat(r.exit()).as(r.toString()).isZero();
        long proofSize = Files.size(dir.resolve("small-cnn.zkml"));
        assertThat(r.out()).contains("small-cnn.zkml (" + io.zkml4j.bench.table.Units.bytes(proofSize) + ")")
                .containsPattern("3\\. prove +[0-9.]+ m?s ");
        VerifyingKey vk = VerifyingKey.fromBytes(Files.readAllBytes(dir.resolve("small-cnn.vk")));
        assertThat(r.out()).contains("model commitment " + vk.modelCommitmentHex().substring(0, 16));
        assertThat(Proof.fromBytes(Files.readAllBytes(dir.resolve("small-cnn.zkml"))).vkDigestHex()).isEqualTo(vk.digestHex());
    }
}
