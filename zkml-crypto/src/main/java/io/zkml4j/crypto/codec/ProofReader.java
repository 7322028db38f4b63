package io.zkml4j.crypto.codec;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;

/**
 * Reads what {@link ProofWriter} wrote, from untrusted bytes. Every length is checked against the
 * caller's cap and against the bytes that remain <em>before</em> anything is allocated; every field
 * element must be canonical ({@code < p}). Any violation is a {@link ProofRejectedException} naming the
 * item, never a runtime exception.
 */
public final class ProofReader {
    private final byte[] in;
    private int pos;

    public ProofReader(byte[] in) {
        this.in = in;
    }

    public int remaining() {
        return in.length - pos;
    }

    /** Byte counts are {@code long}s so that {@code 8·n} for a hostile count cannot overflow into a small value. */
    private void need(long n, String what) throws ProofRejectedException {
        if (n < 0 || n > in.length - pos) {
            throw new ProofRejectedException("malformed proof: truncated while reading " + what
                    + " (need " + n + " bytes, " + (in.length - pos) + " left)");
        }
    }

    public int readInt(String what) throws ProofRejectedException {
        need(4, what);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (in[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    public long readLong(String what) throws ProofRejectedException {
        need(8, what);
        long v = Goldilocks.decodeRaw(in, pos);
        pos += 8;
        return v;
    }

    /** A count in {@code [0, max]}. */
    public int readCount(String what, int max) throws ProofRejectedException {
        int n = readInt(what + " length");
        if (n < 0 || n > max) {
            throw new ProofRejectedException("malformed proof: " + what + " length " + n + " outside [0, " + max + "]");
        }
        return n;
    }

    /** An exact count: anything but {@code expected} is rejected. */
    public int readExactCount(String what, int expected) throws ProofRejectedException {
        int n = readInt(what + " length");
        if (n != expected) {
            throw new ProofRejectedException("malformed proof: " + what + " length " + n + ", expected " + expected);
        }
        return n;
    }

    public long readField(String what) throws ProofRejectedException {
        long x = readLong(what);
        if (!Goldilocks.isCanonical(x)) {
            throw new ProofRejectedException("malformed proof: non-canonical field element in " + what);
        }
        return x;
    }

    public Ext readExt(String what) throws ProofRejectedException {
        long c0 = readField(what);
        long c1 = readField(what);
        return Ext.of(c0, c1);
    }

    /** A base-field vector of exactly {@code expected} elements. */
    public long[] readFields(String what, int expected) throws ProofRejectedException {
        readExactCount(what, expected);
        need(8L * expected, what);
        long[] xs = new long[expected];
        for (int i = 0; i < expected; i++) {
            xs[i] = readField(what);
        }
        return xs;
    }

    /** A base-field vector of at most {@code max} elements. */
    public long[] readFieldsUpTo(String what, int max) throws ProofRejectedException {
        int n = readCount(what, max);
        need(8L * n, what);
        long[] xs = new long[n];
        for (int i = 0; i < n; i++) {
            xs[i] = readField(what);
        }
        return xs;
    }

    /** An extension vector of exactly {@code expected} elements, as interleaved pairs. */
    public long[] readExts(String what, int expected) throws ProofRejectedException {
        readExactCount(what, expected);
        need(16L * expected, what);
        long[] xs = new long[2 * expected];
        for (int i = 0; i < 2 * expected; i++) {
            xs[i] = readField(what);
        }
        return xs;
    }

    /** An extension array of exactly {@code expected} elements. */
    public Ext[] readExtArray(String what, int expected) throws ProofRejectedException {
        readExactCount(what, expected);
        need(16L * expected, what);
        Ext[] es = new Ext[expected];
        for (int i = 0; i < expected; i++) {
            es[i] = readExt(what);
        }
        return es;
    }

    /** A length-prefixed byte string of at most {@code max} bytes. */
    public byte[] readBytes(String what, int max) throws ProofRejectedException {
        int n = readCount(what, max);
        return readFixed(what, n);
    }

    /** Exactly {@code n} raw bytes. */
    public byte[] readFixed(String what, int n) throws ProofRejectedException {
        need(n, what);
        byte[] b = new byte[n];
        System.arraycopy(in, pos, b, 0, n);
        pos += n;
        return b;
    }

    /** Rejects trailing bytes: a canonical encoding has none. */
    public void finish() throws ProofRejectedException {
        if (pos != in.length) {
            throw new ProofRejectedException("malformed proof: " + (in.length - pos) + " trailing bytes");
        }
    }
}
