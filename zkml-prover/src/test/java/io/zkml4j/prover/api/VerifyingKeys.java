package io.zkml4j.prover.api;

import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.CircuitCodec;
import io.zkml4j.prover.format.FileFormatException;

/** Builds tampered verifying keys for tests, through the file format (as an attacker would). */
final class VerifyingKeys {
    private VerifyingKeys() {}

    static VerifyingKey withCircuit(VerifyingKey vk, Circuit c) throws FileFormatException {
        byte[] bytes = vk.toBytes();
        byte[] oldCircuit = io.zkml4j.prover.format.Deflate.compress(CircuitCodec.encode(vk.circuit()));
        byte[] newCircuit = io.zkml4j.prover.format.Deflate.compress(CircuitCodec.encode(c));
        return VerifyingKey.fromBytes(ContainerEdits.replaceSection(bytes, oldCircuit, newCircuit));
    }
}
