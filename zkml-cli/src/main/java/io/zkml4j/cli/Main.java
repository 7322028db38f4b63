package io.zkml4j.cli;

import io.zkml4j.model.InputFileException;
import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.ModelImportException;
import io.zkml4j.model.quant.ModelFormatException;
import io.zkml4j.model.reference.FloatReferenceException;
import io.zkml4j.prover.compile.NotProvableException;
import io.zkml4j.prover.format.FileFormatException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Entry point of {@code zkml}. Maps failures to exit codes (see {@link ExitCode}) and one-line messages:
 * {@code zkml <command>: <what went wrong>}. A stack trace is printed only for {@code --debug}.
 */
public final class Main {
    /** Exceptions that describe the user's input, not a bug: each already has a one-line message. */
    private static final List<Class<? extends Exception>> USER_ERRORS = List.of(UserError.class, FileFormatException.class,
            ModelFormatException.class, ModelImportException.class, ModelCompileException.class, InputFileException.class,
            NotProvableException.class, FloatReferenceException.class, io.zkml4j.prover.ProvingKey.BudgetSpentException.class);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(stderrIsTerminal()).execute(args));
    }

    /** The configured command line; tests set its out and err writers and call {@code execute}. */
    public static CommandLine commandLine(boolean stderrIsTerminal) {
        CommandLine cl = new CommandLine(new ZkmlCommand(stderrIsTerminal));
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::failure);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(prefix(cmd) + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.USER_ERROR;
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean debug = cmd.getCommand() instanceof Subcommand s && s.debug();
        int code;
        if (USER_ERRORS.stream().anyMatch(c -> c.isInstance(e))) {
            err.println(prefix(cmd) + e.getMessage());
            code = ExitCode.USER_ERROR;
        } else {
            err.println(prefix(cmd) + "internal error: " + e + " (this is a bug in zkml4j; run again with --debug for the "
                    + "stack trace and report it)");
            code = ExitCode.INTERNAL_ERROR;
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    /**
     * Whether stderr is an interactive terminal (then progress is a bar redrawn in place). The {@code ./zkml}
     * launcher knows ({@code [ -t 2 ]}) and says so in {@code ZKML_STDERR_IS_TERMINAL}; run directly, the jar
     * guesses from {@code System.console()} (Java 22+: {@code Console.isTerminal()}), which looks at stdin
     * and stdout.
     */
    static boolean stderrIsTerminal() {
        String env = System.getenv("ZKML_STDERR_IS_TERMINAL");
        if (env != null) {
            return env.equals("1");
        }
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
