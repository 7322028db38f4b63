package io.zkml4j.model.quant;

import io.zkml4j.model.Graph;
import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.graph.ValueInfo;
import io.zkml4j.model.lower.LoweredGraph;
import io.zkml4j.model.lower.LoweredOp;
import io.zkml4j.model.quant.ModelBuilder.QValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Quantizes a lowered graph to integer primitives.
 *
 * <p>Calibration runs the real-valued graph on the example inputs and records, per tensor, the largest
 * magnitude seen; the tensor's activation scale {@code f} is the largest power of two with
 * {@code headroom·max|x|·2^f ≤ 2^(b−1) − 1}. Weights get a per-tensor power-of-two scale from their own
 * maximum and {@code weightBits}. A linear op's exact output (at the sum of its operands' scales) is
 * brought back into the activation range by a Requant only where a consumer needs it, so a ReLU or Clip
 * after a linear op is the same single Requant with a narrower clamp. Non-linear functions become lookup
 * tables over their input's static interval. See {@code docs/QUANTIZATION.md}.
 */
public final class Quantizer {
    private final LoweredGraph g;
    private final QuantizationOptions o;
    private final ModelBuilder b;
    private final double[] amax;
    private final QValue[] raw;
    private final QValue[] act;

    private Quantizer(LoweredGraph g, double[] amax, QuantizationOptions o) {
        this.g = g;
        this.o = o;
        this.amax = amax;
        this.b = new ModelBuilder(o);
        this.raw = new QValue[g.size()];
        this.act = new QValue[g.size()];
    }

