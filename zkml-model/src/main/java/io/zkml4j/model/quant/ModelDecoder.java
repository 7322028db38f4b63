package io.zkml4j.model.quant;

import io.zkml4j.model.ModelCompileException;
import io.zkml4j.model.graph.Shapes;
import io.zkml4j.model.lower.ConvGeometry;
import io.zkml4j.model.lower.Movement;
import io.zkml4j.model.lower.PoolGeometry;
import io.zkml4j.model.lower.ReduceGeometry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** Decodes {@code .zkm} bytes written by {@link ModelCodec}, from untrusted input (see there). */
final class ModelDecoder {
    static final int MAX_OPS = 1 << 20;
    static final int MAX_RANK = 8;
    static final int MAX_STRING = 1 << 16;
    /** Cap on the elements of all tensors together (a witness the interpreter can hold). */
    static final long MAX_TOTAL_ELEMENTS = 1L << 28;

    private final byte[] in;
    private long[][] tables;
    private int pos;
    private int end;

    private ModelDecoder(byte[] in, int pos, int end) {
        this.in = in;
        this.pos = pos;
        this.end = end;
    }

    static QuantizedModel decode(byte[] bytes) throws ModelFormatException {
        ModelDecoder r = new ModelDecoder(bytes, 0, bytes.length);
        byte[] magic = r.bytes(ModelCodec.MAGIC.length, "magic");
        if (!Arrays.equals(magic, ModelCodec.MAGIC)) {
            throw new ModelFormatException("not a .zkm file: bad magic");
        }
        int fmtLen = r.u16("format name length");
        String fmt = new String(r.bytes(fmtLen, "format name"), StandardCharsets.UTF_8);
        if (!fmt.equals(ModelCodec.FORMAT)) {
            throw new ModelFormatException("not a .zkm file: format '" + fmt + "', expected '" + ModelCodec.FORMAT + "'");
        }
        int version = r.i32("version");
        if (version < ModelCodec.VERSION_MIN) {
            throw new ModelFormatException(".zkm format version " + version + " is too old: this build reads versions "
                    + ModelCodec.VERSION_MIN + " to " + ModelCodec.VERSION_CURRENT + "; compile the model again");
        }
        if (version > ModelCodec.VERSION_CURRENT) {
            throw new ModelFormatException(".zkm format version " + version + " is too new: this build reads versions "
                    + ModelCodec.VERSION_MIN + " to " + ModelCodec.VERSION_CURRENT + "; upgrade zkml4j");
        }
        int bodyLen = r.i32("body length");
        long need = (long) r.pos + bodyLen + ModelCodec.FOOTER.length + 8;
        if (bodyLen < 0 || need > bytes.length) {
            throw new ModelFormatException("truncated .zkm file: declares a " + bodyLen + "-byte body, the file has "
                    + bytes.length + " bytes (needs " + need + ")");
        }
        if (need < bytes.length) {
            throw new ModelFormatException("malformed .zkm file: " + (bytes.length - need) + " trailing bytes after the footer");
        }
        int bodyStart = r.pos;
        int footerAt = bodyStart + bodyLen;
        if (!Arrays.equals(Arrays.copyOfRange(bytes, footerAt, footerAt + ModelCodec.FOOTER.length), ModelCodec.FOOTER)) {
            throw new ModelFormatException("corrupted .zkm file: footer magic missing");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, footerAt + ModelCodec.FOOTER.length);
        long stored = new ModelDecoder(bytes, footerAt + ModelCodec.FOOTER.length, bytes.length).i64Raw();
        if (stored != crc.getValue()) {
            throw new ModelFormatException("corrupted .zkm file: checksum mismatch (stored " + Long.toHexString(stored)
                    + ", computed " + Long.toHexString(crc.getValue()) + ")");
        }
        try {
            return new ModelDecoder(bytes, bodyStart, footerAt).body();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException("malformed .zkm file: " + e.getMessage());
        }
    }

