package io.zkml4j.cli;

import io.zkml4j.bench.table.Units;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.reference.AccuracyReport;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.format.FileFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code zkml demo}: the whole flow on a bundled model — compile, setup, prove, verify — then a tampered
 * proof and a forged output that verify must reject. Exit 0 only if the honest proof is accepted and both
 * forgeries are rejected.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Compile, set up, prove and verify a bundled model, then try two forgeries.",
                "Runs the whole flow on a model bundled with zkml4j, then flips one bit of the proof and changes the "
                        + "output, and shows that verify rejects both. Prints times, sizes and the equivalent commands. "
                        + "Exit 0 only if every check behaves as it should."})
final class DemoCommand extends Subcommand {
    static final Map<String, String> MODELS = Map.of(
            "credit-mlp", "a credit-risk classifier (MLP, 16 applicant features -> softmax over 2 classes)",
            "small-cnn", "a small convolutional network (8x8 image -> 3 scores)",
            "lenet5", "LeNet-5 (28x28 image -> 10 scores)");

    @Option(names = "--model", defaultValue = "credit-mlp", paramLabel = "NAME",
            description = "The bundled model: credit-mlp (default), small-cnn or lenet5.")
    String model;

    @Option(names = "--dir", defaultValue = "zkml-demo", paramLabel = "DIR",
            description = "Where the demo writes its files (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", defaultValue = "1", description = "Chooses the byte the demo flips (default: ${DEFAULT-VALUE}).")
    long seed;

    private int failures;

    @Override
    int execute() throws Exception {
        if (!MODELS.containsKey(model)) {
            throw new UserError("no bundled model '" + model + "'; choose credit-mlp, small-cnn or lenet5");
        }
        SecurityLevel security = securityLevel();
        byte[] onnx = DemoModels.checkedIn(model + ".onnx");
        String inputJson = new String(DemoModels.checkedIn(model + ".input.json"), StandardCharsets.UTF_8);
        Path onnxPath = dir.resolve(model + ".onnx");
        Path inputPath = dir.resolve(model + ".input.json");
        Path zkmPath = dir.resolve(model + ".zkm");
        String zeroKnowledge = null;
        Path pkPath = dir.resolve(model + ".pk");
        Path vkPath = dir.resolve(model + ".vk");
        Path proofPath = dir.resolve(model + ".zkml");
        Artifacts.write(onnxPath, onnx);
        Artifacts.write(inputPath, inputJson.getBytes(StandardCharsets.UTF_8));
        term.println("zkml demo: " + model + ", " + MODELS.get(model) + ", bundled with zkml4j");
        term.println("files in " + dir + "/");
        term.println("");

        try (Progress progress = term.progress(6)) {
            progress.step("compiling " + model);
            long t = System.nanoTime();
            ModelCompilation.Result compiled = ModelCompilation.compile(onnxPath.toString(), onnx,
                    List.of(new ModelCompilation.Example(inputPath.toString(), inputJson, inputPath)), QuantizationOptions.DEFAULT);
            AccuracyReport accuracy = ModelCompilation.accuracy(onnx, compiled).get(0);
            QuantizedModel q = compiled.model();
            byte[] zkm = q.toBytes();
            Artifacts.write(zkmPath, zkm);
            step(1, "compile", t, name(onnxPath) + " -> " + name(zkmPath) + " (" + Units.bytes(zkm.length) + "): " + q.ops().size()
                    + " integer primitives; vs ONNX Runtime: " + String.format(Locale.ROOT, "max rel error %.3f%%%s",
                    100 * accuracy.worstRelativeError(), !accuracy.hasClassAxis() ? "" : accuracy.argmaxAgrees() ? ", argmax agrees" : ", argmax DIFFERS"));

            progress.step("setup: committing to the weights");
            t = System.nanoTime();
            ProvingKey pk = Zkml.setup(q, model, security);
            byte[] pkBytes = pk.toBytes();
            byte[] vkBytes = pk.verifyingKey().toBytes();
            Artifacts.write(pkPath, pkBytes);
            pk.bindTo(pkPath);
            zeroKnowledge = pk.verifyingKey().zeroKnowledge();
            Artifacts.write(vkPath, vkBytes);
            step(2, "setup", t, name(pkPath) + " (" + Units.bytes(pkBytes.length) + "), " + name(vkPath) + " ("
                    + Units.bytes(vkBytes.length) + "); model commitment " + Text.shortHex(pk.verifyingKey().modelCommitmentHex())
                    + "; " + security.ligero().securityBits() + "-bit soundness; hiding: " + SetupCommand.hiding(pk.verifyingKey()));

            progress.step("proving");
            t = System.nanoTime();
            Proof proof = Zkml.prove(pk, compiled.inputs().get(0).values().get(0), Visibility.PUBLIC);
            byte[] proofBytes = proof.toBytes();
            Artifacts.write(proofPath, proofBytes);
            step(3, "prove", t, name(proofPath) + " (" + Units.bytes(proofBytes.length) + "), public input: "
                    + Text.output(q.outputNames().get(0), q.outputSpec(0).shape(), q.dequantizeOutput(0, proof.output())));

            progress.step("verifying");
            VerifyingKey vk = Artifacts.readVerifyingKey(vkPath);
            t = System.nanoTime();
            Proof fromFile = Artifacts.readProof(proofPath);
            try {
                VerifiedOutput out = Zkml.verify(vk, fromFile);
                step(4, "verify", t, "ACCEPT: " + Text.output(out.name(), out.shape(), out.values()));
            } catch (ProofRejectedException e) {
                fail(4, "verify", "the honest proof was REJECTED: " + e.getMessage());
            }

            progress.step("verifying a tampered proof");
            t = System.nanoTime();
            byte[] body = proof.proof().clone();
            int at = new SplittableRandom(seed).nextInt(body.length);
            body[at] ^= 1;
            Proof tampered = new Proof(proof.vkDigest(), proof.inputVisibility(), proof.publicInput(), proof.output(), body);
            expectReject(5, "tamper", "tampered", t, vk, tampered, "flipped one bit of byte " + at + " of " + body.length
                    + " in the proof (file checksum recomputed)");
            checksumCatchesAFlippedByte(proofPath);

            progress.step("verifying a forged output");
            t = System.nanoTime();
            long[] forgedOutput = proof.output().clone();
            forgedOutput[0] += 1;
            Proof forged = new Proof(proof.vkDigest(), proof.inputVisibility(), proof.publicInput(), forgedOutput, proof.proof());
            expectReject(6, "forge", "forged", t, vk, forged, "output value 0 raised by one step ("
                    + Text.number(Math.scalb(1.0, -q.outputSpec(0).scale())) + ")");
        }

        term.println("");
        if (zeroKnowledge != null) {
            term.println(Text.field("zero-knowledge", zeroKnowledge));
        }
        printCommands(onnxPath, inputPath, zkmPath, pkPath, vkPath, proofPath);
        if (failures > 0) {
            term.println("DEMO FAILED: " + failures + " check(s) did not behave as they should");
            return ExitCode.REJECTED;
        }
        return ExitCode.OK;
    }