    /** Quantizes an imported graph, calibrating on example inputs given by input name. */
    public static QuantizedModel quantize(Graph graph, List<Map<String, float[]>> calibrationInputs, QuantizationOptions options)
            throws ModelCompileException {
        List<double[][]> calib = new ArrayList<>();
        for (Map<String, float[]> sample : calibrationInputs) {
            double[][] in = new double[graph.inputs().size()][];
            for (int i = 0; i < in.length; i++) {
                ValueInfo v = graph.inputs().get(i);
                float[] x = sample.get(v.name());
                if (x == null) {
                    throw new ModelCompileException("calibration input has no value for model input '" + v.name() + "'");
                }
                in[i] = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    in[i][j] = x[j];
                }
            }
            calib.add(in);
        }
        List<String> outNames = new ArrayList<>();
        for (ValueInfo v : graph.outputs()) {
            outNames.add(v.name());
        }
        return quantize(graph.lowered(), graph.inputNames(), outNames, calib, options);
    }

    /** Quantizes a lowered graph with calibration inputs in model-input order. */
    public static QuantizedModel quantize(LoweredGraph g, List<String> inputNames, List<String> outputNames,
                                          List<double[][]> calibration, QuantizationOptions options) throws ModelCompileException {
        if (calibration.isEmpty()) {
            throw new ModelCompileException("at least one calibration input is needed");
        }
        double[] amax = calibrate(g, calibration);
        Quantizer q = new Quantizer(g, amax, options);
        for (int i = 0; i < g.size(); i++) {
            q.lower(i);
        }
        int[] in = new int[g.inputs().length];
        for (int i = 0; i < in.length; i++) {
            in[i] = q.raw[g.inputs()[i]].id();
        }
        int[] out = new int[g.outputs().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = q.act(g.outputs()[i]).id();
        }
        QuantizedModel model = new QuantizedModel(q.b.ops, q.b.specs, in, out, inputNames, outputNames, options);
        ModelValidation.check(model);
        return model;
    }

    /** The largest magnitude of each tensor over the calibration inputs. */
    static double[] calibrate(LoweredGraph g, List<double[][]> calibration) throws ModelCompileException {
        double[] amax = new double[g.size()];
        for (double[][] sample : calibration) {
            double[][] v;
            try {
                v = g.evaluate(sample);
            } catch (IllegalArgumentException e) {
                throw new ModelCompileException("calibration input does not fit the model: " + e.getMessage());
            }
            for (int t = 0; t < v.length; t++) {
                for (double x : v[t]) {
                    if (!Double.isFinite(x)) {
                        throw new ModelCompileException("layer '" + g.names().get(t) + "' (" + g.ops().get(t).kind()
                                + ") is not finite (" + x + ") on a calibration input");
                    }
                    amax[t] = Math.max(amax[t], Math.abs(x));
                }
            }
        }
        return amax;
    }

    /** The activation scale for a tensor whose calibrated magnitude is {@code m}. */
    int activationScale(double m) {
        if (m < 1e-30) {
            return o.activationBits() - 2;
        }
        int f = (int) Math.floor(Math.log(o.activationMax() / (m * o.headroom())) / Math.log(2));
        return Math.max(-60, Math.min(60, f));
    }

    /** Whether a weight tensor is integers that fit in {@code weightBits} (an int8 model's): used as they are, at scale 0. */
    boolean integerWeights(double[] w) {
        double top = (1L << (o.weightBits() - 1)) - 1;
        for (double v : w) {
            if (v != Math.rint(v) || Math.abs(v) > top) {
                return false;
            }
        }
        return true;
    }

    /** The power-of-two scale for constants of magnitude up to {@code m} in {@code weightBits}. */
    int weightScale(double m) {
        return weightScale(m, o.weightBits());
    }

    static int weightScale(double m, int weightBits) {
        if (m < 1e-30) {
            return 0;
        }
        double top = (1L << (weightBits - 1)) - 1;
        int f = (int) Math.floor(Math.log(top / m) / Math.log(2));
        while (Math.abs(m) * Math.scalb(1.0, f) > top + 0.5) {
            f--;
        }
        return Math.max(-60, Math.min(60, f));
    }

    /** {@code round_half_away_from_zero(v·2^f)} per element. */
    static long[] quantize(double[] v, int f) {
        long[] q = new long[v.length];
        for (int i = 0; i < q.length; i++) {
            double x = Math.scalb(v[i], f);
            q[i] = (long) (Math.signum(x) * Math.floor(Math.abs(x) + 0.5));
        }
        return q;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private String name(int t) {
        return g.names().get(t);
    }

    /** The value of lowered tensor t brought into the activation range at its calibrated scale. */
    QValue act(int t) throws ModelCompileException {
        if (act[t] == null) {
            QValue v = raw[t];
            // An exact integer (scale 0) within the activation range needs no rescaling: booleans, indices, counts.
            boolean integer = v.scale() == 0 && b.within(v.id(), o.activationMin(), o.activationMax());
            act[t] = v.inRange() || integer ? v
                    : b.rescale(v, 1, activationScale(amax[t]), o.activationMin(), o.activationMax(), name(t) + "/requant");
        }
        return act[t];
    }

    private void lower(int t) throws ModelCompileException {
        LoweredOp op = g.ops().get(t);
        int[] shape = g.shapes().get(t);
        int f = activationScale(amax[t]);
        String name = name(t);
        QValue r;
        if (op instanceof LoweredOp.Input in) {
            f = in.integer() ? 0 : f; // integer inputs (token ids, masks) exactly as they are
            int id = b.emit(new Primitive.Input(in.name()), shape, f, name);
            r = new QValue(id, f, true);
        } else if (op instanceof LoweredOp.MatMul m) {
            QValue x = act(m.x());
            Primitive.Bound declared = null;
            if (m.publicBound()) {
                if (m.bias() != null) {
                    throw new IllegalStateException("a MatMul with a public bound has no bias");
                }
                long q = 1L << (o.weightBits() - 1); // every quantized weight is within ±2^(weightBits−1)
                long amax = Math.multiplyExact(Math.multiplyExact((long) m.k(), q), b.spec(x.id()).maxAbs());
                declared = new Primitive.Bound(-amax, amax);
            }
            Primitive.Bound d = declared;
            r = linear(x, m.w(), new int[] {m.k(), m.n()}, d == null ? 1 : -1, m.bias(), shape, name,
                    (xi, w, bias) -> new Primitive.MatMul(xi, w, bias, d));
        } else if (op instanceof LoweredOp.RoundDiv rd) {
            r = roundDiv(act(rd.x()), raw[rd.d()], rd.mul(), shape, name);
        } else if (op instanceof LoweredOp.Conv c) {
            r = linear(act(c.x()), c.w(), new int[] {c.g().m(), c.g().cPerGroup(), c.g().kh(), c.g().kw()}, 0, c.bias(), shape,
                    name, (x, w, bias) -> new Primitive.Conv(x, w, bias, c.g()));
        } else if (op instanceof LoweredOp.Affine a) {
            r = affine(a, shape, f, name);
        } else if (op instanceof LoweredOp.Binary bin) {
            r = binary(bin, shape, f, name);
        } else if (op instanceof LoweredOp.Clip c) {
            // A clamp never needs a finer scale than its input has (and must not lose its input's range).
            f = Math.min(f, raw[c.x()].scale());
            long lo = c.lo() == Double.NEGATIVE_INFINITY ? o.activationMin() : clampToLong(Math.scalb(c.lo(), f));
            long hi = c.hi() == Double.POSITIVE_INFINITY ? o.activationMax() : clampToLong(Math.scalb(c.hi(), f));
            r = b.rescale(raw[c.x()], 1, f, lo, Math.max(lo, hi), name);
        } else if (op instanceof LoweredOp.Unary u) {
            r = TableBuilder.table(b, act(u.x()), u.fn(), u.a(), u.b(), f, name, o);
        } else if (op instanceof LoweredOp.MaxPool p) {
            QValue x = act(p.x());
            r = new QValue(b.emit(new Primitive.MaxPool(x.id(), p.g()), shape, x.scale(), name), x.scale(), true);
        } else if (op instanceof LoweredOp.SumPool p) {
            QValue x = act(p.x());
            r = new QValue(b.emit(new Primitive.SumPool(x.id(), p.g()), shape, x.scale(), name), x.scale(), false);
        } else if (op instanceof LoweredOp.Reduce red) {
            boolean max = red.op() == LoweredOp.ReduceKind.MAX;
            boolean exact = !max && exactProducts(red);
            QValue x = exact ? raw[red.x()] : act(red.x());
            Primitive p = max ? new Primitive.ReduceMax(x.id(), red.g()) : new Primitive.ReduceSum(x.id(), red.g());
            r = new QValue(b.emit(p, shape, x.scale(), name), x.scale(), max);
            if (exact) {
                // the exact sum straight to its activation scale (a power-of-two shift): a consumer's own
                // multiplier then starts from 16 bits, not from the sum's full width
                r = b.rescale(r, 1, f, o.activationMin(), o.activationMax(), name + "/requant");
            }
        } else if (op instanceof LoweredOp.Move mv) {
            r = move(mv, shape, f, name);
        } else if (op instanceof LoweredOp.Compare c) {
            r = c.committed() ? decisions().committedCompare(raw[c.x()], c.op(), c.tShape(), c.t(), name)
                    : decisions().compare(raw[c.x()], c.op(), c.tShape(), c.t(), name);
        } else if (op instanceof LoweredOp.Split sp) {
            r = decisions().split(act(sp.x()), sp.feature(), sp.strict(), sp.t(), name);
        } else if (op instanceof LoweredOp.Logic l) {
            r = decisions().logic(l.op(), act(l.a()), l.b() < 0 ? null : act(l.b()), shape, name);
        } else if (op instanceof LoweredOp.Select s) {
            r = decisions().select(act(s.c()), s.a() < 0 ? null : act(s.a()), s.b() < 0 ? null : act(s.b()), s.kShape(), s.k(),
                    shape, name);
        } else if (op instanceof LoweredOp.ArgMax a) {
            r = decisions().argMax(act(a.x()), a.g(), a.last(), a.min(), name);
        } else {
            throw new IllegalStateException("cannot quantize " + op.kind());
        }
        raw[t] = r;
    }

    /**
     * Whether a sum adds the exact products of a {@code Mul} (a MatMul of two computed tensors, a variance's
     * squares) rather than the products brought back to the activation range: exact, and one Requant fewer,
     * when the sum stays far inside the 2^62 bound.
     */
    private boolean exactProducts(LoweredOp.Reduce red) {
        if (!(g.ops().get(red.x()) instanceof LoweredOp.Binary m) || m.op() != LoweredOp.BinaryKind.MUL || raw[red.x()] == null) {
            return false;
        }
        long terms = Math.max(1, red.g().groupSize());
        long top = b.spec(raw[red.x()].id()).maxAbs();
        return top > 0 && 64 - Long.numberOfLeadingZeros(top) + 64 - Long.numberOfLeadingZeros(terms) <= 56;
    }

    private Decisions decisions() {
        return new Decisions(b, o);
    }

    /** A MatMul or Conv from its quantized weights and bias. */
    @FunctionalInterface
    private interface LinearPrimitive {
        Primitive of(int x, LongTensor w, LongTensor bias);
    }

    /**
     * Weights at their power-of-two scale {@code fw}, bias at the accumulator's scale {@code f_x + fw} so that
     * it adds exactly; the output is the raw accumulator at that scale.
     */
    /**
     * A MatMul or Conv: integer weights as they are, others at one scale per tensor refined per output channel
     * ({@code channelAxis} of the weight shape; -1: not refined) by {@link #channelQuantize}; the bias at the
     * accumulator's scale.
     */
    private QValue linear(QValue x, double[] w, int[] wShape, int channelAxis, double[] bias, int[] shape, String name,
                          LinearPrimitive make) throws ModelCompileException {
        ChannelWeights cw = integerWeights(w) ? new ChannelWeights(0, quantize(w, 0))
                : channelQuantize(w, wShape, channelAxis, weightScale(maxAbs(w)), o.weightBits());
        int fy = x.scale() + cw.scale();
        LongTensor wq = new LongTensor(wShape, cw.values());
        LongTensor bq = bias == null ? null : new LongTensor(new int[] {bias.length}, quantize(bias, fy));
        return new QValue(b.emit(make.of(x.id(), wq, bq), shape, fy, name), fy, false);
    }

    /** Extra fractional bits an output channel's weights may get over the tensor's scale. */
    static final int MAX_CHANNEL_BITS = 8;

    /** Weights quantized per output channel, all at {@code scale}. */
    record ChannelWeights(int scale, long[] values) {}

    /**
     * Per-output-channel precision at one tensor scale. With one scale per tensor, a channel whose weights
     * are much smaller than the largest channel's keeps few significant bits. Channel {@code c} gets
     * {@code e_c = min(weightScale(max|w_c|) − f, MAX_CHANNEL_BITS)} extra bits: its weights are rounded at
     * {@code 2^(f + e_c)} and stored at the common scale {@code f + E}, {@code E = max e_c}, as
     * {@code round(w·2^(f+e_c))·2^(E − e_c)}. Every channel keeps {@code weightBits} significant bits (the
     * stored integers grow to {@code weightBits + E} bits, and so do the accumulators), and the integer
     * semantics stay one scale per tensor. {@code E = 0} (balanced channels) gives the per-tensor weights.
     */
    static ChannelWeights channelQuantize(double[] w, int[] wShape, int channelAxis, int f, int weightBits) {
        if (channelAxis < 0 || w.length == 0) {
            return new ChannelWeights(f, quantize(w, f));
        }
        int channels = wShape[channelAxis];
        int inner = 1;
        for (int a = channelAxis + 1; a < wShape.length; a++) {
            inner *= wShape[a];
        }
        double[] max = new double[channels];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            max[c] = Math.max(max[c], Math.abs(w[i]));
        }
        int[] extra = new int[channels];
        int e = 0;
        for (int c = 0; c < channels; c++) {
            extra[c] = max[c] < 1e-30 ? 0 : Math.max(0, Math.min(MAX_CHANNEL_BITS, weightScale(max[c], weightBits) - f));
            e = Math.max(e, extra[c]);
        }
        long[] q = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            double x = Math.scalb(w[i], f + extra[c]);
            q[i] = (long) (Math.signum(x) * Math.floor(Math.abs(x) + 0.5)) << (e - extra[c]);
        }
        return new ChannelWeights(f + e, q);
    }

    private static long clampToLong(double v) {
        double r = Math.signum(v) * Math.floor(Math.abs(v) + 0.5);
        return (long) Math.max(-(double) (1L << 62), Math.min((double) (1L << 62), r));
    }

    private QValue affine(LoweredOp.Affine a, int[] shape, int f, String name) throws ModelCompileException {
        double[] mul = a.mul();
        double[] add = a.add();
        boolean uniform = true;
        boolean noAdd = true;
        for (int i = 0; i < mul.length; i++) {
            uniform &= mul[i] == mul[0];
            noAdd &= add[i] == 0;
        }
        if (uniform && noAdd && mul[0] != 0) {
            // A pure scale by one real factor: a single Requant with a general multiplier.
            QValue x = raw[a.x()];
            if (mul[0] < 0) {
                int id = b.emit(new Primitive.Affine(x.id(), LongTensor.scalar(-1), LongTensor.scalar(0)),
                        b.spec(x.id()).shape(), x.scale(), name + "/negate");
                x = new QValue(id, x.scale(), false);
            }
            return b.rescale(x, Math.abs(mul[0]), f, o.activationMin(), o.activationMax(), name);
        }
        QValue x = act(a.x());
        if (x.scale() == 0 && integers(mul) && integers(add)) {
            // Integer constants on an exact integer (a boolean, an index): exact at scale 0.
            int id = b.emit(new Primitive.Affine(x.id(), new LongTensor(a.constShape(), quantize(mul, 0)),
                    new LongTensor(a.constShape(), quantize(add, 0))), shape, 0, name);
            return new QValue(id, 0, b.within(id, o.activationMin(), o.activationMax()));
        }
        int fm = weightScale(maxAbs(mul));
        LongTensor m = new LongTensor(a.constShape(), quantize(mul, fm));
        LongTensor c = new LongTensor(a.constShape(), quantize(add, x.scale() + fm));
        int id = b.emit(new Primitive.Affine(x.id(), m, c), shape, x.scale() + fm, name);
        return new QValue(id, x.scale() + fm, false);
    }

    private static boolean integers(double[] v) {
        for (double x : v) {
            if (x != Math.rint(x) || Math.abs(x) > 1 << 20) {
                return false;
            }
        }
        return true;
    }

    private boolean isBool(QValue v) {
        return v.scale() == 0 && b.within(v.id(), 0, 1);
    }

    private QValue binary(LoweredOp.Binary bin, int[] shape, int f, String name) throws ModelCompileException {
        QValue x = act(bin.a());
        QValue y = act(bin.b());
        switch (bin.op()) {
            case ADD, SUB -> {
                int fc = Math.max(x.scale(), y.scale());
                x = b.shiftUp(x, fc - x.scale(), name + "/align-a");
                y = b.shiftUp(y, fc - y.scale(), name + "/align-b");
                Primitive p = bin.op() == LoweredOp.BinaryKind.ADD ? new Primitive.Add(x.id(), y.id()) : new Primitive.Sub(x.id(), y.id());
                return new QValue(b.emit(p, shape, fc, name), fc, false);
            }
            case MUL -> {
                int fs = x.scale() + y.scale();
                // A product with a boolean is the other operand or 0: in range when the other is.
                boolean selects = (isBool(x) && y.inRange()) || (isBool(y) && x.inRange());
                return new QValue(b.emit(new Primitive.Mul(x.id(), y.id()), shape, fs, name), fs, selects);
            }
            default -> {
                TensorSpec ys = b.spec(y.id());
                if (ys.lo() < 0) {
                    throw new ModelCompileException("layer '" + name + "' (Div): the divisor's interval [" + ys.lo() + ", "
                            + ys.hi() + "] includes negative values; only divisors that are never negative are supported");
                }
                if (ys.lo() < 1) {
                    int id = b.emit(new Primitive.Requant(y.id(), 1, 0, 1, Math.max(1, ys.hi())), ys.shape(), y.scale(),
                            name + "/divisor");
                    y = new QValue(id, y.scale(), true);
                }
                int k = Math.max(0, f - x.scale() + y.scale());
                long amaxA = b.spec(x.id()).maxAbs();
                while (k > 0 && amaxA > 0 && 63 - Long.numberOfLeadingZeros(amaxA) + k >= 61) {
                    k--;
                }
                int fs = x.scale() - y.scale() + k;
                return new QValue(b.emit(new Primitive.Div(x.id(), y.id(), k), shape, fs, name), fs, false);
            }
        }
    }

    /** Bits of the reciprocal {@code ⌊mul·2^K/d⌋} of a {@link #roundDiv} beyond x's scale. */
    static final int ROUND_DIV_SHIFT = 28;

    /**
     * {@code round(mul·x/d)} for a tensor x and a per-tensor divisor d ≥ 0 (dynamic quantization's
     * {@code round(x/s)}, {@code s = d/mul}): one exact reciprocal per divisor, {@code inv = ⌊mul·2^K/d⌋}
     * ({@code Div}), then {@code q = ⌊(x·inv + 2^(S−1)) / 2^S⌋} with {@code S = K + f_x − f_d = 28} (a {@code Mul}
     * and one {@code Requant} to the activation range at scale 0). With x at 16 bits and {@code |x| ≤ d}, inv is
     * within a relative 2^-20 of {@code mul·2^K/d}, so q is the exactly rounded {@code mul·x/d} except where that
     * lies within about 2^-12 of a half. A divisor that may be 0 is clamped to at least 1 (one step of its scale):
     * x is then 0 as well, and so is q.
     */
    private QValue roundDiv(QValue x, QValue d, long mul, int[] shape, String name) throws ModelCompileException {
        TensorSpec ds = b.spec(d.id());
        if (ds.lo() < 0) {
            throw new ModelCompileException("layer '" + name + "' (RoundDiv): the divisor's interval [" + ds.lo() + ", " + ds.hi()
                    + "] includes negative values");
        }
        if (ds.lo() < 1) {
            int id = b.emit(new Primitive.Requant(d.id(), 1, 0, 1, Math.max(1, ds.hi())), ds.shape(), d.scale(), name + "/divisor");
            d = new QValue(id, d.scale(), false);
        }
        int k = ROUND_DIV_SHIFT + d.scale() - x.scale();
        if (k < 0 || k > 40) {
            throw new ModelCompileException("layer '" + name + "' (RoundDiv): the divisor's scale 2^-" + d.scale()
                    + " and the dividend's 2^-" + x.scale() + " are too far apart");
        }
        int[] dShape = b.spec(d.id()).shape();
        int c = b.emit(new Primitive.Affine(d.id(), LongTensor.scalar(0), LongTensor.scalar(mul)), dShape, 0, name + "/numerator");
        int inv = b.emit(new Primitive.Div(c, d.id(), k), dShape, k - d.scale(), name + "/reciprocal");
        int prod = b.emit(new Primitive.Mul(x.id(), inv), shape, x.scale() + k - d.scale(), name + "/product");
        int id = b.emit(new Primitive.Requant(prod, 1, ROUND_DIV_SHIFT, o.activationMin(), o.activationMax()), shape, 0, name);
        return new QValue(id, 0, true);
    }

    private boolean allExactIntegers(int[] xs) throws ModelCompileException {
        for (int x : xs) {
            QValue v = act(x);
            if (v.scale() != 0 || !b.within(v.id(), o.activationMin(), o.activationMax())) {
                return false;
            }
        }
        return true;
    }

    private QValue move(LoweredOp.Move mv, int[] shape, int f, String name) throws ModelCompileException {
        int[] xs = mv.xs();
        int[] ids = new int[xs.length];
        int scale;
        if (xs.length == 1) {
            QValue x = act(xs[0]);
            ids[0] = x.id();
            scale = x.scale();
        } else if (allExactIntegers(xs)) {
            // booleans and indices (scale 0) move together as they are
            scale = 0;
            for (int i = 0; i < xs.length; i++) {
                ids[i] = act(xs[i]).id();
            }
        } else {
            scale = f;
            for (int i = 0; i < xs.length; i++) {
                QValue x = act(xs[i]);
                if (x.scale() != f) {
                    x = b.rescale(x, 1, f, o.activationMin(), o.activationMax(), name + "/align-" + i);
                }
                ids[i] = x.id();
            }
        }
        int id = b.emit(new Primitive.Gather(ids, mv.m()), shape, scale, name);
        return new QValue(id, scale, true);
    }
}
