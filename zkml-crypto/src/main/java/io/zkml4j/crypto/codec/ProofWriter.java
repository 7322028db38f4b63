package io.zkml4j.crypto.codec;

import io.zkml4j.crypto.field.Ext;

import java.io.ByteArrayOutputStream;

/**
 * Canonical little-endian encoding of proof objects. Vectors are length-prefixed with a 32-bit count;
 * field elements are 8 bytes, extension elements 16 bytes. The matching reader is {@link ProofReader}.
 */
public final class ProofWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[] scratch = new byte[8];

    public ProofWriter writeInt(int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
        return this;
    }

    public ProofWriter writeLong(long v) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (v >>> (8 * i));
        }
        out.write(scratch, 0, 8);
        return this;
    }

    /** One base-field element (8 bytes). */
    public ProofWriter writeField(long x) {
        return writeLong(x);
    }

    /** One extension element (16 bytes). */
    public ProofWriter writeExt(Ext e) {
        return writeLong(e.c0).writeLong(e.c1);
    }

    /** A length-prefixed vector of base-field elements. */
    public ProofWriter writeFields(long[] xs) {
        writeInt(xs.length);
        for (long x : xs) {
            writeLong(x);
        }
        return this;
    }

    /** A length-prefixed vector of extension elements (interleaved pairs; the prefix counts elements). */
    public ProofWriter writeExts(long[] pairs) {
        writeInt(pairs.length >> 1);
        for (long x : pairs) {
            writeLong(x);
        }
        return this;
    }

    /** A length-prefixed array of extension elements. */
    public ProofWriter writeExtArray(Ext[] es) {
        writeInt(es.length);
        for (Ext e : es) {
            writeExt(e);
        }
        return this;
    }

    /** A length-prefixed byte string. */
    public ProofWriter writeBytes(byte[] b) {
        writeInt(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    /** Raw bytes of a known fixed length (e.g. a 32-byte digest), no prefix. */
    public ProofWriter writeFixed(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
