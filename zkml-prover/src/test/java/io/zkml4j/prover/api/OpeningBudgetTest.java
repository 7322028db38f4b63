package io.zkml4j.prover.api;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.Rotation;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.engine.Hiding;
import io.zkml4j.prover.format.Container;
import io.zkml4j.prover.format.FileFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The model commitment's opening budget and its rotation: the key counts openings and refuses the proof
 * that would spend the one kept for rotation; a rotation retires the key and proves that the new
 * commitment holds the same weights; verifiers follow chains of rotations and reject every broken one.
 */
class OpeningBudgetTest {
    static QuantizedModel model;
    static long[] input;

    @BeforeAll
    static void setUp() throws Exception {
        SmallCnn cnn = SmallCnn.load();
        model = cnn.model();
        input = cnn.input();
    }

    static ProvingKey key(int budget) throws Exception {
        return Zkml.setup(model, "small-cnn", SecurityLevel.TESTING_ONLY_INSECURE, budget);
    }

    @Test
    void aKeyRefusesTheProofThatWouldSpendTheOpeningKeptForRotation() throws Exception {
        ProvingKey pk = key(1);
        assertThat(pk.verifyingKey().hiding()).isEqualTo(Hiding.withBudget(1));
        // budget 1: the commitment hides 3 openings; a first key makes 2 proofs and keeps one for its rotation
        assertThat(pk.proofsLeft()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            Zkml.verify(pk.verifyingKey(), Zkml.prove(pk, input, Visibility.PRIVATE));
        }
        assertThat(pk.proofsLeft()).isZero();
        assertThatThrownBy(() -> Zkml.prove(pk, input, Visibility.PRIVATE))
                .isInstanceOf(ProvingKey.BudgetSpentException.class)
                .hasMessageContaining("zkml setup --rotate");
        assertThat(pk.openingsUsed()).isEqualTo(2);
    }

    @Test
    void theCountIsWrittenToTheKeysFileBeforeTheProofIsReturned(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.pk");
        key(4).write(file);
        ProvingKey pk = ProvingKey.read(file);
        Zkml.prove(pk, input, Visibility.PUBLIC);
        Zkml.prove(pk, input, Visibility.PUBLIC);
        assertThat(ProvingKey.read(file).openingsUsed()).isEqualTo(2);
        // a copy of the key made before the proofs is not the way around the count: it is the same file
        assertThat(ProvingKey.fromBytes(Files.readAllBytes(file)).proofsLeft()).isEqualTo(pk.proofsLeft());
    }

    @Test
    void aKeyFileWithAnImpossibleCountIsRefused() throws Exception {
        ProvingKey pk = key(2);
        int capacity = pk.verifyingKey().hiding().weightCommitmentOpenings();
        for (int count : new int[] {-1, capacity + 1, Integer.MAX_VALUE}) {
            byte[] edited = withCount(pk.toBytes(), count);
            assertThatThrownBy(() -> ProvingKey.fromBytes(edited)).isInstanceOf(FileFormatException.class)
                    .hasMessageContaining("openings made");
        }
        byte[] flipped = pk.toBytes();
        flipped[flipped.length - 40] ^= 1; // inside the last section (the count), checksum not recomputed
        assertThatThrownBy(() -> ProvingKey.fromBytes(flipped)).isInstanceOf(FileFormatException.class);
        assertThat(ProvingKey.fromBytes(withCount(pk.toBytes(), capacity)).proofsLeft()).isZero();
    }

    /** The key file with its count section replaced and the checksum recomputed (as the key's owner could). */
    static byte[] withCount(byte[] pk, int count) throws FileFormatException {
        Container.Read read = Container.read(pk, Container.Kind.PROVING_KEY, 1, Integer.MAX_VALUE);
        List<Container.Section> sections = new ArrayList<>();
        for (Container.Section s : read.sections()) {
            if (s.tag() == 3) {
                ProofWriter w = new ProofWriter();
                w.writeInt(count);
                sections.add(new Container.Section(3, w.toByteArray()));
            } else {
                sections.add(s);
            }
        }
        return Container.write(Container.Kind.PROVING_KEY, read.version(), sections);
    }

    @Test
    void twoSetupsOfOneModelCommitDifferentlyAndReloadingReproducesTheRoot() throws Exception {
        ProvingKey a = key(2), b = key(2);
        assertThat(a.verifyingKey().modelCommitmentHex()).isNotEqualTo(b.verifyingKey().modelCommitmentHex());
        assertThat(ProvingKey.fromBytes(a.toBytes()).verifyingKey().digestHex()).isEqualTo(a.verifyingKey().digestHex());
    }

