package io.zkml4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.VerifyingKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four commands of the README walkthrough, through the real command line, at the standard security
 * level, on the bundled small CNN: compile, setup, prove (public and private input), verify, inspect. The
 * output a proof establishes is checked against the integer interpreter run independently on the
 * compiled model.
 */
class CommandFlowTest {
    @TempDir
    static Path dir;
    static Path onnx;
    static Path input;
    static CliRun compile;
    static CliRun setup;

    @BeforeAll
    static void compileAndSetUp() throws Exception {
        onnx = CliRun.bundled(dir, "small-cnn");
        input = dir.resolve("small-cnn.input.json");
        compile = zkml("compile", onnx, "--input", input, "-o", dir.resolve("small-cnn.zkm"));
        setup = zkml("setup", dir.resolve("small-cnn.zkm"), "-o", dir.resolve("keys"));
    }

    /** What the model computes on the example input, by the integer interpreter on the written .zkm. */
    static long[] expectedOutput() throws Exception {
        QuantizedModel q = QuantizedModel.fromBytes(Files.readAllBytes(dir.resolve("small-cnn.zkm")));
        float[] x = InputFile.parse(Files.readString(input),
                List.of(new ValueInfo(q.inputNames().get(0), DataType.FLOAT, q.inputSpec(0).shape()))).values().get(0);
        return IntegerInterpreter.run(q, new long[][] {q.quantizeInput(0, x)}).output(0);
    }

    @Test
    void compilePrintsAccuracyAndLayersAndWritesTheModel() throws Exception {
        assertThat(compile.exit()).as(compile.toString()).isZero();
        assertThat(compile.out()).contains("integers vs ONNX Runtime (float) on 1 input(s)").contains("argmax agrees")
                .contains("provable        yes").contains("Conv").contains("MaxPool").contains("2^-");
        QuantizedModel q = QuantizedModel.fromBytes(Files.readAllBytes(dir.resolve("small-cnn.zkm")));
        for (int i = 0; i < q.ops().size(); i++) {
            assertThat(compile.out()).as("layer %d listed with its scale", i)
                    .containsPattern("(?m)^\\s+" + i + "\\s+" + q.ops().get(i).kind() + "\\s.*2\\^-" + q.tensor(i).scale() + "\\s");
        }
        assertThat(compile.errors()).isEmpty();
    }

