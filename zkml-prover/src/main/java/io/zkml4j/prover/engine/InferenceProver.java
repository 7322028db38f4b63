package io.zkml4j.prover.engine;

import io.zkml4j.crypto.claims.ClaimBatchProver;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.claims.HiddenClaim;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.hidden.PadPlan;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.zk.PadProver;
import io.zkml4j.crypto.zk.Pads;
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
 *   slot when the key hides, see {@link Hiding}), and in a zero-knowledge proof the pad table
 *   ({@link Pads}) beside it;</li>
 *   <li>the output check, then every lookup (LogUp-GKR per table);</li>
 *   <li>the backward walk, output to input, each layer reducing claims on its output;</li>
 *   <li>the private input's range identity;</li>
 *   <li>the batching of all claims on the witness to one point, then of all claims on the weights;</li>
 *   <li>zero knowledge only: the pad proof ({@link PadProver}) that the padded messages pass every check
 *   the verifier made on them;</li>
 *   <li>one opening of the witness commitment (witness table, and pad table), then one of the weights.</li>
 * </ol>
 * In a zero-knowledge proof every message of steps 3–6 is sent padded ({@link ProverChannel#sendExt}).
 * The prover learns which checks its pads must pass by running the verifier on its own proof.
 */
public final class InferenceProver {
    static final String UNCLAIMED_LABEL = "unclaimed witness point";

    private InferenceProver() {}

    /**
     * What the prover needs from its key. {@code padPlan} (zero-knowledge keys only) lists the pad entries
     * a proof commits to, in the verifier's order; {@link #planPads} finds it.
     */
    public record Key(Circuit circuit, WitnessPlan plan, long[][] weights, WitnessLayout weightLayout,
                      long[] packedWeights, TableCommitment.Committed weightCommitment, byte[] vkDigest, Hiding hiding,
                      PadPlan padPlan) {
        /** The same key with its pad plan. */
        public Key withPadPlan(PadPlan p) {
            return new Key(circuit, plan, weights, weightLayout, packedWeights, weightCommitment, vkDigest, hiding, p);
        }

        /** The verifier's view of this key (what the prover replays its own proof with). */
        public InferenceVerifier.Key verifierKey() {
            return new InferenceVerifier.Key(circuit, plan, weightLayout, weightCommitment.root(), vkDigest, hiding,
                    hiding.publicWeights() ? weights : null);
        }
    }

    /**
     * The output (signed integers, logical order), the proof bytes, and the time each phase took
     * (nanoseconds, in order; for {@code zkml bench}'s "what dominates").
     */
    public record Result(long[] output, byte[] proof, java.util.Map<String, Long> phaseNanos) {}

    /** Proves with fresh randomness (zero-knowledge, when the key hides). */
    public static Result prove(Key key, TableCommitment scheme, long[] input) {
        return prove(key, scheme, input, ZkRandom.fresh(), null, null);
    }

    /**
     * Proves with a hashed input: {@code committed} is the input's commitment ({@link InputCommitment}), whose
     * root the statement names; claims on the input are proved against it. The key's pad plan must be the
     * one for hashed inputs ({@link #planPads(Key, boolean)}).
     */
    public static Result prove(Key key, TableCommitment scheme, long[] input, InputCommitment.Committed committed) {
        return prove(key, scheme, input, ZkRandom.fresh(), null, committed);
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
        return prove(key, scheme, input, ZkRandom.fresh(), edit, null);
    }

    static Result prove(Key key, TableCommitment scheme, long[] input, ZkRandom random, WitnessEdit edit) {
        return prove(key, scheme, input, random, edit, null);
    }

    /**
     * The pad plan of a zero-knowledge key: proves once without pads (an input in range, nothing
     * committed) and runs the verifier on that proof in padded mode, which names every pad and product
     * entry. As a self-check, every check the verifier recorded must hold with all pads zero.
     */
    public static PadPlan planPads(Key key) {
        return planPads(key, false);
    }

    /** The pad plan for proofs with a hashed input ({@code hashedInput}) or not. */
    public static PadPlan planPads(Key key, boolean hashedInput) {
        Circuit c = key.circuit();
        TensorInfo in = c.tensor(c.input());
        long[] input = new long[in.shape().size()];
        java.util.Arrays.fill(input, Math.max(in.lo(), Math.min(in.hi(), 0)));
        Witness w = Witness.compute(c, key.plan(), key.weights(), input);
        LookupProver.fillMultiplicities(c, key.plan(), w.slots, w.tensors);
        long[] output = c.tensor(c.output()).shape().unpad(Witness.toSigned(w.tensors[c.output()]));
        boolean publicInput = in.kind() == TensorInfo.Kind.PUBLIC_INPUT;
        byte[] inputRoot = hashedInput ? new byte[32] : null;
        ProverChannel ch = new ProverChannel(Statement.transcript(key.vkDigest(), publicInput ? input : null, inputRoot, output), ZERO_PADS);
        ProverContext ctx = new ProverContext(c, key.plan(), ch, new ClaimBook(c, key.plan(), hashedInput), w.tensors, key.weights(), w.slots);
        ch.sendDigest("witness commitment", new byte[32]);
        WitnessLayout layout = key.hiding().witnessLayout(key.plan().layout());
        long[] packed = layout.mask() == null ? layout.pack(List.of(w.slots)) : layout.pack(List.of(w.slots), new long[layout.mask().size()]);
        prove(ctx, true);
        batch(packed, layout, ctx.claims().slotClaims(), ch, true);
        if (!key.hiding().publicWeights()) {
            batch(key.packedWeights(), key.weightLayout(), ctx.claims().weightClaims(), ch, false);
        }
        if (hashedInput) {
            WitnessLayout inputLayout = InputCommitment.layout(c);
            long[] table = inputLayout.pack(List.of(w.tensors[c.input()]), new long[inputLayout.mask().size()]);
            batch(table, inputLayout, List.of(ctx.claims().committedInputClaims()), ch, false);
        }
        HiddenChecks checks = replay(key, publicInput ? input : null, inputRoot, output, ch);
        for (int i = 0; i < checks.constraintCount(); i++) {
            if (!checks.constraints().get(i).constant().isZero()) {
                throw new IllegalStateException("prover and verifier disagree (" + checks.source(i) + "): a check fails without pads");
            }
        }
        return checks.plan();
    }

    /** Hides nothing, but is not {@link Masking#NONE}: sub-protocols treat the values as hidden (pad plans). */
    private static final Masking ZERO_PADS = value -> value;

    static Result prove(Key key, TableCommitment scheme, long[] input, ZkRandom random, WitnessEdit edit,
                        InputCommitment.Committed committedInput) {
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
        boolean zk = key.hiding().zeroKnowledge();
        if (zk && key.padPlan() == null) {
            throw new IllegalStateException("a zero-knowledge key without its pad plan (InferenceProver.planPads)");
        }
        Pads pads = zk ? new Pads(key.padPlan(), random) : null;
        if (committedInput != null && publicInput) {
            throw new IllegalArgumentException("an input is public or hashed, not both");
        }
        byte[] inputRoot = committedInput == null ? null : committedInput.root();
        ProverChannel ch = new ProverChannel(Statement.transcript(key.vkDigest(), publicInput ? input : null, inputRoot, output),
                zk ? pads : Masking.NONE);
        ProverContext ctx = new ProverContext(c, key.plan(), ch, new ClaimBook(c, key.plan(), committedInput != null), w.tensors,
                key.weights(), w.slots);

        WitnessLayout layout = key.hiding().witnessLayout(key.plan().layout());
        long[] packed = Hiding.pack(layout, List.of(w.slots), random);
        List<long[]> tables = zk ? List.of(packed, pads.table()) : List.of(packed);
        TableCommitment.Committed witness = scheme.commit(tables, key.hiding().witnessCommitmentOpenings(), random);
        ch.sendDigest("witness commitment", witness.root());
        t = lap(phases, "commit witness", t);

        t = prove(ctx, edit == null, phases, t);
        size(phases, "layers", ch);

        EvaluationClaim witnessClaim = batch(packed, layout, ctx.claims().slotClaims(), ch, true);
        EvaluationClaim weightClaim = key.hiding().publicWeights() ? null // the verifier evaluates them itself
                : batch(key.packedWeights(), key.weightLayout(), ctx.claims().weightClaims(), ch, false);
        EvaluationClaim inputClaim = committedInput == null ? null : batch(committedInput.table(), InputCommitment.layout(c),
                List.of(ctx.claims().committedInputClaims()), ch, false);
        t = lap(phases, "batch claims", t);
        size(phases, "batch claims", ch);
        List<EvaluationClaim> witnessClaims = List.of(witnessClaim);
        if (zk) {
            HiddenChecks checks = replay(key, publicInput ? input : null, inputRoot, output, ch);
            PadProver.Result pr = PadProver.prove(pads, checks, ch.transcript(), edit == null);
            pr.proof().writeTo(ch.out());
            witnessClaims = List.of(witnessClaim, pr.claim());
            t = lap(phases, "pad proof", t);
            size(phases, "pad proof", ch);
            phases.put("pads " + key.padPlan().padCount() + " products " + key.padPlan().productCount(), 0L);
        }
        scheme.open(witness, witnessClaims, ch);
        t = lap(phases, "open witness", t);
        size(phases, "open witness", ch);
        if (weightClaim != null) {
            scheme.open(key.weightCommitment(), weightClaim, ch);
            t = lap(phases, "open weights", t);
            size(phases, "open weights", ch);
        }
        if (inputClaim != null) {
            scheme.open(committedInput.commitment(), inputClaim, ch);
            lap(phases, "open input", t);
            size(phases, "open input", ch);
        }
        return new Result(output, ch.out().toByteArray(), phases);
    }

    /** Output check, lookups, the backward walk and the input's range identity. */
    private static long prove(ProverContext ctx, boolean checked, java.util.Map<String, Long> phases, long t) {
        OutputProver.prove(ctx);
        LookupProver.prove(ctx, checked);
        t = lap(phases, "lookups", t);
        size(phases, "lookups", ctx.channel());
        walk(ctx);
        InputProver.prove(ctx);
        ctx.claims().checkAllConsumed();
        return lap(phases, "layers", t);
    }

    private static void prove(ProverContext ctx, boolean checked) {
        prove(ctx, checked, new java.util.HashMap<>(), System.nanoTime());
    }

    /** The verifier's run on the proof so far: the checks the pads must pass. */
    private static HiddenChecks replay(Key key, long[] publicInput, byte[] inputRoot, long[] output, ProverChannel ch) {
        HiddenChecks checks = HiddenChecks.padded();
        try {
            InferenceVerifier.run(key.verifierKey(), publicInput, inputRoot, output, new ProofReader(ch.out().toByteArray()), checks);
        } catch (ProofRejectedException e) {
            throw new IllegalStateException("the verifier rejects the prover's own messages: " + e.getMessage(), e);
        }
        return checks;
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

    /**
     * Maps every claim onto the packed table and batches them to one point (null without claims; the
     * witness table is then opened at a fresh point, {@code opened} says it must be).
     */
    private static EvaluationClaim batch(long[] packed, WitnessLayout layout, List<List<HiddenClaim>> claims, ProverChannel ch,
                                         boolean opened) {
        List<EvaluationClaim> all = PackedClaims.known(PackedClaims.of(layout, claims));
        if (all.isEmpty()) {
            if (!opened) {
                return null;
            }
            Ext[] p = ch.challenges(UNCLAIMED_LABEL, layout.numVars());
            Ext v = Multilinear.evaluate(packed, p);
            ch.sendPublic(UNCLAIMED_LABEL, v);
            return new EvaluationClaim(p, v);
        }
        ClaimBatchProver.Result batch = ClaimBatchProver.prove(MultilinearTable.base(packed), all, ch.transcript(),
                io.zkml4j.crypto.sumcheck.Parallelism.available(), ch.masking());
        batch.proof().writeTo(ch.out());
        return batch.reduced();
    }
}
