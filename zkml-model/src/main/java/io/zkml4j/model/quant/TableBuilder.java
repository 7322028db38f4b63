package io.zkml4j.model.quant;

import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.lower.UnaryFunction;
import io.zkml4j.model.quant.ModelBuilder.QValue;

/**
 * Builds the lookup table of a non-linear function over its input's static interval. Entry for integer
 * input v (real {@code v·2^−fx}): {@code clamp(round_half_away(fn(v·2^−fx)·2^fy), actMin, actMax)}, with
 * +∞ → actMax, −∞ → actMin and NaN (outside the function's domain) → 0. Computed with
 * {@link StrictMath}, so the same on every JVM; after that the table is data. Where the function is
 * constant (saturated) at either end of the domain, the input is first clamped to the shorter domain (an
 * exact Requant with {@code m = 1, s = 0}) when that at least halves the table.
 */
final class TableBuilder {
    private TableBuilder() {
    }

    /** {@code len} entries for inputs {@code lo, lo + 1, ...} at scale fx, outputs at scale fy. */
    static long[] entries(UnaryFunction fn, double a, double c, long lo, int len, int fx, int fy, QuantizationOptions o) {
        long[] t = new long[len];
        double inScale = Math.scalb(1.0, -fx);
        double outScale = Math.scalb(1.0, fy);
        for (int i = 0; i < len; i++) {
            double y = fn.apply((lo + i) * inScale, a, c) * outScale;
            if (Double.isNaN(y)) {
                t[i] = 0;
            } else {
                double r = Math.signum(y) * Math.floor(Math.abs(y) + 0.5);
                t[i] = (long) Math.max(o.activationMin(), Math.min(o.activationMax(), r));
            }
        }
        return t;
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
        long[] t = entries(fn, a, c, xs.lo(), (int) len, x.scale(), fy, o);
        int first = 0;
        while (first + 1 < t.length && t[first + 1] == t[0]) {
            first++;
        }
        int last = t.length - 1;
        while (last - 1 > first && t[last - 1] == t[t.length - 1]) {
            last--;
        }
        if ((long) (last - first + 1) * 2 <= t.length) {
            long lo = xs.lo() + first;
            long hi = xs.lo() + last;
            int id = b.emit(new Primitive.Requant(x.id(), 1, 0, lo, hi), xs.shape(), x.scale(), name + "/table-domain");
            x = new QValue(id, x.scale(), true);
            xs = b.spec(id);
            t = java.util.Arrays.copyOfRange(t, first, last + 1);
        }
        String label = fn.name() + (a != 0 || c != 0 ? "(" + a + ", " + c + ")" : "") + " in 2^-" + x.scale()
                + " out 2^-" + fy;
        int id = b.emit(new Primitive.Table(x.id(), xs.lo(), b.intern(t), label), xs.shape(), fy, name);
        return new QValue(id, fy, true);
    }
}
