package io.zkml4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.VerifyingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files of the current format versions, checked in under {@code src/test/resources/golden/}: the
 * bundled small CNN compiled ({@code .zkm}), set up ({@code .pk}, {@code .vk}) and proved on its example input
 * as a public input ({@code .zkml}), at the testing-only security level to keep them small. They must keep
 * reading and verifying: a change that breaks them changes a file format or the proof system, and must
 * raise the format version (and then regenerate them).
 *
 * <p>Regenerate only on purpose, with the {@code regenerate-golden} profile:
 * <pre>
 *   mvn -pl zkml-cli -am test -Pregenerate-golden -Dtest=GoldenFilesTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class GoldenFilesTest {
    static final String NAME = "small-cnn";

    static byte[] golden(String extension) throws IOException {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + NAME + extension)) {
            assertThat(in).as("golden file %s%s on the test class path", NAME, extension).isNotNull();
            return in.readAllBytes();
        }
    }

    static Path copy(Path dir, String extension) throws IOException {
        Path p = dir.resolve(NAME + extension);
        Files.write(p, golden(extension));
        return p;
    }

    @Test
    void theGoldenProofVerifiesAndEstablishesTheModelsOutput(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        CliRun r = zkml("verify", "--vk", copy(dir, ".vk"), copy(dir, ".zkml"), "--json", "--insecure-testing-only");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("result").asText()).isEqualTo("ACCEPT");

        // What the golden model computes on the bundled example input, by the integer interpreter.
        QuantizedModel q = QuantizedModel.fromBytes(golden(".zkm"));
        String json = new String(DemoModels.checkedIn(NAME + ".input.json"), StandardCharsets.UTF_8);
        float[] x = InputFile.parse(json, List.of(new ValueInfo(q.inputNames().get(0), DataType.FLOAT, q.inputSpec(0).shape())))
                .values().get(0);
        long[] input = q.quantizeInput(0, x);
        long[] expected = IntegerInterpreter.run(q, new long[][] {input}).output(0);
        assertThat(CommandFlowTest.integers(j.get("input").get("integers"))).containsExactly(input);
        assertThat(CommandFlowTest.integers(j.get("output").get("integers"))).containsExactly(expected);
    }

    @Test
    void theGoldenKeysBelongTogether() throws Exception {
        VerifyingKey vk = VerifyingKey.fromBytes(golden(".vk"));
        ProvingKey pk = ProvingKey.fromBytes(golden(".pk"));
        assertThat(pk.verifyingKey().digestHex()).isEqualTo(vk.digestHex());
        assertThat(Proof.fromBytes(golden(".zkml")).vkDigestHex()).isEqualTo(vk.digestHex());
        assertThat(pk.model().toBytes()).isEqualTo(golden(".zkm"));
    }

    @Test
    void inspectReadsEveryGoldenFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ObjectMapper m = new ObjectMapper();
        for (String ext : List.of(".zkm", ".pk", ".vk", ".zkml")) {
            CliRun r = zkml("inspect", copy(dir, ext));
            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode j = m.readTree(r.out());
            assertThat(j.get("formatVersion").asInt()).as(ext).isEqualTo(ext.equals(".zkm") ? 1 : io.zkml4j.prover.Zkml.FORMAT_VERSION);
            assertThat(j.get("sizeBytes").asInt()).isEqualTo(golden(ext).length);
        }
        JsonNode vk = m.readTree(zkml("inspect", copy(dir, ".vk")).out());
        assertThat(vk.get("security").get("testingOnly").asBoolean()).isTrue();
        assertThat(vk.get("model").asText()).isEqualTo(NAME);
    }

    /** Writes the golden files with the real commands; runs only with the regenerate-golden profile. */
    @Test
    @EnabledIfSystemProperty(named = "zkml.regenerateGolden", matches = ".+")
    void regenerate(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        Path out = Path.of(System.getProperty("zkml.regenerateGolden"));
        Files.createDirectories(out);
        Path onnx = CliRun.bundled(work, NAME);
        Path input = work.resolve(NAME + ".input.json");
        Path zkm = out.resolve(NAME + ".zkm");
        for (CliRun r : new CliRun[] {
                zkml("compile", onnx, "--input", input, "-o", zkm, "--quiet"),
                zkml("setup", zkm, "-o", out, "--insecure-testing-only", "--quiet"),
                zkml("prove", "--pk", out.resolve(NAME + ".pk"), "--input", input, "--input-visibility", "public",
                        "-o", out.resolve(NAME + ".zkml"), "--insecure-testing-only", "--quiet")}) {
            assertThat(r.exit()).as(r.toString()).isZero();
        }
    }
}
