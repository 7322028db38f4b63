package io.zkml4j.prover.engine;

import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.prover.circuit.ActivationMatMulLayer;
import io.zkml4j.prover.circuit.AffineLayer;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.ConvLayer;
import io.zkml4j.prover.circuit.DivLayer;
import io.zkml4j.prover.circuit.ElementwiseLayer;
import io.zkml4j.prover.circuit.LinearMapLayer;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.circuit.MatMulLayer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.circuit.TableLayer;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.layout.PaddedShape;
import io.zkml4j.prover.plan.WitnessPlan;
import io.zkml4j.prover.relation.conv.ConvProver;
import io.zkml4j.prover.relation.div.DivProver;
import io.zkml4j.prover.relation.elementwise.AffineProver;
import io.zkml4j.prover.relation.elementwise.ElementwiseProver;
import io.zkml4j.prover.relation.matmul.ActivationMatMulProver;
import io.zkml4j.prover.relation.linear.LinearMapProver;
import io.zkml4j.prover.relation.matmul.MatMulProver;
import io.zkml4j.prover.relation.max.MaxProver;
import io.zkml4j.prover.relation.requant.RequantWitness;

/**
 * The integer inference on padded layouts, as the proof sees it: every tensor as a padded table of field
 * elements (padding computed by the same semantics, see docs/ARCHITECTURE.md), and every committed
 * witness vector of the {@link WitnessPlan} except the lookup multiplicities (filled by the lookup step).
 */
public final class Witness {
    public final long[][] tensors;
    public final long[][] slots;

    private Witness(int tensors, int slots) {
        this.tensors = new long[tensors][];
        this.slots = new long[slots][];
    }

