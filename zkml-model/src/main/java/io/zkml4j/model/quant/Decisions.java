package io.zkml4j.model.quant;

import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.lower.LoweredOp;
import io.zkml4j.model.lower.ReduceGeometry;
import io.zkml4j.model.quant.ModelBuilder.QValue;

/**
 * Decisions as integer primitives: comparisons, boolean logic, selection and arg-max, all exact, all made
 * of primitives the prover already proves (no relation of their own).
 *
 * <p>The one decision primitive is the <em>step</em> {@code [d ≥ 0]} of an exact integer {@code d}: the
 * Requant {@code clamp(⌊(d + c + 2^{s−1})/2^s⌋, 0, 1)} with {@code c = 2^{s−1}} ({@code c = 1} when
 * {@code s = 0}) is 1 exactly when {@code d ≥ 0}, for any shift {@code s}; the shift only keeps the
 * Requant's range check within its comparison table when {@code d} is wide. Its relation range-checks the
 * remainder and compares the quotient, so a proof of a wrong bit fails there. Then, on a value {@code q} at
 * scale {@code f} and a threshold {@code t} (real), with {@code T = t·2^f} (exact in double):
 * {@code q > t ⇔ q − (⌊T⌋ + 1) ≥ 0}, {@code q ≥ t ⇔ q − ⌈T⌉ ≥ 0}, {@code q < t ⇔ (⌈T⌉ − 1) − q ≥ 0},
 * {@code q ≤ t ⇔ ⌊T⌋ − q ≥ 0}, and {@code q = t ⇔ [q ≥ ⌈T⌉]·[q ≤ ⌊T⌋]} (0 when T is not an integer):
 * the integer decision is the float decision on the dequantized value {@code q·2^−f}, exactly.
 *
 * <p>Booleans are 0/1 at scale 0: NOT {@code 1 − a}, AND {@code a·b}, OR {@code 1 − (1 − a)(1 − b)}, XOR
 * {@code clamp((a − b)², 0, 1)}; Where {@code b + c·(a − b)} at the finer operand scale; ArgMax over one axis of
 * length n: {@code e = [x − max x ≥ 0]}, {@code w_i = n·e_i − i} (first index) or {@code n·e_i + i} (last),
 * index {@code = n − max w} or {@code max w − n}.
 */
final class Decisions {
    private final ModelBuilder b;
    private final QuantizationOptions o;

    Decisions(ModelBuilder b, QuantizationOptions o) {
        this.b = b;
        this.o = o;
    }

