package io.zkml4j.bench.table;

import java.util.Locale;

/** Durations and sizes as people read them, with three significant digits. */
public final class Units {
    private Units() {
    }

    /** Milliseconds with three significant digits ({@code 0.412 ms}, {@code 41.2 ms}, {@code 1.24 s}). */
    public static String millis(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.3g s", ms / 1000);
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : "%.3g ms", ms);
    }

    /** Bytes in B, KiB, MiB or GiB with three significant digits. */
    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.3g %s", v, units[u]);
    }
}
