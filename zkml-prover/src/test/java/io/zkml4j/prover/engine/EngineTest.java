package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.prover.circuit.TensorInfo.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every test runs with keys without zero knowledge and with zero-knowledge keys (padded messages, pad proof). */
class EngineTest {
    private static final TableCommitment PLAIN = new PlainTableCommitment();

    static Stream<Arguments> models() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (boolean zk : new boolean[] {false, true}) {
            out.add(Arguments.of("mlp", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::mlp, zk));
            out.add(Arguments.of("cnn", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::cnn, zk));
            out.add(Arguments.of("residual", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::residual, zk));
            out.add(Arguments.of("wide comparison", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::wide, zk));
            out.add(Arguments.of("attention", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::attention, zk));
        }
        return out.build();
    }

    private static InferenceKeys keys(SmallCircuits.Model m, boolean zk) {
        return zk ? ZeroKnowledgeEngineTest.zkKeys(m) : InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32]);
    }

    @ParameterizedTest(name = "{0}, zero-knowledge {2}")
    @MethodSource("models")
    void honestProofsVerifyForPublicAndPrivateInputs(String name, BiFunction<Kind, Long, SmallCircuits.Model> make, boolean zk) throws Exception {
        for (Kind kind : new Kind[] {Kind.PUBLIC_INPUT, Kind.PRIVATE_INPUT}) {
            for (long seed = 1; seed <= 3; seed++) {
                SmallCircuits.Model m = make.apply(kind, seed);
                InferenceKeys k = keys(m, zk);
                InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
                InferenceVerifier.verify(k.verifier(), PLAIN, kind == Kind.PUBLIC_INPUT ? m.input() : null, r.output(), r.proof());
            }
        }
    }

    @ParameterizedTest(name = "{0}, zero-knowledge {2}")
    @MethodSource("models")
    void changingTheOutputByOneUnitIsRejected(String name, BiFunction<Kind, Long, SmallCircuits.Model> make, boolean zk) {
        SmallCircuits.Model m = make.apply(Kind.PRIVATE_INPUT, 5L);
        InferenceKeys k = keys(m, zk);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        long[] out = r.output().clone();
        var t = m.circuit().tensor(m.circuit().output());
        out[0] = out[0] < t.hi() ? out[0] + 1 : out[0] - 1;
        assertThatThrownBy(() -> InferenceVerifier.verify(k.verifier(), PLAIN, null, out, r.proof()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("output");
    }

    @ParameterizedTest(name = "{0}, zero-knowledge {2}")
    @MethodSource("models")
    void aProofDoesNotVerifyForAnotherPublicInput(String name, BiFunction<Kind, Long, SmallCircuits.Model> make, boolean zk) {
        SmallCircuits.Model m = make.apply(Kind.PUBLIC_INPUT, 6L);
        InferenceKeys k = keys(m, zk);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        long[] other = m.input().clone();
        other[other.length - 1] = other[other.length - 1] == 0 ? 1 : 0;
        assertThat(catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, other, r.output(), r.proof())))
                .isInstanceOf(ProofRejectedException.class);
    }

    @ParameterizedTest(name = "{0}, zero-knowledge {2}")
    @MethodSource("models")
    void everyAlteredByteOfTheProofIsRejected(String name, BiFunction<Kind, Long, SmallCircuits.Model> make, boolean zk) {
        SmallCircuits.Model m = make.apply(Kind.PRIVATE_INPUT, 7L);
        InferenceKeys k = keys(m, zk);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        Random rnd = new Random(11);
        byte[] proof = r.proof();
        // every byte of the first 2 KiB (statement-dependent messages), then a seeded sample of the rest
        int head = Math.min(proof.length, zk ? 512 : 2048); // zero-knowledge proofs verify more slowly (the replayed checks)
        for (int trial = 0; trial < head + 300; trial++) {
            int pos = trial < head ? trial : rnd.nextInt(proof.length);
            byte[] bad = proof.clone();
            bad[pos] ^= (byte) (1 << rnd.nextInt(8));
            Throwable t = catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, null, r.output(), bad));
            assertThat(t).as("flipped byte %d", pos).isInstanceOf(ProofRejectedException.class);
        }
        byte[] truncated = java.util.Arrays.copyOf(proof, proof.length - 1);
        assertThat(catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, null, r.output(), truncated)))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("truncated");
        byte[] extended = java.util.Arrays.copyOf(proof, proof.length + 1);
        assertThat(catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, null, r.output(), extended)))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("trailing");
    }

    @ParameterizedTest(name = "{0}, zero-knowledge {2}")
    @MethodSource("models")
    void aProofForOneModelDoesNotVerifyUnderAnother(String name, BiFunction<Kind, Long, SmallCircuits.Model> make, boolean zk) {
        SmallCircuits.Model a = make.apply(Kind.PRIVATE_INPUT, 8L);
        SmallCircuits.Model b = make.apply(Kind.PRIVATE_INPUT, 9L); // same architecture, other weights
        InferenceKeys ka = keys(a, zk);
        InferenceKeys kb = keys(b, zk);
        InferenceProver.Result r = InferenceProver.prove(ka.prover(), PLAIN, a.input());
        assertThat(catchThrowable(() -> InferenceVerifier.verify(kb.verifier(), PLAIN, null, r.output(), r.proof())))
                .isInstanceOf(ProofRejectedException.class);
    }
}