    private QuantizedModel body() throws ModelFormatException {
        ModelDecoder o = section('O');
        QuantizationOptions opts = new QuantizationOptions(o.i32("activation bits"), o.i32("weight bits"),
                o.f64("headroom"), o.i32("multiplier bits"), o.i32("table length"));
        o.done("options");
        ModelDecoder ins = section('I');
        List<String> inNames = new ArrayList<>();
        int[] inIds = ins.names(inNames);
        ins.done("inputs");
        ModelDecoder outs = section('U');
        List<String> outNames = new ArrayList<>();
        int[] outIds = outs.names(outNames);
        outs.done("outputs");
        ModelDecoder ts = section('T');
        int nt = ts.count("tensors", MAX_OPS);
        List<TensorSpec> specs = new ArrayList<>();
        long elements = 0;
        for (int i = 0; i < nt; i++) {
            TensorSpec t = new TensorSpec(ts.string("tensor name"), ts.shape("tensor shape"), ts.i32("scale"), ts.i64("lo"), ts.i64("hi"));
            elements += t.size();
            if (elements > MAX_TOTAL_ELEMENTS) {
                throw new ModelFormatException("malformed .zkm file: the tensors hold more than 2^28 elements in all");
            }
            specs.add(t);
        }
        ts.done("tensors");
        ModelDecoder ls = section('L');
        int nl = ls.count("tables", MAX_OPS);
        tables = new long[nl][];
        for (int i = 0; i < nl; i++) {
            tables[i] = ls.longs("table", 1 << 16);
            if (tables[i].length == 0) {
                throw new ModelFormatException("malformed .zkm file: table " + i + " is empty");
            }
        }
        ls.done("tables");
        ModelDecoder ps = section('P');
        ps.tables = tables;
        int np = ps.count("ops", MAX_OPS);
        if (np != nt) {
            throw new ModelFormatException("malformed .zkm file: " + np + " ops but " + nt + " tensors");
        }
        List<Primitive> ops = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            ops.add(ps.op(i));
        }
        ps.done("ops");
        if (pos != end) {
            throw new ModelFormatException("malformed .zkm file: " + (end - pos) + " unread bytes in the body");
        }
        QuantizedModel m = new QuantizedModel(ops, specs, inIds, outIds, inNames, outNames, opts);
        try {
            ModelValidation.check(m);
        } catch (ModelCompileException e) {
            throw new ModelFormatException("malformed .zkm file: " + e.getMessage());
        }
        return m;
    }

    private ModelDecoder section(char tag) throws ModelFormatException {
        int t = u8("section tag");
        if (t != tag) {
            throw new ModelFormatException("malformed .zkm file: expected section '" + tag + "', found byte " + t);
        }
        int len = i32("section '" + tag + "' length");
        need(len, "section '" + tag + "'");
        ModelDecoder s = new ModelDecoder(in, pos, pos + len);
        pos += len;
        return s;
    }

    private void done(String what) throws ModelFormatException {
        if (pos != end) {
            throw new ModelFormatException("malformed .zkm file: " + (end - pos) + " extra bytes in section " + what);
        }
    }

    private void need(long n, String what) throws ModelFormatException {
        if (n < 0 || n > end - pos) {
            throw new ModelFormatException("truncated .zkm file: needs " + n + " bytes for " + what + ", " + (end - pos) + " left");
        }
    }

    private byte[] bytes(int n, String what) throws ModelFormatException {
        need(n, what);
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    private int u8(String what) throws ModelFormatException {
        need(1, what);
        return in[pos++] & 0xFF;
    }

    private int u16(String what) throws ModelFormatException {
        return (u8(what) << 8) | u8(what);
    }

    private int i32(String what) throws ModelFormatException {
        need(4, what);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (in[pos++] & 0xFF);
        }
        return v;
    }

    private long i64(String what) throws ModelFormatException {
        need(8, what);
        return i64Raw();
    }

    private long i64Raw() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[pos++] & 0xFF);
        }
        return v;
    }

    private double f64(String what) throws ModelFormatException {
        return Double.longBitsToDouble(i64(what));
    }

    private boolean bool(String what) throws ModelFormatException {
        int b = u8(what);
        if (b > 1) {
            throw new ModelFormatException("malformed .zkm file: " + what + " is " + b + ", not a boolean");
        }
        return b == 1;
    }

    private int count(String what, int max) throws ModelFormatException {
        int n = i32(what + " count");
        if (n < 0 || n > max) {
            throw new ModelFormatException("malformed .zkm file: " + what + " count " + n + " outside [0, " + max + "]");
        }
        return n;
    }

    private String string(String what) throws ModelFormatException {
        int n = count(what, MAX_STRING);
        return new String(bytes(n, what), StandardCharsets.UTF_8);
    }

    private int[] ints(String what, int max) throws ModelFormatException {
        int n = count(what, max);
        need(4L * n, what);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i32(what);
        }
        return v;
    }

    private long[] longs(String what, int max) throws ModelFormatException {
        int n = count(what, max);
        need(8L * n, what);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i64Raw();
        }
        return v;
    }

    private int[] shape(String what) throws ModelFormatException {
        int[] s = ints(what, MAX_RANK);
        for (int d : s) {
            if (d < 0) {
                throw new ModelFormatException("malformed .zkm file: negative dimension in " + what);
            }
        }
        Shapes.size(s);
        return s;
    }

    private int[] names(List<String> names) throws ModelFormatException {
        int n = count("names", MAX_OPS);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i32("id");
            names.add(string("name"));
        }
        return ids;
    }

    private LongTensor constant(String what) throws ModelFormatException {
        if (!bool(what + " presence")) {
            return null;
        }
        int[] shape = shape(what + " shape");
        long[] v = longs(what, Shapes.MAX_ELEMENTS);
        return new LongTensor(shape, v);
    }

    /** A declared output interval (lo ≤ hi). */
    private Primitive.Bound declared(int index) throws ModelFormatException {
        long lo = i64("declared lo");
        long hi = i64("declared hi");
        if (lo > hi) {
            throw new ModelFormatException("malformed .zkm file: op " + index + " declares the empty interval [" + lo + ", " + hi + "]");
        }
        return new Primitive.Bound(lo, hi);
    }

    private Primitive op(int index) throws ModelFormatException {
        int tag = u8("op tag");
        switch (tag) {
            case ModelCodec.INPUT:
                return new Primitive.Input(string("input name"));
            case ModelCodec.MATMUL, ModelCodec.MATMUL_DECLARED: {
                int x = i32("x");
                LongTensor w = constant("weights");
                if (w == null || w.shape().length != 2) {
                    throw new ModelFormatException("malformed .zkm file: op " + index + " MatMul needs [k, n] weights");
                }
                LongTensor bias = constant("bias");
                return new Primitive.MatMul(x, w, bias, tag == ModelCodec.MATMUL ? null : declared(index));
            }
            case ModelCodec.CONV: {
                int x = i32("x");
                LongTensor w = constant("weights");
                LongTensor b = constant("bias");
                int[] g = ints("conv geometry", 16);
                if (g.length != 16 || w == null) {
                    throw new ModelFormatException("malformed .zkm file: op " + index + " Conv geometry");
                }
                return new Primitive.Conv(x, w, b, new ConvGeometry(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8],
                        g[9], g[10], g[11], g[12], g[13], g[14], g[15]));
            }
            case ModelCodec.REQUANT:
                return new Primitive.Requant(i32("x"), i64("m"), i32("s"), i64("lo"), i64("hi"));
            case ModelCodec.TABLE: {
                int x = i32("x");
                long start = i64("table start");
                int t = i32("table index");
                if (t < 0 || t >= tables.length) {
                    throw new ModelFormatException("malformed .zkm file: op " + index + " uses table " + t + " of " + tables.length);
                }
                return new Primitive.Table(x, start, tables[t], string("function"));
            }
            case ModelCodec.ADD:
                return new Primitive.Add(i32("a"), i32("b"));
            case ModelCodec.SUB:
                return new Primitive.Sub(i32("a"), i32("b"));
            case ModelCodec.MUL:
                return new Primitive.Mul(i32("a"), i32("b"));
            case ModelCodec.AFFINE, ModelCodec.AFFINE_DECLARED: {
                int x = i32("x");
                LongTensor mul = constant("mul");
                LongTensor add = constant("add");
                if (mul == null || add == null) {
                    throw new ModelFormatException("malformed .zkm file: op " + index + " Affine constants missing");
                }
                return new Primitive.Affine(x, mul, add, tag == ModelCodec.AFFINE ? null : declared(index));
            }
            case ModelCodec.MAXPOOL:
                return new Primitive.MaxPool(i32("x"), pool());
            case ModelCodec.SUMPOOL:
                return new Primitive.SumPool(i32("x"), pool());
            case ModelCodec.REDUCESUM:
                return new Primitive.ReduceSum(i32("x"), reduce());
            case ModelCodec.REDUCEMAX:
                return new Primitive.ReduceMax(i32("x"), reduce());
            case ModelCodec.DIV:
                return new Primitive.Div(i32("a"), i32("b"), i32("k"));
            case ModelCodec.GATHER: {
                int[] xs = ints("gather inputs", MAX_OPS);
                int kind = u8("movement kind");
                if (kind >= Movement.Kind.values().length) {
                    throw new ModelFormatException("malformed .zkm file: op " + index + " movement kind " + kind);
                }
                long[] params = longs("movement params", Shapes.MAX_ELEMENTS);
                int[] shape = shape("movement shape");
                int[] source = ints("movement source", Shapes.MAX_ELEMENTS);
                return new Primitive.Gather(xs, new Movement(Movement.Kind.values()[kind], params, shape, source));
            }
            default:
                throw new ModelFormatException("malformed .zkm file: op " + index + " has unknown tag " + tag);
        }
    }

    private PoolGeometry pool() throws ModelFormatException {
        int[] g = ints("pool geometry", 15);
        if (g.length != 15) {
            throw new ModelFormatException("malformed .zkm file: pool geometry");
        }
        return new PoolGeometry(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12], g[13], g[14] != 0);
    }

    private ReduceGeometry reduce() throws ModelFormatException {
        int[] shape = shape("reduce shape");
        int[] axes = ints("reduce axes", MAX_RANK);
        for (int a : axes) {
            if (a < 0 || a >= shape.length) {
                throw new ModelFormatException("malformed .zkm file: reduce axis " + a);
            }
        }
        return ReduceGeometry.of(shape, axes, bool("keepdims"));
    }
}
