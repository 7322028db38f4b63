package io.zkml4j.prover.compile;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.interp.IntegerInterpreter;
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
import io.zkml4j.prover.circuit.ActivationMatMulLayer;
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
 * not a power of two becomes a power-of-two Requant followed by a clamp table; a Requant of a table's output
 * read by nothing else is folded into that table). Weights become committed
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
    /** ReduceSum ops that are products of two activations: op → {a, b} (see {@link #activationMatMul}). */
    private final java.util.Map<Integer, Operand[]> fusedMatMul = new java.util.HashMap<>();
    /** The gathers and products inside those sums: no layer of their own. */
    private final java.util.Set<Integer> fusedParts = new java.util.HashSet<>();
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
        for (int i = 0; i < model.ops().size(); i++) {
            if (model.ops().get(i) instanceof Primitive.ReduceSum r) {
                Operand[] ab = activationMatMul(i, r);
                if (ab != null) {
                    fusedMatMul.put(i, ab);
                    Primitive.Mul mul = (Primitive.Mul) model.ops().get(r.x());
                    fusedParts.addAll(List.of(r.x(), mul.a(), mul.b()));
                }
            }
        }
    }

    /** An operand of a fused product: model tensor x, gathered by {@code source} into the operand's shape (null: x itself). */
    private record Operand(int x, int[] source, int[] shape) {}

    /**
     * The importer writes {@code a [.., M, K]·b [.., K, N]} of two computed tensors as
     * {@code ReduceSum_last(Gather(a → [.., M, N, K]) · Gather(b → [.., M, N, K]))}, where each gather may
     * also carry the reshapes and transposes that made a and b. When op i is such a sum, its gathers and
     * product are read by nothing else and K is a power of two, it becomes one {@link ActivationMatMulLayer}
     * (whose proof never touches the M·N·K products), after a gather of each operand into {@code [.., M, K]}
     * and {@code [.., K, N]}: returns the two operands, else null. The gathers' index maps are checked in
     * full (constant along the broadcast axis), so nothing else is ever taken for a product.
     */
    private Operand[] activationMatMul(int i, Primitive.ReduceSum r) {
        int[] wide = model.tensor(r.x()).shape();
        int rank = wide.length;
        if (rank < 3 || r.g().axes().length != 1 || r.g().axes()[0] != rank - 1 || readers[r.x()] != 1
                || !(model.ops().get(r.x()) instanceof Primitive.Mul mul) || mul.a() == mul.b()
                || !java.util.Arrays.equals(model.tensor(i).shape(), java.util.Arrays.copyOf(wide, rank - 1))) {
            return null;
        }
        if (Integer.bitCount(wide[rank - 1]) != 1) {
            return null;
        }
        for (int[] pair : new int[][] {{mul.a(), mul.b()}, {mul.b(), mul.a()}}) {
            Operand a = operand(pair[0], wide, true);
            Operand b = operand(pair[1], wide, false);
            if (a != null && b != null) {
                return new Operand[] {a, b};
            }
        }
        return null;
    }

    /**
     * If op g is a gather, read once, of one tensor x into {@code wide = [.., M, N, K]} that does not depend on
     * the N axis (left operand: x gathered into {@code [.., M, K]}) or on the M axis (right operand: into
     * {@code [.., K, N]}): that operand, else null.
     */
    private Operand operand(int g, int[] wide, boolean left) {
        if (readers[g] != 1 || !(model.ops().get(g) instanceof Primitive.Gather gather) || gather.xs().length != 1) {
            return null;
        }
        int x = gather.xs()[0];
        int rank = wide.length;
        int m = wide[rank - 3], n = wide[rank - 2], k = wide[rank - 1];
        int[] src = gather.m().source();
        if (src.length != model.tensor(g).size()) {
            return null;
        }
        int[] shape = java.util.Arrays.copyOf(wide, rank - 1);
        shape[rank - 3] = left ? m : k;
        shape[rank - 2] = left ? k : n;
        int[] compact = new int[src.length / (left ? n : m)];
        java.util.Arrays.fill(compact, Integer.MIN_VALUE);
        for (int p = 0; p < src.length; p++) {
            int l = p % k, j = (p / k) % n, row = (p / (k * n)) % m, beta = p / (k * n * m);
            int q = left ? (beta * m + row) * k + l : (beta * k + l) * n + j;
            if (src[p] < 0 || (compact[q] != Integer.MIN_VALUE && compact[q] != src[p])) {
                return null;
            }
            compact[q] = src[p];
        }
        boolean identity = java.util.Arrays.equals(model.tensor(x).shape(), shape);
        for (int q = 0; identity && q < compact.length; q++) {
            identity = compact[q] == q;
        }
        return new Operand(x, identity ? null : compact, shape);
    }

    /** The circuit tensor of a fused product's operand (a gather of x when it is not x itself). */
    private int operandTensor(Operand o, String name) {
        if (o.source() == null) {
            return id[o.x()];
        }
        TensorSpec t = model.tensor(o.x());
        int y = b.tensor(name, o.shape(), t.lo(), t.hi(), Kind.VIRTUAL);
        b.layer(Windows.gather(new int[] {id[o.x()]}, y, "GENERAL", o.source(), new int[] {t.size()}));
        return y;
    }

    /**
     * Table outputs read only by one Requant: not layers of their own; the Requant becomes one table
     * {@code requant(T[x])} (a function of x, so one lookup instead of a committed output, a Requant
     * gadget and, for a range that is not a power of two, a clamp table).
     */
    private final java.util.Map<Integer, Primitive.Table> pendingTables = new java.util.HashMap<>();

    /** Whether tensor i is read once, by a ReduceSum. */
    private boolean onlySummed(int i) {
        return onlyReader(i) instanceof Primitive.ReduceSum;
    }

    /** Whether tensor i is read once, by a Requant (and is not a model output). */
    private boolean onlyRequantized(int i) {
        return onlyReader(i) instanceof Primitive.Requant;
    }

    /** The op that reads tensor i if it has exactly one reader that is an op (not a model output), else null. */
    private Primitive onlyReader(int i) {
        if (readers[i] != 1) {
            return null;
        }
        for (int j = i + 1; j < model.ops().size(); j++) {
            Primitive p = model.ops().get(j);
            for (int x : p.inputs()) {
                if (x == i) {
                    return p;
                }
            }
        }
        return null;
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
        if (fusedMatMul.containsKey(i)) {
            Operand[] ab = fusedMatMul.get(i);
            int a = operandTensor(ab[0], name + "/a");
            int bb = operandTensor(ab[1], name + "/b");
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(new ActivationMatMulLayer(a, bb, id[i]));
            return;
        }
        if (fusedParts.contains(i)) {
            id[i] = -1;
            return;
        }
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
            if (g.n() != 1 || g.groups() != 1 || model.tensor(c.x()).shape().length != 4 || model.tensor(i).shape().length != 4) {
                // batched, grouped, or 1-D ([N, C, W]: the relation takes [1, C, H, W] views)
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
            if (onlyRequantized(i)) {
                // y = requant(T[x]) is one table: the Requant reads nothing else, so it is folded in (below)
                pendingTables.put(i, t);
                id[i] = -1;
                return;
            }
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
     * A batched, grouped (e.g. depthwise) or 1-D convolution as one batch-1 2-D convolution per sample and group,
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

    /**
     * A Requant's output range must have 2^B values. A clamp {@code [lo, hi]} of another width is a Requant to
     * the next power of two and a clamp table, unless one of its bounds never acts on x's static range (softmax's
     * clamp to {@code ≤ 0} of a shifted logit): then a power-of-two range that ends at the other bound and still
     * contains every rescaled value clamps exactly alike, with no table.
     */
    private void lowerRequant(int i, Primitive.Requant r) {
        Primitive.Table table = pendingTables.remove(r.x());
        if (table != null) {
            long[] fused = IntegerInterpreter.requant(table.table(), r.m(), r.s(), r.lo(), r.hi());
            id[i] = tensor(i, Kind.COMMITTED);
            b.layer(new TableLayer(id[table.x()], id[i], table.function() + " requantized (M=" + r.m() + ", s=" + r.s() + ", ["
                    + r.lo() + ", " + r.hi() + "])", table.inLo(), powerOfTwo(fused)));
            return;
        }
        TensorSpec x = model.tensor(r.x());
        long lo = r.lo(), hi = r.hi();
        long[] q = rescaledRange(r, x);
        if (Long.bitCount(hi - lo + 1) != 1 && q != null) {
            if (q[0] >= lo && q[0] <= hi) {
                lo = hi - (1L << bitsFor(hi - q[0] + 1)) + 1; // the lower clamp never acts
            } else if (q[1] <= hi && q[1] >= lo) {
                hi = lo + (1L << bitsFor(q[1] - lo + 1)) - 1; // the upper clamp never acts
            }
        }
        long width = hi - lo + 1;
        int bits = bitsFor(width);
        if (width == 1L << bits && bits <= 16) {
            id[i] = tensor(i, Kind.VIRTUAL);
            b.layer(RequantLayer.fitted(id[r.x()], id[i], r.m(), r.s(), lo, bits, x.lo(), x.hi()));
            return;
        }
        width = r.hi() - r.lo() + 1;
        bits = bitsFor(width);
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

    /** {@code ⌈log2 n⌉}. */
    private static int bitsFor(long n) {
        return 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /**
     * The static range of the Requant's rescaling before it clamps (the interpreter's own function at x's ends, it
     * is monotone), or null if {@code x·M} could leave a long.
     */
    private static long[] rescaledRange(Primitive.Requant r, TensorSpec x) {
        long bound = Math.max(Math.abs(x.lo()), Math.abs(x.hi()));
        if (bound != 0 && r.m() > (Long.MAX_VALUE >> 2) / bound) {
            return null;
        }
        return IntegerInterpreter.requant(new long[] {x.lo(), x.hi()}, r.m(), r.s(), Long.MIN_VALUE, Long.MAX_VALUE);
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
