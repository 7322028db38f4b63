package io.zkml4j.prover.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The envelope of every zkml4j artifact ({@code .pk}, {@code .vk}, {@code .zkml}), in the manner of Lucene's
 * CodecUtil:
 * <pre>
 *   magic "ZKML4J\r\n" (8 bytes) ‖ kind (length-prefixed ASCII) ‖ version (u32)
 *   ‖ section count (u32) ‖ per section: tag (u32) ‖ length (u32) ‖ bytes
 *   ‖ SHA-256 of everything before (32 bytes)
 * </pre>
 * All integers little-endian. Reading checks the magic, the kind, the version range (too old and too new
 * are distinct errors), every length against a cap and the bytes left before allocating, and the
 * checksum — each failure one line naming the file's problem.
 */
public final class Container {
    static final byte[] MAGIC = "ZKML4J\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SECTIONS = 64;

    /** The artifacts, with what a user calls them. */
    public enum Kind {
        PROVING_KEY("zkml4j.proving-key", "a proving key (.pk)"),
        VERIFYING_KEY("zkml4j.verifying-key", "a verifying key (.vk)"),
        PROOF("zkml4j.proof", "a proof (.zkml)"),
        ROTATION("zkml4j.rotation", "a key rotation (.zkrot)");

        final String id;
        final String human;

        Kind(String id, String human) {
            this.id = id;
            this.human = human;
        }

        public String human() {
            return human;
        }
    }

    /** One section: a tag and its bytes. */
    public record Section(int tag, byte[] bytes) {}

    private Container() {}

    public static byte[] write(Kind kind, int version, List<Section> sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        byte[] k = kind.id.getBytes(StandardCharsets.US_ASCII);
        writeInt(out, k.length);
        out.writeBytes(k);
        writeInt(out, version);
        writeInt(out, sections.size());
        for (Section s : sections) {
            writeInt(out, s.tag());
            writeInt(out, s.bytes().length);
            out.writeBytes(s.bytes());
        }
        out.writeBytes(sha256(out.toByteArray(), out.size()));
        return out.toByteArray();
    }

    /** What {@link #read} found. */
    public record Read(int version, List<Section> sections) {
        public byte[] section(int tag) throws FileFormatException {
            for (Section s : sections) {
                if (s.tag() == tag) {
                    return s.bytes();
                }
            }
            throw new FileFormatException("the file lacks section " + tag + "; it is corrupted or from an incompatible version");
        }
    }

    /** The kind named in a file's header, or null if it is not a zkml4j container. */
    public static Kind sniff(byte[] bytes) {
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            return null;
        }
        int n = readInt(bytes, MAGIC.length);
        if (n < 0 || n > 64 || MAGIC.length + 4 + n > bytes.length) {
            return null;
        }
        String id = new String(bytes, MAGIC.length + 4, n, StandardCharsets.US_ASCII);
        for (Kind k : Kind.values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    public static Read read(byte[] bytes, Kind expected, int minVersion, int maxVersion) throws FileFormatException {
        Kind actual = sniff(bytes);
        if (actual == null) {
            if (bytes.length >= 8 && new String(bytes, 0, 8, StandardCharsets.US_ASCII).startsWith("ZKMODEL")) {
                throw new FileFormatException("this is a compiled model (.zkm), not " + expected.human + "; run 'zkml setup' on it first");
            }
            if (bytes.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
                throw new FileFormatException("the file is truncated or corrupted (its header names no known kind of file); expected "
                        + expected.human);
            }
            throw new FileFormatException("not a zkml4j file (bad magic bytes); expected " + expected.human);
        }
        if (actual != expected) {
            throw new FileFormatException("this is " + actual.human + ", not " + expected.human);
        }
        if (bytes.length < MAGIC.length + 32) {
            throw new FileFormatException("the file is truncated");
        }
        int end = bytes.length - 32;
        byte[] sum = sha256(bytes, end);
        if (!Arrays.equals(sum, Arrays.copyOfRange(bytes, end, bytes.length))) {
            throw new FileFormatException("checksum mismatch: the file is truncated or corrupted");
        }
        int pos = MAGIC.length + 4 + expected.id.length();
        int version = readChecked(bytes, pos, end, "version");
        pos += 4;
        if (version < minVersion) {
            throw new FileFormatException("format version " + version + " is too old: this zkml4j reads versions "
                    + minVersion + " to " + maxVersion + "; regenerate the file");
        }
        if (version > maxVersion) {
            throw new FileFormatException("format version " + version + " is too new: this zkml4j reads versions "
                    + minVersion + " to " + maxVersion + "; upgrade zkml4j");
        }
        int count = readChecked(bytes, pos, end, "section count");
        pos += 4;
        if (count < 0 || count > MAX_SECTIONS) {
            throw new FileFormatException("corrupted file: " + count + " sections");
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int tag = readChecked(bytes, pos, end, "section tag");
            int len = readChecked(bytes, pos + 4, end, "section length");
            pos += 8;
            if (len < 0 || len > end - pos) {
                throw new FileFormatException("corrupted file: section " + tag + " claims " + len + " bytes, " + (end - pos) + " remain");
            }
            sections.add(new Section(tag, Arrays.copyOfRange(bytes, pos, pos + len)));
            pos += len;
        }
        if (pos != end) {
            throw new FileFormatException("corrupted file: " + (end - pos) + " unexpected bytes before the checksum");
        }
        return new Read(version, sections);
    }

    private static int readChecked(byte[] b, int pos, int end, String what) throws FileFormatException {
        if (pos + 4 > end) {
            throw new FileFormatException("the file is truncated (while reading the " + what + ")");
        }
        return readInt(b, pos);
    }

    static int readInt(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    static byte[] sha256(byte[] b, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, 0, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
