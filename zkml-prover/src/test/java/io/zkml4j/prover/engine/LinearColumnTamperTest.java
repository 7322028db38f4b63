package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.prover.circuit.TensorInfo.Kind;
import io.zkml4j.prover.plan.ColumnRef;
import io.zkml4j.prover.plan.LookupGroup;
import io.zkml4j.prover.plan.WitnessPlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The lookup section of a proof, where a Requant's high part is sent as the values of its linear column's
 * parts (x and the chunks, combined by the verifier): a bit flip in any byte of it (every third byte with zero
 * knowledge) is rejected.
 */
class LinearColumnTamperTest {
    private static final TableCommitment PLAIN = new PlainTableCommitment();

    @ParameterizedTest(name = "zero-knowledge {0}")
    @ValueSource(booleans = {false, true})
    void everyFlippedBitOfTheLookupSectionIsRejected(boolean zk) {
        SmallCircuits.Model m = SmallCircuits.residual(Kind.PRIVATE_INPUT, 9);
        long linear = WitnessPlan.of(m.circuit()).lookups().values().stream().flatMap(List::stream)
                .map(LookupGroup::columns).flatMap(java.util.Arrays::stream).filter(c -> c.linear() != null).count();
        assertThat(linear).as("linear lookup columns (Requant high parts)").isPositive();
        InferenceKeys k = zk ? ZeroKnowledgeEngineTest.zkKeys(m)
                : InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32]);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        int from = r.phaseNanos().get("bytes after limits").intValue();
        int to = r.phaseNanos().get("bytes after lookups").intValue();
        assertThat(to).isGreaterThan(from);
        Random rnd = new Random(3);
        byte[] proof = r.proof();
        int step = zk ? 3 : 1; // zero-knowledge verification is slower: every third byte (each 8-byte value is hit)
        for (int pos = from; pos < to; pos += step) {
            byte[] bad = proof.clone();
            bad[pos] ^= (byte) (1 << rnd.nextInt(8));
            Throwable t = catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, null, r.output(), bad));
            assertThat(t).as("flipped byte %d of the lookup section [%d, %d)", pos, from, to).isInstanceOf(ProofRejectedException.class);
        }
    }
}
