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
 * A {@code .zkrot} file: a rotation of the model commitment. It names the old verifying key by digest,
 * carries the new verifying key, and proves that the new key's model commitment holds the same weights
 * ({@link io.zkml4j.prover.engine.WeightRotation}). A verifier who trusts the original key checks a chain
 * of rotations and then trusts the last key's proofs as the original model's ({@link Zkml#verify(VerifyingKey, List, Proof)}).
 */
public record Rotation(byte[] oldKeyDigest, VerifyingKey newKey, byte[] proof) {
    static final int FORMAT_VERSION = Zkml.FORMAT_VERSION;
    private static final int SECTION_OLD = 1, SECTION_NEW = 2, SECTION_PROOF = 3;

    public Rotation {
        if (oldKeyDigest.length != 32) {
            throw new IllegalArgumentException("a verifying-key digest has 32 bytes");
        }
        oldKeyDigest = oldKeyDigest.clone();
        proof = proof.clone();
    }

    public String oldKeyDigestHex() {
        return HexFormat.of().formatHex(oldKeyDigest);
    }

    public byte[] toBytes() {
        return Container.write(Container.Kind.ROTATION, FORMAT_VERSION, List.of(
                new Container.Section(SECTION_OLD, oldKeyDigest),
                new Container.Section(SECTION_NEW, newKey.toBytes()),
                new Container.Section(SECTION_PROOF, proof)));
    }

    /** Reads a {@code .zkrot} file. */
    public static Rotation read(Path path) throws IOException, FileFormatException {
        return fromBytes(Files.readAllBytes(path));
    }

    /** Writes this rotation as a {@code .zkrot} file (creating its folder if needed): publish it with the new key. */
    public void write(Path path) throws IOException {
        FileBytes.write(path, toBytes());
    }

    @Override
    public String toString() {
        return "Rotation[from key " + oldKeyDigestHex().substring(0, 16) + "… to " + newKey + "]";
    }

    public static Rotation fromBytes(byte[] bytes) throws FileFormatException {
        Container.Read read = Container.read(bytes, Container.Kind.ROTATION, FORMAT_VERSION, FORMAT_VERSION);
        byte[] old = read.section(SECTION_OLD);
        if (old.length != 32) {
            throw new FileFormatException("corrupted rotation: the old key's digest has " + old.length + " bytes, not 32");
        }
        return new Rotation(old, VerifyingKey.fromBytes(read.section(SECTION_NEW)), read.section(SECTION_PROOF));
    }

    /**
     * Checks that this rotation continues {@code from}: it names that key, the new key is the same model
     * (architecture, names and scales, security level, hiding) under a new commitment, and the proof
     * that both commitments hold the same weights verifies.
     */
    void verify(VerifyingKey from) throws ProofRejectedException {
        if (!java.security.MessageDigest.isEqual(oldKeyDigest, from.digest())) {
            throw new ProofRejectedException("the rotation continues key " + oldKeyDigestHex().substring(0, 16) + "…, not "
                    + from.digestHex().substring(0, 16) + "…");
        }
        if (!java.util.Arrays.equals(newKey.sameModelBytes(), from.sameModelBytes())) {
            throw new ProofRejectedException("the rotated key describes another model (architecture, names, scales, security or budget differ)");
        }
        if (java.util.Arrays.equals(newKey.weightRoot(), from.weightRoot())) {
            throw new ProofRejectedException("the rotated key has the same model commitment; a rotation makes a new one");
        }
        try {
            io.zkml4j.prover.engine.WeightRotation.verify(from.engineKey(Visibility.PRIVATE), newKey.engineKey(Visibility.PRIVATE),
                    from.scheme(), proof);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("rotation to key " + newKey.digestHex().substring(0, 16) + "…: " + e.getMessage(), e);
        }
    }
}
