package io.zkml4j.prover;

import java.util.Locale;

/** Byte counts and shapes as the API's {@code toString()}s print them. */
final class Sizes {
    private Sizes() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 262 KiB}, {@code 2.10 MiB}. */
    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        double k = b / 1024.0;
        if (k < 1024) {
            return String.format(Locale.ROOT, k < 10 ? "%.2f KiB" : k < 100 ? "%.1f KiB" : "%.0f KiB", k);
        }
        double m = k / 1024.0;
        return String.format(Locale.ROOT, m < 10 ? "%.2f MiB" : "%.1f MiB", m);
    }

    /** Up to six significant digits, no trailing zeros: {@code 0.98114}, {@code -3}, {@code 1.5e-07}. */
    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        String s = new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toString();
        return s.replace("E+", "e").replace("E", "e");
    }

    /** {@code name [1, 28, 28]}. */
    static String port(String name, int[] shape) {
        StringBuilder sb = new StringBuilder(name).append(" [");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
