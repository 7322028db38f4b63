package io.zkml4j.prover.api;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.circuit.CircuitCodec;
import io.zkml4j.prover.format.Deflate;
import io.zkml4j.prover.format.FileFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile verifying keys: the circuit description of a real key, mutated byte by byte (seeded) and re-sealed
 * with a valid checksum. Loading must refuse it with a one-line {@link FileFormatException}, or yield a key
 * under which the honest proof is rejected (it describes another circuit) — never a runtime exception.
 */
class VerifyingKeyFuzzTest {
    @Test
    void mutatedCircuitsAreRefusedOrRejectNeverCrash() throws Exception {
        SmallCnn cnn = SmallCnn.load();
        ProvingKey pk = Zkml.setup(cnn.model(), "small-cnn", SecurityLevel.TESTING_ONLY_INSECURE);
        VerifyingKey vk = pk.verifyingKey();
        Proof proof = Zkml.prove(pk, cnn.input(), Visibility.PUBLIC);
        byte[] circuit = CircuitCodec.encode(vk.circuit());
        byte[] file = vk.toBytes();
        SplittableRandom rnd = new SplittableRandom(31);
        int refused = 0, rejected = 0;
        for (int trial = 0; trial < 400; trial++) {
            byte[] bad = circuit.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            VerifyingKey mutated;
            try {
                mutated = VerifyingKey.fromBytes(ContainerEdits.replaceSection(file, Deflate.compress(circuit), Deflate.compress(bad)));
            } catch (FileFormatException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
                refused++;
                continue;
            }
            // the proof relabelled with the mutated key's digest, so the verifier runs on the mutated circuit
            Proof relabelled = new Proof(mutated.digest(), proof.inputVisibility(), proof.publicInput(), proof.output(), proof.proof());
            for (Proof p : List.of(proof, relabelled)) {
                try {
                    Zkml.verify(mutated, p);
                    throw new AssertionError("trial " + trial + ": a mutated key accepted the proof");
                } catch (ProofRejectedException e) {
                    assertThat(e.getCause() instanceof RuntimeException).as("trial %d: %s", trial, e.getMessage()).isFalse();
                }
            }
            rejected++;
        }
        assertThat(refused + rejected).isEqualTo(400);
        assertThat(refused).isPositive();
    }
}
