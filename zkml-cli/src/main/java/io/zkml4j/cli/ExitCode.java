package io.zkml4j.cli;

/** The exit codes of {@code zkml}, as documented in the README and in {@code zkml --help}. */
final class ExitCode {
    /** Success; for {@code verify}: ACCEPT. */
    static final int OK = 0;
    /** {@code verify}: REJECT (the proof does not establish the statement); {@code demo}: a check failed. */
    static final int REJECTED = 1;
    /** Usage errors, unreadable or wrong files, models that cannot be imported or proved. */
    static final int USER_ERROR = 2;
    /** A bug in zkml4j (an unexpected exception); {@code --debug} prints its stack trace. */
    static final int INTERNAL_ERROR = 3;

    private ExitCode() {
    }
}
