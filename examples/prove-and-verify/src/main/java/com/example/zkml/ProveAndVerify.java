package com.example.zkml;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.demo.DemoModels;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * zkml4j as a library: an ONNX model and an example input in, a proof out, the proof checked with nothing
 * but the verifying key, and a tampered proof rejected. Arguments: {@code MODEL.onnx INPUT.json} (default:
 * the credit-risk demo model bundled in zkml-model, credit-mlp, written to {@code target/work/}).
 */
public final class ProveAndVerify {
    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "work"));
        Path onnx;
        Path inputJson;
        if (args.length == 2) {
            onnx = Path.of(args[0]);
            inputJson = Path.of(args[1]);
        } else {
            onnx = Files.write(work.resolve("credit-mlp.onnx"), DemoModels.checkedIn("credit-mlp.onnx"));
            inputJson = Files.write(work.resolve("credit-mlp.input.json"), DemoModels.checkedIn("credit-mlp.input.json"));
        }

        // 1. Compile: import the ONNX model and quantize it, calibrating on the example input(s).
        Graph graph = OnnxImporter.importModel(onnx);
        InputFile input = InputFile.read(inputJson, graph);            // every model input, by name, in model order
        QuantizedModel model = Quantizer.quantize(graph, List.of(input.byName()), QuantizationOptions.DEFAULT);

        // 2. Set up once: commit to the weights. The name is a label the verifier sees (it is in the key).
        String name = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
        ProvingKey pk = Zkml.setup(model, name, SecurityLevel.STANDARD);
        pk.write(work.resolve("keys/" + name + ".pk"));                 // keep with the prover: it holds the weights
        pk.verifyingKey().write(work.resolve("keys/" + name + ".vk"));  // publish
        System.out.println("set up   " + pk.verifyingKey());

        // 3. Prove: a key read from its file writes its proof count back to it before each proof.
        ProvingKey prover = ProvingKey.read(work.resolve("keys/" + name + ".pk"));
        Proof proof = Zkml.prove(prover, input.arrays(), Visibility.PRIVATE);   // float[][]: one array per model input
        proof.write(work.resolve("out.zkml"));
        System.out.println("proved   " + proof);

        // 4. Verify, with the verifying key and the proof file only.
        VerifyingKey vk = VerifyingKey.read(work.resolve("keys/" + name + ".vk"));
        VerifiedOutput out = Zkml.verify(vk, Proof.read(work.resolve("out.zkml")));
        System.out.println("verified " + out);

        // 5. A proof with one flipped bit does not verify.
        byte[] body = proof.proof().clone();
        body[body.length / 2] ^= 1;
        try {
            Zkml.verify(vk, new Proof(proof.vkDigest(), proof.inputVisibility(), proof.publicInput(), proof.output(), body));
            System.err.println("a tampered proof was accepted");
            System.exit(1);
        } catch (ProofRejectedException e) {
            System.out.println("rejected a tampered proof: " + e.getMessage());
        }
    }
}
