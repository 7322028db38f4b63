package io.zkml4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.InputFileException;
import io.zkml4j.model.graph.DataType;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Zkml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** {@code zkml commit-input}: the commitment a hashed-input proof carries for an input and its seed. */
@Command(name = "commit-input", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the commitment of an input, as hashed-input proofs carry it.",
                "Given the verifying key, the input and its seed file (from 'zkml prove --input-visibility hashed'), prints "
                        + "the input's commitment: a proof whose file carries it was made on this input. Whoever holds the input "
                        + "and the seed can show it; no one else learns the input from the commitment."})
final class CommitInputCommand extends Subcommand {
    @Option(names = "--vk", paramLabel = "FILE", required = true, description = "The verifying key.")
    Path vk;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true, description = "The input (JSON).")
    Path input;

    @Option(names = "--input-seed", paramLabel = "FILE", description = "The input's seed file (default: INPUT.seed beside the input file).")
    Path inputSeed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int execute() throws Exception {
        VerifyingKey key = Artifacts.readVerifyingKey(vk);
        InputSeed seed = InputSeed.read(InputSeed.defaultFor(input, inputSeed));
        List<ValueInfo> inputs = new ArrayList<>();
        for (VerifyingKey.Port p : key.metadata().inputs()) {
            inputs.add(new ValueInfo(p.name(), DataType.FLOAT, p.shape()));
        }
        float[][] x;
        try {
            x = InputFile.parse(Artifacts.readText(input), inputs).values().toArray(new float[0][]);
        } catch (InputFileException e) {
            throw new UserError("'" + input + "': " + e.getMessage());
        }
        String hex = HexFormat.of().formatHex(Zkml.commitInput(key, x, seed.seed()));
        if (json) {
            ObjectNode n = Json.object();
            n.put("inputCommitment", hex);
            n.put("model", key.metadata().modelName());
            n.put("proofsWithThisSeed", seed.proofs());
            term.println(Json.write(n));
        } else {
            term.println(Text.field("commitment", hex));
            term.println(Text.field("input", input + " with the seed in " + seed.file() + " (" + seed.proofs() + " proof(s) made with it)"));
        }
        return ExitCode.OK;
    }
}
