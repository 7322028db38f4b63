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

class EngineTest {
    private static final TableCommitment PLAIN = new PlainTableCommitment();

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("mlp", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::mlp),
                Arguments.of("cnn", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::cnn),
                Arguments.of("residual", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::residual),
                Arguments.of("wide comparison", (BiFunction<Kind, Long, SmallCircuits.Model>) SmallCircuits::wide));
    }

    private static InferenceKeys keys(SmallCircuits.Model m) {
        return InferenceKeys.create(m.circuit(), m.weights(), PLAIN, new byte[32]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void honestProofsVerifyForPublicAndPrivateInputs(String name, BiFunction<Kind, Long, SmallCircuits.Model> make) throws Exception {
        for (Kind kind : new Kind[] {Kind.PUBLIC_INPUT, Kind.PRIVATE_INPUT}) {
            for (long seed = 1; seed <= 3; seed++) {
                SmallCircuits.Model m = make.apply(kind, seed);
                InferenceKeys k = keys(m);
                InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
                InferenceVerifier.verify(k.verifier(), PLAIN, kind == Kind.PUBLIC_INPUT ? m.input() : null, r.output(), r.proof());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void changingTheOutputByOneUnitIsRejected(String name, BiFunction<Kind, Long, SmallCircuits.Model> make) {
        SmallCircuits.Model m = make.apply(Kind.PRIVATE_INPUT, 5L);
        InferenceKeys k = keys(m);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        long[] out = r.output().clone();
        var t = m.circuit().tensor(m.circuit().output());
        out[0] = out[0] < t.hi() ? out[0] + 1 : out[0] - 1;
        assertThatThrownBy(() -> InferenceVerifier.verify(k.verifier(), PLAIN, null, out, r.proof()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("output");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aProofDoesNotVerifyForAnotherPublicInput(String name, BiFunction<Kind, Long, SmallCircuits.Model> make) {
        SmallCircuits.Model m = make.apply(Kind.PUBLIC_INPUT, 6L);
        InferenceKeys k = keys(m);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        long[] other = m.input().clone();
        other[other.length - 1] = other[other.length - 1] == 0 ? 1 : 0;
        assertThat(catchThrowable(() -> InferenceVerifier.verify(k.verifier(), PLAIN, other, r.output(), r.proof())))
                .isInstanceOf(ProofRejectedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyAlteredByteOfTheProofIsRejected(String name, BiFunction<Kind, Long, SmallCircuits.Model> make) {
        SmallCircuits.Model m = make.apply(Kind.PRIVATE_INPUT, 7L);
        InferenceKeys k = keys(m);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), PLAIN, m.input());
        Random rnd = new Random(11);
        byte[] proof = r.proof();
        // every byte of the first 2 KiB (statement-dependent messages), then a seeded sample of the rest
        for (int trial = 0; trial < Math.min(proof.length, 2048) + 300; trial++) {
            int pos = trial < Math.min(proof.length, 2048) ? trial : rnd.nextInt(proof.length);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aProofForOneModelDoesNotVerifyUnderAnother(String name, BiFunction<Kind, Long, SmallCircuits.Model> make) {
        SmallCircuits.Model a = make.apply(Kind.PRIVATE_INPUT, 8L);
        SmallCircuits.Model b = make.apply(Kind.PRIVATE_INPUT, 9L); // same architecture, other weights
        InferenceKeys ka = keys(a);
        InferenceKeys kb = InferenceKeys.create(b.circuit(), b.weights(), PLAIN, new byte[32]);
        InferenceProver.Result r = InferenceProver.prove(ka.prover(), PLAIN, a.input());
        assertThat(catchThrowable(() -> InferenceVerifier.verify(kb.verifier(), PLAIN, null, r.output(), r.proof())))
                .isInstanceOf(ProofRejectedException.class);
    }
}
