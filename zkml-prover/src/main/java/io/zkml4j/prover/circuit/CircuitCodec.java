package io.zkml4j.prover.circuit;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical byte encoding of a {@link Circuit}: what a verifying key carries and its digest binds
 * (every tensor's shape, interval and kind, every weight's shape, every layer with all its parameters and
 * tables). Each distinct lookup table is written once (an LSTM's fifty sigmoid and tanh layers share a
 * few) and table layers name it by index. Reading checks every count against a cap and the bytes left
 * before allocating.
 */
public final class CircuitCodec {
    private static final int MAX_ITEMS = 1 << 24;
    private static final int MAX_RANK = 8;

    private CircuitCodec() {}

    public static byte[] encode(Circuit c) {
        ProofWriter w = new ProofWriter();
        w.writeInt(c.tensors().size());
        for (TensorInfo t : c.tensors()) {
            writeString(w, t.name());
            writeInts(w, t.shape().dims());
            w.writeLong(t.lo()).writeLong(t.hi()).writeInt(t.kind().ordinal());
        }
        w.writeInt(c.weights().size());
        for (WeightInfo wi : c.weights()) {
            writeString(w, wi.name());
            writeInts(w, wi.shape().dims());
        }
        // distinct lookup tables once, in order of first use; table layers name theirs by index
        java.util.Map<Entries, Integer> pool = new java.util.LinkedHashMap<>();
        List<long[]> distinct = new ArrayList<>();
        for (Layer l : c.layers()) {
            if (l instanceof TableLayer t && pool.putIfAbsent(new Entries(t.entries()), distinct.size()) == null) {
                distinct.add(t.entries());
            }
        }
        w.writeInt(distinct.size());
        for (long[] entries : distinct) {
            writeLongs(w, entries);
        }
        w.writeInt(c.layers().size());
        for (Layer l : c.layers()) {
            writeLayer(w, l, pool);
        }
        w.writeInt(c.input()).writeInt(c.output());
        return w.toByteArray();
    }

    /** A table's entries as a map key (by content). */
    private record Entries(long[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entries e && java.util.Arrays.equals(e.v, v);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(v);
        }
    }

    private static void writeLayer(ProofWriter w, Layer l, java.util.Map<Entries, Integer> tables) {
        if (l instanceof MatMulLayer m) {
            w.writeInt(0).writeInt(m.x()).writeInt(m.y()).writeInt(m.weight()).writeInt(m.bias());
        } else if (l instanceof ConvLayer c) {
            w.writeInt(1).writeInt(c.x()).writeInt(c.y()).writeInt(c.weight()).writeInt(c.bias());
            writeInts(w, c.strides());
            writeInts(w, c.padsBegin());
            writeInts(w, c.dilations());
        } else if (l instanceof RequantLayer r) {
            w.writeInt(2).writeInt(r.x()).writeInt(r.y()).writeLong(r.multiplier()).writeInt(r.shift()).writeLong(r.lo()).writeInt(r.outBits())
                    .writeInt(r.hBits());
        } else if (l instanceof TableLayer t) {
            w.writeInt(3).writeInt(t.x()).writeInt(t.y());
            writeString(w, t.function());
            w.writeLong(t.inLo());
            w.writeInt(tables.get(new Entries(t.entries())));
        } else if (l instanceof LinearMapLayer m) {
            w.writeInt(4);
            writeInts(w, m.xs());
            w.writeInt(m.y());
            writeString(w, m.kind());
            writeInts(w, m.start());
            writeInts(w, m.input());
            writeInts(w, m.index());
        } else if (l instanceof ElementwiseLayer e) {
            w.writeInt(5).writeInt(e.a()).writeInt(e.b()).writeInt(e.y()).writeInt(e.op().ordinal());
        } else if (l instanceof AffineLayer a) {
            w.writeInt(6).writeInt(a.x()).writeInt(a.y()).writeInt(a.mul()).writeInt(a.add());
        } else if (l instanceof MaxLayer m) {
            w.writeInt(7).writeInt(m.x()).writeInt(m.y());
            writeString(w, m.kind());
            w.writeInt(m.tapCount());
            writeInts(w, m.taps());
        } else if (l instanceof ActivationMatMulLayer p) {
            w.writeInt(9).writeInt(p.a()).writeInt(p.b()).writeInt(p.y());
        } else if (l instanceof DivLayer d) {
            w.writeInt(8).writeInt(d.a()).writeInt(d.b()).writeInt(d.y()).writeInt(d.k());
        } else {
            throw new IllegalStateException("no encoding for " + l.describe());
        }
    }

