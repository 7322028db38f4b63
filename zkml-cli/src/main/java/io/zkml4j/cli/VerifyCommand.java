package io.zkml4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code zkml verify}: check a proof against a verifying key. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check a proof against a model's verifying key.",
                "Prints ACCEPT and the output the proof establishes (exit 0), or REJECT and the reason (exit 1)."})
final class VerifyCommand extends Subcommand {
    @Option(names = "--vk", paramLabel = "FILE", required = true, description = "The model's verifying key.")
    Path vk;

    @Parameters(index = "0", paramLabel = "PROOF.zkml", description = "The proof file (from 'zkml prove').")
    Path proof;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--rotation", paramLabel = "FILE.zkrot", description = {"A rotation of the model commitment (from "
            + "'zkml setup --rotate'), in order from the key given with --vk; repeat for a chain. The proof is then checked "
            + "under the last rotation's key, and accepted as the --vk model's."})
    java.util.List<Path> rotations = new java.util.ArrayList<>();

    @Override
    int execute() throws Exception {
        VerifyingKey key = Artifacts.readVerifyingKey(vk);
        refuseInsecure(key.security(), "'" + vk + "'");
        Proof p = Artifacts.readProof(proof);
        java.util.List<io.zkml4j.prover.Rotation> chain = new java.util.ArrayList<>();
        for (Path r : rotations) {
            chain.add(Artifacts.readRotation(r));
        }
        VerifiedOutput out;
        try (Progress progress = term.progress(1)) {
            progress.step("verifying");
            out = Zkml.verify(key, chain, p);
        } catch (ProofRejectedException e) {
            if (json) {
                ObjectNode n = Json.object();
                n.put("result", "REJECT");
                n.put("reason", e.getMessage());
                term.println(Json.write(n));
            } else {
                term.println("REJECT: " + e.getMessage());
            }
            return ExitCode.REJECTED;
        }
        if (json) {
            ObjectNode n = accepted(key, p, out);
            n.put("rotations", chain.size());
            term.println(Json.write(n));
        } else {
            term.println("ACCEPT");
            term.println(Text.field("model", key.metadata().modelName() + " (commitment " + Text.shortHex(key.modelCommitmentHex())
                    + ", " + key.security().ligero().securityBits() + "-bit soundness)"));
            if (!chain.isEmpty()) {
                term.println(Text.field("rotations", chain.size() + " checked: every rotated key holds the same weights"));
            }
            for (VerifiedOutput.Part part : out.outputs()) {
                term.println(Text.field("output", Text.output(part.name(), part.shape(), part.values())));
            }
            if (out.isHashed()) {
                term.println(Text.field("output", "hashed: commitment " + p.outputCommitmentHex()
                        + " (the prover's output seed file opens it: zkml open-output)"));
            }
            term.println(Text.field("input", switch (p.inputVisibility()) {
                case PUBLIC -> "public: " + p.publicInput().length + " values, part of the checked statement";
                case PRIVATE -> "private: not in the file";
                case HASHED -> "hashed: commitment " + p.inputCommitmentHex() + " (proofs with this commitment are about the same input)";
            }));
            term.println(Text.field("range limits", Text.limits(out.inputAtLimits(), out.outputAtLimits())));
            term.println(Text.field("zero-knowledge", key.zeroKnowledge()));
        }
        return ExitCode.OK;
    }

    private static void putPart(ObjectNode o, VerifiedOutput.Part part) {
        o.put("name", part.name());
        Json.putInts(o, "shape", part.shape());
        Json.putDoubles(o, "values", part.values());
        Json.putLongs(o, "integers", part.integers());
        if (io.zkml4j.model.graph.Shapes.classAxisLength(part.shape()) > 1) {
            o.put("argmax", part.argmax()); // of the flattened output: the predicted class of a one-row classifier
        }
    }

    private static ObjectNode accepted(VerifyingKey key, Proof p, VerifiedOutput out) {
        ObjectNode n = Json.object();
        n.put("result", "ACCEPT");
        n.put("model", key.metadata().modelName());
        n.put("modelCommitment", key.modelCommitmentHex());
        n.put("verifyingKeyDigest", key.digestHex());
        n.put("securityBits", key.security().ligero().securityBits());
        n.put("zeroKnowledge", key.isZeroKnowledge());
        n.put("zeroKnowledgeNote", key.zeroKnowledge());
        ObjectNode o = n.putObject("output");
        if (out.isHashed()) {
            o.put("visibility", "hashed");
            o.put("commitment", p.outputCommitmentHex());
        } else {
            putPart(o, out.outputs().get(0));
        }
        var all = n.putArray("outputs");
        for (VerifiedOutput.Part part : out.outputs()) {
            putPart(all.addObject(), part);
        }
        ObjectNode in = n.putObject("input");
        in.put("visibility", p.inputVisibility().name().toLowerCase(java.util.Locale.ROOT));
        if (p.publicInput() != null) {
            Json.putLongs(in, "integers", p.publicInput());
        }
        if (p.inputCommitment() != null) {
            in.put("commitment", p.inputCommitmentHex());
        }
        in.put("valuesAtRangeLimits", out.inputAtLimits());
        o.put("valuesAtRangeLimits", out.outputAtLimits());
        return n;
    }
}
