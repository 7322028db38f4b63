package io.zkml4j.prover.engine;

import io.zkml4j.crypto.claims.ClaimBatchProver;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.prover.channel.ProverChannel;
import io.zkml4j.prover.circuit.AffineLayer;
import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.ConvLayer;
import io.zkml4j.prover.circuit.DivLayer;
import io.zkml4j.prover.circuit.ElementwiseLayer;
import io.zkml4j.prover.circuit.Layer;
import io.zkml4j.prover.circuit.LinearMapLayer;
import io.zkml4j.prover.circuit.MatMulLayer;
import io.zkml4j.prover.circuit.MaxLayer;
import io.zkml4j.prover.circuit.RequantLayer;
import io.zkml4j.prover.circuit.TableLayer;
import io.zkml4j.prover.circuit.TensorInfo;
import io.zkml4j.prover.layout.WitnessLayout;
import io.zkml4j.prover.plan.WitnessPlan;
import io.zkml4j.prover.relation.conv.ConvProver;
import io.zkml4j.prover.relation.div.DivProver;
import io.zkml4j.prover.relation.elementwise.AffineProver;
import io.zkml4j.prover.relation.elementwise.ElementwiseProver;
import io.zkml4j.prover.relation.io.InputProver;
import io.zkml4j.prover.relation.io.OutputProver;
import io.zkml4j.prover.relation.linear.LinearMapProver;
import io.zkml4j.prover.relation.lookup.LookupProver;
import io.zkml4j.prover.relation.matmul.MatMulProver;
import io.zkml4j.prover.relation.max.MaxProver;
import io.zkml4j.prover.relation.requant.RequantProver;

import java.util.List;

/**
 * Proves one inference of a circuit. In transcript order:
 * <ol>
 *   <li>the statement (vk digest, public input if public, public output);</li>
 *   <li>the witness commitment: every committed vector of the {@link WitnessPlan}, packed (with a mask
 *   slot and hiding, see {@link Hiding}, when the key hides);</li>
 *   <li>the output check, then every lookup (LogUp-GKR per table);</li>
 *   <li>the backward walk, output to input, each layer reducing claims on its output;</li>
 *   <li>the private input's range identity;</li>
 *   <li>one batched opening of the witness, then one of the weights.</li>
 * </ol>
 */
public final class InferenceProver {
    private InferenceProver() {}

    /** What the prover needs from its key. */
    public record Key(Circuit circuit, WitnessPlan plan, long[][] weights, WitnessLayout weightLayout,
                      long[] packedWeights, TableCommitment.Committed weightCommitment, byte[] vkDigest, Hiding hiding) {}

    /**
     * The output (signed integers, logical order), the proof bytes, and the time each phase took
     * (nanoseconds, in order; for {@code zkml bench}'s "what dominates").
     */
    public record Result(long[] output, byte[] proof, java.util.Map<String, Long> phaseNanos) {}

    /** Proves with fresh randomness (hiding commitments, when the key hides). */
    public static Result prove(Key key, TableCommitment scheme, long[] input) {
        return prove(key, scheme, input, ZkRandom.fresh(), null);
    }

    /**
     * A seam for cheating-prover tests only: runs after the honest witness and multiplicities are computed
     * and before anything is committed, so a test can plant a bad witness and let the real prover code run
     * on it. The verifier's checks, not the prover's, must then reject.
     */
    interface WitnessEdit {
        void edit(Witness witness);
    }

    static Result prove(Key key, TableCommitment scheme, long[] input, WitnessEdit edit) {
        return prove(key, scheme, input, ZkRandom.fresh(), edit);
    }

