package io.zkml4j.prover.api;

import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.CircuitCodec;
import io.zkml4j.prover.format.FileFormatException;

/** Builds tampered verifying keys for tests, through the file format (as an attacker would). */
final class VerifyingKeys {
    private VerifyingKeys() {}

    /** The key with other metadata (names, scales), re-sealed through the file format. */
    static VerifyingKey withMetadata(VerifyingKey vk, VerifyingKey.Metadata meta) throws FileFormatException {
        return VerifyingKey.fromBytes(ContainerEdits.replaceSection(vk.toBytes(), metaSection(vk.metadata(), vk),
                metaSection(meta, vk)));
    }

    private static byte[] metaSection(VerifyingKey.Metadata meta, VerifyingKey vk) {
        io.zkml4j.crypto.codec.ProofWriter w = new io.zkml4j.crypto.codec.ProofWriter();
        w.writeBytes(meta.canonicalBytes());
        w.writeBytes(vk.security().id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        w.writeInt(vk.hiding().witnessOpenings());
        w.writeInt(vk.hiding().weightOpenings());
        return w.toByteArray();
    }

    /** The key with another opening budget in its metadata, re-sealed through the file format. */
    static VerifyingKey withBudget(VerifyingKey vk, int budget) throws FileFormatException {
        io.zkml4j.crypto.codec.ProofWriter w = new io.zkml4j.crypto.codec.ProofWriter();
        w.writeBytes(vk.metadata().canonicalBytes());
        w.writeBytes(vk.security().id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        w.writeInt(budget == 0 ? 0 : 1);
        w.writeInt(budget);
        return VerifyingKey.fromBytes(ContainerEdits.replaceSection(vk.toBytes(), metaSection(vk.metadata(), vk), w.toByteArray()));
    }

    static VerifyingKey withCircuit(VerifyingKey vk, Circuit c) throws FileFormatException {
        byte[] bytes = vk.toBytes();
        byte[] oldCircuit = io.zkml4j.prover.format.Deflate.compress(CircuitCodec.encode(vk.circuit()));
        byte[] newCircuit = io.zkml4j.prover.format.Deflate.compress(CircuitCodec.encode(c));
        return VerifyingKey.fromBytes(ContainerEdits.replaceSection(bytes, oldCircuit, newCircuit));
    }
}
