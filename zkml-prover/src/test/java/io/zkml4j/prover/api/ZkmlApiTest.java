package io.zkml4j.prover.api;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.Graph;
import io.zkml4j.model.InputFile;
import io.zkml4j.model.demo.DemoModels;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.Proof;
import io.zkml4j.prover.ProvingKey;
import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.prover.VerifiedOutput;
import io.zkml4j.prover.VerifyingKey;
import io.zkml4j.prover.Visibility;
import io.zkml4j.prover.Zkml;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.CircuitCodec;
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.format.FileFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZkmlApiTest {
    static QuantizedModel model;
    static long[] input;
    static ProvingKey pk;

    @BeforeAll
    static void setUp() throws Exception {
        SmallCnn cnn = SmallCnn.load();
        model = cnn.model();
        input = cnn.input();
        pk = Zkml.setup(model, "small-cnn", SecurityLevel.TESTING_ONLY_INSECURE);
    }

    @Test
    void proveAndVerifyThroughFilesForBothVisibilities() throws Exception {
        ProvingKey pk2 = ProvingKey.fromBytes(pk.toBytes());
        VerifyingKey vk = VerifyingKey.fromBytes(pk.verifyingKey().toBytes());
        assertThat(vk.digest()).isEqualTo(pk.verifyingKey().digest());
        long[] expected = IntegerInterpreter.run(model, new long[][] {input}).output(0);
        for (Visibility v : new Visibility[] {Visibility.PUBLIC, Visibility.PRIVATE}) {
            Proof p = Proof.fromBytes(Zkml.prove(pk2, input, v).toBytes());
            assertThat(p.publicInput() != null).isEqualTo(v == Visibility.PUBLIC);
            VerifiedOutput out = Zkml.verify(vk, p);
            assertThat(out.integers()).containsExactly(expected);
            assertThat(out.values()[out.argmax()]).isEqualTo(java.util.Arrays.stream(out.values()).max().orElseThrow());
        }
    }

    @Test
    void aProofForModelAIsRejectedUnderModelB() throws Exception {
        DemoModels.Demo other = DemoModels.lenet5();
        Graph g = OnnxImporter.importModel(other.onnx(), ImportOptions.DEFAULT);
        QuantizedModel m2 = Quantizer.quantize(g, List.of(InputFile.parse(other.inputJson(), g).byName()), QuantizationOptions.DEFAULT);
        VerifyingKey vkB = Zkml.setup(m2, "lenet5", SecurityLevel.TESTING_ONLY_INSECURE).verifyingKey();
        Proof p = Zkml.prove(pk, input, Visibility.PUBLIC);
        assertThatThrownBy(() -> Zkml.verify(vkB, p)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("another model or key");
        // and relabelling the proof with B's digest does not help: the transcript starts from the digest
        Proof relabelled = new Proof(vkB.digest(), p.inputVisibility(), p.publicInput(), p.output(), p.proof());
        assertThatThrownBy(() -> Zkml.verify(vkB, relabelled)).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void aKeyWithOneMultiplierOrShiftChangedRejectsTheProof() throws Exception {
        VerifyingKey vk = pk.verifyingKey();
        Proof p = Zkml.prove(pk, input, Visibility.PRIVATE);
        Circuit c = vk.circuit();
        int requant = -1;
        for (int i = 0; i < c.layers().size(); i++) {
            if (c.layers().get(i) instanceof RequantLayer) {
                requant = i;
                break;
            }
        }
        RequantLayer r = (RequantLayer) c.layers().get(requant);
        for (RequantLayer changed : List.of(
                new RequantLayer(r.x(), r.y(), r.multiplier() + 1, r.shift(), r.lo(), r.outBits(), r.hBits()),
                new RequantLayer(r.x(), r.y(), r.multiplier(), r.shift() + 1, r.lo(), r.outBits(), r.hBits()))) {
            List<Layer> layers = new ArrayList<>(c.layers());
            layers.set(requant, changed);
            Circuit c2 = new Circuit(c.tensors(), c.weights(), layers, c.input(), c.output());
            VerifyingKey tampered = VerifyingKeys.withCircuit(vk, c2);
            assertThat(tampered.digest()).isNotEqualTo(vk.digest());
            assertThatThrownBy(() -> Zkml.verify(tampered, p)).isInstanceOf(ProofRejectedException.class);
            Proof relabelled = new Proof(tampered.digest(), p.inputVisibility(), p.publicInput(), p.output(), p.proof());
            assertThatThrownBy(() -> Zkml.verify(tampered, relabelled)).isInstanceOf(ProofRejectedException.class);
        }
        assertThat(CircuitCodec.encode(c)).isNotEmpty();
    }

    @Test
    void everyAlteredPartOfARealProofIsRejectedWithoutACrash() throws Exception {
        ProvingKey secure = Zkml.setup(model, "small-cnn", SecurityLevel.STANDARD);
        VerifyingKey vk = secure.verifyingKey();
        Proof p = Zkml.prove(secure, input, Visibility.PUBLIC);
        byte[] bytes = p.proof();
        java.util.Random rnd = new java.util.Random(99);
        int trials = 400;
        for (int t = 0; t < trials; t++) {
            int pos = (int) ((long) t * bytes.length / trials) + rnd.nextInt(Math.max(1, bytes.length / trials));
            byte[] bad = bytes.clone();
            bad[Math.min(pos, bad.length - 1)] ^= (byte) (1 << rnd.nextInt(8));
            Proof tampered = new Proof(p.vkDigest(), p.inputVisibility(), p.publicInput(), p.output(), bad);
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> Zkml.verify(vk, tampered));
            assertThat(e).as("byte %d", pos).isInstanceOf(ProofRejectedException.class);
            assertThat(e.getCause() instanceof RuntimeException)
                    .as("byte %d must be rejected by a check, not a crash: %s", pos, e.getMessage()).isFalse();
        }
        long[] in2 = p.publicInput().clone();
        in2[0] = in2[0] == 0 ? 1 : 0;
        Proof otherInput = new Proof(p.vkDigest(), p.inputVisibility(), in2, p.output(), p.proof());
        assertThatThrownBy(() -> Zkml.verify(vk, otherInput)).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void randomBytesInPlaceOfAProofAreRejectedWithoutACrash() throws Exception {
        VerifyingKey vk = pk.verifyingKey();
        Proof p = Zkml.prove(pk, input, Visibility.PUBLIC);
        java.util.Random rnd = new java.util.Random(5);
        for (int len : new int[] {0, 1, 31, 1000, p.proof().length}) {
            byte[] junk = new byte[len];
            rnd.nextBytes(junk);
            Proof bad = new Proof(p.vkDigest(), p.inputVisibility(), p.publicInput(), p.output(), junk);
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> Zkml.verify(vk, bad));
            assertThat(e).as("%d random bytes", len).isInstanceOf(ProofRejectedException.class);
            assertThat(e.getCause() instanceof RuntimeException).as("%d random bytes: %s", len, e.getMessage()).isFalse();
        }
    }

    @Test
    void aKeyWithAChangedOutputScaleRejectsTheProof() throws Exception {
        VerifyingKey vk = pk.verifyingKey();
        Proof p = Zkml.prove(pk, input, Visibility.PUBLIC);
        VerifyingKey.Metadata m = vk.metadata();
        var outs = new java.util.ArrayList<>(m.outputs());
        VerifyingKey.Port o = outs.get(0);
        outs.set(0, new VerifyingKey.Port(o.name(), o.shape(), o.scale() + 1)); // the same integers would read twice as large
        VerifyingKey tampered = VerifyingKeys.withMetadata(vk, new VerifyingKey.Metadata(m.modelName(), m.inputs(), outs));
        assertThat(tampered.digest()).isNotEqualTo(vk.digest());
        assertThatThrownBy(() -> Zkml.verify(tampered, p)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("another model or key");
        Proof relabelled = new Proof(tampered.digest(), p.inputVisibility(), p.publicInput(), p.output(), p.proof());
        assertThatThrownBy(() -> Zkml.verify(tampered, relabelled)).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void filesOfTheWrongKindOrCorruptedAreRefusedWithOneLine() throws Exception {
        byte[] vk = pk.verifyingKey().toBytes();
        byte[] proof = Zkml.prove(pk, input, Visibility.PUBLIC).toBytes();
        assertThatThrownBy(() -> Proof.fromBytes(vk)).isInstanceOf(FileFormatException.class)
                .hasMessage("this is a verifying key (.vk), not a proof (.zkml)");
        assertThatThrownBy(() -> VerifyingKey.fromBytes(proof)).isInstanceOf(FileFormatException.class)
                .hasMessage("this is a proof (.zkml), not a verifying key (.vk)");
        assertThatThrownBy(() -> VerifyingKey.fromBytes(model.toBytes())).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("compiled model (.zkm)");
        assertThatThrownBy(() -> Proof.fromBytes("hello".getBytes())).hasMessageContaining("not a zkml4j file");
        byte[] truncated = java.util.Arrays.copyOf(proof, proof.length - 10);
        assertThatThrownBy(() -> Proof.fromBytes(truncated)).hasMessageContaining("truncated or corrupted");
        byte[] flipped = proof.clone();
        flipped[proof.length / 2] ^= 4;
        assertThatThrownBy(() -> Proof.fromBytes(flipped)).hasMessageContaining("checksum mismatch");
    }
}
