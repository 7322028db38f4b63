package io.zkml4j.model.quant;

import io.zkml4j.model.lower.ConvGeometry;
import io.zkml4j.model.lower.Movement;
import io.zkml4j.model.lower.PoolGeometry;
import io.zkml4j.model.lower.ReduceGeometry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The {@code .zkm} file: a quantized model as bytes (all integers big-endian).
 *
 * <pre>
 * header  : magic "ZKMODEL\0" (8 bytes) · format name (u16 length + UTF-8) · version (i32)
 * body    : length (i32) · sections, each a tag byte and an i32 length:
 *           'O' options, 'I' inputs, 'U' outputs, 'T' tensors, 'L' lookup tables (each distinct table
 *           once, in order of first use), 'P' ops (a Table op names its table by index)
 * footer  : magic "ZKMEND\0\0" (8 bytes) · CRC32 of every byte before the footer (i64)
 * </pre>
 *
 * The body alone is the canonical architecture description (the same model always gives the same bytes).
 * Reading checks magic, format name and version range (too old and too new are distinct errors) first,
 * then lengths and the checksum, then decodes with a cap on every count before allocating, and finally
 * re-derives every static interval and refuses a file whose intervals differ.
 */
final class ModelCodec {
    static final byte[] MAGIC = "ZKMODEL\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FOOTER = "ZKMEND\0\0".getBytes(StandardCharsets.US_ASCII);
    static final String FORMAT = "zkml4j.quantized-model";
    static final int VERSION_MIN = 1;
    static final int VERSION_CURRENT = 2; // 2: MatMul and Affine with a declared interval

    private ModelCodec() {
    }

    /** Writes the lowest version that holds the model: 1 unless an op declares its interval (then 2). */
    static byte[] write(QuantizedModel m) {
        boolean declared = false;
        for (Primitive p : m.ops()) {
            declared |= p instanceof Primitive.MatMul mm && mm.declared() != null || p instanceof Primitive.Affine a && a.declared() != null;
        }
        return write(m, declared ? VERSION_CURRENT : 1);
    }