    static Result prove(Key key, TableCommitment scheme, long[] input, ZkRandom random, WitnessEdit edit) {
        Circuit c = key.circuit();
        java.util.Map<String, Long> phases = new java.util.LinkedHashMap<>();
        long t = System.nanoTime();
        Witness w = Witness.compute(c, key.plan(), key.weights(), input);
        LookupProver.fillMultiplicities(c, key.plan(), w.slots, w.tensors);
        t = lap(phases, "witness", t);
        if (edit != null) {
            edit.edit(w);
        }
        TensorInfo out = c.tensor(c.output());
        long[] output = out.shape().unpad(Witness.toSigned(w.tensors[c.output()]));
        boolean publicInput = c.tensor(c.input()).kind() == TensorInfo.Kind.PUBLIC_INPUT;
        ProverChannel ch = new ProverChannel(Statement.transcript(key.vkDigest(), publicInput ? input : null, output));
        ProverContext ctx = new ProverContext(c, key.plan(), ch, new ClaimBook(c, key.plan()), w.tensors, key.weights(), w.slots);

        WitnessLayout layout = key.hiding().witnessLayout(key.plan().layout());
        long[] packed = Hiding.pack(layout, List.of(w.slots), random);
        TableCommitment.Committed witness = scheme.commit(packed, key.hiding().witnessOpenings(), random);
        ch.sendDigest("witness commitment", witness.root());
        t = lap(phases, "commit witness", t);

        OutputProver.prove(ctx);
        LookupProver.prove(ctx, edit == null);
        t = lap(phases, "lookups", t);
        size(phases, "lookups", ch);
        walk(ctx);
        InputProver.prove(ctx);
        ctx.claims().checkAllConsumed();
        t = lap(phases, "layers", t);
        size(phases, "layers", ch);

        open(scheme, witness, packed, layout, ctx.claims().slotClaims(), ch, phases, "witness");
        open(scheme, key.weightCommitment(), key.packedWeights(), key.weightLayout(), ctx.claims().weightClaims(), ch, phases, "weights");
        return new Result(output, ch.out().toByteArray(), phases);
    }

    /** Proof bytes written so far, recorded under "bytes after <phase>" for size breakdowns. */
    private static void size(java.util.Map<String, Long> phases, String name, ProverChannel ch) {
        phases.put("bytes after " + name, (long) ch.out().size());
    }

    private static long lap(java.util.Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.merge(name, now - since, Long::sum);
        return now;
    }

    private static void walk(ProverContext ctx) {
        var layers = ctx.circuit().layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            if (layer instanceof MatMulLayer m) {
                MatMulProver.prove(ctx, m);
            } else if (layer instanceof ConvLayer cv) {
                ConvProver.prove(ctx, cv);
            } else if (layer instanceof RequantLayer r) {
                RequantProver.prove(ctx, r, i);
            } else if (layer instanceof LinearMapLayer l) {
                LinearMapProver.prove(ctx, l);
            } else if (layer instanceof ElementwiseLayer e) {
                ElementwiseProver.prove(ctx, e);
            } else if (layer instanceof AffineLayer a) {
                AffineProver.prove(ctx, a);
            } else if (layer instanceof MaxLayer mx) {
                MaxProver.prove(ctx, mx, i);
            } else if (layer instanceof DivLayer d) {
                DivProver.prove(ctx, d, i);
            } else if (!(layer instanceof TableLayer)) {
                throw new IllegalStateException("no prover for " + layer.describe());
            }
        }
    }

    /** Maps every claim onto the packed table, batches them to one point, and opens the commitment there. */
    private static void open(TableCommitment scheme, TableCommitment.Committed committed, long[] packed,
                             WitnessLayout layout, List<List<EvaluationClaim>> claims, ProverChannel ch,
                             java.util.Map<String, Long> phases, String what) {
        long t = System.nanoTime();
        List<EvaluationClaim> all = PackedClaims.of(layout, claims);
        if (all.isEmpty()) {
            return;
        }
        ClaimBatchProver.Result batch = ClaimBatchProver.prove(MultilinearTable.base(packed), all, ch.transcript());
        batch.proof().writeTo(ch.out());
        t = lap(phases, "batch " + what + " claims (" + all.size() + ")", t);
        scheme.open(committed, batch.reduced(), ch);
        lap(phases, "open " + what, t);
        size(phases, "open " + what, ch);
    }

}
