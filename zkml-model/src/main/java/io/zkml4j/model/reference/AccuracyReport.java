package io.zkml4j.model.reference;

import io.zkml4j.model.graph.Shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Float reference versus dequantized integer result, per output. Definitions: absolute error
 * {@code max_i |float_i − int_i|}; relative error = that maximum divided by {@code max_i |float_i|} (0 when
 * both are all zero, +∞ when only the float output is); argmax agreement, only for an output with a class
 * axis ({@link Shapes#classAxisLength}): for every row (the last axis), the float value at the integer result's
 * argmax equals the float row maximum (so exact float ties count as agreement). An output without a class
 * axis (a score, a regression value, an embedding or a sequence) has no argmax to agree on.
 */
public record AccuracyReport(List<Output> outputs) {

    public AccuracyReport {
        outputs = List.copyOf(outputs);
    }

    /** One output compared. */
    public record Output(String name, double[] reference, double[] quantized, int rowLength, double maxAbsError,
                         double maxRelativeError, boolean argmaxAgrees) {
        /** Whether the output has a class axis (rows longer than 1), so that its argmax means something. */
        public boolean hasClassAxis() {
            return rowLength > 1;
        }

        /** Cosine similarity of the whole output, float vs integer ({@code a·b / (|a|·|b|)}; 1 when both are 0). */
        public double cosine() {
            return cosine(reference, quantized, 0, reference.length);
        }

        /** The smallest cosine similarity over the rows (last-axis vectors, e.g. one token's embedding). */
        public double worstRowCosine() {
            double worst = 1;
            for (int start = 0; start + rowLength <= reference.length; start += rowLength) {
                worst = Math.min(worst, cosine(reference, quantized, start, rowLength));
            }
            return worst;
        }

        static double cosine(double[] a, double[] b, int start, int n) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = start; i < start + n; i++) {
                ab += a[i] * b[i];
                aa += a[i] * a[i];
                bb += b[i] * b[i];
            }
            return aa == 0 && bb == 0 ? 1 : aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
        }
    }

    /**
     * Compares outputs (same order in both arrays); {@code rowLengths[i]} is the class-axis length of output
     * i (the unit of argmax; 0 or 1: no class axis, no argmax).
     */
    public static AccuracyReport compare(List<String> names, double[][] reference, double[][] quantized, int[] rowLengths) {
        if (reference.length != quantized.length || names.size() != reference.length) {
            throw new IllegalArgumentException(reference.length + " reference outputs, " + quantized.length + " quantized");
        }
        List<Output> out = new ArrayList<>();
        for (int o = 0; o < reference.length; o++) {
            double[] f = reference[o];
            double[] q = quantized[o];
            if (f.length != q.length) {
                throw new IllegalArgumentException("output '" + names.get(o) + "': " + f.length + " reference values, "
                        + q.length + " quantized");
            }
            double maxAbs = 0;
            double maxRef = 0;
            for (int i = 0; i < f.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(f[i] - q[i]));
                maxRef = Math.max(maxRef, Math.abs(f[i]));
            }
            double rel = maxRef > 0 ? maxAbs / maxRef : (maxAbs == 0 ? 0 : Double.POSITIVE_INFINITY);
            int row = Math.max(1, rowLengths[o]);
            boolean agrees = true;
            for (int start = 0; start + row <= f.length; start += row) {
                agrees &= f[start + argmax(q, start, row)] == f[start + argmax(f, start, row)];
            }
            out.add(new Output(names.get(o), f, q, row, maxAbs, rel, agrees));
        }
        return new AccuracyReport(out);
    }

    /**
     * Runs one example input through ONNX Runtime and through the integer interpreter and compares the
     * outputs (matched by name).
     */
    public static AccuracyReport measure(FloatReference reference, io.zkml4j.model.quant.QuantizedModel model,
                                         io.zkml4j.model.InputFile input) throws FloatReferenceException {
        return measure(reference, model, input, java.util.Map.of());
    }

    /** As above, for a model imported with fixed inputs: ONNX Runtime gets their values too. */
    public static AccuracyReport measure(FloatReference reference, io.zkml4j.model.quant.QuantizedModel model,
                                         io.zkml4j.model.InputFile input, java.util.Map<String, io.zkml4j.model.graph.Tensor> fixed)
            throws FloatReferenceException {
        java.util.Map<String, float[]> values = new java.util.LinkedHashMap<>(input.byName());
        java.util.Map<String, int[]> shapes = new java.util.LinkedHashMap<>(input.shapesByName());
        for (var e : fixed.entrySet()) {
            double[] d = e.getValue().data();
            float[] f = new float[d.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) d[i];
            }
            values.put(e.getKey(), f);
            shapes.put(e.getKey(), e.getValue().shape());
        }
        java.util.Map<String, double[]> ref = reference.run(values, shapes);
        double[][] quantized = io.zkml4j.model.interp.IntegerInterpreter.infer(model, input.arrays());
        List<String> names = model.outputNames();
        double[][] expected = new double[names.size()][];
        int[] rows = new int[names.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = ref.get(names.get(i));
            if (expected[i] == null) {
                throw new FloatReferenceException("ONNX Runtime produced no output '" + names.get(i) + "'");
            }
            int[] shape = model.outputSpec(i).shape();
            rows[i] = Shapes.classAxisLength(shape);
        }
        return compare(names, expected, quantized, rows);
    }

    static int argmax(double[] v, int start, int len) {
        int best = 0;
        for (int i = 1; i < len; i++) {
            if (v[start + i] > v[start + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Whether some output has a class axis (else there is no argmax to report). */
    public boolean hasClassAxis() {
        for (Output o : outputs) {
            if (o.hasClassAxis()) {
                return true;
            }
        }
        return false;
    }

    /** Whether every output with a class axis agrees on the argmax of every row (true if none has one). */
    public boolean argmaxAgrees() {
        for (Output o : outputs) {
            if (!o.argmaxAgrees()) {
                return false;
            }
        }
        return true;
    }

    public double worstRelativeError() {
        double w = 0;
        for (Output o : outputs) {
            w = Math.max(w, o.maxRelativeError());
        }
        return w;
    }

    public double worstAbsoluteError() {
        double w = 0;
        for (Output o : outputs) {
            w = Math.max(w, o.maxAbsError());
        }
        return w;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-24s %12s %12s %8s  %s%n", "output", "max abs err", "max rel err", "argmax",
                "float -> int (first values)"));
        for (Output o : outputs) {
            StringBuilder vals = new StringBuilder();
            for (int i = 0; i < Math.min(4, o.reference().length); i++) {
                vals.append(String.format(Locale.ROOT, "%.5g->%.5g ", o.reference()[i], o.quantized()[i]));
            }
            if (o.reference().length > 4) {
                vals.append("... (").append(o.reference().length).append(" values)");
            }
            sb.append(String.format(Locale.ROOT, "%-24s %12.4g %11.3f%% %8s  %s%n", o.name(), o.maxAbsError(),
                    100 * o.maxRelativeError(), !o.hasClassAxis() ? "-" : o.argmaxAgrees() ? "agree" : "DIFFER", vals.toString().trim()));
        }
        return sb.toString();
    }
}