    private void expectReject(int n, String what, String file, long t0, VerifyingKey vk, Proof p, String change) throws UserError {
        Path path = dir.resolve(model + "." + file + ".zkml");
        Artifacts.write(path, p.toBytes());
        try {
            Zkml.verify(vk, Artifacts.readProof(path));
            fail(n, what, change + ": ACCEPTED (a soundness bug)");
        } catch (ProofRejectedException e) {
            step(n, what, t0, change + " -> REJECT: " + e.getMessage());
        }
    }

    /** Without recomputing the checksum, a flipped byte never reaches the verifier: the file is refused. */
    private void checksumCatchesAFlippedByte(Path proofPath) throws UserError {
        byte[] raw = Artifacts.read(proofPath);
        raw[raw.length / 2] ^= 1;
        try {
            Proof.fromBytes(raw);
            fail(5, "tamper", "a proof file with a flipped byte was read without complaint");
        } catch (FileFormatException e) {
            term.println("                    (the same flip without recomputing the checksum: the file is refused: " + e.getMessage() + ")");
        }
    }

    private void step(int n, String what, long t0, String text) {
        term.println(String.format(Locale.ROOT, "%d. %-7s %8s  %s", n, what, Units.millis((System.nanoTime() - t0) / 1e6), text));
    }

    private void fail(int n, String what, String text) {
        failures++;
        term.println(String.format(Locale.ROOT, "%d. %-7s %8s  FAILED: %s", n, what, "", text));
    }

    private void printCommands(Path onnx, Path input, Path zkm, Path pk, Path vk, Path proof) {
        String insecure = insecureTestingOnly ? " --insecure-testing-only" : "";
        term.println("The same steps by hand:");
        term.println("  ./zkml compile " + onnx + " --input " + input + " -o " + zkm);
        term.println("  ./zkml setup " + zkm + " -o " + dir + insecure);
        term.println("  ./zkml prove --pk " + pk + " --input " + input + " --input-visibility public -o " + proof + insecure);
        term.println("  ./zkml verify --vk " + vk + " " + proof + insecure);
        term.println("  ./zkml inspect " + vk);
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