    /** Decodes and validates (ids in range, topological order, shapes) a circuit. */
    public static Circuit decode(ProofReader r) throws ProofRejectedException {
        int nt = r.readCount("tensor count", MAX_ITEMS);
        List<TensorInfo> tensors = new ArrayList<>();
        for (int i = 0; i < nt; i++) {
            String name = readString(r);
            int[] dims = readInts(r, "tensor dims", MAX_RANK);
            long lo = r.readLong("tensor lo");
            long hi = r.readLong("tensor hi");
            int kind = r.readInt("tensor kind");
            if (kind < 0 || kind >= TensorInfo.Kind.values().length || lo > hi) {
                throw new ProofRejectedException("malformed key: tensor " + i + " has a bad kind or interval");
            }
            tensors.add(new TensorInfo(i, name, shape(dims), lo, hi, TensorInfo.Kind.values()[kind]));
        }
        int nw = r.readCount("weight count", MAX_ITEMS);
        List<WeightInfo> weights = new ArrayList<>();
        for (int i = 0; i < nw; i++) {
            String name = readString(r);
            weights.add(new WeightInfo(i, name, shape(readInts(r, "weight dims", MAX_RANK))));
        }
        int ntables = r.readCount("lookup table count", MAX_ITEMS);
        List<long[]> tables = new ArrayList<>();
        for (int i = 0; i < ntables; i++) {
            tables.add(readLongs(r, "table", 1 << 20));
        }
        int nl = r.readCount("layer count", MAX_ITEMS);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < nl; i++) {
            layers.add(readLayer(r, tables));
        }
        Circuit c = new Circuit(tensors, weights, layers, r.readInt("input"), r.readInt("output"));
        CircuitValidator.validate(c);
        return c;
    }

    private static io.zkml4j.prover.layout.PaddedShape shape(int[] dims) throws ProofRejectedException {
        try {
            return new io.zkml4j.prover.layout.PaddedShape(dims);
        } catch (IllegalArgumentException e) {
            throw new ProofRejectedException("malformed key: " + e.getMessage());
        }
    }

    private static Layer readLayer(ProofReader r, List<long[]> tables) throws ProofRejectedException {
        int tag = r.readInt("layer kind");
        return switch (tag) {
            case 0 -> new MatMulLayer(r.readInt("x"), r.readInt("y"), r.readInt("w"), r.readInt("b"));
            case 1 -> new ConvLayer(r.readInt("x"), r.readInt("y"), r.readInt("w"), r.readInt("b"),
                    readInts(r, "strides", 2), readInts(r, "pads", 2), readInts(r, "dilations", 2));
            case 2 -> new RequantLayer(r.readInt("x"), r.readInt("y"), r.readLong("multiplier"), r.readInt("shift"),
                    r.readLong("lo"), r.readInt("bits"), r.readInt("comparison bits"));
            case 3 -> new TableLayer(r.readInt("x"), r.readInt("y"), readString(r), r.readLong("inLo"), table(r, tables));
            case 4 -> new LinearMapLayer(readInts(r, "inputs", 1 << 10), r.readInt("y"), readString(r),
                    readInts(r, "starts", MAX_ITEMS), readInts(r, "term inputs", MAX_ITEMS), readInts(r, "term indices", MAX_ITEMS));
            case 5 -> {
                int a = r.readInt("a"), b = r.readInt("b"), y = r.readInt("y"), op = r.readInt("op");
                if (op < 0 || op >= ElementwiseLayer.Op.values().length) {
                    throw new ProofRejectedException("malformed key: bad element-wise op " + op);
                }
                yield new ElementwiseLayer(a, b, y, ElementwiseLayer.Op.values()[op]);
            }
            case 6 -> new AffineLayer(r.readInt("x"), r.readInt("y"), r.readInt("mul"), r.readInt("add"));
            case 7 -> new MaxLayer(r.readInt("x"), r.readInt("y"), readString(r), r.readInt("taps"), readInts(r, "tap indices", MAX_ITEMS));
            case 8 -> new DivLayer(r.readInt("a"), r.readInt("b"), r.readInt("y"), r.readInt("k"));
            case 9 -> new ActivationMatMulLayer(r.readInt("a"), r.readInt("b"), r.readInt("y"));
            default -> throw new ProofRejectedException("malformed key: unknown layer kind " + tag);
        };
    }

    /** A table layer's entries: the pooled table its index names. */
    private static long[] table(ProofReader r, List<long[]> tables) throws ProofRejectedException {
        int i = r.readInt("table index");
        if (i < 0 || i >= tables.size()) {
            throw new ProofRejectedException("malformed key: a table layer names table " + i + " of " + tables.size());
        }
        return tables.get(i);
    }

    private static void writeString(ProofWriter w, String s) {
        w.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(ProofReader r) throws ProofRejectedException {
        return new String(r.readBytes("name", 4096), StandardCharsets.UTF_8);
    }

    /**
     * Integer arrays (index maps, tables) as the differences of consecutive values, each a zigzag varint:
     * they are mostly small steps, which the verifying key's DEFLATE then compresses to little.
     */
    private static void writeInts(ProofWriter w, int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        writeLongs(w, l);
    }

    private static int[] readInts(ProofReader r, String what, int max) throws ProofRejectedException {
        long[] l = readLongs(r, what, max);
        int[] v = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] != (int) l[i]) {
                throw new ProofRejectedException("malformed key: " + what + " holds " + l[i] + ", not a 32-bit integer");
            }
            v[i] = (int) l[i];
        }
        return v;
    }

    private static void writeLongs(ProofWriter w, long[] v) {
        w.writeInt(v.length);
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(v.length + 16);
        long prev = 0;
        for (long x : v) {
            long d = x - prev;
            prev = x;
            long z = (d << 1) ^ (d >> 63);
            while ((z & ~0x7FL) != 0) {
                b.write((int) ((z & 0x7F) | 0x80));
                z >>>= 7;
            }
            b.write((int) z);
        }
        w.writeBytes(b.toByteArray());
    }

    private static long[] readLongs(ProofReader r, String what, int max) throws ProofRejectedException {
        int n = r.readCount(what, max);
        byte[] bytes = r.readBytes(what, 10 * n);
        long[] v = new long[n];
        long prev = 0;
        int at = 0;
        for (int i = 0; i < n; i++) {
            long z = 0;
            int shift = 0;
            while (true) {
                if (at == bytes.length || shift > 63) {
                    throw new ProofRejectedException("malformed key: truncated or overlong " + what);
                }
                int b = bytes[at++] & 0xff;
                z |= (long) (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            prev += (z >>> 1) ^ -(z & 1);
            v[i] = prev;
        }
        if (at != bytes.length) {
            throw new ProofRejectedException("malformed key: " + (bytes.length - at) + " stray bytes after " + what);
        }
        return v;
    }
}
