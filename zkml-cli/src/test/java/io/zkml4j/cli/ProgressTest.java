package io.zkml4j.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress on stderr: a plain line for a slow step in a log, a bar redrawn in place on a terminal, nothing with --quiet. */
class ProgressTest {
    record Streams(StringWriter out, StringWriter err, Terminal term) {
    }

    static Streams terminal(boolean isTerminal, boolean quiet) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        return new Streams(out, err, new Terminal(new PrintWriter(out), new PrintWriter(err), isTerminal, quiet));
    }

    /** Waits (at most 10 s) until stderr shows {@code text}. */
    static void awaitErr(Streams s, String text) throws InterruptedException {
        for (int i = 0; i < 200 && !s.err().toString().contains(text); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void aSlowStepGetsOnePlainLineInALog() throws Exception {
        Streams s = terminal(false, false);
        try (Progress p = s.term().progress(2)) {
            p.step("fast step");
            p.step("slow step");
            awaitErr(s, "slow step");
            Thread.sleep(300);
        }
        assertThat(s.err().toString()).isEqualTo("zkml: slow step...\n");
    }

    @Test
    void onATerminalABarIsDrawnAndErasedBeforeResults() throws Exception {
        Streams s = terminal(true, false);
        try (Progress p = s.term().progress(4)) {
            p.step("one");
            p.step("two");
            awaitErr(s, "two");
            s.term().println("a result");
        }
        String err = s.err().toString();
        assertThat(err).contains("\r[#####---------------] 2/4 two").endsWith("\r\033[K");
        assertThat(s.out().toString()).isEqualTo("a result\n");
    }

    @Test
    void quietShowsNoProgressAndNoNotesButResults() throws Exception {
        Streams s = terminal(true, true);
        try (Progress p = s.term().progress(1)) {
            p.step("working");
            Thread.sleep(Progress.BAR_AFTER_MILLIS + 300);
            s.term().note("a note");
            s.term().println("the result");
        }
        assertThat(s.err().toString()).isEmpty();
        assertThat(s.out().toString()).isEqualTo("the result\n");
    }
}
