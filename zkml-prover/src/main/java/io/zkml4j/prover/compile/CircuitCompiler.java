package io.zkml4j.prover.compile;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.lower.ConvGeometry;
import io.zkml4j.model.quant.LongTensor;
import io.zkml4j.model.quant.Primitive;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.TensorSpec;
import io.zkml4j.prover.circuit.AffineLayer;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.CircuitBuilder;
import io.zkml4j.prover.circuit.CircuitValidator;
import io.zkml4j.prover.circuit.ConvLayer;
import io.zkml4j.prover.circuit.DivLayer;
import io.zkml4j.prover.circuit.ElementwiseLayer;
import io.zkml4j.prover.circuit.MatMulLayer;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.circuit.TableLayer;
import io.zkml4j.prover.circuit.TensorInfo.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a quantized model's primitives to circuit layers, one relation each (a Requant whose range is
 * not a power of two becomes a power-of-two Requant followed by a clamp table). Weights become committed
 * tensors; lookup and max outputs become committed tensors; everything else is virtual.
 */
public final class CircuitCompiler {
    /** The circuit and its weights (signed, logical order, in {@code circuit.weights()} order). */
    public record Compiled(Circuit circuit, long[][] weights) {}

    private final QuantizedModel model;
    private final CircuitBuilder b = new CircuitBuilder();
    private final List<long[]> weights = new ArrayList<>();
    /** Circuit tensor id of each model tensor. */
    private final int[] id;

    /** A Gather read only by one ReduceSum: not a layer of its own, but fused into the sum's linear map. */
    private record PendingGather(int[] xs, int[] source, int[] sizes) {}

    private final java.util.Map<Integer, PendingGather> pending = new java.util.HashMap<>();
    /** How many ops read each model tensor (a model output counts as a reader). */
    private final int[] readers;

    private CircuitCompiler(QuantizedModel model) {
        this.model = model;
        this.id = new int[model.ops().size()];
        this.readers = new int[model.ops().size()];
        for (Primitive p : model.ops()) {
            for (int x : p.inputs()) {
                readers[x]++;
            }
        }
        for (int o : model.outputs()) {
            readers[o]++;
        }
    }

    /** Whether tensor i is read once, by a ReduceSum. */
    private boolean onlySummed(int i) {
        if (readers[i] != 1) {
            return false;
        }
        for (int j = i + 1; j < model.ops().size(); j++) {
            Primitive p = model.ops().get(j);
            for (int x : p.inputs()) {
                if (x == i) {
                    return p instanceof Primitive.ReduceSum;
                }
            }
        }
        return false;
    }

    /**
     * Models with several inputs (or outputs) get one packed input (output): the concatenation, in model
     * order, of the flattened inputs (outputs), from which each input is a slice (into which each output is
     * gathered). All inputs must share one interval.
     */
    public static Compiled compile(QuantizedModel model, boolean publicInput) throws NotProvableException {
        CircuitCompiler c = new CircuitCompiler(model);
        int packedInput = c.packInputs(publicInput);
        for (int i = 0; i < model.ops().size(); i++) {
            try {
                c.lower(i, model.ops().get(i), publicInput, packedInput);
            } catch (IllegalArgumentException e) {
                throw new NotProvableException(c.where(i) + ": " + e.getMessage());
            }
        }
        int output = c.packOutputs();
        Circuit circuit = c.b.build(packedInput >= 0 ? packedInput : c.id[model.inputs()[0]], output);
        try {
            CircuitValidator.validate(circuit);
        } catch (ProofRejectedException e) {
            throw new NotProvableException(e.getMessage().replace("malformed key: ", ""));
        }
        return new Compiled(circuit, c.weights.toArray(new long[0][]));
    }

    private String where(int i) {
        return "layer " + i + " (" + model.ops().get(i).kind() + " → " + model.tensor(i).name() + ")";
    }

    private int tensor(int i, Kind kind) {
        TensorSpec t = model.tensor(i);
        return b.tensor(t.name(), t.shape(), t.lo(), t.hi(), kind);
    }

    private int weight(String name, LongTensor t) {
        weights.add(t.values());
        return b.weight(name, t.shape());
    }

