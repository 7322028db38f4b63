package io.zkml4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Zkml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code zkml open-output}: shows the output a hashed-output proof committed to, given its output seed file. */
@Command(name = "open-output", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Open a hashed output: verify the proof and show the output its commitment holds.",
                "Given the verifying key, a proof made with '--output-visibility hashed' and the output seed file 'zkml prove' "
                        + "wrote beside it, verifies the proof, checks that the file's output and seed are what the proof's "
                        + "output commitment holds, and prints the output. Exit 0: opened; 1: the proof or the opening does not check."})
final class OpenOutputCommand extends Subcommand {
    @Option(names = "--vk", paramLabel = "FILE", required = true, description = "The verifying key.")
    Path vk;

    @Parameters(index = "0", paramLabel = "PROOF.zkml", description = "The proof, with a hashed output.")
    Path proof;

    @Option(names = "--output-seed", paramLabel = "FILE", description = "The output seed file (default: PROOF.output.seed beside the proof).")
    Path outputSeed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int execute() throws Exception {
        VerifyingKey key = Artifacts.readVerifyingKey(vk);
        refuseInsecure(key.security(), "'" + vk + "'");
        Proof p = Artifacts.readProof(proof);
        OutputSeed opening = OutputSeed.read(OutputSeed.defaultFor(proof, outputSeed));
        VerifiedOutput out;
        try {
            out = Zkml.openOutput(key, p, opening.output(), opening.seed());
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
            ObjectNode n = Json.object();
            n.put("result", "OPENED");
            n.put("outputCommitment", p.outputCommitmentHex());
            Json.putLongs(n, "integers", out.integers());
            Json.putDoubles(n, "values", out.values());
            term.println(Json.write(n));
        } else {
            term.println("OPENED");
            for (VerifiedOutput.Part part : out.outputs()) {
                term.println(Text.field("output", Text.output(part.name(), part.shape(), part.values())));
            }
            term.println(Text.field("commitment", p.outputCommitmentHex() + " holds this output (the proof verifies)"));
        }
        return ExitCode.OK;
    }
}