    @Test
    void setupWritesBothKeysAndPrintsTheCommitmentAndSecurity() throws Exception {
        assertThat(setup.exit()).as(setup.toString()).isZero();
        VerifyingKey vk = VerifyingKey.fromBytes(Files.readAllBytes(dir.resolve("keys/small-cnn.vk")));
        assertThat(Files.exists(dir.resolve("keys/small-cnn.pk"))).isTrue();
        assertThat(setup.out()).contains(vk.modelCommitmentHex()).contains(vk.digestHex()).contains("standard-100")
                .contains(vk.security().ligero().securityBits() + "-bit");
        assertThat(vk.security().ligero().securityBits()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void proveAndVerifyWithAPublicInput() throws Exception {
        Path proof = dir.resolve("public.zkml");
        CliRun prove = zkml("prove", "--pk", dir.resolve("keys/small-cnn.pk"), "--input", input, "--input-visibility", "public", "-o", proof);
        assertThat(prove.exit()).as(prove.toString()).isZero();
        assertThat(prove.out()).contains("public: written into the proof file").contains(proof.toString());
        CliRun verify = zkml("verify", "--vk", dir.resolve("keys/small-cnn.vk"), proof, "--json");
        assertThat(verify.exit()).as(verify.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(verify.out());
        assertThat(j.get("result").asText()).isEqualTo("ACCEPT");
        assertThat(integers(j.get("output").get("integers"))).containsExactly(expectedOutput());
        assertThat(j.get("input").get("visibility").asText()).isEqualTo("public");
        assertThat(j.get("input").get("integers").size()).isEqualTo(64);
    }

    @Test
    void proveAndVerifyWithAPrivateInputByDefault() throws Exception {
        Path proof = dir.resolve("private.zkml");
        CliRun prove = zkml("prove", "--pk", dir.resolve("keys/small-cnn.pk"), "--input", input, "-o", proof);
        assertThat(prove.exit()).as(prove.toString()).isZero();
        assertThat(prove.out()).contains("private: not in the proof file").contains("zero-knowledge  yes (every message is padded and the commitments hide");
        CliRun verify = zkml("verify", "--vk", dir.resolve("keys/small-cnn.vk"), proof);
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).startsWith("ACCEPT\n").contains("private");
        long[] expected = expectedOutput();
        QuantizedModel q = QuantizedModel.fromBytes(Files.readAllBytes(dir.resolve("small-cnn.zkm")));
        double[] values = q.dequantizeOutput(0, expected);
        assertThat(verify.out()).contains("scores [1, 3] = " + Text.number(values[0]) + " " + Text.number(values[1]));
        JsonNode inspect = new ObjectMapper().readTree(zkml("inspect", proof).out());
        assertThat(inspect.get("input").get("visibility").asText()).isEqualTo("private");
        assertThat(inspect.get("input").has("integers")).isFalse();
    }

    @Test
    void anInputOutsideTheCalibratedRangeIsClampedWithANote() throws Exception {
        QuantizedModel q = QuantizedModel.fromBytes(Files.readAllBytes(dir.resolve("small-cnn.zkm")));
        double max = Math.scalb((double) q.inputSpec(0).hi(), -q.inputSpec(0).scale());
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            values.append(i == 0 ? "" : ", ").append(i < 3 ? 10 * max : 0.0);
        }
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"input\": [" + values + "]}");
        CliRun prove = zkml("prove", "--pk", dir.resolve("keys/small-cnn.pk"), "--input", big, "-o", dir.resolve("big.zkml"));
        assertThat(prove.exit()).as(prove.toString()).isZero();
        assertThat(prove.err()).contains("note: 3 input value(s) lie outside the range the model was calibrated for");
        assertThat(prove.out()).contains("range limits    3 input value(s) at the limits of the calibrated range");
        CliRun verify = zkml("verify", "--vk", dir.resolve("keys/small-cnn.vk"), dir.resolve("big.zkml"));
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("range limits    3 input value(s) at the limits of the calibrated range").contains("(proved)");
        JsonNode j = new ObjectMapper().readTree(zkml("verify", "--vk", dir.resolve("keys/small-cnn.vk"), dir.resolve("big.zkml"), "--json").out());
        assertThat(j.get("input").get("valuesAtRangeLimits").asInt()).isEqualTo(3);
        CliRun strict = zkml("prove", "--pk", dir.resolve("keys/small-cnn.pk"), "--input", big, "-o", dir.resolve("strict.zkml"), "--strict");
        assertThat(strict.exit()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(strict.errors().strip()).doesNotContain("\n").contains("--strict refuses to clamp them");
        assertThat(Files.exists(dir.resolve("strict.zkml"))).isFalse();
        CliRun inRange = zkml("prove", "--pk", dir.resolve("keys/small-cnn.pk"), "--input", input, "-o", dir.resolve("ok.zkml"));
        assertThat(inRange.err()).doesNotContain("clamped");
    }

    @Test
    void inspectDescribesEveryArtifact() throws Exception {
        zkml("prove", "--pk", dir.resolve("keys/small-cnn.pk"), "--input", input, "-o", dir.resolve("i.zkml"), "--input-visibility", "public");
        VerifyingKey vk = VerifyingKey.fromBytes(Files.readAllBytes(dir.resolve("keys/small-cnn.vk")));
        ObjectMapper m = new ObjectMapper();
        record Expect(Path file, String kind, String format) {
        }
        for (Expect e : List.of(new Expect(dir.resolve("small-cnn.zkm"), "compiled-model", "zkml4j.quantized-model"),
                new Expect(dir.resolve("keys/small-cnn.pk"), "proving-key", "zkml4j.proving-key"),
                new Expect(dir.resolve("keys/small-cnn.vk"), "verifying-key", "zkml4j.verifying-key"),
                new Expect(dir.resolve("i.zkml"), "proof", "zkml4j.proof"))) {
            CliRun r = zkml("inspect", e.file());
            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode j = m.readTree(r.out());
            assertThat(j.get("kind").asText()).isEqualTo(e.kind());
            assertThat(j.get("format").asText()).isEqualTo(e.format());
            assertThat(j.get("formatVersion").asInt()).isEqualTo(e.file().toString().endsWith(".zkm") ? 1 : io.zkml4j.prover.Zkml.FORMAT_VERSION);
            assertThat(j.get("sizeBytes").asLong()).isEqualTo(Files.size(e.file()));
        }
        JsonNode vkJson = m.readTree(zkml("inspect", dir.resolve("keys/small-cnn.vk")).out());
        assertThat(vkJson.get("modelCommitment").asText()).isEqualTo(vk.modelCommitmentHex());
        assertThat(vkJson.get("security").get("bits").asInt()).isEqualTo(vk.security().ligero().securityBits());
        assertThat(vkJson.get("zeroKnowledge").asBoolean()).isTrue();
        assertThat(integers(vkJson.get("input").get("shape"))).containsExactly(1, 1, 8, 8);
        assertThat(integers(vkJson.get("output").get("shape"))).containsExactly(1, 3);
        JsonNode pkJson = m.readTree(zkml("inspect", dir.resolve("keys/small-cnn.pk")).out());
        assertThat(pkJson.get("verifyingKeyDigest").asText()).isEqualTo(vk.digestHex());
        JsonNode zkm = m.readTree(zkml("inspect", dir.resolve("small-cnn.zkm")).out());
        QuantizedModel q = QuantizedModel.fromBytes(Files.readAllBytes(dir.resolve("small-cnn.zkm")));
        assertThat(zkm.get("ops").size()).isEqualTo(q.ops().size());
        assertThat(zkm.get("inputs").get(0).get("scale").asInt()).isEqualTo(q.inputSpec(0).scale());
        JsonNode proof = m.readTree(zkml("inspect", dir.resolve("i.zkml")).out());
        assertThat(proof.get("verifyingKeyDigest").asText()).isEqualTo(vk.digestHex());
        assertThat(integers(proof.get("output").get("integers"))).containsExactly(expectedOutput());
        assertThat(proof.has("modelCommitment")).isFalse();
        JsonNode withKey = m.readTree(zkml("inspect", dir.resolve("i.zkml"), "--vk", dir.resolve("keys/small-cnn.vk")).out());
        assertThat(withKey.get("modelCommitment").asText()).isEqualTo(vk.modelCommitmentHex());
        assertThat(withKey.get("security").get("bits").asInt()).isEqualTo(vk.security().ligero().securityBits());
        assertThat(integers(withKey.get("output").get("shape"))).containsExactly(1, 3);
    }

    @Test
    void helpAndVersionWorkOnEveryCommand() {
        for (String cmd : List.of("compile", "setup", "prove", "verify", "inspect", "demo", "bench")) {
            CliRun help = zkml(cmd, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).as(cmd).startsWith("Usage: zkml " + cmd).contains("--quiet").doesNotContain("--insecure");
        }
        CliRun version = zkml("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("zkml ").doesNotContain("${");
    }

    static long[] integers(JsonNode array) {
        long[] v = new long[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asLong();
        }
        return v;
    }
}
