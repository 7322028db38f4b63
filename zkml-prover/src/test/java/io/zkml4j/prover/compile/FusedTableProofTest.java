package io.zkml4j.prover.compile;

import io.zkml4j.model.Graph;
import io.zkml4j.model.interp.IntegerInterpreter;
import io.zkml4j.model.onnx.ImportOptions;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.model.onnx.OnnxImporter;
import io.zkml4j.model.quant.Primitive;
import io.zkml4j.model.quant.QuantizationOptions;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.model.quant.Quantizer;
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.circuit.TableLayer;
import io.zkml4j.prover.engine.Hiding;
import io.zkml4j.prover.engine.InferenceKeys;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.InferenceVerifier;
import io.zkml4j.prover.engine.TestCommitments;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A Requant that reads only a table's output is folded into the table ({@code y = requant(T[x])}): the
 * openWakeWord pattern LeakyRelu then Clip (a Requant to a range that is not a power of two, itself a Requant
 * and a clamp table) becomes one table, and the proof still gives the interpreter's output.
 */
class FusedTableProofTest {
    @Test
    void leakyReluThenClipIsOneTableAndProves() throws Exception {
        Random r = new Random(31);
        OnnxBuilder b = new OnnxBuilder("fused", 13).input("x", -1, 2, 6, 6);
        b.initializer("w", new int[] {4, 2, 3, 3}, GroupedConvProofTest.random(r, 72, 0.4));
        b.initializer("lo", new int[] {}, new float[] {-0.05f});
        b.initializer("hi", new int[] {}, new float[] {1000f});
        b.initializer("w2", new int[] {3, 4, 3, 3}, GroupedConvProofTest.random(r, 108, 0.4));
        b.node("Conv", List.of("x", "w"), List.of("c"), "pads", new long[] {1, 1, 1, 1});
        b.node("LeakyRelu", List.of("c"), List.of("l"), "alpha", 0.2f);
        b.node("Clip", List.of("l", "lo", "hi"), List.of("k"));
        b.node("Conv", List.of("k", "w2"), List.of("y"));
        b.output("y");
        Graph g = OnnxImporter.importModel(b.toBytes(), ImportOptions.DEFAULT);
        float[] x = GroupedConvProofTest.random(r, 72, 1.0);
        QuantizedModel model = Quantizer.quantize(g, List.of(Map.of("x", x)), QuantizationOptions.DEFAULT);
        long tableThenRequant = java.util.stream.IntStream.range(0, model.ops().size())
                .filter(i -> model.ops().get(i) instanceof Primitive.Requant q && model.ops().get(q.x()) instanceof Primitive.Table)
                .count();
        assertThat(tableThenRequant).as("the quantized model has a Requant of a table output").isGreaterThan(0);
        long[] input = model.quantizeInput(0, x);

        CircuitCompiler.Compiled c = CircuitCompiler.compile(model, false);
        List<Layer> layers = c.circuit().layers();
        for (Layer l : layers) {
            if (l instanceof RequantLayer q) {
                assertThat(layers.stream().noneMatch(t -> t instanceof TableLayer && t.output() == q.x()))
                        .as("no Requant reads a table output").isTrue();
            }
        }
        assertThat(layers.stream().filter(l -> l instanceof TableLayer).count()).as("one table: leaky ReLU and clip fused").isEqualTo(1);

        long[] expected = IntegerInterpreter.run(model, new long[][] {input}).output(0);
        InferenceKeys plain = InferenceKeys.create(c.circuit(), c.weights(), TestCommitments.LIGERO_TESTING, new byte[0]);
        byte[] seed = new byte[32];
        seed[0] = 3;
        InferenceKeys zk = InferenceKeys.create(c.circuit(), c.weights(), TestCommitments.LIGERO_TESTING, new byte[0], Hiding.withBudget(4), seed, seed.clone());
        for (InferenceKeys keys : List.of(plain, zk)) {
            InferenceProver.Result res = InferenceProver.prove(keys.prover(), TestCommitments.LIGERO_TESTING, input);
            assertThat(res.output()).containsExactly(expected);
            InferenceVerifier.verify(keys.verifier(), TestCommitments.LIGERO_TESTING, null, res.output(), res.proof());
            long[] wrong = res.output().clone();
            wrong[0]++;
            assertThat(catchThrowable(() -> InferenceVerifier.verify(keys.verifier(), TestCommitments.LIGERO_TESTING, null, wrong, res.proof())))
                    .as("a wrong output is rejected").isNotNull();
        }
    }
}
