package io.zkml4j.cli;

import io.zkml4j.bench.table.Units;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.compile.NotProvableException;
import io.zkml4j.prover.engine.Hiding;
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
    @Parameters(index = "0", paramLabel = "MODEL.zkm|KEY.pk", description = "The compiled model (from 'zkml compile'); "
            + "with --rotate, the proving key to rotate.")
    Path model;

    @Option(names = "--rotate", description = {"Rotate the proving key KEY.pk: retire it and write a new key for the same weights "
            + "under a new model commitment (KEY.pk is replaced), its verifying key KEY.rN.vk and the rotation KEY.rN.zkrot that "
            + "proves the weights are the same. Publish both; verifiers pass the rotations to 'zkml verify --rotation'."})
    boolean rotate;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Folder for MODEL.pk and MODEL.vk (default: the current folder).")
    Path outputDir;

    @Option(names = "--name", description = "The model's name, recorded in the keys (default: the file name without .zkm).")
    String name;

    @Option(names = "--budget", paramLabel = "N", defaultValue = "" + ProvingKey.DEFAULT_BUDGET,
            description = {"Proofs the model commitment hides (default: ${DEFAULT-VALUE}, at most " + Hiding.MAX_BUDGET + "). The key "
                    + "counts them and then refuses to prove; a larger budget makes proofs larger."})
    int budget;

    @Option(names = "--no-zk", description = "Proofs that are not zero-knowledge and commitments that do not hide (smaller, faster "
            + "proofs that reveal linear combinations of the weights and a private input; for public models and tests). "
            + "Keys and proofs say so.")
    boolean noZk;

    @Option(names = "--public-weights", description = "A public model: the verifying key carries the weights (anyone may check "
            + "them against the model) and proofs need no model commitment, so no budget. Proofs stay zero-knowledge about a "
            + "private input (unless --no-zk).")
    boolean publicWeights;

    @Override
    int execute() throws Exception {
        if (rotate) {
            return rotate();
        }
        if (budget < 1 || budget > Hiding.MAX_BUDGET) {
            throw new UserError("--budget " + budget + ": give 1 to " + Hiding.MAX_BUDGET + " proofs (or --no-zk for a key that does not hide)");
        }
        QuantizedModel q = Artifacts.readModel(model);
        SecurityLevel security = securityLevel();
        String modelName = name != null ? name : Artifacts.stem(model);
        ProvingKey pk;
        try (Progress progress = term.progress(1)) {
            progress.step("committing to the weights of " + modelName);
            pk = publicWeights ? Zkml.setupWithPublicWeights(q, modelName, security, !noZk)
                    : Zkml.setup(q, modelName, security, noZk ? 0 : budget);
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
        term.println(Text.field("hiding", hiding(vk)));
        term.println(Text.field("zero-knowledge", vk.zeroKnowledge()));
        term.println(Text.field("wrote", pkPath + " (" + Units.bytes(pkBytes.length) + ", keep it with the prover), "
                + vkPath + " (" + Units.bytes(vkBytes.length) + ", publish it)"));
        term.note("next: zkml prove --pk " + pkPath + " --input input.json -o out.zkml");
        return ExitCode.OK;
    }

    private int rotate() throws Exception {
        ProvingKey old = Artifacts.readProvingKey(model);
        refuseInsecure(old.verifyingKey().security(), "'" + model + "'");
        if (!old.verifyingKey().hiding().enabled()) {
            throw new UserError("'" + model + "' was made with " + (old.verifyingKey().hasPublicWeights() ? "--public-weights" : "--no-zk")
                    + ": it has no budget to rotate and proves without limit");
        }
        Zkml.Rotated r;
        try (Progress progress = term.progress(1)) {
            progress.step("committing to the weights again and proving they are the same");
            r = Zkml.rotate(old);
        } catch (ProvingKey.BudgetSpentException e) {
            throw new UserError("'" + model + "': " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new UserError(e.getMessage() + " (the key was not rotated)");
        }
        Path dir = outputDir != null ? outputDir : model.toAbsolutePath().getParent();
        String stem = Artifacts.stem(model);
        int g = r.key().generation();
        Path pkPath = dir.resolve(stem + ".pk");
        Path vkPath = dir.resolve(stem + ".r" + g + ".vk");
        Path rotPath = dir.resolve(stem + ".r" + g + ".zkrot");
        Artifacts.write(vkPath, r.key().verifyingKey().toBytes());
        Artifacts.write(rotPath, r.rotation().toBytes());
        Artifacts.write(pkPath, r.key().toBytes());
        VerifyingKey vk = r.key().verifyingKey();
        term.println(Text.field("rotated", "'" + model + "' is retired; generation " + g + " of the model '" + vk.metadata().modelName() + "'"));
        term.println(Text.field("commitment", vk.modelCommitmentHex()));
        term.println(Text.field("key digest", vk.digestHex()));
        term.println(Text.field("budget", r.key().proofsLeft() + " proofs before the next rotation"));
        term.println(Text.field("wrote", pkPath + " (the new proving key), " + vkPath + " and " + rotPath + " (publish both)"));
        term.note("verifiers who trust the original key: zkml verify --vk ORIGINAL.vk --rotation " + stem + ".r1.zkrot"
                + (g > 1 ? " ... --rotation " + rotPath.getFileName() : "") + " PROOF.zkml");
        return ExitCode.OK;
    }

    /** The key's hiding in words: the budget of the model commitment, or none. */
    static String hiding(VerifyingKey vk) {
        if (vk.hasPublicWeights()) {
            return "the weights are public (in the verifying key); no budget" + (vk.isZeroKnowledge() ? "" : "; nothing else is hidden (--no-zk)");
        }
        return vk.hiding().enabled() ? "the model commitment hides the weights for " + vk.openingBudget() + " proofs "
                + "(then 'zkml setup --rotate')" : "none (--no-zk)";
    }

    /** The security level in words: the name, the bits and what they rest on. */
    static String describe(SecurityLevel s) {
        var l = s.ligero();
        String pow = l.grindingBits() > 0 ? " after " + l.grindingBits() + " bits of proof of work" : "";
        return s.id() + ": " + l.securityBits() + "-bit soundness (Ligero, rate 1/" + l.inverseRate() + ", " + l.queries()
                + " column queries" + pow + "; SHA-256 as a random oracle)" + (l.isTestingOnly() ? "; TESTING ONLY, NOT SECURE" : "");
    }
}