    @Test
    void aRotatedKeyProvesUnderTheOriginalCommitmentThroughItsChain() throws Exception {
        ProvingKey original = key(1);
        VerifyingKey vk0 = original.verifyingKey();
        Proof before = Zkml.prove(original, input, Visibility.PUBLIC);
        Zkml.Rotated r1 = Zkml.rotate(original);
        assertThat(r1.key().generation()).isEqualTo(1);
        assertThat(r1.key().proofsLeft()).isEqualTo(1);
        assertThat(r1.key().verifyingKey().modelCommitmentHex()).isNotEqualTo(vk0.modelCommitmentHex());
        // the old key is retired: no proofs, no second rotation
        assertThatThrownBy(() -> Zkml.prove(original, input, Visibility.PUBLIC)).isInstanceOf(ProvingKey.BudgetSpentException.class);
        assertThatThrownBy(() -> Zkml.rotate(original)).isInstanceOf(ProvingKey.BudgetSpentException.class);

        Rotation rot1 = Rotation.fromBytes(r1.rotation().toBytes());
        Zkml.Rotated r2 = Zkml.rotate(ProvingKey.fromBytes(r1.key().toBytes()));
        Rotation rot2 = Rotation.fromBytes(r2.rotation().toBytes());
        Proof after = Proof.fromBytes(Zkml.prove(r2.key(), input, Visibility.PUBLIC).toBytes());

        assertThat(Zkml.verify(vk0, List.of(rot1, rot2), after).integers()).containsExactly(before.output());
        assertThat(Zkml.verify(vk0, List.of(rot1, rot2), before).integers()).containsExactly(before.output());
        assertThatThrownBy(() -> Zkml.verify(vk0, after)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("another model or key");
        assertThatThrownBy(() -> Zkml.verify(vk0, List.of(rot2), after)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("rotation 1 of 1");
        assertThatThrownBy(() -> Zkml.verify(vk0, List.of(rot2, rot1), after)).isInstanceOf(ProofRejectedException.class);
        assertThatThrownBy(() -> Zkml.verify(vk0, List.of(rot1), after)).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void aRotationToAnotherSetupOfTheSameModelIsRejected() throws Exception {
        ProvingKey a = key(1);
        Zkml.Rotated honest = Zkml.rotate(key(1));
        // b's rotation proof, relabelled to continue a: the digests are in the transcript, and a's table differs (other mask)
        Rotation forged = new Rotation(a.verifyingKey().digest(), honest.rotation().newKey(), honest.rotation().proof());
        Proof p = Zkml.prove(honest.key(), input, Visibility.PUBLIC);
        assertThatThrownBy(() -> Zkml.verify(a.verifyingKey(), List.of(forged), p)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("rotation 1 of 1");
    }

    @Test
    void everyFlippedByteOfARotationProofIsRejected() throws Exception {
        ProvingKey a = key(1);
        VerifyingKey vk0 = a.verifyingKey();
        Zkml.Rotated r = Zkml.rotate(a);
        Proof p = Zkml.prove(r.key(), input, Visibility.PUBLIC);
        byte[] proof = r.rotation().proof();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 40; trial++) {
            byte[] bad = proof.clone();
            int at = trial < 8 ? trial : rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
            Rotation tampered = new Rotation(r.rotation().oldKeyDigest(), r.rotation().newKey(), bad);
            assertThatThrownBy(() -> Zkml.verify(vk0, List.of(tampered), p)).as("flip at byte %d", at)
                    .isInstanceOf(ProofRejectedException.class);
        }
        byte[] truncated = java.util.Arrays.copyOf(proof, proof.length - 1);
        assertThatThrownBy(() -> Zkml.verify(vk0, List.of(new Rotation(r.rotation().oldKeyDigest(), r.rotation().newKey(), truncated)), p))
                .isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void aRotationToAKeyWithAnotherBudgetIsRejected() throws Exception {
        ProvingKey a = key(2);
        Zkml.Rotated r = Zkml.rotate(a);
        VerifyingKey otherBudget = VerifyingKeys.withBudget(r.key().verifyingKey(), 200);
        Rotation tampered = new Rotation(r.rotation().oldKeyDigest(), otherBudget, r.rotation().proof());
        Proof p = Zkml.prove(r.key(), input, Visibility.PUBLIC);
        assertThatThrownBy(() -> Zkml.verify(a.verifyingKey(), List.of(tampered), p)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("another model");
    }

    @Test
    void aNoZkKeyProvesWithoutABudgetAndCannotBeRotated() throws Exception {
        ProvingKey pk = key(0);
        assertThat(pk.verifyingKey().hiding()).isEqualTo(Hiding.NONE);
        assertThat(pk.verifyingKey().zeroKnowledge()).startsWith("no (a --no-zk key");
        for (int i = 0; i < 4; i++) {
            Zkml.verify(pk.verifyingKey(), Zkml.prove(pk, input, Visibility.PUBLIC));
        }
        assertThatThrownBy(() -> Zkml.rotate(pk)).isInstanceOf(IllegalStateException.class).hasMessageContaining("--no-zk");
        // the same model's hiding and non-hiding keys are different keys
        assertThat(key(1).verifyingKey().digestHex()).isNotEqualTo(pk.verifyingKey().digestHex());
    }

    @Test
    void aVerifyingKeyWithAnEditedBudgetRejectsTheKeysProofs() throws Exception {
        ProvingKey pk = key(3);
        Proof p = Zkml.prove(pk, input, Visibility.PUBLIC);
        for (int budget : new int[] {0, 2, 4}) {
            VerifyingKey edited = VerifyingKeys.withBudget(pk.verifyingKey(), budget);
            assertThatThrownBy(() -> Zkml.verify(edited, p)).isInstanceOf(ProofRejectedException.class);
            // and relabelling the proof for the edited key fails inside the proof (the transcript starts at the digest)
            Proof relabelled = new Proof(edited.digest(), p.inputVisibility(), p.publicInput(), p.output(), p.proof());
            assertThatThrownBy(() -> Zkml.verify(edited, relabelled)).isInstanceOf(ProofRejectedException.class);
        }
    }
}
