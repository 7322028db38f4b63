package io.zkml4j.prover.format;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * DEFLATE for bulky file sections (the circuit in a verifying key: lookup tables and index maps compress
 * well). Digests are always taken over the uncompressed canonical bytes, so the compressor's exact output
 * never matters; decompression is capped so a hostile file cannot inflate without bound.
 */
public final class Deflate {
    private Deflate() {}

    public static byte[] compress(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    public static byte[] decompress(byte[] data, int maxBytes) throws FileFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 4));
            byte[] buf = new byte[1 << 16];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new FileFormatException("corrupted file: a compressed section ends early");
                }
                if (out.size() + n > maxBytes) {
                    throw new FileFormatException("corrupted file: a compressed section expands beyond " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            if (inf.getRemaining() != 0) {
                throw new FileFormatException("corrupted file: bytes after a compressed section");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new FileFormatException("corrupted file: a compressed section is not valid DEFLATE data");
        } finally {
            inf.end();
        }
    }
}
