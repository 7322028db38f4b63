package io.zkml4j.cli;

import io.zkml4j.bench.table.Units;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.compile.NotProvableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code zkml setup}: commit to a compiled model's weights; write the proving and verifying keys. */
@Command(name = "setup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Commit to a model's weights; write its proving and verifying keys.",
                "Writes MODEL.pk (for whoever proves; it holds the weights) and MODEL.vk (small, to publish; it holds "
                        + "the architecture and the model commitment, not the weights). Prints the model commitment "
                        + "and the security level."})
final class SetupCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "MODEL.zkm", description = "The compiled model (from 'zkml compile').")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Folder for MODEL.pk and MODEL.vk (default: the current folder).")
    Path outputDir;

    @Option(names = "--name", description = "The model's name, recorded in the keys (default: the file name without .zkm).")
    String name;

    @Override
    int execute() throws Exception {
        QuantizedModel q = Artifacts.readModel(model);
        SecurityLevel security = securityLevel();
        String modelName = name != null ? name : Artifacts.stem(model);
        ProvingKey pk;
        try (Progress progress = term.progress(1)) {
            progress.step("committing to the weights of " + modelName);
            pk = Zkml.setup(q, modelName, security);
        } catch (NotProvableException e) {
            throw new UserError("cannot set up '" + model + "': this model cannot be proved yet: " + e.getMessage());
        }
        Path dir = outputDir != null ? outputDir : Path.of("");
        Path pkPath = Artifacts.sibling(dir, model, ".pk");
        Path vkPath = Artifacts.sibling(dir, model, ".vk");
        byte[] pkBytes = pk.toBytes();
        byte[] vkBytes = pk.verifyingKey().toBytes();
        Artifacts.write(pkPath, pkBytes);
        Artifacts.write(vkPath, vkBytes);
        VerifyingKey vk = pk.verifyingKey();
        term.println(Text.field("model", modelName + " (" + vk.circuit().layers().size() + " relations, "
                + vk.circuit().weights().size() + " committed weight tensors)"));
        term.println(Text.field("commitment", vk.modelCommitmentHex()));
        term.println(Text.field("key digest", vk.digestHex()));
        term.println(Text.field("security", describe(security)));
        term.println(Text.field("wrote", pkPath + " (" + Units.bytes(pkBytes.length) + ", keep it with the prover), "
                + vkPath + " (" + Units.bytes(vkBytes.length) + ", publish it)"));
        term.note("next: zkml prove --pk " + pkPath + " --input input.json -o out.zkml");
        return ExitCode.OK;
    }

    /** The security level in words: the name, the bits and what they rest on. */
    static String describe(SecurityLevel s) {
        var l = s.ligero();
        return s.id() + ": " + l.securityBits() + "-bit soundness (Ligero, rate 1/" + l.inverseRate() + ", " + l.queries()
                + " column queries; SHA-256 as a random oracle)" + (l.isTestingOnly() ? "; TESTING ONLY, NOT SECURE" : "");
    }
}
