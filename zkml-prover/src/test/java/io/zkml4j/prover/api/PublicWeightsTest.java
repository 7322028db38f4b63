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
import io.zkml4j.prover.format.FileFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Public-weights keys: the verifying key carries the weights, the verifier checks every claim on them
 * itself, there is no budget, and proofs are zero-knowledge about the input when asked.
 */
class PublicWeightsTest {
    static QuantizedModel model;
    static long[] input;

    @BeforeAll
    static void setUp() throws Exception {
        SmallCnn cnn = SmallCnn.load();
        model = cnn.model();
        input = cnn.input();
    }

    @ParameterizedTest(name = "zero-knowledge {0}")
    @ValueSource(booleans = {false, true})
    void proofsVerifyAgainstTheWeightsInTheVerifyingKey(boolean zk) throws Exception {
        ProvingKey pk = ProvingKey.fromBytes(Zkml.setupWithPublicWeights(model, "small-cnn", SecurityLevel.TESTING_ONLY_INSECURE, zk).toBytes());
        VerifyingKey vk = VerifyingKey.fromBytes(pk.verifyingKey().toBytes());
        assertThat(vk.hasPublicWeights()).isTrue();
        assertThat(vk.isZeroKnowledge()).isEqualTo(zk);
        assertThat(pk.openingBudget()).isZero();
        assertThat(pk.proofsLeft()).isEqualTo(Integer.MAX_VALUE);
        long[] expected = IntegerInterpreter.run(model, new long[][] {input}).output(0);
        for (int i = 0; i < 3; i++) { // no budget: as many proofs as wanted
            for (Visibility v : new Visibility[] {Visibility.PUBLIC, Visibility.PRIVATE}) {
                Proof p = Proof.fromBytes(Zkml.prove(pk, input, v).toBytes());
                assertThat(Zkml.verify(vk, p).integers()).containsExactly(expected);
            }
        }
        assertThatThrownBy(() -> Zkml.rotate(pk)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no budget");
    }

    @ParameterizedTest(name = "zero-knowledge {0}")
    @ValueSource(booleans = {false, true})
    void aProofUnderOtherWeightsIsRejected(boolean zk) throws Exception {
        ProvingKey pk = Zkml.setupWithPublicWeights(model, "small-cnn", SecurityLevel.TESTING_ONLY_INSECURE, zk);
        Proof p = Zkml.prove(pk, input, Visibility.PRIVATE);
        // the same proof bytes, verified with a key whose public weights differ in one entry (digest re-derived)
        VerifyingKey other = VerifyingKeys.withPublicWeightChanged(pk.verifyingKey());
        Proof relabelled = new Proof(other.digest(), p.inputVisibility(), p.publicInput(), p.output(), p.proof());
        assertThatThrownBy(() -> Zkml.verify(other, relabelled)).isInstanceOf(ProofRejectedException.class);
    }

    @ParameterizedTest(name = "zero-knowledge {0}")
    @ValueSource(booleans = {false, true})
    void aVerifyingKeyWhoseWeightsDoNotMatchItsCommitmentIsRefused(boolean zk) throws Exception {
        VerifyingKey vk = Zkml.setupWithPublicWeights(model, "small-cnn", SecurityLevel.TESTING_ONLY_INSECURE, zk).verifyingKey();
        byte[] bytes = VerifyingKeys.withPublicWeightBytesChanged(vk);
        assertThatThrownBy(() -> VerifyingKey.fromBytes(bytes)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("public weights do not match");
    }
}
