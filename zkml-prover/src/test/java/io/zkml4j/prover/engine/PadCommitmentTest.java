package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.prover.channel.ProverChannel;
import io.zkml4j.prover.channel.VerifierChannel;
import io.zkml4j.prover.circuit.TensorInfo.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A zero-knowledge proof commits its pad table beside the witness or apart ({@link InferenceProver#padsApart}):
 * both layouts verify, the choice follows the expected opening sizes, and the bit that says which one a
 * proof uses, the pad commitment's root and its opening are all bound.
 */
class PadCommitmentTest {
    /** Proof offsets (little-endian counts): the two range-limit counts, then the layout bit, the witness root and (apart) the pad root. */
    private static final int APART_BIT = 8;
    private static final int WITNESS_ROOT = 12;
    private static final int PAD_ROOT = 44;

    /** Ligero (testing parameters) whose size estimates force one layout. */
    private record Forced(boolean apart) implements TableCommitment {
        private static final TableCommitment LIGERO = TestCommitments.LIGERO_TESTING;

        @Override
        public double openingBytes(int[] lengths, int hidingOpenings) {
            return lengths.length == 1 ? (apart ? 0 : 1e12) : 1e6;
        }

        @Override
        public String describe() {
            return LIGERO.describe();
        }

        @Override
        public int securityBits() {
            return LIGERO.securityBits();
        }

        @Override
        public Committed commit(List<long[]> tables, int hidingOpenings, ZkRandom random) {
            return LIGERO.commit(tables, hidingOpenings, random);
        }

        @Override
        public void open(Committed committed, List<EvaluationClaim> claims, ProverChannel channel) {
            LIGERO.open(committed, claims, channel);
        }

        @Override
        public void verify(byte[] root, int[] lengths, int hidingOpenings, List<EvaluationClaim> claims, VerifierChannel channel)
                throws ProofRejectedException {
            LIGERO.verify(root, lengths, hidingOpenings, claims, channel);
        }
    }

    private static final SmallCircuits.Model MODEL = SmallCircuits.cnn(Kind.PRIVATE_INPUT, 5L);

    private static InferenceKeys keys(TableCommitment scheme) {
        byte[] seed = new byte[32];
        seed[0] = 9;
        return InferenceKeys.create(MODEL.circuit(), MODEL.weights(), scheme, new byte[32], Hiding.withBudget(2), seed, seed.clone());
    }

    private static void verify(InferenceKeys k, TableCommitment scheme, byte[] proof) throws ProofRejectedException {
        InferenceVerifier.verify(k.verifier(), scheme, null, OUTPUT, proof);
    }

    private static byte[] prove(InferenceKeys k, TableCommitment scheme) {
        return InferenceProver.prove(k.prover(), scheme, MODEL.input()).proof();
    }

    private static final long[] OUTPUT = InferenceProver.prove(keys(new Forced(false)).prover(), new Forced(false), MODEL.input()).output();

    @ParameterizedTest(name = "apart = {0}")
    @ValueSource(booleans = {false, true})
    void bothLayoutsVerifyAndTheBitSaysWhichOneAProofUses(boolean apart) throws Exception {
        TableCommitment scheme = new Forced(apart);
        InferenceKeys k = keys(scheme);
        byte[] proof = prove(k, scheme);
        assertThat(ByteBuffer.wrap(proof, APART_BIT, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(apart ? 1 : 0);
        verify(k, scheme, proof);
    }

    @Test
    void anApartProofIsLongerByThePadCommitmentYetOpensTheWitnessAtOnePointOnly() throws Exception {
        TableCommitment together = new Forced(false);
        TableCommitment apart = new Forced(true);
        InferenceKeys k = keys(together);
        // one key serves both layouts: the choice is the proof's, the keys do not depend on it
        byte[] a = prove(k, apart);
        byte[] t = prove(k, together);
        verify(k, together, a);
        verify(k, apart, t);
        assertThat(a.length).isNotEqualTo(t.length);
    }

    @Test
    void flippingTheLayoutBitIsRejected() throws Exception {
        for (boolean apart : new boolean[] {false, true}) {
            TableCommitment scheme = new Forced(apart);
            InferenceKeys k = keys(scheme);
            byte[] proof = prove(k, scheme);
            byte[] flipped = proof.clone();
            flipped[APART_BIT] ^= 1;
            assertThatThrownBy(() -> verify(k, scheme, flipped)).isInstanceOf(ProofRejectedException.class);
            byte[] two = proof.clone();
            two[APART_BIT] = 2;
            assertThatThrownBy(() -> verify(k, scheme, two)).isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("pad table committed apart");
        }
    }

    @Test
    void thePadRootAndEveryByteOfThePadOpeningAreBound() throws Exception {
        TableCommitment scheme = new Forced(true);
        InferenceKeys k = keys(scheme);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), scheme, MODEL.input());
        byte[] proof = r.proof();
        byte[] swapped = proof.clone();
        System.arraycopy(proof, PAD_ROOT, swapped, WITNESS_ROOT, 32);
        System.arraycopy(proof, WITNESS_ROOT, swapped, PAD_ROOT, 32);
        assertThatThrownBy(() -> verify(k, scheme, swapped)).isInstanceOf(ProofRejectedException.class);
        byte[] otherRoot = proof.clone();
        otherRoot[PAD_ROOT + 5] ^= 0x10;
        assertThatThrownBy(() -> verify(k, scheme, otherRoot)).isInstanceOf(ProofRejectedException.class);
        // the pad opening sits between the witness opening and the weights' opening (offsets from the prover's phase record)
        int from = (int) (long) r.phaseNanos().get("bytes after open witness");
        int to = (int) (long) r.phaseNanos().get("bytes after open pads");
        assertThat(to).isGreaterThan(from).isLessThan(proof.length);
        for (int i = from; i < to; i += Math.max(1, (to - from) / 40)) {
            byte[] bad = proof.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> verify(k, scheme, bad)).as("byte %d of the pad opening", i - from)
                    .isInstanceOf(ProofRejectedException.class);
        }
        byte[] truncated = Arrays.copyOf(proof, proof.length - 1);
        assertThatThrownBy(() -> verify(k, scheme, truncated)).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void theChoiceFollowsTheExpectedSizes() {
        TableCommitment secure = TestCommitments.LIGERO_SECURE;
        // the openWakeWord CNN: a 2^22 witness, a 2^16 pad table — a second row of the witness's width costs more
        assertThat(InferenceProver.padsApart(secure, 3_935_872, 1 << 16)).isTrue();
        // a small model: the second opening's columns and Merkle paths cost more than one more short row
        assertThat(InferenceProver.padsApart(secure, 1 << 12, 1 << 12)).isFalse();
        // the plain test scheme sends whole tables either way: together saves a root
        assertThat(InferenceProver.padsApart(TestCommitments.PLAIN, 1 << 22, 1 << 16)).isFalse();
    }
}
