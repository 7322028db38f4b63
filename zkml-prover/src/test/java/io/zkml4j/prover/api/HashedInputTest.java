package io.zkml4j.prover.api;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hashed inputs: the proof carries a hiding commitment to the input, recomputable from the input and its
 * seed; proofs with the same input and seed carry the same commitment; a proof does not verify with the
 * commitment of another input, nor as a proof with a private input.
 */
class HashedInputTest {
    static QuantizedModel model;
    static long[] input;
    static ProvingKey pk;
    static VerifyingKey vk;

    @BeforeAll
    static void setUp() throws Exception {
        SmallCnn cnn = SmallCnn.load();
        model = cnn.model();
        input = cnn.input();
        pk = Zkml.setup(model, "small-cnn", SecurityLevel.TESTING_ONLY_INSECURE, 64);
        vk = VerifyingKey.fromBytes(pk.verifyingKey().toBytes());
    }

    static byte[] seed(int b) {
        byte[] s = new byte[32];
        s[0] = (byte) b;
        s[31] = 7;
        return s;
    }

    @Test
    void aHashedInputProofVerifiesAndCarriesTheInputsCommitment() throws Exception {
        Proof p = Proof.fromBytes(Zkml.proveHashed(pk, input, seed(1)).toBytes());
        assertThat(p.inputVisibility()).isEqualTo(Visibility.HASHED);
        assertThat(p.publicInput()).isNull();
        assertThat(p.inputCommitment()).isEqualTo(Zkml.commitInput(vk, input, seed(1)));
        long[] expected = IntegerInterpreter.run(model, new long[][] {input}).output(0);
        assertThat(Zkml.verify(vk, p).integers()).containsExactly(expected);
    }

    @Test
    void theSameInputAndSeedGiveTheSameCommitmentAndNothingElseDoes() {
        byte[] a = Zkml.proveHashed(pk, input, seed(2)).inputCommitment();
        byte[] b = Zkml.proveHashed(pk, input, seed(2)).inputCommitment();
        assertThat(a).isEqualTo(b);
        assertThat(Zkml.commitInput(vk, input, seed(3))).isNotEqualTo(a);
        long[] other = input.clone();
        other[0] += other[0] < model.inputSpec(0).hi() ? 1 : -1;
        assertThat(Zkml.commitInput(vk, other, seed(2))).isNotEqualTo(a);
    }

    @Test
    void aProofDoesNotVerifyWithAnotherInputsCommitment() {
        Proof p = Zkml.proveHashed(pk, input, seed(4));
        long[] other = input.clone();
        other[5] += other[5] < model.inputSpec(0).hi() ? 1 : -1;
        Proof swapped = new Proof(p.vkDigest(), Visibility.HASHED, null, p.output(), p.proof(), Zkml.commitInput(vk, other, seed(4)));
        assertThatThrownBy(() -> Zkml.verify(vk, swapped)).isInstanceOf(ProofRejectedException.class);
        Proof asPrivate = new Proof(p.vkDigest(), Visibility.PRIVATE, null, p.output(), p.proof());
        assertThatThrownBy(() -> Zkml.verify(vk, asPrivate)).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void aPrivateInputProofDoesNotVerifyAsAHashedOne() {
        Proof p = Zkml.prove(pk, input, Visibility.PRIVATE);
        Proof asHashed = new Proof(p.vkDigest(), Visibility.HASHED, null, p.output(), p.proof(), Zkml.commitInput(vk, input, seed(5)));
        assertThatThrownBy(() -> Zkml.verify(vk, asHashed)).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void proveNeedsTheSeedOfAHashedInput() {
        assertThatThrownBy(() -> Zkml.prove(pk, input, Visibility.HASHED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proveHashed");
    }

    @Test
    void aHashedOutputProofCarriesOnlyTheOutputsCommitment() throws Exception {
        long[] expected = IntegerInterpreter.run(model, new long[][] {input}).output(0);
        Zkml.HashedOutputProof h = Zkml.proveWithHashedOutput(pk, input, Visibility.PRIVATE, null, seed(9));
        assertThat(h.output()).containsExactly(expected);
        Proof p = Proof.fromBytes(h.proof().toBytes());
        assertThat(p.output()).isNull();
        assertThat(p.outputCommitment()).isEqualTo(Zkml.commitOutput(vk, expected, seed(9)));
        var out = Zkml.verify(vk, p);
        assertThat(out.isHashed()).isTrue();
        assertThat(out.outputCommitment()).isEqualTo(p.outputCommitment());
        assertThat(out.outputs()).isEmpty();
    }

    @Test
    void aHashedOutputProofDoesNotVerifyForAnotherOutputsCommitmentNorAsAPublicOutput() {
        long[] expected = IntegerInterpreter.run(model, new long[][] {input}).output(0);
        Proof p = Zkml.proveWithHashedOutput(pk, input, Visibility.PRIVATE, null, seed(10)).proof();
        long[] other = expected.clone();
        other[0] += 1;
        Proof otherOutput = new Proof(p.vkDigest(), p.inputVisibility(), null, null, p.proof(), null, Zkml.commitOutput(vk, other, seed(10)));
        assertThatThrownBy(() -> Zkml.verify(vk, otherOutput)).isInstanceOf(ProofRejectedException.class);
        Proof asPublic = new Proof(p.vkDigest(), p.inputVisibility(), null, expected, p.proof());
        assertThatThrownBy(() -> Zkml.verify(vk, asPublic)).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void aProofCanHashBothItsInputAndItsOutput() throws Exception {
        Proof p = Zkml.prove(pk, input, Visibility.HASHED, seed(11), seed(12));
        assertThat(p.inputCommitment()).isEqualTo(Zkml.commitInput(vk, input, seed(11)));
        assertThat(Zkml.verify(vk, Proof.fromBytes(p.toBytes())).isHashed()).isTrue();
    }
}
