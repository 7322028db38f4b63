package io.zkml4j.model.quant;

import io.zkml4j.model.ModelCompileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends integer primitives to a model under construction, computing each output's static interval
 * ({@link BoundAnalysis}) as it goes, and provides the rescaling steps the quantizer needs.
 */
final class ModelBuilder {
    /** A quantized value: tensor id, scale exponent, and whether its interval lies in the activation range. */
    record QValue(int id, int scale, boolean inRange) {
    }

    final List<Primitive> ops = new ArrayList<>();
    final List<TensorSpec> specs = new ArrayList<>();
    private final QuantizationOptions options;

    ModelBuilder(QuantizationOptions options) {
        this.options = options;
    }

    private final java.util.Map<ModelCodec.TableKey, long[]> tables = new java.util.HashMap<>();

    /** One array per distinct table content (identical tables of different layers share it). */
    long[] intern(long[] table) {
        return tables.computeIfAbsent(new ModelCodec.TableKey(table), k -> table);
    }

    TensorSpec spec(int id) {
        return specs.get(id);
    }

    int emit(Primitive p, int[] shape, int scale, String name) throws ModelCompileException {
        long[] iv = p instanceof Primitive.Input
                ? new long[] {options.activationMin(), options.activationMax()}
                : BoundAnalysis.interval(p, specs, name);
        specs.add(new TensorSpec(name, shape.clone(), scale, iv[0], iv[1]));
        ops.add(p);
        return ops.size() - 1;
    }

    boolean within(int id, long lo, long hi) {
        TensorSpec s = spec(id);
        return s.lo() >= lo && s.hi() <= hi;
    }

    /**
     * {@code x·factor} moved from {@code x.scale} to scale {@code to} and clamped to {@code [lo, hi]} (within
     * the activation range): one Requant whose {@code M·2^−s} approximates {@code factor·2^(to − x.scale)}
     * ({@code factor > 0}). A power of two is exact; otherwise M carries {@code multiplierBits} bits. Nothing is
     * emitted when the step is the identity (same scale, already within the clamp).
     */
    QValue rescale(QValue x, double factor, int to, long lo, long hi, String name) throws ModelCompileException {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("rescale factor must be positive, got " + factor);
        }
        lo = Math.max(lo, options.activationMin());
        hi = Math.min(hi, options.activationMax());
        double ratio = factor * Math.scalb(1.0, to - x.scale());
        long m;
        int s;
        int e = Math.getExponent(ratio);
        if (e > 60) {
            throw BoundAnalysis.tooLarge(name, new Primitive.Requant(x.id(), 1, 0, lo, hi),
                    "the rescale factor 2^" + e + " cannot be a multiplier below 2^61");
        }
        if (ratio == Math.scalb(1.0, e)) {
            m = e >= 0 ? 1L << e : 1;
            s = e >= 0 ? 0 : -e;
        } else {
            s = options.multiplierBits() - 1 - e;
            if (s < 0) {
                s = 0;
            }
            m = Math.round(Math.scalb(ratio, s));
        }
        if (s > 62) {
            // The value rounds to 0 or ±1 of the target scale whatever x is: keep the largest sane shift.
            m = Math.max(1, m >> (s - 62));
            s = 62;
        }
        if (m < 1) {
            m = 1;
        }
        if (m == 1 && s == 0 && to == x.scale() && within(x.id(), lo, hi)) {
            return new QValue(x.id(), to, true);
        }
        int id = emit(new Primitive.Requant(x.id(), m, s, lo, hi), spec(x.id()).shape(), to, name);
        return new QValue(id, to, true);
    }

    /** {@code x·2^d} exactly ({@code d ≥ 0}) with an Affine; the scale grows by d. */
    QValue shiftUp(QValue x, int d, String name) throws ModelCompileException {
        if (d == 0) {
            return x;
        }
        int id = emit(new Primitive.Affine(x.id(), LongTensor.scalar(1L << d), LongTensor.scalar(0)), spec(x.id()).shape(),
                x.scale() + d, name);
        return new QValue(id, x.scale() + d, within(id, options.activationMin(), options.activationMax()));
    }
}
