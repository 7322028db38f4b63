package io.zkml4j.cli;

import io.zkml4j.model.graph.Shapes;

import java.math.BigDecimal;
import java.util.Locale;

/** How values, shapes and outputs are written in the command's text output. */
final class Text {
    /** At most this many values of an output are printed on one line. */
    static final int MAX_VALUES_SHOWN = 12;

    private Text() {
    }

    /** A number with up to six significant digits, no trailing zeros: {@code 0.98114}, {@code -3}, {@code 1.5e-07}. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        String s = new BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toString();
        return s.replace("E+", "e").replace("E", "e");
    }

    /** {@code [1, 3, 8, 8]}. */
    static String shape(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    /**
     * {@code name [1, 2] = 0.98114 0.018799 (argmax 0)}, long outputs cut after {@link #MAX_VALUES_SHOWN}
     * values; the argmax only for an output with a class axis ({@link Shapes#classAxisLength}), one per
     * row when there are several.
     */
    static String output(String name, int[] shape, double[] values) {
        StringBuilder sb = new StringBuilder(name).append(' ').append(shape(shape)).append(" =");
        for (int i = 0; i < Math.min(values.length, MAX_VALUES_SHOWN); i++) {
            sb.append(' ').append(number(values[i]));
        }
        if (values.length > MAX_VALUES_SHOWN) {
            sb.append(" ... (").append(values.length).append(" values)");
        }
        int classes = Shapes.classAxisLength(shape);
        if (classes > 1) {
            StringBuilder argmax = new StringBuilder();
            int rows = values.length / classes;
            for (int r = 0; r < Math.min(rows, MAX_VALUES_SHOWN); r++) {
                int best = 0;
                for (int i = 1; i < classes; i++) {
                    if (values[r * classes + i] > values[r * classes + best]) {
                        best = i;
                    }
                }
                argmax.append(r == 0 ? "" : " ").append(best);
            }
            sb.append(rows > 1 ? "  (argmax per row " : "  (argmax ").append(argmax).append(rows > MAX_VALUES_SHOWN ? " ...)" : ")");
        }
        return sb.toString();
    }

    /** The first 16 hex digits of a digest, then an ellipsis. */
    static String shortHex(String hex) {
        return hex.length() <= 16 ? hex : hex.substring(0, 16) + "...";
    }

    /** Two columns: a label padded to {@code width}, then the text. */
    static String field(String label, String text) {
        return String.format(Locale.ROOT, "%-16s%s", label, text);
    }

    /** What a proof established about the range limits, in words. */
    static String limits(int inputAtLimits, int outputAtLimits) {
        if (inputAtLimits == 0 && outputAtLimits == 0) {
            return "no input value clamped, no output value saturated (proved)";
        }
        return inputAtLimits + " input value(s) at the limits of the calibrated range (clamped, or exactly at a limit), "
                + outputAtLimits + " output value(s) at the limits of the output's range (saturated) (proved)";
    }
}
