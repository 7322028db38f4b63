package io.zkml4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code zkml} command: only subcommands; see the README for the walkthrough. */
@Command(name = "zkml",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Zero-knowledge proofs that a prediction came from a committed ONNX model.",
                "",
                "A typical run: compile a model with example inputs, set up its keys once, prove each prediction, "
                        + "and let anyone holding the verifying key check the proof:",
                "  zkml compile model.onnx --input input.json -o model.zkm",
                "  zkml setup model.zkm -o keys/",
                "  zkml prove --pk keys/model.pk --input input.json -o out.zkml",
                "  zkml verify --vk keys/model.vk out.zkml",
                "Or run the proving and verification service with its audit log: zkml serve",
                ""},
        subcommands = {CompileCommand.class, SetupCommand.class, ProveCommand.class, VerifyCommand.class,
                InspectCommand.class, CommitInputCommand.class, OpenOutputCommand.class, DemoCommand.class, BenchCommand.class,
                ServeCommand.class, AuditCommand.class},
        footer = {"", "Exit codes: 0 success (verify: ACCEPT); 1 verify: REJECT; 2 usage error, unreadable or wrong file, "
                + "model that cannot be imported or proved; 3 internal error (a bug; --debug shows the trace)."})
final class ZkmlCommand implements Runnable {
    private final boolean stderrIsTerminal;

    @Spec
    CommandSpec spec;

    ZkmlCommand(boolean stderrIsTerminal) {
        this.stderrIsTerminal = stderrIsTerminal;
    }

    boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    /** {@code zkml} alone is a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed: compile, setup, prove, verify, inspect, demo, bench, serve or audit");
    }
}
