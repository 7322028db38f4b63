package io.zkml4j.cli;

import io.zkml4j.prover.SecurityLevel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * What every {@code zkml} subcommand shares: {@code --quiet}, {@code --debug}, the hidden testing switch,
 * and a {@link Terminal}. A subcommand returns its exit code or throws: {@link UserError} (and the module
 * exceptions listed in {@link Main}) become one line and exit code 2.
 */
abstract class Subcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ZkmlCommand root;

    @Option(names = "--quiet", description = "No progress or notes on stderr (results and errors are still printed).")
    boolean quiet;

    @Option(names = "--debug", description = "On an error, print the stack trace too.")
    boolean debug;

    /**
     * Lets tests use {@code SecurityLevel.TESTING_ONLY_INSECURE} keys. Hidden: such keys offer no security and
     * the command refuses them otherwise.
     */
    @Option(names = "--insecure-testing-only", hidden = true)
    boolean insecureTestingOnly;

    Terminal term;

    @Override
    public final Integer call() throws Exception {
        term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), root != null && root.stderrIsTerminal(), quiet);
        try {
            return execute();
        } catch (OutOfMemoryError e) {
            throw new UserError("out of memory; give the JVM more heap, e.g. ZKML_JAVA_OPTS=-Xmx16g ./zkml ...", e);
        } finally {
            term.flush();
        }
    }

    /** Runs the command and returns its exit code. */
    abstract int execute() throws Exception;

    /** The security level new keys get: the standard one, or the testing-only one behind the hidden switch. */
    SecurityLevel securityLevel() {
        return insecureTestingOnly ? SecurityLevel.TESTING_ONLY_INSECURE : SecurityLevel.STANDARD;
    }

    /** Refuses testing-only parameters unless the hidden {@code --insecure-testing-only} switch is given. */
    void refuseInsecure(SecurityLevel s, String what) throws UserError {
        if (s.ligero().isTestingOnly() && !insecureTestingOnly) {
            throw new UserError(what + " uses the testing-only parameter set '" + s.id() + "' (" + s.ligero().securityBits()
                    + "-bit soundness), which offers no security; zkml refuses it");
        }
    }

    boolean debug() {
        return debug;
    }
}
