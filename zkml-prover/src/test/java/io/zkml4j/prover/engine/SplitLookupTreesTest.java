package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.onnx.OnnxBuilder;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.plan.TableId;
import io.zkml4j.prover.plan.WitnessPlan;
import io.zkml4j.prover.relation.lookup.LookupProver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.zkml4j.prover.engine.CheatingProverTest.verifyCheat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A table whose rows are proved by several LogUp-GKR trees (two 16-channel 64×64 convolutions and a small
 * one: 2^18 rows and a few hundred, so 2^18 + 2^9 leaves instead of 2^19): honest proofs verify, and
 * flipped bytes anywhere in the lookup section, forged multiplicities and an out-of-range value in the
 * small tree are rejected, with and without zero knowledge.
 */
class SplitLookupTreesTest {
    private static SmallCircuits.Model model;
    private static int lastRequant;

    @BeforeAll
    static void build() throws Exception {
        Random r = new Random(43);
        OnnxBuilder b = new OnnxBuilder("split-trees", 13).input("x", -1, 1, 64, 64);
        b.initializer("w1", new int[] {16, 1, 3, 3}, WideChunksCheatingTest.random(r, 144, 0.5));
        b.initializer("w2", new int[] {16, 16, 3, 3}, WideChunksCheatingTest.random(r, 2304, 0.1));
        b.initializer("w3", new int[] {2, 16, 3, 3}, WideChunksCheatingTest.random(r, 288, 0.2));
        b.node("Conv", List.of("x", "w1"), List.of("c1"), "pads", new long[] {1, 1, 1, 1});
        b.node("Relu", List.of("c1"), List.of("a1"));
        b.node("Conv", List.of("a1", "w2"), List.of("c2"), "pads", new long[] {1, 1, 1, 1});
        b.node("Relu", List.of("c2"), List.of("a2"));
        b.node("Conv", List.of("a2", "w3"), List.of("y"), "strides", new long[] {4, 4});
        b.output("y");
        model = WideChunksCheatingTest.compileChecked(b, WideChunksCheatingTest.random(r, 64 * 64, 1.0));
        for (int i = 0; i < model.circuit().layers().size(); i++) {
            if (model.circuit().layers().get(i) instanceof RequantLayer) {
                lastRequant = i;
            }
        }
    }

    @Test
    void theSixteenBitRangeRowsAreProvedByTwoTrees() {
        WitnessPlan plan = WitnessPlan.of(model.circuit());
        assertThat(LookupProver.treeVars(plan.lookups().get(TableId.RANGE16)))
                .as("range16 groups of %s", plan.lookups().get(TableId.RANGE16).stream().map(g -> g.shape().paddedSize()).toList())
                .hasSizeGreaterThan(1);
    }

    @Test
    void flippedBytesAcrossTheLookupSectionAreRejected() {
        InferenceKeys k = ZeroKnowledgeEngineTest.zkKeys(model);
        InferenceProver.Result r = InferenceProver.prove(k.prover(), new PlainTableCommitment(), model.input());
        int from = r.phaseNanos().get("bytes after limits").intValue();
        int to = r.phaseNanos().get("bytes after lookups").intValue();
        Random rnd = new Random(5);
        int step = Math.max(1, (to - from) / 150);
        for (int pos = from + rnd.nextInt(step); pos < to; pos += step) {
            byte[] bad = r.proof().clone();
            bad[pos] ^= (byte) (1 << rnd.nextInt(8));
            Throwable t = catchThrowable(() -> InferenceVerifier.verify(k.verifier(), new PlainTableCommitment(), null, r.output(), bad));
            assertThat(t).as("flipped byte %d of the lookup section [%d, %d)", pos, from, to).isInstanceOf(ProofRejectedException.class);
        }
    }

    @Test
    void forgedMultiplicitiesAreRejected() {
        Throwable t = verifyCheat(model, CheatingProverTest.moveOneCount(model, TableId.RANGE16));
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the range16");
    }

    @Test
    void anOutOfRangePartOfTheSmallConvolutionIsRejected() {
        // the last Requant's in-range part u + 2^16: its rows sit in the small tree; h' drops by one, u leaves the table
        WitnessPlan.RequantSlots slots = WitnessPlan.of(model.circuit()).requantSlots(lastRequant);
        assertThat(slots.u().width()).as("a 16-bit chunk, looked up in range16").isEqualTo(16);
        assertThat(model.circuit().tensor(model.circuit().layers().get(lastRequant).output()).shape().paddedSize())
                .as("a group far below the 2^18 of the large tree").isLessThan(1 << 12);
        Throwable t = verifyCheat(model, w -> {
            WitnessPlan.RequantSlots s = WitnessPlan.of(model.circuit()).requantSlots(lastRequant);
            w.slots[s.u().slots()[0]][0] += 1L << 16;
        });
        assertThat(t).isInstanceOf(ProofRejectedException.class).hasMessageContaining("lookup into the");
    }
}