    /** With several inputs, the packed input tensor (else -1); each input is then sliced out of it. */
    private int packInputs(boolean publicInput) throws NotProvableException {
        int[] ins = model.inputs();
        if (ins.length == 1) {
            return -1;
        }
        int total = 0;
        TensorSpec first = model.tensor(ins[0]);
        for (int in : ins) {
            TensorSpec t = model.tensor(in);
            if (t.lo() != first.lo() || t.hi() != first.hi()) {
                throw new NotProvableException("inputs '" + first.name() + "' and '" + t.name() + "' have different ranges; "
                        + "several inputs are proved as one packed input and must share a range");
            }
            total += t.size();
        }
        return b.tensor("inputs", new int[] {total}, first.lo(), first.hi(), publicInput ? Kind.PUBLIC_INPUT : Kind.PRIVATE_INPUT);
    }

    /** The circuit output: the model's output, or with several, their concatenation. */
    private int packOutputs() {
        int[] outs = model.outputs();
        if (outs.length == 1) {
            return id[outs[0]];
        }
        int total = 0;
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        int[] xs = new int[outs.length];
        int[] sizes = new int[outs.length];
        for (int k = 0; k < outs.length; k++) {
            TensorSpec t = model.tensor(outs[k]);
            total += t.size();
            lo = Math.min(lo, t.lo());
            hi = Math.max(hi, t.hi());
            xs[k] = id[outs[k]];
            sizes[k] = t.size();
        }
        int[] source = new int[total];
        for (int i = 0; i < total; i++) {
            source[i] = i;
        }
        int y = b.tensor("outputs", new int[] {total}, lo, hi, Kind.VIRTUAL);
        b.layer(Windows.gather(xs, y, "CONCAT", source, sizes));
        return y;
    }