    /**
     * Per threshold t, with {@code T = t·2^f} on x's integer scale f: {@code {⌈T⌉, ⌊T⌋}}, since for an integer q,
     * {@code q ≥ t ⇔ q ≥ ⌈T⌉} and {@code q ≤ t ⇔ q ≤ ⌊T⌋}.
     */
    private static double[][] integerBounds(double[] t, int scale) {
        double[] lower = new double[t.length];
        double[] upper = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double tq = Math.scalb(t[i], scale);
            lower[i] = Math.ceil(tq);
            upper[i] = Math.floor(tq);
        }
        return new double[][] {lower, upper};
    }

    /** {@code [x ⋈ t]} decided on x's exact value; t of shape {@code tShape} broadcasts against x. */
    QValue compare(QValue x, LoweredOp.CompareKind op, int[] tShape, double[] t, String name) throws ModelCompileException {
        TensorSpec s = b.spec(x.id());
        double[][] bounds = integerBounds(t, x.scale());
        double[] lower = bounds[0];
        double[] upper = bounds[1];
        return switch (op) {
            case GT -> atLeast(x, tShape, map(upper, v -> v + 1), name);
            case GE -> atLeast(x, tShape, lower, name);
            case LT -> atMost(x, tShape, map(lower, v -> v - 1), name);
            case LE -> atMost(x, tShape, upper, name);
            case EQ -> {
                // [q ≥ ⌈T⌉]·[q ≤ ⌊T⌋]: both hold only when q = T.
                QValue ge = atLeast(x, tShape, lower, name + "/ge");
                QValue le = atMost(x, tShape, upper, name + "/le");
                yield bool(new Primitive.Mul(ge.id(), le.id()), s.shape(), name);
            }
        };
    }

    /**
     * {@code [x ⋈ t]} for thresholds that are the model's parameters (committed like weights). Per element the
     * difference is {@code d = m_i·q + a_i} with {@code m_i ∈ {sign, 0}} and {@code a_i} both committed (the
     * Affine's constants): a threshold inside x's interval {@code [lo, hi]} decides as {@link #compare} does
     * ({@code m_i = ±1}, {@code a_i = c ∓ T_i}); one that decides every value of the interval alike gets
     * {@code m_i = 0} and {@code a_i = c} (always) or {@code c − 1} (never). So {@code d + c} lies in the public
     * interval {@code [c − W, c + W − 1]}, {@code W = hi − lo}, which is declared: nothing of the thresholds
     * (their values, their direction, whether one is trivial) reaches the circuit. Exact as {@link #compare}.
     */
    QValue committedCompare(QValue x, LoweredOp.CompareKind op, int[] tShape, double[] t, String name) throws ModelCompileException {
        TensorSpec s = b.spec(x.id());
        double[][] bounds = integerBounds(t, x.scale());
        double[] lower = bounds[0];
        double[] upper = bounds[1];
        return switch (op) {
            case GT -> committedStep(x, tShape, 1, map(upper, v -> v + 1), name);
            case GE -> committedStep(x, tShape, 1, lower, name);
            case LT -> committedStep(x, tShape, -1, map(lower, v -> v - 1), name);
            case LE -> committedStep(x, tShape, -1, upper, name);
            case EQ -> {
                QValue ge = committedStep(x, tShape, 1, lower, name + "/ge");
                QValue le = committedStep(x, tShape, -1, upper, name + "/le");
                yield bool(new Primitive.Mul(ge.id(), le.id()), s.shape(), name);
            }
        };
    }

    /** The shift and offset {@code c} of the step for differences of width {@code 2W}, and the declared interval. */
    private record Committed(int shift, long c, Primitive.Bound declared) {
        static Committed of(TensorSpec x) {
            long w = Math.max(1, x.hi() - x.lo());
            int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(2 * w + 2) - 30);
            long c = shift == 0 ? 1 : 1L << (shift - 1);
            return new Committed(shift, c, new Primitive.Bound(c - w, c + w - 1));
        }
    }

    /** {@code [sign·(q − T) ≥ 0]} per element with committed constants and a declared difference interval. */
    private QValue committedStep(QValue x, int[] tShape, long sign, double[] threshold, String name) throws ModelCompileException {
        TensorSpec s = b.spec(x.id());
        Committed k = Committed.of(s);
        long[] mul = new long[threshold.length];
        long[] add = new long[threshold.length];
        for (int i = 0; i < threshold.length; i++) {
            double tv = threshold[i];
            boolean always = sign > 0 ? tv <= s.lo() : tv >= s.hi();
            boolean never = sign > 0 ? tv > s.hi() : tv < s.lo();
            mul[i] = always || never ? 0 : sign;
            add[i] = always ? k.c() : never ? k.c() - 1 : k.c() - sign * (long) tv;
        }
        int d = b.emit(new Primitive.Affine(x.id(), new LongTensor(tShape, mul), new LongTensor(tShape, add), k.declared()), s.shape(),
                x.scale(), name + "/difference");
        return new QValue(b.emit(new Primitive.Requant(d, 1, k.shift(), 0, 1), s.shape(), 0, name), 0, true);
    }

    /**
     * Tree splits {@code [x[r, f_j] ≤ t_j]} (or {@code <}) for x {@code [rows, F]}: {@code d = x·W + a}, one MatMul with
     * committed {@code W} (column j is {@code −e_{f_j}}, or 0 for a split that decides every value alike) and
     * committed bias {@code a_j = c + U_j} ({@code U_j = ⌊T_j⌋}, or {@code ⌈T_j⌉ − 1} when strict; {@code c} or
     * {@code c − 1} for a constant split), then the step: {@code [U_j − q ≥ 0]}, exact as {@link #compare}, with
     * the difference's interval declared as in {@link #committedCompare}.
     */
    QValue split(QValue x, int[] feature, boolean[] strict, double[] t, String name) throws ModelCompileException {
        TensorSpec s = b.spec(x.id());
        int rows = s.shape()[0];
        int f = s.shape()[1];
        int n = feature.length;
        Committed k = Committed.of(s);
        long[] w = new long[f * n];
        long[] bias = new long[n];
        for (int j = 0; j < n; j++) {
            double tq = Math.scalb(t[j], x.scale());
            double u = strict[j] ? Math.ceil(tq) - 1 : Math.floor(tq);
            if (u >= s.hi()) {
                bias[j] = k.c();
            } else if (u < s.lo()) {
                bias[j] = k.c() - 1;
            } else {
                w[feature[j] * n + j] = -1;
                bias[j] = k.c() + (long) u;
            }
        }
        int[] shape = {rows, n};
        int d = b.emit(new Primitive.MatMul(x.id(), new LongTensor(new int[] {f, n}, w), new LongTensor(new int[] {n}, bias),
                k.declared()), shape, x.scale(), name + "/difference");
        return new QValue(b.emit(new Primitive.Requant(d, 1, k.shift(), 0, 1), shape, 0, name), 0, true);
    }

    private static double[] map(double[] a, java.util.function.DoubleUnaryOperator f) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(a[i]);
        }
        return r;
    }

    /** {@code [q ≥ T]}: T is clamped to {@code [lo, hi + 1]}, which keeps every decision on x's interval. */
    private QValue atLeast(QValue x, int[] tShape, double[] threshold, String name) throws ModelCompileException {
        TensorSpec s = b.spec(x.id());
        long[] t = new long[threshold.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (long) Math.max(s.lo(), Math.min(s.hi() + 1.0, threshold[i]));
        }
        return step(x, tShape, 1, t, name);
    }

    /** {@code [q ≤ T]} = {@code [T − q ≥ 0]}, T clamped to {@code [lo − 1, hi]}. */
    private QValue atMost(QValue x, int[] tShape, double[] threshold, String name) throws ModelCompileException {
        TensorSpec s = b.spec(x.id());
        long[] t = new long[threshold.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (long) Math.max(s.lo() - 1.0, Math.min(s.hi(), threshold[i]));
        }
        return step(x, tShape, -1, t, name);
    }

    /**
     * {@code [sign·(q − T) ≥ 0]} per element: {@code d = sign·q − sign·T}, then the step of d (the Requant
     * above), with T already clamped to x's interval widened by one.
     */
    private QValue step(QValue x, int[] tShape, long sign, long[] t, String name) throws ModelCompileException {
        TensorSpec s = b.spec(x.id());
        long wide = Math.max(Math.abs(s.lo()), Math.abs(s.hi())) * 2 + 2;
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(wide) - 30);
        long c = shift == 0 ? 1 : 1L << (shift - 1);
        long[] add = new long[t.length];
        boolean trivial = sign == 1;
        for (int i = 0; i < t.length; i++) {
            add[i] = c - sign * t[i];
            trivial &= add[i] == 0;
        }
        int d = x.id();
        if (!trivial) {
            d = b.emit(new Primitive.Affine(x.id(), new LongTensor(tShape, filled(t.length, sign)), new LongTensor(tShape, add)),
                    s.shape(), x.scale(), name + "/difference");
        }
        int id = b.emit(new Primitive.Requant(d, 1, shift, 0, 1), s.shape(), 0, name);
        return new QValue(id, 0, true);
    }

    private QValue bool(Primitive p, int[] shape, String name) throws ModelCompileException {
        return new QValue(b.emit(p, shape, 0, name), 0, true);
    }

    private QValue requireBool(QValue v, String name) throws ModelCompileException {
        TensorSpec s = b.spec(v.id());
        if (v.scale() != 0 || s.lo() < 0 || s.hi() > 1) {
            throw new ModelCompileException("layer '" + name + "': a condition must be a boolean (0/1) value, but '" + s.name()
                    + "' has scale 2^-" + v.scale() + " and interval [" + s.lo() + ", " + s.hi() + "]");
        }
        return v;
    }

    /** NOT, AND, OR, XOR of 0/1 tensors. */
    QValue logic(LoweredOp.LogicKind op, QValue a, QValue c, int[] shape, String name) throws ModelCompileException {
        requireBool(a, name);
        if (op == LoweredOp.LogicKind.NOT) {
            return bool(new Primitive.Affine(a.id(), LongTensor.scalar(-1), LongTensor.scalar(1)), shape, name);
        }
        requireBool(c, name);
        if (op == LoweredOp.LogicKind.AND) {
            return bool(new Primitive.Mul(a.id(), c.id()), shape, name);
        }
        if (op == LoweredOp.LogicKind.OR) {
            // 1 − (1 − a)(1 − b): every step stays within [0, 1]
            int na = b.emit(new Primitive.Affine(a.id(), LongTensor.scalar(-1), LongTensor.scalar(1)), b.spec(a.id()).shape(), 0,
                    name + "/not-a");
            int nc = b.emit(new Primitive.Affine(c.id(), LongTensor.scalar(-1), LongTensor.scalar(1)), b.spec(c.id()).shape(), 0,
                    name + "/not-b");
            int neither = b.emit(new Primitive.Mul(na, nc), shape, 0, name + "/neither");
            return bool(new Primitive.Affine(neither, LongTensor.scalar(-1), LongTensor.scalar(1)), shape, name);
        }
        // XOR: (a − b)², whose interval the bound analysis cannot see is [0, 1]: clamped by an exact Requant.
        int diff = b.emit(new Primitive.Sub(a.id(), c.id()), shape, 0, name + "/difference");
        int sq = b.emit(new Primitive.Mul(diff, diff), shape, 0, name + "/square");
        return bool(new Primitive.Requant(sq, 1, 0, 0, 1), shape, name);
    }

    /** {@code c ? x : y}; a null operand is the constant {@code k} of shape {@code kShape}. */
    QValue select(QValue c, QValue x, QValue y, int[] kShape, double[] k, int[] shape, String name) throws ModelCompileException {
        requireBool(c, name);
        if (x != null && y != null) {
            int fc = Math.max(x.scale(), y.scale());
            x = b.shiftUp(x, fc - x.scale(), name + "/align-a");
            y = b.shiftUp(y, fc - y.scale(), name + "/align-b");
            int[] dShape = Shapes.broadcast(b.spec(x.id()).shape(), b.spec(y.id()).shape());
            int d = b.emit(new Primitive.Sub(x.id(), y.id()), dShape, fc, name + "/difference");
            int m = b.emit(new Primitive.Mul(c.id(), d), Shapes.broadcast(b.spec(c.id()).shape(), dShape), fc, name + "/chosen");
            int id = b.emit(new Primitive.Add(y.id(), m), shape, fc, name);
            return new QValue(id, fc, b.within(id, o.activationMin(), o.activationMax()));
        }
        QValue v = x != null ? x : y;
        long[] kq = Quantizer.quantize(k, v.scale());
        long[] neg = new long[kq.length];
        for (int i = 0; i < kq.length; i++) {
            neg[i] = -kq[i];
        }
        int[] vShape = b.spec(v.id()).shape();
        LongTensor ones = new LongTensor(kShape, filled(kq.length, x != null ? 1 : -1));
        // c ? x : K = K + c·(x − K);  c ? K : y = y + c·(K − y)
        int d = b.emit(new Primitive.Affine(v.id(), ones, new LongTensor(kShape, x != null ? neg : kq)), vShape, v.scale(),
                name + "/difference");
        int[] mShape = Shapes.broadcast(b.spec(c.id()).shape(), vShape);
        int m = b.emit(new Primitive.Mul(c.id(), d), mShape, v.scale(), name + "/chosen");
        int id = x != null
                ? b.emit(new Primitive.Affine(m, new LongTensor(kShape, filled(kq.length, 1)), new LongTensor(kShape, kq)), shape,
                        v.scale(), name)
                : b.emit(new Primitive.Add(y.id(), m), shape, v.scale(), name);
        return new QValue(id, v.scale(), b.within(id, o.activationMin(), o.activationMax()));
    }

    private static long[] filled(int n, long v) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** The index of the first (or last) maximum (or minimum) over the one axis of {@code g}, at scale 0. */
    QValue argMax(QValue x, ReduceGeometry g, boolean last, boolean min, String name) throws ModelCompileException {
        int[] in = g.in();
        int axis = g.axes()[0];
        int n = in[axis];
        int id = x.id();
        if (min) {
            id = b.emit(new Primitive.Affine(id, LongTensor.scalar(-1), LongTensor.scalar(0)), in, x.scale(), name + "/negate");
        }
        ReduceGeometry keep = ReduceGeometry.of(in, g.axes(), true);
        int max = b.emit(new Primitive.ReduceMax(id, keep), keep.out(), x.scale(), name + "/max");
        int d = b.emit(new Primitive.Sub(id, max), in, x.scale(), name + "/gap");
        QValue top = step(new QValue(d, x.scale(), false), new int[0], 1, new long[] {0}, name + "/is-max");
        int[] cShape = new int[in.length];
        java.util.Arrays.fill(cShape, 1);
        cShape[axis] = n;
        long[] pos = new long[n];
        for (int i = 0; i < n; i++) {
            pos[i] = last ? i : -i;
        }
        int w = b.emit(new Primitive.Affine(top.id(), new LongTensor(cShape, filled(n, n)), new LongTensor(cShape, pos)), in, 0,
                name + "/ranked");
        int best = b.emit(new Primitive.ReduceMax(w, g), g.out(), 0, name + "/best");
        int idx = b.emit(new Primitive.Affine(best, LongTensor.scalar(last ? 1 : -1), LongTensor.scalar(last ? -n : n)), g.out(), 0,
                name);
        return new QValue(idx, 0, b.within(idx, o.activationMin(), o.activationMax()));
    }
}
