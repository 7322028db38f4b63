package io.zkml4j.cli;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of work made of steps, on stderr, only for steps that take a while. When stderr is a terminal:
 * a bar redrawn in place ({@code [######----] 3/5 proving  1.4 s}) once a step has run for
 * {@value #BAR_AFTER_MILLIS} ms, erased when the work is done. Otherwise (a pipe, a CI log): one plain
 * line {@code zkml: proving...} for each step still running after {@value #LINE_AFTER_MILLIS} ms.
 */
final class Progress implements AutoCloseable {
    static final long BAR_AFTER_MILLIS = 300;
    static final long LINE_AFTER_MILLIS = 1000;
    private static final int BAR_WIDTH = 20;

    private final Terminal terminal;
    private final int steps;
    private final boolean bar;
    private final ScheduledExecutorService ticker;
    private String label;
    private int done;
    private long stepStart;
    private boolean announced;
    private boolean lineShown;

    Progress(Terminal terminal, int steps, boolean bar, boolean quiet) {
        this.terminal = terminal;
        this.steps = steps;
        this.bar = bar;
        if (quiet) {
            ticker = null;
        } else {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "zkml-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts the next step (the previous one, if any, counts as done). */
    void step(String what) {
        synchronized (terminal) {
            if (label != null) {
                done++;
            }
            label = what;
            stepStart = System.nanoTime();
            announced = false;
        }
    }

    private void tick() {
        synchronized (terminal) {
            if (label == null) {
                return;
            }
            long ms = (System.nanoTime() - stepStart) / 1_000_000;
            if (bar && ms >= BAR_AFTER_MILLIS) {
                terminal.err().print("\r" + render(ms) + "\033[K");
                terminal.err().flush();
                lineShown = true;
            } else if (!bar && ms >= LINE_AFTER_MILLIS && !announced) {
                terminal.err().println("zkml: " + label + "...");
                terminal.err().flush();
                announced = true;
            }
        }
    }

    private String render(long ms) {
        StringBuilder sb = new StringBuilder();
        if (steps > 0) {
            int filled = Math.min(BAR_WIDTH, done * BAR_WIDTH / steps);
            sb.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(Math.min(done + 1, steps)).append('/').append(steps).append(' ');
        }
        return sb.append(label).append(String.format(Locale.ROOT, "  %.1f s", ms / 1000.0)).toString();
    }

    /** Erases the bar (before a result line is printed); the next tick draws it again. */
    void clearLine() {
        if (lineShown) {
            terminal.err().print("\r\033[K");
            terminal.err().flush();
            lineShown = false;
        }
    }

    @Override
    public void close() {
        synchronized (terminal) {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            clearLine();
            label = null;
        }
    }
}
