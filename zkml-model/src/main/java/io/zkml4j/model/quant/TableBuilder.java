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
 * exact Requant with {@code m = 1, s = 0}) when that at least halves the table. The domain is then widened,
 * at no cost, to a canonical window of the power-of-two length the table is padded to anyway (the whole
 * activation range, or a window starting at a multiple of half that length), so that layers applying one
 * function at the same scales get the same table, which the proof then looks up once.
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

    private static int paddedLength(int len) {
        return len <= 1 ? 1 : Integer.highestOneBit(len - 1) << 1;
    }

    /**
     * The first entry of the canonical window for the domain {@code [lo, hi]}: the whole activation range
     * when the table is padded to its length anyway, else the first window of the padded length starting at
     * a multiple of half that length that contains the domain; {@code lo} itself when there is none.
     */
    static long canonicalStart(long lo, long hi, QuantizationOptions o) {
        int p = paddedLength((int) (hi - lo + 1));
        long actLen = o.activationMax() - o.activationMin() + 1;
        if (p >= actLen && lo >= o.activationMin() && hi <= o.activationMax()) {
            return p == actLen ? o.activationMin() : lo;
        }
        long half = Math.max(1, p / 2);
        long start = Math.floorDiv(hi - p + 1, half) * half;
        while (start <= lo) {
            if (start + p - 1 >= hi && start >= o.activationMin() && start + p - 1 <= o.activationMax()) {
                return start;
            }
            start += half;
        }
        return lo;
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
        long start = canonicalStart(xs.lo(), xs.lo() + t.length - 1, o);
        if (start != xs.lo()) {
            t = entries(fn, a, c, start, paddedLength(t.length), x.scale(), fy, o);
        }
        String label = fn.name() + (a != 0 || c != 0 ? "(" + a + ", " + c + ")" : "") + " in 2^-" + x.scale()
                + " out 2^-" + fy;
        int id = b.emit(new Primitive.Table(x.id(), start, b.intern(t), label), xs.shape(), fy, name);
        return new QValue(id, fy, true);
    }
}
