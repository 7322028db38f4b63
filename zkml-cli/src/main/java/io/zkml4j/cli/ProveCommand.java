package io.zkml4j.cli;

import io.zkml4j.bench.table.Units;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.InputFileException;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code zkml prove}: run the model on an input and prove the output. */
@Command(name = "prove", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the model on an input and prove the output (.zkml).",
                "The input file takes the same JSON layouts as 'zkml compile --input'. Prints the output and where "
                        + "the proof went."})
final class ProveCommand extends Subcommand {
    @Option(names = "--pk", paramLabel = "FILE", required = true, description = "The proving key (from 'zkml setup').")
    Path pk;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true, description = "The input (JSON).")
    Path input;

    @Option(names = "--input-visibility", paramLabel = "public|private|hashed", defaultValue = "private",
            description = {"public: the input is written into the proof file and checked by the verifier;",
                    "private (default): it is not in the file, and with a zero-knowledge key (the default) the proof",
                    "reveals nothing about it beyond the output (see the README's Visibility section);",
                    "hashed: as private, and the file carries a hiding commitment to the input (made with --input-seed):",
                    "proofs with the same input and seed carry the same commitment."})
    String visibility;

    @Option(names = "--input-seed", paramLabel = "FILE", description = {"With --input-visibility hashed: the seed file of the "
            + "input's commitment (default: INPUT.seed beside the input file; made if missing). Keep it with the input: with it, "
            + "'zkml commit-input' shows which input a commitment is. It counts the proofs that use it (at most "
            + io.zkml4j.prover.engine.HashedTensor.INPUT_BUDGET + ")."})
    Path inputSeed;

    @Option(names = "--output-visibility", paramLabel = "public|hashed", defaultValue = "public",
            description = {"public (default): the output is written into the proof file: it is the statement;",
                    "hashed: the file carries only a hiding commitment to the output; its values and the commitment's seed",
                    "go to --output-seed, and 'zkml open-output' shows them to whoever is given that file."})
    String outputVisibility;

    @Option(names = "--output-seed", paramLabel = "FILE", description = "With --output-visibility hashed: where to write the "
            + "output and its commitment's seed (default: PROOF.output.seed beside the proof). Secret: it reveals the output.")
    Path outputSeed;

    @Option(names = "--strict", description = {"Refuse an input with values outside the range the model was calibrated for "
            + "instead of clamping them (the proof states how many input values sit at the range's limits either way)."})
    boolean strict;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "out.zkml",
            description = "Where to write the proof (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    int execute() throws Exception {
        Visibility vis;
        try {
            vis = Visibility.parse(visibility);
        } catch (IllegalArgumentException e) {
            throw new UserError("--input-visibility: " + e.getMessage());
        }
        boolean hashedOutput = switch (outputVisibility.toLowerCase(java.util.Locale.ROOT)) {
            case "public" -> false;
            case "hashed" -> true;
            default -> throw new UserError("--output-visibility: must be 'public' or 'hashed', not '" + outputVisibility + "'");
        };
        if (!hashedOutput && outputSeed != null) {
            throw new UserError("--output-seed is for --output-visibility hashed");
        }
        String json = Artifacts.readText(input);
        ProvingKey key;
        try (Progress progress = term.progress(1)) {
            progress.step("loading the proving key (recommitting to the weights)");
            key = Artifacts.readProvingKey(pk);
        }
        refuseInsecure(key.verifyingKey().security(), "'" + pk + "'");
        QuantizedModel q = key.model();
        float[][] x = readInputs(q, json);
        int clamped = q.clampedCount(x);
        if (clamped > 0 && strict) {
            throw new UserError("'" + input + "': " + clamped + " input value(s) lie outside the range the model was calibrated for; "
                    + "--strict refuses to clamp them (recalibrate with 'zkml compile --input' on representative data, or prove without --strict)");
        }
        if (clamped > 0) {
            term.note("note: " + clamped + " input value(s) lie outside the range the model was calibrated for and are clamped "
                    + "to it; the proof is about the clamped input");
        }
        InputSeed seed = null;
        if (vis == Visibility.HASHED) {
            seed = InputSeed.readOrCreate(InputSeed.defaultFor(input, inputSeed)).spend();
        } else if (inputSeed != null) {
            throw new UserError("--input-seed is for --input-visibility hashed");
        }
        Proof proof;
        long[] outputValues;
        OutputSeed opening = null;
        long t0 = System.nanoTime();
        try (Progress progress = term.progress(1)) {
            progress.step("proving");
            long[] integers = Zkml.concatInputs(q.quantizeInputs(x));
            byte[] outSeed = hashedOutput ? io.zkml4j.crypto.random.ZkRandom.newSeed() : null;
            if (hashedOutput) {
                Zkml.HashedOutputProof h = Zkml.proveWithHashedOutput(key, integers, vis, seed == null ? null : seed.seed(), outSeed);
                proof = h.proof();
                outputValues = h.output();
                opening = new OutputSeed(OutputSeed.defaultFor(output, outputSeed), outSeed, outputValues);
            } else {
                proof = Zkml.prove(key, integers, vis, seed == null ? null : seed.seed(), null);
                outputValues = proof.output();
            }
        } catch (java.io.UncheckedIOException e) {
            throw new UserError(e.getMessage() + " (the proof was not made)");
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        byte[] bytes = proof.toBytes();
        if (opening != null) {
            opening.write();
        }
        Artifacts.write(output, bytes);
        int offset = 0;
        for (int i = 0; i < q.outputs().length; i++) {
            int n = q.outputSpec(i).size();
            long[] part = java.util.Arrays.copyOfRange(outputValues, offset, offset + n);
            offset += n;
            term.println(Text.field("output", Text.output(q.outputNames().get(i), q.outputSpec(i).shape(), q.dequantizeOutput(i, part))
                    + (opening != null ? " (hashed: not in the proof file)" : "")));
        }
        if (opening != null) {
            term.println(Text.field("output seed", "commitment " + proof.outputCommitmentHex() + "; the values and its seed are in "
                    + opening.file() + " (secret: 'zkml open-output' shows them to whoever has it)"));
        }
        term.println(Text.field("input", switch (vis) {
            case PUBLIC -> "public: written into the proof file";
            case PRIVATE -> "private: not in the proof file";
            case HASHED -> "hashed: commitment " + proof.inputCommitmentHex() + " (seed in " + seed.file() + ", "
                    + seed.proofs() + " of " + io.zkml4j.prover.engine.HashedTensor.INPUT_BUDGET + " proofs; keep it with the input)";
        }));
        term.println(Text.field("range limits", Text.limits(proof.claimedInputAtLimits(), proof.claimedOutputAtLimits())));
        term.println(Text.field("zero-knowledge", key.verifyingKey().zeroKnowledge()));
        if (key.openingBudget() > 0) {
            int left = key.proofsLeft();
            term.println(Text.field("budget", left > 0 ? left + " more proof(s) with this key, then 'zkml setup --rotate " + pk + "'"
                    : "this was the key's last proof: run 'zkml setup --rotate " + pk + "' before the next"));
        }
        term.println(Text.field("proof", output + " (" + Units.bytes(bytes.length) + "), proved in " + Units.millis(millis)));
        term.note("next: zkml verify --vk " + pk.resolveSibling(Artifacts.stem(pk) + ".vk") + " " + output);
        return ExitCode.OK;
    }

    /** The input file's values for every model input, in model order. */
    private float[][] readInputs(QuantizedModel q, String json) throws UserError {
        try {
            return InputFile.parse(json, q.inputValues()).values().toArray(new float[0][]);
        } catch (InputFileException e) {
            throw new UserError("'" + input + "': " + e.getMessage());
        }
    }
}
