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
import io.zkml4j.prover.circuit.ActivationMatMulLayer;
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
import io.zkml4j.prover.relation.matmul.ActivationMatMulProver;
import io.zkml4j.prover.relation.io.InputProver;
import io.zkml4j.prover.relation.io.LimitsProver;
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
 *   ({@link Pads}) beside it or, when that is smaller ({@link #padsApart}), in a commitment of its own;</li>
 *   <li>the output check, then every lookup (LogUp-GKR per table);</li>
 *   <li>the backward walk, output to input, each layer reducing claims on its output;</li>
 *   <li>the private input's range identity;</li>
 *   <li>the batching of all claims on the witness to one point, then of all claims on the weights;</li>
 *   <li>zero knowledge only: the pad proof ({@link PadProver}) that the padded messages pass every check
 *   the verifier made on them;</li>
 *   <li>one opening of the witness commitment (witness table, and pad table), then one of the pad
 *   commitment if apart, then one of the weights.</li>
 * </ol>
 * In a zero-knowledge proof every message of steps 3–6 is sent padded ({@link ProverChannel#sendExt}).
 * The prover learns which checks its pads must pass by running the verifier on its own proof.
 */
public final class InferenceProver {
    static final String UNCLAIMED_LABEL = "unclaimed witness point";
    static final String PADS_APART_LABEL = "pad table committed apart";

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
     * The output (signed integers, logical order), the proof bytes, the time each phase took (nanoseconds,
     * in order; for {@code zkml bench}'s "what dominates"), and the roots of a hashed input's and a hashed
     * output's commitments (null when not hashed).
     */
    public record Result(long[] output, byte[] proof, java.util.Map<String, Long> phaseNanos, byte[] inputCommitment,
                         byte[] outputCommitment, Limits limits) {}


    /**
     * Which of the input and the output a proof hashes ({@link HashedTensor}): the seed of each hashed one,
     * null for one that is not (a public or private input, a public output).
     */
    public record Disclosure(byte[] inputSeed, byte[] outputSeed) {
        public static final Disclosure PLAIN = new Disclosure(null, null);

        boolean hashedInput() {
            return inputSeed != null;
        }

        boolean hashedOutput() {
            return outputSeed != null;
        }
    }

    /** Proves with fresh randomness (zero-knowledge, when the key hides). */
    public static Result prove(Key key, TableCommitment scheme, long[] input) {
        return prove(key, scheme, input, Disclosure.PLAIN);
    }

    /**
     * Proves with a hashed input and/or output as {@code disclosure} says: the statement names their
     * commitments' roots and their claims are proved against them. The key's pad plan must be the one for
     * this disclosure ({@link #planPads(Key, boolean, boolean)}).
     */
    public static Result prove(Key key, TableCommitment scheme, long[] input, Disclosure disclosure) {
        return prove(key, scheme, input, ZkRandom.fresh(), null, disclosure);
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
        return prove(key, scheme, input, ZkRandom.fresh(), edit, Disclosure.PLAIN);
    }

    static Result prove(Key key, TableCommitment scheme, long[] input, ZkRandom random, WitnessEdit edit) {
        return prove(key, scheme, input, random, edit, Disclosure.PLAIN);
    }

    /**
     * The pad plan of a zero-knowledge key: proves once without pads (an input in range, nothing
     * committed) and runs the verifier on that proof in padded mode, which names every pad and product
     * entry. As a self-check, every check the verifier recorded must hold with all pads zero.
     */
    public static PadPlan planPads(Key key) {
        return planPads(key, false, false);
    }

    /** The pad plan for proofs with a hashed input and/or a hashed output, or neither. */
    public static PadPlan planPads(Key key, boolean hashedInput, boolean hashedOutput) {
        Circuit c = key.circuit();
        TensorInfo in = c.tensor(c.input());
        long[] input = new long[in.shape().size()];
        java.util.Arrays.fill(input, Math.max(in.lo(), Math.min(in.hi(), 0)));
        byte[] seed = new byte[HashedTensor.SEED_BYTES];
        Disclosure d = new Disclosure(hashedInput ? seed : null, hashedOutput ? seed : null);
        HiddenChecks checks = run(key, null, input, null, null, d).checks();
        for (int i = 0; i < checks.constraintCount(); i++) {
            if (!checks.constraints().get(i).constant().isZero()) {
                throw new IllegalStateException("prover and verifier disagree (" + checks.source(i) + "): a check fails without pads");
            }
        }
        return checks.plan();
    }

    /** Hides nothing, but is not {@link Masking#NONE}: sub-protocols treat the values as hidden (pad plans). */
    private static final Masking ZERO_PADS = value -> value;

    static Result prove(Key key, TableCommitment scheme, long[] input, ZkRandom random, WitnessEdit edit, Disclosure d) {
        return run(key, scheme, input, random, edit, d).result();
    }

    private record Run(Result result, HiddenChecks checks) {}

    /**
     * The proof; with {@code scheme} null, a pad plan's dry run: no pads, nothing committed (zero roots and
     * masks), and the verifier's checks on it instead of a pad proof and the openings.
     */
    private static Run run(Key key, TableCommitment scheme, long[] input, ZkRandom random, WitnessEdit edit, Disclosure d) {
        boolean planning = scheme == null;
        Circuit c = key.circuit();
        java.util.Map<String, Long> phases = new java.util.LinkedHashMap<>();
        long t = System.nanoTime();
        Witness w = Witness.compute(c, key.plan(), key.weights(), input);
        LookupProver.fillMultiplicities(c, key.plan(), w.slots, w.tensors);
        t = lap(phases, "witness", t);
        if (edit != null) {
            edit.edit(w);
        }
        long[] output = c.tensor(c.output()).shape().unpad(Witness.toSigned(w.tensors[c.output()]));
        Limits limits = new Limits(LimitsProver.atLimits(w.tensors[c.input()], c.tensor(c.input())),
                LimitsProver.atLimits(w.tensors[c.output()], c.tensor(c.output())));
        boolean publicInput = c.tensor(c.input()).kind() == TensorInfo.Kind.PUBLIC_INPUT;
        if (d.hashedInput() && publicInput) {
            throw new IllegalArgumentException("an input is public or hashed, not both");
        }
        boolean zk = key.hiding().zeroKnowledge();
        if (zk && key.padPlan() == null && !planning) {
            throw new IllegalStateException("a zero-knowledge key without its pad plan (InferenceProver.planPads)");
        }
        HashedTensor.Committed hashedIn = d.hashedInput() ? hashed(c, HashedTensor.Role.INPUT, scheme, input, d.inputSeed()) : null;
        HashedTensor.Committed hashedOut = d.hashedOutput() ? hashed(c, HashedTensor.Role.OUTPUT, scheme, output, d.outputSeed()) : null;
        Statement.Claimed st = new Statement.Claimed(publicInput ? input : null, hashedIn == null ? null : hashedIn.root(),
                hashedOut == null ? output : null, hashedOut == null ? null : hashedOut.root());
        Pads pads = zk && !planning ? new Pads(key.padPlan(), random) : null;
        ProverChannel ch = new ProverChannel(Statement.transcript(key.vkDigest(), st), planning ? ZERO_PADS : zk ? pads : Masking.NONE);
        ProverContext ctx = new ProverContext(c, key.plan(), ch, new ClaimBook(c, key.plan(), d.hashedInput()), w.tensors,
                key.weights(), w.slots);

        ch.sendCount("input values at the range limits", limits.inputAtLimits());
        ch.sendCount("output values at the range limits", limits.outputAtLimits());
        WitnessLayout layout = key.hiding().witnessLayout(key.plan().layout());
        long[] packed = planning ? Hiding.pack(layout, List.of(w.slots), null) : Hiding.pack(layout, List.of(w.slots), random);
        TableCommitment.Committed witness = null;
        TableCommitment.Committed padCommitment = null;
        boolean apart = zk && !planning && padsApart(scheme, layout.length(), pads.table().length);
        if (zk) {
            ch.sendCount(PADS_APART_LABEL, apart ? 1 : 0);
        }
        if (planning) {
            ch.sendDigest("witness commitment", new byte[32]);
        } else {
            int openings = key.hiding().witnessCommitmentOpenings(apart);
            witness = scheme.commit(zk && !apart ? List.of(packed, pads.table()) : List.of(packed), openings, random);
            ch.sendDigest("witness commitment", witness.root());
            if (apart) {
                padCommitment = scheme.commit(List.of(pads.table()), openings, random);
                ch.sendDigest("pad commitment", padCommitment.root());
            }
        }
        t = lap(phases, "commit witness", t);

        OutputProver.prove(ctx, d.hashedOutput());
        LimitsProver.prove(ctx);
        size(phases, "limits", ch);
        LookupProver.prove(ctx, edit == null);
        t = lap(phases, "lookups", t);
        size(phases, "lookups", ch);
        walk(ctx);
        InputProver.prove(ctx);
        ctx.claims().checkAllConsumed();
        t = lap(phases, "layers", t);
        size(phases, "layers", ch);

        EvaluationClaim witnessClaim = batch(packed, layout, ctx.claims().slotClaims(), ch, true);
        EvaluationClaim weightClaim = key.hiding().publicWeights() ? null // the verifier evaluates them itself
                : batch(key.packedWeights(), key.weightLayout(), ctx.claims().weightClaims(), ch, false);
        EvaluationClaim inputClaim = hashedIn == null ? null : batch(hashedIn.table(), HashedTensor.layout(c, HashedTensor.Role.INPUT),
                List.of(ctx.claims().committedInputClaims()), ch, false);
        EvaluationClaim outputClaim = hashedOut == null ? null : batch(hashedOut.table(), HashedTensor.layout(c, HashedTensor.Role.OUTPUT),
                List.of(ctx.claims().committedOutputClaims()), ch, false);
        t = lap(phases, "batch claims", t);
        size(phases, "batch claims", ch);
        if (planning) {
            return new Run(null, replay(key, st, ch));
        }
        List<EvaluationClaim> witnessClaims = List.of(witnessClaim);
        EvaluationClaim padClaim = null;
        if (zk) {
            PadProver.Result pr = PadProver.prove(pads, replay(key, st, ch), ch.transcript(), edit == null);
            pr.proof().writeTo(ch.out());
            padClaim = pr.claim();
            witnessClaims = apart ? witnessClaims : List.of(witnessClaim, padClaim);
            t = lap(phases, "pad proof", t);
            size(phases, "pad proof", ch);
            phases.put("pads " + key.padPlan().padCount() + " products " + key.padPlan().productCount(), 0L);
        }
        scheme.open(witness, witnessClaims, ch);
        t = lap(phases, "open witness", t);
        size(phases, "open witness", ch);
        if (padCommitment != null) {
            scheme.open(padCommitment, padClaim, ch);
            t = lap(phases, "open pads", t);
            size(phases, "open pads", ch);
        }
        if (weightClaim != null) {
            scheme.open(key.weightCommitment(), weightClaim, ch);
            t = lap(phases, "open weights", t);
            size(phases, "open weights", ch);
        }
        if (inputClaim != null) {
            scheme.open(hashedIn.commitment(), inputClaim, ch);
            t = lap(phases, "open input", t);
        }
        if (outputClaim != null) {
            scheme.open(hashedOut.commitment(), outputClaim, ch);
            lap(phases, "open output", t);
        }
        return new Run(new Result(output, ch.out().toByteArray(), phases, st.inputCommitment(), st.outputCommitment(), limits), null);
    }

    /**
     * Whether a zero-knowledge proof commits its pad table apart from the witness: when the two openings,
     * each hiding one, are expected smaller than one opening of both tables at two points (which sends an
     * evaluation row of the witness matrix's width for the small pad table). Large witnesses gain
     * (the openWakeWord CNN: about 166 KB); small ones lose the second opening's columns and Merkle paths.
     * The prover's choice, sent as a bit the transcript absorbs: either layout is sound.
     */
    static boolean padsApart(TableCommitment scheme, int witnessLength, int padLength) {
        double together = scheme.openingBytes(new int[] {witnessLength, padLength}, 2);
        double apart = scheme.openingBytes(new int[] {witnessLength}, 1) + scheme.openingBytes(new int[] {padLength}, 1) + 32;
        return apart < together;
    }

    /** A hashed tensor's commitment; when planning (no scheme), its table only, under a zero root. */
    private static HashedTensor.Committed hashed(Circuit c, HashedTensor.Role role, TableCommitment scheme, long[] values, byte[] seed) {
        if (scheme != null) {
            return HashedTensor.commit(c, role, scheme, values, seed);
        }
        WitnessLayout layout = HashedTensor.layout(c, role);
        long[] padded = Statement.field(c.tensor(role == HashedTensor.Role.INPUT ? c.input() : c.output()).shape().pad(values, 0));
        long[] table = layout.pack(List.of(padded), new long[layout.mask().size()]);
        return new HashedTensor.Committed(() -> new byte[32], table);
    }

    /** The verifier's run on the proof so far: the checks the pads must pass. */
    private static HiddenChecks replay(Key key, Statement.Claimed st, ProverChannel ch) {
        HiddenChecks checks = HiddenChecks.padded();
        try {
            InferenceVerifier.run(key.verifierKey(), st, new ProofReader(ch.out().toByteArray()), checks);
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
            } else if (layer instanceof ActivationMatMulLayer p) {
                ActivationMatMulProver.prove(ctx, p);
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
            Ext v = Multilinear.evaluatePrefix(packed, p);
            ch.sendPublic(UNCLAIMED_LABEL, v);
            return new EvaluationClaim(p, v);
        }
        ClaimBatchProver.Result batch = ClaimBatchProver.prove(MultilinearTable.basePrefix(packed, layout.numVars()), all, ch.transcript(),
                io.zkml4j.crypto.parallel.Parallelism.available(), ch.masking());
        batch.proof().writeTo(ch.out());
        return batch.reduced();
    }
}