    /** Writes with an explicit version number (tests use it to make too-old and too-new files). */
    static byte[] write(QuantizedModel m, int version) {
        byte[] body = body(m, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            byte[] fmt = FORMAT.getBytes(StandardCharsets.UTF_8);
            out.writeShort(fmt.length);
            out.write(fmt);
            out.writeInt(version);
            out.writeInt(body.length);
            out.write(body);
            out.write(FOOTER);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] body(QuantizedModel m, boolean withWeights) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            section(out, 'O', s -> {
                QuantizationOptions o = m.options();
                s.writeInt(o.activationBits());
                s.writeInt(o.weightBits());
                s.writeDouble(o.headroom());
                s.writeInt(o.multiplierBits());
                s.writeInt(o.maxTableLength());
            });
            section(out, 'I', s -> names(s, m.inputs(), m.inputNames()));
            section(out, 'U', s -> names(s, m.outputs(), m.outputNames()));
            section(out, 'T', s -> {
                s.writeInt(m.tensors().size());
                for (TensorSpec t : m.tensors()) {
                    string(s, t.name());
                    ints(s, t.shape());
                    s.writeInt(t.scale());
                    s.writeLong(t.lo());
                    s.writeLong(t.hi());
                }
            });
            Map<TableKey, Integer> tableIndex = new LinkedHashMap<>();
            for (Primitive p : m.ops()) {
                if (p instanceof Primitive.Table t) {
                    tableIndex.putIfAbsent(new TableKey(t.table()), tableIndex.size());
                }
            }
            section(out, 'L', s -> {
                s.writeInt(tableIndex.size());
                for (TableKey k : tableIndex.keySet()) {
                    longs(s, k.values());
                }
            });
            section(out, 'P', s -> {
                s.writeInt(m.ops().size());
                for (Primitive p : m.ops()) {
                    op(s, p, withWeights, tableIndex);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private interface SectionBody {
        void write(DataOutputStream s) throws IOException;
    }

    private static void section(DataOutputStream out, char tag, SectionBody body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream s = new DataOutputStream(b)) {
            body.write(s);
        }
        out.writeByte(tag);
        out.writeInt(b.size());
        b.writeTo(out);
    }

    private static void names(DataOutputStream s, int[] ids, List<String> names) throws IOException {
        s.writeInt(ids.length);
        for (int i = 0; i < ids.length; i++) {
            s.writeInt(ids[i]);
            string(s, names.get(i));
        }
    }

    static void string(DataOutputStream s, String v) throws IOException {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        s.writeInt(b.length);
        s.write(b);
    }

    static void ints(DataOutputStream s, int[] v) throws IOException {
        s.writeInt(v.length);
        for (int x : v) {
            s.writeInt(x);
        }
    }

    static void longs(DataOutputStream s, long[] v) throws IOException {
        s.writeInt(v.length);
        for (long x : v) {
            s.writeLong(x);
        }
    }

    /** A constant: its shape, then its values (or nothing, in the weight-free description). */
    private static void constant(DataOutputStream s, LongTensor t, boolean values) throws IOException {
        s.writeBoolean(t != null);
        if (t != null) {
            ints(s, t.shape());
            if (values) {
                longs(s, t.values());
            }
        }
    }

    static final byte INPUT = 1, MATMUL = 2, CONV = 3, REQUANT = 4, TABLE = 5, ADD = 6, SUB = 7, MUL = 8, AFFINE = 9,
            MAXPOOL = 10, SUMPOOL = 11, REDUCESUM = 12, REDUCEMAX = 13, DIV = 14, GATHER = 15,
            MATMUL_DECLARED = 16, AFFINE_DECLARED = 17;

    /** A table's entries as a map key (by content). */
    record TableKey(long[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TableKey k && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** A declared interval, when there is one (its tag says so). */
    private static void declared(DataOutputStream s, Primitive.Bound b) throws IOException {
        if (b != null) {
            s.writeLong(b.lo());
            s.writeLong(b.hi());
        }
    }

    private static void op(DataOutputStream s, Primitive p, boolean weights, Map<TableKey, Integer> tables) throws IOException {
        if (p instanceof Primitive.Input in) {
            s.writeByte(INPUT);
            string(s, in.name());
        } else if (p instanceof Primitive.MatMul m) {
            s.writeByte(m.declared() == null ? MATMUL : MATMUL_DECLARED);
            s.writeInt(m.x());
            constant(s, m.w(), weights);
            constant(s, m.bias(), weights);
            declared(s, m.declared());
        } else if (p instanceof Primitive.Conv c) {
            s.writeByte(CONV);
            s.writeInt(c.x());
            constant(s, c.w(), weights);
            constant(s, c.bias(), weights);
            ConvGeometry g = c.g();
            ints(s, new int[] {g.n(), g.c(), g.h(), g.w(), g.m(), g.kh(), g.kw(), g.strideH(), g.strideW(), g.padTop(),
                g.padLeft(), g.padBottom(), g.padRight(), g.dilH(), g.dilW(), g.groups()});
        } else if (p instanceof Primitive.Requant r) {
            s.writeByte(REQUANT);
            s.writeInt(r.x());
            s.writeLong(r.m());
            s.writeInt(r.s());
            s.writeLong(r.lo());
            s.writeLong(r.hi());
        } else if (p instanceof Primitive.Table t) {
            s.writeByte(TABLE);
            s.writeInt(t.x());
            s.writeLong(t.inLo());
            s.writeInt(tables.get(new TableKey(t.table())));
            string(s, t.function());
        } else if (p instanceof Primitive.Add a) {
            binary(s, ADD, a.a(), a.b());
        } else if (p instanceof Primitive.Sub a) {
            binary(s, SUB, a.a(), a.b());
        } else if (p instanceof Primitive.Mul a) {
            binary(s, MUL, a.a(), a.b());
        } else if (p instanceof Primitive.Affine a) {
            s.writeByte(a.declared() == null ? AFFINE : AFFINE_DECLARED);
            s.writeInt(a.x());
            constant(s, a.mul(), true);
            constant(s, a.add(), true);
            declared(s, a.declared());
        } else if (p instanceof Primitive.MaxPool mp) {
            s.writeByte(MAXPOOL);
            s.writeInt(mp.x());
            pool(s, mp.g());
        } else if (p instanceof Primitive.SumPool sp) {
            s.writeByte(SUMPOOL);
            s.writeInt(sp.x());
            pool(s, sp.g());
        } else if (p instanceof Primitive.ReduceSum r) {
            s.writeByte(REDUCESUM);
            s.writeInt(r.x());
            reduce(s, r.g());
        } else if (p instanceof Primitive.ReduceMax r) {
            s.writeByte(REDUCEMAX);
            s.writeInt(r.x());
            reduce(s, r.g());
        } else if (p instanceof Primitive.Div d) {
            binary(s, DIV, d.a(), d.b());
            s.writeInt(d.k());
        } else if (p instanceof Primitive.Gather g) {
            s.writeByte(GATHER);
            ints(s, g.xs());
            Movement m = g.m();
            s.writeByte(m.kind().ordinal());
            longs(s, m.params());
            ints(s, m.shape());
            ints(s, m.source());
        } else {
            throw new IllegalStateException("no encoding for " + p.kind());
        }
    }

    private static void binary(DataOutputStream s, byte tag, int a, int b) throws IOException {
        s.writeByte(tag);
        s.writeInt(a);
        s.writeInt(b);
    }

    private static void pool(DataOutputStream s, PoolGeometry g) throws IOException {
        ints(s, new int[] {g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.strideH(), g.strideW(), g.padTop(), g.padLeft(),
            g.padBottom(), g.padRight(), g.dilH(), g.dilW(), g.ceilMode() ? 1 : 0});
    }

    private static void reduce(DataOutputStream s, ReduceGeometry g) throws IOException {
        ints(s, g.in());
        ints(s, g.axes());
        s.writeBoolean(g.keepDims());
    }

    static QuantizedModel read(byte[] bytes) throws ModelFormatException {
        return ModelDecoder.decode(bytes);
    }
}
