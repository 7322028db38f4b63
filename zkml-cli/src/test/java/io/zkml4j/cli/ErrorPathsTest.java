package io.zkml4j.cli;

import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.format.Container;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.zkml4j.cli.CliRun.zkml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error a user will meet, through the real command: one clear line on stderr (no stack trace), the
 * documented exit code — 2 for usage errors, unreadable or wrong files and unsupported models, 1 for a
 * proof that verify rejects.
 */
class ErrorPathsTest {
    @TempDir
    static Path dir;
    static Path zkm;
    static Path pk;
    static Path vk;
    static Path proof;
    static Path input;

    @BeforeAll
    static void keysAndProof() throws Exception {
        Path onnx = CliRun.bundled(dir, "small-cnn");
        input = dir.resolve("small-cnn.input.json");
        zkm = dir.resolve("small-cnn.zkm");
        pk = dir.resolve("small-cnn.pk");
        vk = dir.resolve("small-cnn.vk");
        proof = dir.resolve("small-cnn.zkml");
        ok(zkml("compile", onnx, "--input", input, "-o", zkm, "--quiet"));
        ok(zkml("setup", zkm, "-o", dir, "--insecure-testing-only", "--quiet"));
        ok(zkml("prove", "--pk", pk, "--input", input, "-o", proof, "--input-visibility", "public", "--insecure-testing-only", "--quiet"));
    }

    static void ok(CliRun r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    /** Exit code and the single line on stderr. */
    static void fails(CliRun r, int exit, String... messageParts) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        String err = r.errors();
        assertThat(err.split("\n")).as(r.toString()).hasSize(1);
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
        for (String part : messageParts) {
            assertThat(err).as(r.toString()).contains(part);
        }
    }