    private void lower(int i, Primitive p, boolean publicInput, int packedInput) throws NotProvableException {
        String name = model.tensor(i).name();
        if (p instanceof Primitive.Input && packedInput >= 0) {
            int offset = 0;
            for (int in : model.inputs()) {
                if (in == i) {
                    break;
                }
                offset += model.tensor(in).size();
            }
            int size = model.tensor(i).size();
            int[] source = new int[size];
            for (int k = 0; k < size; k++) {
                source[k] = offset + k;
            }
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(Windows.gather(new int[] {packedInput}, id[i], "SLICE", source, new int[] {b.tensorInfo(packedInput).shape().size()}));
        } else if (p instanceof Primitive.Input) {
            id[i] = tensor(i, publicInput ? Kind.PUBLIC_INPUT : Kind.PRIVATE_INPUT);
        } else if (p instanceof Primitive.MatMul m) {
            int w = weight(name + ".weight", m.w());
            int bias = m.bias() == null ? -1 : weight(name + ".bias", m.bias());
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(new MatMulLayer(id[m.x()], id[i], w, bias));
        } else if (p instanceof Primitive.Conv c) {
            ConvGeometry g = c.g();
            if (g.n() != 1 || g.groups() != 1) {
                lowerSplitConv(i, c);
                return;
            }
            int w = weight(name + ".weight", c.w());
            int bias = c.bias() == null ? -1 : weight(name + ".bias", c.bias());
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(new ConvLayer(id[c.x()], id[i], w, bias, new int[] {g.strideH(), g.strideW()},
                    new int[] {g.padTop(), g.padLeft()}, new int[] {g.dilH(), g.dilW()}));
        } else if (p instanceof Primitive.Requant r) {
            lowerRequant(i, r);
        } else if (p instanceof Primitive.Table t) {
            id[i] = tensor(i, Kind.COMMITTED);
            b.layer(new TableLayer(id[t.x()], id[i], t.function(), t.inLo(), powerOfTwo(t.table())));
        } else if (p instanceof Primitive.Add a) {
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(new ElementwiseLayer(id[a.a()], id[a.b()], id[i], ElementwiseLayer.Op.ADD));
        } else if (p instanceof Primitive.Sub s) {
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(new ElementwiseLayer(id[s.a()], id[s.b()], id[i], ElementwiseLayer.Op.SUB));
        } else if (p instanceof Primitive.Mul m) {
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(new ElementwiseLayer(id[m.a()], id[m.b()], id[i], ElementwiseLayer.Op.MUL));
        } else if (p instanceof Primitive.Affine a) {
            int mul = weight(name + ".scale", a.mul());
            // an Affine with a declared interval holds committed thresholds: its offset is committed even when it is 0
            int add = a.declared() == null && allZero(a.add()) ? -1 : weight(name + ".offset", a.add());
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(new AffineLayer(id[a.x()], id[i], mul, add));
        } else if (p instanceof Primitive.MaxPool mp) {
            lowerMax(i, mp.x(), "MaxPool", Windows.maxPoolTaps(mp.g()));
        } else if (p instanceof Primitive.SumPool sp) {
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(Windows.sumPool(id[sp.x()], id[i], sp.g()));
        } else if (p instanceof Primitive.ReduceSum r) {
            id[i] = tensor(i, Kind.VIRTUAL);
            PendingGather g = pending.remove(r.x());
            b.layer(g == null ? Windows.reduceSum(id[r.x()], id[i], r.g()) : Windows.sumOfGather(g.xs(), id[i], g.source(), g.sizes(), r.g()));
        } else if (p instanceof Primitive.ReduceMax r) {
            lowerMax(i, r.x(), "ReduceMax", Windows.reduceMaxTaps(r.g()));
        } else if (p instanceof Primitive.Div d) {
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(new DivLayer(id[d.a()], id[d.b()], id[i], d.k()));
        } else if (p instanceof Primitive.Gather g) {
            int[] xs = new int[g.xs().length];
            int[] sizes = new int[xs.length];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = id[g.xs()[k]];
                sizes[k] = model.tensor(g.xs()[k]).size();
            }
            if (onlySummed(i)) {
                // y = Σ over groups of a gather of x is one linear map of x (tree path counts: gather and sum at once)
                pending.put(i, new PendingGather(xs, g.m().source(), sizes));
                id[i] = -1;
                return;
            }
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(Windows.gather(xs, id[i], g.m().kind().name(), g.m().source(), sizes));
        } else {
            throw new NotProvableException(where(i) + ": " + p.kind() + " is not provable yet");
        }
    }

    /**
     * A batched or grouped (e.g. depthwise) convolution as one batch-1 convolution per sample and group,
     * each on its slice of input channels, the outputs concatenated in (sample, channel) order.
     */
    private void lowerSplitConv(int i, Primitive.Conv c) {
        ConvGeometry g = c.g();
        TensorSpec xs = model.tensor(c.x());
        TensorSpec ys = model.tensor(i);
        int cpg = g.cPerGroup(), mpg = g.m() / g.groups(), plane = g.h() * g.w();
        int outPlane = g.outH() * g.outW();
        int perFilter = cpg * g.kh() * g.kw();
        int[] parts = new int[g.n() * g.groups()];
        int[] groupWeight = new int[g.groups()];
        int[] groupBias = new int[g.groups()];
        for (int part = 0; part < parts.length; part++) {
            int sample = part / g.groups(), gi = part % g.groups();
            int[] source = new int[cpg * plane];
            for (int k = 0; k < source.length; k++) {
                source[k] = (sample * g.c() + gi * cpg) * plane + k;
            }
            String tag = (g.n() > 1 ? ".sample" + sample : "") + (g.groups() > 1 ? ".group" + gi : "");
            int xg = b.tensor(xs.name() + tag, new int[] {1, cpg, g.h(), g.w()}, xs.lo(), xs.hi(), Kind.VIRTUAL);
            b.layer(Windows.gather(new int[] {id[c.x()]}, xg, "SLICE", source, new int[] {xs.size()}));
            if (sample == 0) { // every sample shares the group's weights: commit them once
                long[] w = java.util.Arrays.copyOfRange(c.w().values(), gi * mpg * perFilter, (gi + 1) * mpg * perFilter);
                groupWeight[gi] = weight(ys.name() + ".group" + gi + ".weight", new LongTensor(new int[] {mpg, cpg, g.kh(), g.kw()}, w));
                groupBias[gi] = -1;
                if (c.bias() != null) {
                    long[] bv = java.util.Arrays.copyOfRange(c.bias().values(), gi * mpg, (gi + 1) * mpg);
                    groupBias[gi] = weight(ys.name() + ".group" + gi + ".bias", new LongTensor(new int[] {mpg}, bv));
                }
            }
            parts[part] = b.tensor(ys.name() + tag, new int[] {1, mpg, g.outH(), g.outW()}, ys.lo(), ys.hi(), Kind.VIRTUAL);
            b.layer(new ConvLayer(xg, parts[part], groupWeight[gi], groupBias[gi], new int[] {g.strideH(), g.strideW()},
                    new int[] {g.padTop(), g.padLeft()}, new int[] {g.dilH(), g.dilW()}));
        }
        int[] source = new int[ys.size()];
        int[] sizes = new int[parts.length];
        for (int k = 0; k < source.length; k++) {
            source[k] = k; // channel-major: group gi's outputs are channels [gi·mpg, (gi+1)·mpg), contiguous
        }
        java.util.Arrays.fill(sizes, mpg * outPlane);
        id[i] = tensor(i, Kind.VIRTUAL);
        b.layer(Windows.gather(parts, id[i], "CONCAT", source, sizes));
    }

    /** Most taps one max relation takes (its zero-check has degree taps + 1). */
    static final int MAX_TAPS = 8;

    /**
     * A max over K taps per output. Up to {@link #MAX_TAPS} taps it is one relation; beyond, a tree: the taps
     * are cut into chunks of at most MAX_TAPS, a first layer takes each chunk's maximum (an intermediate
     * tensor of chunk × output), and a second max over the chunks follows, recursively.
     */
    private void lowerMax(int i, int x, String kind, int[] taps) {
        TensorSpec ys = model.tensor(i);
        int n = ys.size();
        int k = taps.length / n;
        int source = id[x];
        int level = 0;
        while (k > MAX_TAPS) {
            int chunks = (k + MAX_TAPS - 1) / MAX_TAPS;
            int[] first = new int[MAX_TAPS * chunks * n];
            java.util.Arrays.fill(first, -1);
            for (int c = 0; c < chunks; c++) {
                for (int j = 0; j < MAX_TAPS && c * MAX_TAPS + j < k; j++) {
                    for (int o = 0; o < n; o++) {
                        first[j * (chunks * n) + c * n + o] = taps[(c * MAX_TAPS + j) * n + o];
                    }
                }
            }
            TensorSpec xs = model.tensor(x);
            int partial = b.tensor(ys.name() + ".partial" + level++, new int[] {chunks, n}, xs.lo(), xs.hi(), Kind.COMMITTED);
            b.layer(new MaxLayer(source, partial, kind, MAX_TAPS, first));
            taps = new int[chunks * n];
            for (int c = 0; c < chunks; c++) {
                for (int o = 0; o < n; o++) {
                    taps[c * n + o] = c * n + o;
                }
            }
            source = partial;
            k = chunks;
        }
        id[i] = tensor(i, Kind.COMMITTED);
        b.layer(new MaxLayer(source, id[i], kind, k, taps));
    }

    /** A power-of-two range is one Requant; any other range adds a clamp table behind it. */
    private void lowerRequant(int i, Primitive.Requant r) {
        long width = r.hi() - r.lo() + 1;
        int bits = 64 - Long.numberOfLeadingZeros(width - 1);
        TensorSpec x = model.tensor(r.x());
        if (width == 1L << bits) {
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(RequantLayer.fitted(id[r.x()], id[i], r.m(), r.s(), r.lo(), bits, x.lo(), x.hi()));
            return;
        }
        TensorSpec t = model.tensor(i);
        int wide = b.tensor(t.name() + ".unclamped", t.shape(), r.lo(), r.lo() + (1L << bits) - 1, Kind.VIRTUAL);
        b.layer(RequantLayer.fitted(id[r.x()], wide, r.m(), r.s(), r.lo(), bits, x.lo(), x.hi()));
        long[] clamp = new long[1 << bits];
        for (int v = 0; v < clamp.length; v++) {
            clamp[v] = Math.min(r.lo() + v, r.hi());
        }
        id[i] = tensor(i, Kind.COMMITTED);
        b.layer(new TableLayer(wide, id[i], "clamp", r.lo(), clamp));
    }

    /** A table extended to a power-of-two length by repeating its last entry. */
    static long[] powerOfTwo(long[] table) {
        int n = Integer.highestOneBit(Math.max(table.length, 1));
        if (n < table.length) {
            n <<= 1;
        }
        long[] t = java.util.Arrays.copyOf(table, n);
        for (int k = table.length; k < n; k++) {
            t[k] = table[table.length - 1];
        }
        return t;
    }

    private static boolean allZero(LongTensor t) {
        for (long v : t.values()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

}
