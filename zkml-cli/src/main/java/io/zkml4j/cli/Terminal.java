package io.zkml4j.cli;

import java.io.PrintWriter;

/**
 * Where a command writes: results on stdout, notes and progress on stderr ({@code --quiet} silences
 * both notes and progress, never results or errors). Stdout lines and the progress line share one lock so
 * that on a terminal a result never lands in the middle of a progress bar.
 */
final class Terminal {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean errIsTerminal;
    private final boolean quiet;
    private Progress progress;

    Terminal(PrintWriter out, PrintWriter err, boolean errIsTerminal, boolean quiet) {
        this.out = out;
        this.err = err;
        this.errIsTerminal = errIsTerminal;
        this.quiet = quiet;
    }

    /** One line of the command's result on stdout. */
    synchronized void println(String line) {
        clearProgressLine();
        out.println(line);
        out.flush();
    }

    /** A note on stderr (not printed with {@code --quiet}). */
    synchronized void note(String line) {
        if (!quiet) {
            clearProgressLine();
            err.println(line);
            err.flush();
        }
    }

    /**
     * Starts reporting progress over {@code steps} steps (0 if unknown); close it when the work is done.
     * With {@code --quiet} nothing is shown.
     */
    synchronized Progress progress(int steps) {
        if (progress != null) {
            progress.close();
        }
        progress = new Progress(this, steps, errIsTerminal, quiet);
        return progress;
    }

    synchronized void flush() {
        if (progress != null) {
            progress.close();
        }
        out.flush();
        err.flush();
    }

    // ---- for Progress (called with this lock held) ----

    PrintWriter err() {
        return err;
    }

    private void clearProgressLine() {
        if (progress != null) {
            progress.clearLine();
        }
    }
}