    /** verify's REJECT: exit 1, the reason on stdout. */
    static void rejects(CliRun r, String reasonPart) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.out()).as(r.toString()).startsWith("REJECT: ").contains(reasonPart);
        assertThat(r.out().split("\n")).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    static CliRun verify(Path key, Path file) {
        return zkml("verify", "--vk", key, file, "--insecure-testing-only");
    }

    @Test
    void aMissingFile() {
        fails(verify(vk, dir.resolve("nothere.zkml")), 2, "zkml verify: no such file: '" + dir.resolve("nothere.zkml") + "'");
        fails(zkml("setup", dir.resolve("missing.zkm")), 2, "zkml setup: no such file");
        fails(zkml("compile", dir.resolve("small-cnn.onnx"), "--input", dir.resolve("none.json")), 2, "no such file", "none.json");
        fails(zkml("inspect", dir), 2, "is a directory");
    }

    @Test
    void aFileOfTheWrongKind() {
        fails(verify(vk, vk), 2, "'" + vk + "' is a verifying key (.vk), not a proof (.zkml)");
        fails(verify(proof, proof), 2, "'" + proof + "' is a proof (.zkml), not a verifying key (.vk)");
        fails(zkml("prove", "--pk", vk, "--input", input), 2, "is a verifying key (.vk), not a proving key (.pk)");
        fails(zkml("setup", dir.resolve("small-cnn.onnx")), 2, "is an ONNX model (.onnx), not a compiled model (.zkm); run 'zkml compile'");
        fails(zkml("prove", "--pk", zkm, "--input", input), 2, "is a compiled model (.zkm), not a proving key (.pk); run 'zkml setup'");
        fails(zkml("compile", vk, "--input", input), 2, "is a verifying key (.vk), not an ONNX model");
        fails(zkml("inspect", input), 2, "not a zkml4j file");
    }

    @Test
    void aTruncatedFile() throws Exception {
        byte[] b = Files.readAllBytes(proof);
        for (int keep : new int[] {b.length - 1, b.length / 2, 40, 12}) {
            Path cut = dir.resolve("cut" + keep + ".zkml");
            Files.write(cut, Arrays.copyOf(b, keep));
            fails(verify(vk, cut), 2, "'" + cut + "'", "truncated");
        }
        Path cutVk = dir.resolve("cut.vk");
        Files.write(cutVk, Arrays.copyOf(Files.readAllBytes(vk), 100));
        fails(verify(cutVk, proof), 2, "truncated");
        Path cutZkm = dir.resolve("cut.zkm");
        Files.write(cutZkm, Arrays.copyOf(Files.readAllBytes(zkm), 100));
        fails(zkml("setup", cutZkm), 2, "truncated");
    }

    @Test
    void aCorruptedFile() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        for (Path f : List.of(proof, vk, pk)) {
            byte[] b = Files.readAllBytes(f);
            int at = 40 + rnd.nextInt(b.length - 72);
            b[at] ^= (byte) (1 << rnd.nextInt(8));
            Path bad = dir.resolve("bad-" + f.getFileName());
            Files.write(bad, b);
            CliRun r = f == pk ? zkml("prove", "--pk", bad, "--input", input, "--insecure-testing-only")
                    : f == vk ? verify(bad, proof) : verify(vk, bad);
            fails(r, 2, "'" + bad + "'", "checksum mismatch");
        }
    }

    @Test
    void aFileTooOldOrTooNew() throws Exception {
        byte[] b = Files.readAllBytes(proof);
        Container.Read current = Container.read(b, Container.Kind.PROOF, 0, Integer.MAX_VALUE);
        List<Container.Section> sections = current.sections();
        int v = current.version();
        Path newer = dir.resolve("newer.zkml");
        Files.write(newer, Container.write(Container.Kind.PROOF, v + 1, sections));
        fails(verify(vk, newer), 2, "format version " + (v + 1) + " is too new", "upgrade zkml4j");
        Path older = dir.resolve("older.zkml");
        Files.write(older, Container.write(Container.Kind.PROOF, v - 1, sections));
        fails(verify(vk, older), 2, "format version " + (v - 1) + " is too old");
    }

    @Test
    void anInputWithTheWrongNumberOfValues() throws Exception {
        Path short15 = dir.resolve("short.json");
        Files.writeString(short15, "{\"input_data\": [[0.5, 0.25, 0.125]]}");
        fails(zkml("prove", "--pk", pk, "--input", short15, "--insecure-testing-only"), 2,
                "'" + short15 + "': input 'image' needs 64 values (shape [1, 1, 8, 8]), the file gives 3");
        fails(zkml("compile", dir.resolve("small-cnn.onnx"), "--input", short15), 2, "needs 64 values");
        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "input: [1, 2]");
        fails(zkml("prove", "--pk", pk, "--input", notJson, "--insecure-testing-only"), 2, "not valid JSON");
    }

    @Test
    void anUnsupportedOnnxOp() throws Exception {
        Path onnx = dir.resolve("einsum.onnx");
        Files.write(onnx, new OnnxBuilder("einsum", 13).input("x", 1, 4)
                .node("Einsum", List.of("x"), List.of("y"), "equation", "ij->ji").output("y").toBytes());
        Path in = dir.resolve("einsum.json");
        Files.writeString(in, "{\"input\": [1, 2, 3, 4]}");
        fails(zkml("compile", onnx, "--input", in), 2, "zkml compile: cannot import '" + onnx + "'", "Einsum is not supported");
        Files.copy(in, dir.resolve("einsum.input.json"));
        fails(zkml("bench", onnx, "--runs", "1"), 2, "zkml bench: cannot benchmark 'einsum': ", "Einsum is not supported");
    }

    @Test
    void aModelThatImportsButCannotBeProvedYet() throws Exception {
        // A valid quantized model the prover must refuse: a Requant whose static range (input ±2^15 times a
        // multiplier of 2^40) is far beyond what its widest comparison covers.
        var ops = List.<io.zkml4j.model.quant.Primitive>of(new io.zkml4j.model.quant.Primitive.Input("x"),
                new io.zkml4j.model.quant.Primitive.Requant(0, 1L << 40, 0, -32768, 32767));
        var tensors = List.of(new io.zkml4j.model.quant.TensorSpec("x", new int[] {1, 4}, 8, -32768, 32767),
                new io.zkml4j.model.quant.TensorSpec("y", new int[] {1, 4}, 8, -32768, 32767));
        var quantized = new io.zkml4j.model.quant.QuantizedModel(ops, tensors, new int[] {0}, new int[] {1},
                List.of("x"), List.of("y"), io.zkml4j.model.quant.QuantizationOptions.DEFAULT);
        Path model = dir.resolve("too-wide.zkm");
        Files.write(model, quantized.toBytes());
        fails(zkml("setup", model, "-o", dir.resolve("nokeys")), 2,
                "zkml setup: cannot set up '" + model + "': this model cannot be proved yet: layer 0 (Requant(M=1099511627776, s=0, [-32768, 32767]) -> y): "
                        + "Requant rescaled values reach [-36028797018963968, 36027697507336192], beyond ±2^47 around the output range");
        assertThat(Files.exists(dir.resolve("nokeys"))).isFalse();
    }

    @Test
    void aProofCheckedAgainstTheWrongModelsKey() throws Exception {
        Path other = CliRun.bundled(dir, "credit-mlp");
        Path otherZkm = dir.resolve("credit-mlp.zkm");
        ok(zkml("compile", other, "--input", dir.resolve("credit-mlp.input.json"), "-o", otherZkm, "--quiet"));
        ok(zkml("setup", otherZkm, "-o", dir, "--insecure-testing-only", "--quiet"));
        rejects(verify(dir.resolve("credit-mlp.vk"), proof), "the proof was made for another model or key");
    }

    @Test
    void aTamperedProofOrOutputIsRejectedWithTheVerifiersReason() throws Exception {
        Proof p = Proof.fromBytes(Files.readAllBytes(proof));
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 3; trial++) {
            byte[] body = p.proof().clone();
            body[rnd.nextInt(body.length)] ^= (byte) (1 << rnd.nextInt(8));
            Path t = dir.resolve("tampered" + trial + ".zkml");
            Files.write(t, new Proof(p.vkDigest(), p.inputVisibility(), p.publicInput(), p.output(), body).toBytes());
            rejects(verify(vk, t), "");
        }
        long[] out = p.output().clone();
        out[1] -= 1;
        Path forged = dir.resolve("forged.zkml");
        Files.write(forged, new Proof(p.vkDigest(), p.inputVisibility(), p.publicInput(), out, p.proof()).toBytes());
        rejects(verify(vk, forged), "output");
        long[] in = p.publicInput().clone();
        in[5] += 1;
        Path otherInput = dir.resolve("other-input.zkml");
        Files.write(otherInput, new Proof(p.vkDigest(), p.inputVisibility(), in, p.output(), p.proof()).toBytes());
        rejects(verify(vk, otherInput), "");
    }

    @Test
    void testingOnlyKeysAreRefusedWithoutTheHiddenSwitch() {
        fails(zkml("verify", "--vk", vk, proof), 2, "'" + vk + "' uses the testing-only parameter set", "zkml refuses it");
        fails(zkml("prove", "--pk", pk, "--input", input), 2, "'" + pk + "' uses the testing-only parameter set");
    }

    @Test
    void usageErrors() {
        fails(zkml("prove", "--input", input), 2, "zkml prove: Missing required option: '--pk=FILE'", "'zkml prove --help'");
        fails(zkml("verify", "--vk", vk), 2, "Missing required parameter: 'PROOF.zkml'");
        fails(zkml("frobnicate"), 2, "Unmatched argument");
        fails(zkml(), 2, "a command is needed");
        fails(zkml("prove", "--pk", pk, "--input", input, "--input-visibility", "secret", "--insecure-testing-only"), 2,
                "visibility must be 'public', 'private' or 'hashed', not 'secret'");
        fails(zkml("compile", dir.resolve("small-cnn.onnx")), 2, "no example input: calibration needs at least one", "--input FILE");
        fails(zkml("compile", dir.resolve("small-cnn.onnx"), "--input", input, "--activation-bits", "99"), 2, "--activation-bits: ", "99");
        fails(zkml("bench", "--runs", "0"), 2, "measured runs");
        fails(zkml("demo", "--model", "gpt5"), 2, "no bundled model 'gpt5'");
    }
}
