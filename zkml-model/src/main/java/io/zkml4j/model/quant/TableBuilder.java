package io.zkml4j.model.quant;

import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.lower.UnaryFunction;
import io.zkml4j.model.quant.ModelBuilder.QValue;

/**
 * Builds the lookup table of a non-linear function over its input's static interval. Entry for integer
 * input v (real {@code v·2^−fx}): {@code clamp(round_half_away(fn(v·2^−fx)·2^fy), actMin, actMax)}, with
 * +∞ → actMax, −∞ → actMin and NaN (outside the function's domain) → 0. Computed with
 * {@link StrictMath}, so the same on every JVM; after that the table is data.
 */
final class TableBuilder {
    private TableBuilder() {
    }

    static QValue table(ModelBuilder b, QValue x, UnaryFunction fn, double a, double c, int fy, String name,
                        QuantizationOptions o) throws ModelCompileException {
        TensorSpec xs = b.spec(x.id());
        long len = xs.hi() - xs.lo() + 1;
        if (len > o.maxTableLength()) {
            // Drop low bits of the input until its interval fits the longest table.
            int shift = 64 - Long.numberOfLeadingZeros((len - 1) / o.maxTableLength());
            while (((xs.hi() >> shift) - (xs.lo() >> shift) + 2) > o.maxTableLength()) {
                shift++;
            }
            x = b.rescale(x, 1, x.scale() - shift, o.activationMin(), o.activationMax(), name + "/table-input");
            xs = b.spec(x.id());
            len = xs.hi() - xs.lo() + 1;
        }
        long[] t = new long[(int) len];
        double inScale = Math.scalb(1.0, -x.scale());
        double outScale = Math.scalb(1.0, fy);
        for (int i = 0; i < t.length; i++) {
            double y = fn.apply((xs.lo() + i) * inScale, a, c) * outScale;
            long q;
            if (Double.isNaN(y)) {
                q = 0;
            } else {
                double r = Math.signum(y) * Math.floor(Math.abs(y) + 0.5);
                q = (long) Math.max(o.activationMin(), Math.min(o.activationMax(), r));
            }
            t[i] = q;
        }
        String label = fn.name() + (a != 0 || c != 0 ? "(" + a + ", " + c + ")" : "") + " in 2^-" + x.scale()
                + " out 2^-" + fy;
        int id = b.emit(new Primitive.Table(x.id(), xs.lo(), t, label), xs.shape(), fy, name);
        return new QValue(id, fy, true);
    }
}
