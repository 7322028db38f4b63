package io.zkml4j.prover;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.prover.format.Container;
import io.zkml4j.prover.format.FileFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code .zkml} file: the digest of the verifying key it was made for, the input visibility and (if
 * public) the input or (if hashed) the input's commitment, the output, and the proof. Values are the
 * model's integers; the verifying key's scales turn them into numbers.
 */
public record Proof(byte[] vkDigest, Visibility inputVisibility, long[] publicInput, long[] output, byte[] proof,
                    byte[] inputCommitment, byte[] outputCommitment) {
    static final int FORMAT_VERSION = Zkml.FORMAT_VERSION;
    private static final int SECTION_STATEMENT = 1, SECTION_PROOF = 2;
    private static final int MAX_VALUES = 1 << 26;

    public Proof {
        if (vkDigest.length != 32) {
            throw new IllegalArgumentException("a verifying-key digest has 32 bytes");
        }
        if ((inputVisibility == Visibility.PUBLIC) != (publicInput != null)) {
            throw new IllegalArgumentException("a public input travels with the proof, a private one does not");
        }
        if ((inputVisibility == Visibility.HASHED) != (inputCommitment != null) || (inputCommitment != null && inputCommitment.length != 32)) {
            throw new IllegalArgumentException("a hashed input's 32-byte commitment travels with the proof, and nothing else does");
        }
        if ((output == null) == (outputCommitment == null) || (outputCommitment != null && outputCommitment.length != 32)) {
            throw new IllegalArgumentException("a proof carries its output, or a hashed output's 32-byte commitment");
        }
    }

    /** A proof with a public or private input and a public output. */
    public Proof(byte[] vkDigest, Visibility inputVisibility, long[] publicInput, long[] output, byte[] proof) {
        this(vkDigest, inputVisibility, publicInput, output, proof, null, null);
    }

    /** A proof with a public output. */
    public Proof(byte[] vkDigest, Visibility inputVisibility, long[] publicInput, long[] output, byte[] proof, byte[] inputCommitment) {
        this(vkDigest, inputVisibility, publicInput, output, proof, inputCommitment, null);
    }

    /**
     * How many input values the proof says sit at the limits of the input's range (clamped), as it claims
     * it: {@link Zkml#verify} establishes it (its {@code VerifiedOutput.inputAtLimits}); -1 if unreadable.
     */
    public int claimedInputAtLimits() {
        return proof.length < 8 ? -1 : readInt(proof, 0);
    }

    /** The same for output values at the output range's limits (saturated). */
    public int claimedOutputAtLimits() {
        return proof.length < 8 ? -1 : readInt(proof, 4);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /** The output commitment as hex (hashed outputs), or null. */
    public String outputCommitmentHex() {
        return outputCommitment == null ? null : HexFormat.of().formatHex(outputCommitment);
    }

    /** The input commitment as hex (hashed inputs), or null. */
    public String inputCommitmentHex() {
        return inputCommitment == null ? null : HexFormat.of().formatHex(inputCommitment);
    }

    public String vkDigestHex() {
        return HexFormat.of().formatHex(vkDigest);
    }

    /** Reads a {@code .zkml} file (the whole file is checked: magic, version, lengths, checksum). */
    public static Proof read(Path path) throws IOException, FileFormatException {
        return fromBytes(Files.readAllBytes(path));
    }

    /** Writes this proof as a {@code .zkml} file (creating its folder if needed). */
    public void write(Path path) throws IOException {
        FileBytes.write(path, toBytes());
    }

    /** {@code Proof[key 714bfe06857377f4…, private input, 10 output values, proof 262 KiB]}: no values, no proof bytes. */
    @Override
    public String toString() {
        String in = switch (inputVisibility) {
            case PUBLIC -> "public input of " + publicInput.length + " values";
            case PRIVATE -> "private input";
            case HASHED -> "hashed input " + inputCommitmentHex().substring(0, 16) + "…";
        };
        String out = output != null ? output.length + " output value" + (output.length == 1 ? "" : "s")
                : "hashed output " + outputCommitmentHex().substring(0, 16) + "…";
        return "Proof[key " + vkDigestHex().substring(0, 16) + "…, " + in + ", " + out + ", proof " + Sizes.bytes(proof.length) + "]";
    }

    public byte[] toBytes() {
        ProofWriter s = new ProofWriter();
        s.writeFixed(vkDigest);
        s.writeInt(inputVisibility.ordinal());
        if (publicInput != null) {
            writeLongs(s, publicInput);
        }
        if (inputCommitment != null) {
            s.writeFixed(inputCommitment);
        }
        s.writeInt(output != null ? 0 : 1);
        if (output != null) {
            writeLongs(s, output);
        } else {
            s.writeFixed(outputCommitment);
        }
        return Container.write(Container.Kind.PROOF, FORMAT_VERSION, List.of(
                new Container.Section(SECTION_STATEMENT, s.toByteArray()),
                new Container.Section(SECTION_PROOF, proof)));
    }

    public static Proof fromBytes(byte[] bytes) throws FileFormatException {
        Container.Read read = Container.read(bytes, Container.Kind.PROOF, FORMAT_VERSION, FORMAT_VERSION);
        try {
            ProofReader r = new ProofReader(read.section(SECTION_STATEMENT));
            byte[] digest = r.readFixed("verifying-key digest", 32);
            int vis = r.readInt("input visibility");
            if (vis < 0 || vis >= Visibility.values().length) {
                throw new FileFormatException("corrupted proof file: unknown input visibility " + vis);
            }
            Visibility visibility = Visibility.values()[vis];
            long[] input = visibility == Visibility.PUBLIC ? readLongs(r) : null;
            byte[] commitment = visibility == Visibility.HASHED ? r.readFixed("input commitment", 32) : null;
            int hashedOutput = r.readInt("output visibility");
            if (hashedOutput != 0 && hashedOutput != 1) {
                throw new FileFormatException("corrupted proof file: unknown output visibility " + hashedOutput);
            }
            long[] output = hashedOutput == 0 ? readLongs(r) : null;
            byte[] outputCommitment = hashedOutput == 1 ? r.readFixed("output commitment", 32) : null;
            r.finish();
            return new Proof(digest, visibility, input, output, read.section(SECTION_PROOF), commitment, outputCommitment);
        } catch (ProofRejectedException e) {
            throw new FileFormatException("corrupted proof file: " + e.getMessage().replace("malformed proof: ", ""));
        }
    }

    private static void writeLongs(ProofWriter w, long[] v) {
        w.writeInt(v.length);
        for (long x : v) {
            w.writeLong(x);
        }
    }

    private static long[] readLongs(ProofReader r) throws ProofRejectedException {
        int n = r.readCount("values", MAX_VALUES);
        if (8L * n > r.remaining()) {
            throw new ProofRejectedException("truncated values");
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.readLong("value");
        }
        return v;
    }
}
