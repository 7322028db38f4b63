package io.zkml4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.quant.QuantizedModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every command on a real third-party model of the shared corpus, {@code 3l_relu_conv_fc} (a PyTorch
 * export: two convolutions with ReLU and a fully connected layer), at the standard security level. Skipped
 * when {@code ../shared/onnx-corpus} is not beside the repository.
 */
@Tag("corpus")
class CorpusCommandTest {
    static Path model() {
        String root = System.getProperty("zkml.repo.root", "");
        Path base = root.isEmpty() ? Path.of("").toAbsolutePath().getParent() : Path.of(root);
        return base.resolve("../shared/onnx-corpus/3l_relu_conv_fc").normalize();
    }

    @Test
    void everyCommandWorksOnTheCorpusModel(@TempDir Path dir) throws Exception {
        Path m = model();
        assumeTrue(Files.isRegularFile(m.resolve("network.onnx")), "no ONNX corpus at " + m);
        Path onnx = m.resolve("network.onnx");
        Path input = m.resolve("input.json");
        Path zkm = dir.resolve("network.zkm");

        CliRun compile = zkml("compile", onnx, "--input", input, "-o", zkm);
        assertThat(compile.exit()).as(compile.toString()).isZero();
        assertThat(compile.out()).contains("opset 10").contains("integers vs ONNX Runtime").contains("argmax agrees")
                .contains("provable        yes").contains("Conv").contains("Requant");

        CliRun setup = zkml("setup", zkm, "-o", dir);
        assertThat(setup.exit()).as(setup.toString()).isZero();
        assertThat(setup.out()).contains("standard-100");

        QuantizedModel q = QuantizedModel.fromBytes(Files.readAllBytes(zkm));
        float[] x = InputFile.parse(Files.readString(input),
                List.of(new ValueInfo(q.inputNames().get(0), DataType.FLOAT, q.inputSpec(0).shape()))).values().get(0);
        long[] expected = IntegerInterpreter.run(q, new long[][] {q.quantizeInput(0, x)}).output(0);
        ObjectMapper json = new ObjectMapper();
        for (String visibility : List.of("private", "public")) {
            Path proof = dir.resolve(visibility + ".zkml");
            CliRun prove = zkml("prove", "--pk", dir.resolve("network.pk"), "--input", input, "--input-visibility", visibility, "-o", proof);
            assertThat(prove.exit()).as(prove.toString()).isZero();
            CliRun verify = zkml("verify", "--vk", dir.resolve("network.vk"), proof, "--json");
            assertThat(verify.exit()).as(verify.toString()).isZero();
            JsonNode j = json.readTree(verify.out());
            assertThat(j.get("result").asText()).isEqualTo("ACCEPT");
            assertThat(CommandFlowTest.integers(j.get("output").get("integers"))).containsExactly(expected);
            assertThat(j.get("input").get("visibility").asText()).isEqualTo(visibility);
        }
        for (Path f : List.of(zkm, dir.resolve("network.pk"), dir.resolve("network.vk"), dir.resolve("public.zkml"))) {
            CliRun inspect = zkml("inspect", f);
            assertThat(inspect.exit()).as(inspect.toString()).isZero();
            assertThat(json.readTree(inspect.out()).get("formatVersion").asInt())
                    .isEqualTo(f.toString().endsWith(".zkm") ? 1 : io.zkml4j.prover.Zkml.FORMAT_VERSION);
        }

        CliRun bench = zkml("bench", onnx, "--runs", "1", "--warmup", "0", "--quiet");
        assertThat(bench.exit()).as(bench.toString()).isZero();
        assertThat(bench.out().split("\n")[1]).startsWith("3l_relu_conv_fc ").endsWith("100 bits");
    }
}