    /**
     * Runs the circuit on {@code input} (signed integers, logical row-major order).
     *
     * @throws IllegalArgumentException if a value leaves the range the proof can handle
     */
    public static Witness compute(Circuit circuit, WitnessPlan plan, long[][] weights, long[] input) {
        Witness w = new Witness(circuit.tensors().size(), plan.slotCount());
        TensorInfo in = circuit.tensor(circuit.input());
        for (long v : input) {
            if (v < in.lo() || v > in.hi()) {
                throw new IllegalArgumentException("input value " + v + " outside the model's input range [" + in.lo() + ", " + in.hi() + "]");
            }
        }
        w.tensors[in.id()] = Statement.field(in.shape().pad(input, 0));
        WitnessPlan.InputSlots inputSlots = plan.inputSlots();
        if (inputSlots != null) {
            w.slots[inputSlots.value()] = w.tensors[in.id()];
            long[] shifted = new long[in.shape().paddedSize()];
            long[] signed = in.shape().pad(input, 0); // padding holds 0, which lies in the input range
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] = signed[i] - in.lo();
            }
            fillChunks(w, inputSlots.chunks(), shifted);
        }
        for (int i = 0; i < circuit.layers().size(); i++) {
            Layer layer = circuit.layers().get(i);
            try {
                forward(circuit, plan, weights, w, i, layer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layer.describe() + "): " + e.getMessage(), e);
            }
        }
        w.fillLimits(circuit, plan);
        return w;
    }

    /** The limit inverses of the input and the output ({@link WitnessPlan.LimitsSlots}), from their values. */
    void fillLimits(Circuit circuit, WitnessPlan plan) {
        WitnessPlan.LimitsSlots l = plan.limitsSlots();
        TensorInfo in = circuit.tensor(circuit.input());
        TensorInfo out = circuit.tensor(circuit.output());
        slots[l.inputLo()] = limitInverses(tensors[in.id()], Goldilocks.fromSigned(in.lo()), false);
        slots[l.inputHi()] = limitInverses(tensors[in.id()], Goldilocks.fromSigned(in.hi()), true);
        slots[l.outputLo()] = limitInverses(tensors[out.id()], Goldilocks.fromSigned(out.lo()), false);
        slots[l.outputHi()] = limitInverses(tensors[out.id()], Goldilocks.fromSigned(out.hi()), true);
    }

    /** {@code 1/(x − limit)} (or {@code 1/(limit − x)} when {@code above}), 0 where it is 0. */
    private static long[] limitInverses(long[] x, long limit, boolean above) {
        long[] inv = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            long d = above ? Goldilocks.sub(limit, x[i]) : Goldilocks.sub(x[i], limit);
            inv[i] = d == 0 ? 0 : Goldilocks.inv(d);
        }
        return inv;
    }

    /** Re-runs the layers after {@code layer} on the current values (cheating-prover tests edit a layer's output). */
    void recomputeAfter(Circuit circuit, WitnessPlan plan, long[][] weights, int layer) {
        for (int i = layer + 1; i < circuit.layers().size(); i++) {
            forward(circuit, plan, weights, this, i, circuit.layers().get(i));
        }
        fillLimits(circuit, plan);
    }

    private static void forward(Circuit circuit, WitnessPlan plan, long[][] weights, Witness w, int index, Layer layer) {
        if (layer instanceof MatMulLayer m) {
            PaddedShape x = circuit.tensor(m.x()).shape();
            PaddedShape y = circuit.tensor(m.y()).shape();
            int k = x.paddedDim(x.rank() - 1);
            int n = y.paddedDim(y.rank() - 1);
            w.tensors[m.y()] = MatMulProver.forward(w.tensors[m.x()], weights[m.weight()],
                    m.bias() >= 0 ? weights[m.bias()] : null, x.paddedSize() / k, k, n);
        } else if (layer instanceof RequantLayer r) {
            long[] real = circuit.tensor(r.x()).shape().realMask();
            RequantWitness rw = RequantWitness.of(w.tensors[r.x()], real, r.multiplier(), r.shift(), r.outBits(), r.lo(), r.hBits());
            WitnessPlan.RequantSlots s = plan.requantSlots(index);
            fillChunks(w, s.remainder(), rw.remainder);
            fillChunks(w, s.u(), rw.u);
            if (s.wide()) {
                w.slots[s.high()[0]] = rw.hLo;
                w.slots[s.high()[1]] = rw.hHi; // field elements at padding already
                w.slots[s.cHi()] = rw.cHi;
                w.slots[s.zero()] = rw.zero;
            } else {
                // narrow comparisons: h' is a linear lookup column of x and the chunks, not a committed vector
            }
            w.slots[s.c()] = rw.c;
            w.tensors[r.y()] = Statement.field(rw.y);
        } else if (layer instanceof TableLayer t) {
            long[] x = toSigned(w.tensors[t.x()]);
            long[] real = circuit.tensor(t.x()).shape().realMask();
            long[] y = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                long idx = x[i] - t.inLo();
                if (idx < 0 || idx >= t.entries().length) {
                    if (real[i] != 0) {
                        throw new IllegalArgumentException("value " + x[i] + " outside the table domain");
                    }
                    continue; // padding is not looked up
                }
                y[i] = Goldilocks.fromSigned(t.entries()[(int) idx]);
            }
            w.tensors[t.y()] = y;
            w.slots[plan.tensorSlot(t.y())] = y;
        } else if (layer instanceof ConvLayer cv) {
            w.tensors[cv.y()] = ConvProver.forward(circuit, cv, w.tensors[cv.x()], weights[cv.weight()],
                    cv.bias() >= 0 ? weights[cv.bias()] : null);
        } else if (layer instanceof LinearMapLayer lm) {
            long[][] ins = new long[lm.xs().length][];
            for (int k = 0; k < ins.length; k++) {
                ins[k] = w.tensors[lm.xs()[k]];
            }
            w.tensors[lm.y()] = LinearMapProver.forward(circuit, lm, ins);
        } else if (layer instanceof ElementwiseLayer e) {
            w.tensors[e.y()] = ElementwiseProver.forward(circuit, e, w.tensors[e.a()], w.tensors[e.b()]);
        } else if (layer instanceof ActivationMatMulLayer p) {
            w.tensors[p.y()] = ActivationMatMulProver.forward(circuit, p, w.tensors[p.a()], w.tensors[p.b()]);
        } else if (layer instanceof AffineLayer a) {
            w.tensors[a.y()] = AffineProver.forward(circuit, a, w.tensors[a.x()], weights[a.mul()],
                    a.add() >= 0 ? weights[a.add()] : null);
        } else if (layer instanceof MaxLayer mx) {
            WitnessPlan.MaxSlots s = plan.maxSlots(index);
            long[][] diffs = new long[mx.tapCount()][];
            long[] y = MaxProver.forward(circuit, mx, toSigned(w.tensors[mx.x()]), diffs);
            for (int k = 0; k < diffs.length; k++) {
                fillChunks(w, s.differences()[k], diffs[k]);
            }
            w.tensors[mx.y()] = Statement.field(y);
            w.slots[s.y()] = w.tensors[mx.y()];
        } else if (layer instanceof DivLayer d) {
            WitnessPlan.DivSlots s = plan.divSlots(index);
            long[][] qrt = DivProver.forward(circuit, d, toSigned(w.tensors[d.a()]), toSigned(w.tensors[d.b()]));
            long lo = circuit.tensor(d.y()).lo();
            long[] shifted = new long[qrt[0].length];
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] = qrt[0][i] - lo;
            }
            fillChunks(w, s.quotient(), shifted);
            fillChunks(w, s.remainder(), qrt[1]);
            fillChunks(w, s.slack(), qrt[2]);
            w.tensors[d.y()] = Statement.field(qrt[0]);
        } else {
            throw new IllegalStateException("no witness rule for " + layer.describe());
        }
    }

    /** Splits non-negative values into the plan's chunks ({@code width} bits each, the last one narrower). */
    static void fillChunks(Witness w, WitnessPlan.Chunks chunks, long[] values) {
        for (int k = 0; k < chunks.count(); k++) {
            long[] c = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                c[i] = (values[i] >>> (chunks.width() * k)) & ((1L << chunks.bits()[k]) - 1);
            }
            w.slots[chunks.slots()[k]] = c;
        }
    }

    static long[] toSigned(long[] field) {
        long[] s = new long[field.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Goldilocks.toSigned(field[i]);
        }
        return s;
    }
}
