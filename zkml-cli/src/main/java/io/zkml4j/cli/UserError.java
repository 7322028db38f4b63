package io.zkml4j.cli;

/**
 * Something the user can fix (a missing or unreadable file, a file of the wrong kind, a model that cannot
 * be imported or proved, a bad option value): printed as one line, exit code 2, never a stack trace.
 */
final class UserError extends Exception {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
