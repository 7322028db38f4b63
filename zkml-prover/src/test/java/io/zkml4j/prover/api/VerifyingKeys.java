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
        w.writeInt(vk.hiding().publicWeights() ? 1 : 0);
        return w.toByteArray();
    }

    /** The key with another opening budget in its metadata, re-sealed through the file format. */
    static VerifyingKey withBudget(VerifyingKey vk, int budget) throws FileFormatException {
        io.zkml4j.crypto.codec.ProofWriter w = new io.zkml4j.crypto.codec.ProofWriter();
        w.writeBytes(vk.metadata().canonicalBytes());
        w.writeBytes(vk.security().id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        w.writeInt(budget == 0 ? 0 : 1);
        w.writeInt(budget);
        w.writeInt(0);
        return VerifyingKey.fromBytes(ContainerEdits.replaceSection(vk.toBytes(), metaSection(vk.metadata(), vk), w.toByteArray()));
    }

    static VerifyingKey withCircuit(VerifyingKey vk, Circuit c) throws FileFormatException {
        byte[] bytes = vk.toBytes();
        byte[] oldCircuit = io.zkml4j.prover.format.Deflate.compress(CircuitCodec.encode(vk.circuit()));
        byte[] newCircuit = io.zkml4j.prover.format.Deflate.compress(CircuitCodec.encode(c));
        return VerifyingKey.fromBytes(ContainerEdits.replaceSection(bytes, oldCircuit, newCircuit));
    }

    /** The weights section of a public-weights key as the file holds it. */
    private static byte[] weightsSection(long[][] weights) {
        io.zkml4j.crypto.codec.ProofWriter w = new io.zkml4j.crypto.codec.ProofWriter();
        w.writeInt(weights.length);
        for (long[] t : weights) {
            w.writeFields(t);
        }
        return io.zkml4j.prover.format.Deflate.compress(w.toByteArray());
    }

    private static long[][] weights(VerifyingKey vk) {
        long[][] out = new long[vk.circuit().weights().size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vk.publicWeight(i);
        }
        return out;
    }

    /** A public-weights key with one weight changed, its model commitment re-derived: a consistent other model. */
    static VerifyingKey withPublicWeightChanged(VerifyingKey vk) throws FileFormatException {
        long[][] w = weights(vk);
        long[][] changed = w.clone();
        changed[0] = w[0].clone();
        changed[0][0] = io.zkml4j.crypto.field.Goldilocks.add(changed[0][0], 1);
        byte[] bytes = ContainerEdits.replaceSection(vk.toBytes(), weightsSection(w), weightsSection(changed));
        bytes = ContainerEdits.replaceSection(bytes, vk.weightRoot(), io.zkml4j.prover.engine.InferenceKeys.publicWeightsRoot(changed));
        return VerifyingKey.fromBytes(bytes);
    }

    /** The bytes of a public-weights key with one weight changed and its model commitment left as it was. */
    static byte[] withPublicWeightBytesChanged(VerifyingKey vk) throws FileFormatException {
        long[][] w = weights(vk);
        long[][] changed = w.clone();
        changed[0] = w[0].clone();
        changed[0][0] = io.zkml4j.crypto.field.Goldilocks.add(changed[0][0], 1);
        return ContainerEdits.replaceSection(vk.toBytes(), weightsSection(w), weightsSection(changed));
    }
}
