package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.ClaimBatchProof;
import io.zkml4j.crypto.claims.ClaimBatchVerifier;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.claims.HiddenClaim;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.zk.PadVerifier;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.channel.VerifierChannel;
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
import io.zkml4j.prover.relation.conv.ConvVerifier;
import io.zkml4j.prover.relation.div.DivVerifier;
import io.zkml4j.prover.relation.elementwise.AffineVerifier;
import io.zkml4j.prover.relation.elementwise.ElementwiseVerifier;
import io.zkml4j.prover.relation.matmul.ActivationMatMulVerifier;
import io.zkml4j.prover.relation.io.InputVerifier;
import io.zkml4j.prover.relation.io.LimitsVerifier;
import io.zkml4j.prover.relation.io.OutputVerifier;
import io.zkml4j.prover.relation.linear.LinearMapVerifier;
import io.zkml4j.prover.relation.lookup.LookupVerifier;
import io.zkml4j.prover.relation.matmul.MatMulVerifier;
import io.zkml4j.prover.relation.max.MaxVerifier;
import io.zkml4j.prover.relation.requant.RequantVerifier;

import java.util.ArrayList;
import java.util.List;

/** Verifies what {@link InferenceProver} proves, in the same transcript order (see there). */
public final class InferenceVerifier {
    private InferenceVerifier() {}

    /** What the verifier needs from its key; {@code publicWeights} (padded, field) only for a public-weights key. */
    public record Key(Circuit circuit, WitnessPlan plan, WitnessLayout weightLayout, byte[] weightRoot, byte[] vkDigest,
                      Hiding hiding, long[][] publicWeights) {}

    /**
     * @param publicInput the public input (signed, logical order), or null if the input is private
     * @param output      the claimed output (signed, logical order)
     * @throws ProofRejectedException naming the check that failed
     */
    public static Limits verify(Key key, TableCommitment scheme, long[] publicInput, long[] output, byte[] proof)
            throws ProofRejectedException {
        return verify(key, scheme, Statement.Claimed.of(publicInput, output), proof);
    }

    /** The statement with hashed inputs or outputs too ({@link HashedTensor}). */
    /** @return what the proof also established: how many input and output values sit at their range's limits */
    public static Limits verify(Key key, TableCommitment scheme, Statement.Claimed st, byte[] proof)
            throws ProofRejectedException {
        HiddenChecks checks = key.hiding().zeroKnowledge() ? HiddenChecks.padded() : HiddenChecks.eager();
        Run run = run(key, st, new ProofReader(proof), checks);
        VerifierChannel ch = run.channel();
        Hiding hiding = key.hiding();
        List<EvaluationClaim> witnessClaims = new ArrayList<>();
        witnessClaims.add(run.witnessClaim());
        int[] witnessLengths = {hiding.witnessLayout(key.plan().layout()).length()};
        boolean apart = run.padRoot() != null;
        EvaluationClaim pads = null;
        int padLength = 0;
        if (hiding.zeroKnowledge()) {
            try {
                pads = PadVerifier.verify(checks, ch.in(), ch.transcript());
            } catch (ProofRejectedException e) {
                throw new ProofRejectedException("the proof does not establish this output under this key: its zero-knowledge checks fail ("
                        + e.getMessage() + "; a message, the output or the public input differs from what the proof was made for)", e);
            }
            padLength = 1 << PadVerifier.tableVars(checks);
            if (!apart) {
                witnessClaims.add(pads);
                witnessLengths = new int[] {witnessLengths[0], padLength};
            }
        }
        try {
            scheme.verify(run.witnessRoot(), witnessLengths, hiding.witnessCommitmentOpenings(apart), witnessClaims, ch);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("opening of the witness commitment: " + e.getMessage(), e);
        }
        if (apart) {
            try {
                scheme.verify(run.padRoot(), padLength, hiding.witnessCommitmentOpenings(true), pads, ch);
            } catch (ProofRejectedException e) {
                throw new ProofRejectedException("opening of the pad commitment: " + e.getMessage(), e);
            }
        }
        if (run.weightClaim() != null) {
            try {
                scheme.verify(key.weightRoot(), key.weightLayout().length(), hiding.weightCommitmentOpenings(), run.weightClaim(), ch);
            } catch (ProofRejectedException e) {
                throw new ProofRejectedException("opening of the model weights commitment: " + e.getMessage(), e);
            }
        }
        openHashed(scheme, key.circuit(), HashedTensor.Role.INPUT, st.inputCommitment(), run.inputClaim(), ch);
        openHashed(scheme, key.circuit(), HashedTensor.Role.OUTPUT, st.outputCommitment(), run.outputClaim(), ch);
        ch.in().finish();
        return run.limits();
    }

    private static void openHashed(TableCommitment scheme, Circuit c, HashedTensor.Role role, byte[] root, EvaluationClaim claim,
                                   VerifierChannel ch) throws ProofRejectedException {
        if (claim == null) {
            return;
        }
        try {
            scheme.verify(root, HashedTensor.layout(c, role).length(), role == HashedTensor.Role.INPUT ? HashedTensor.INPUT_BUDGET
                    : HashedTensor.OUTPUT_BUDGET, claim, ch);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("opening of the " + role.name().toLowerCase(java.util.Locale.ROOT) + " commitment: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The verifier's walk up to the commitment openings: what is left to check is the pad proof (zero
     * knowledge) and the openings ({@code padRoot}: the pad table's own commitment, if apart). The prover runs it on its own proof to learn the checks it must
     * prove on its pads.
     */
    record Run(VerifierChannel channel, byte[] witnessRoot, byte[] padRoot, EvaluationClaim witnessClaim, EvaluationClaim weightClaim,
               EvaluationClaim inputClaim, EvaluationClaim outputClaim, Limits limits) {}

    static Run run(Key key, long[] publicInput, long[] output, ProofReader in, HiddenChecks checks) throws ProofRejectedException {
        return run(key, Statement.Claimed.of(publicInput, output), in, checks);
    }

    static Run run(Key key, Statement.Claimed st, ProofReader in, HiddenChecks checks) throws ProofRejectedException {
        long[] publicInput = st.publicInput();
        byte[] inputCommitment = st.inputCommitment();
        long[] output = st.output();
        Circuit c = key.circuit();
        TensorInfo inT = c.tensor(c.input());
        TensorInfo out = c.tensor(c.output());
        boolean inputPublic = inT.kind() == TensorInfo.Kind.PUBLIC_INPUT;
        if (inputPublic != (publicInput != null)) {
            throw new ProofRejectedException(inputPublic ? "the key says the input is public, but the proof carries none"
                    : "the key says the input is private, but the proof carries one");
        }
        if (publicInput != null) {
            checkValues("public input", publicInput, inT);
        }
        if (inputCommitment != null && (inputPublic || inputCommitment.length != 32)) {
            throw new ProofRejectedException("a hashed input's commitment is 32 bytes, for a key with a private input");
        }
        if (output != null) {
            checkValues("output", output, out);
        } else if (st.outputCommitment().length != 32) {
            throw new ProofRejectedException("a hashed output's commitment is 32 bytes");
        }
        VerifierChannel ch = new VerifierChannel(Statement.transcript(key.vkDigest(), st), in, checks);
        VerifierContext ctx = new VerifierContext(c, key.plan(), ch, new ClaimBook(c, key.plan(), inputCommitment != null));
        Limits limits = new Limits(
                ch.receiveCount("input values at the range limits", inT.shape().size()),
                ch.receiveCount("output values at the range limits", out.shape().size()));
        boolean padsApart = key.hiding().zeroKnowledge() && ch.receiveCount(InferenceProver.PADS_APART_LABEL, 1) == 1;
        byte[] witnessRoot = ch.receiveDigest("witness commitment");
        byte[] padRoot = padsApart ? ch.receiveDigest("pad commitment") : null;

        checks.at("output check");
        stage("output check", () -> OutputVerifier.verify(ctx, output == null ? null : Statement.field(output)));
        checks.at("range limits");
        stage("range limits", () -> LimitsVerifier.verify(ctx, limits.inputAtLimits(), limits.outputAtLimits()));
        LookupVerifier.verify(ctx);
        walk(ctx);
        checks.at("input range");
        InputVerifier.verify(ctx);
        ctx.claims().checkAllConsumed();
        if (publicInput != null) {
            checks.at("public input");
            long[] padded = inT.shape().pad(Statement.field(publicInput), 0);
            for (HiddenClaim claim : ctx.claims().publicInputClaims()) {
                Hidden actual = Hidden.of(Multilinear.evaluate(padded, claim.point()));
                ch.require(claim.value(), actual, () -> "a claim on the public input is false (" + claim.value() + " vs " + actual + ")");
            }
        }
        Hiding hiding = key.hiding();
        checks.at("witness claims");
        WitnessLayout witnessLayout = hiding.witnessLayout(key.plan().layout());
        EvaluationClaim witness = batch(witnessLayout, ctx.claims().slotClaims(), ch, "witness");
        if (witness == null) { // the witness commitment is opened in every proof
            Ext[] p = ch.challenges(InferenceProver.UNCLAIMED_LABEL, witnessLayout.numVars());
            witness = new EvaluationClaim(p, ch.receivePublic(InferenceProver.UNCLAIMED_LABEL));
        }
        checks.at("weight claims");
        EvaluationClaim weights = null;
        if (key.publicWeights() != null) {
            checkPublicWeights(key.publicWeights(), ctx.claims().weightClaims(), ch);
        } else {
            weights = batch(key.weightLayout(), ctx.claims().weightClaims(), ch, "model weights");
        }
        checks.at("input claims");
        EvaluationClaim input = inputCommitment == null ? null
                : batch(HashedTensor.layout(c, HashedTensor.Role.INPUT), List.of(ctx.claims().committedInputClaims()), ch, "input");
        checks.at("output claims");
        EvaluationClaim outputClaim = output != null ? null
                : batch(HashedTensor.layout(c, HashedTensor.Role.OUTPUT), List.of(ctx.claims().committedOutputClaims()), ch, "output");
        return new Run(ch, witnessRoot, padRoot, witness, weights, input, outputClaim, limits);
    }

    /** Public weights: every claim on them is checked against the weights the key carries. */
    private static void checkPublicWeights(long[][] weights, List<List<HiddenClaim>> claims, VerifierChannel ch)
            throws ProofRejectedException {
        for (int i = 0; i < claims.size(); i++) {
            int tensor = i;
            for (HiddenClaim claim : claims.get(i)) {
                Hidden actual = Hidden.of(Multilinear.evaluate(weights[i], claim.point()));
                ch.require(claim.value(), actual, () -> "a claim on public weight tensor " + tensor + " is false ("
                        + claim.value() + " vs " + actual + ")");
            }
        }
    }

    private static void checkValues(String what, long[] values, TensorInfo t) throws ProofRejectedException {
        if (values.length != t.shape().size()) {
            throw new ProofRejectedException("the " + what + " has " + values.length + " values; the model's has " + t.shape().size());
        }
        for (long v : values) {
            if (v < t.lo() || v > t.hi()) {
                throw new ProofRejectedException("the " + what + " holds " + v + ", outside the model's range [" + t.lo() + ", " + t.hi() + "]");
            }
        }
    }

    /** Reduces every claim on a packed table to one ({@link ClaimBatchVerifier}); null without claims. */
    private static EvaluationClaim batch(WitnessLayout layout, List<List<HiddenClaim>> claims, VerifierChannel ch, String what)
            throws ProofRejectedException {
        List<HiddenClaim> all = PackedClaims.of(layout, claims);
        if (all.isEmpty()) {
            return null;
        }
        try {
            ClaimBatchProof proof = ClaimBatchProof.readFrom(ch.in(), layout.numVars());
            return ClaimBatchVerifier.verify(all, layout.numVars(), proof, ch.transcript(), ch.checks());
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("opening of the " + what + " commitment: " + e.getMessage(), e);
        }
    }

    private static void walk(VerifierContext ctx) throws ProofRejectedException {
        var layers = ctx.circuit().layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            String where = "layer " + i + " (" + layer.describe() + ")";
            ctx.channel().checks().at(where);
            int index = i;
            stage(where, () -> verifyLayer(ctx, layer, index, where));
        }
    }

    /** A verification step whose rejection should name where it happened. */
    private interface Step {
        void run() throws ProofRejectedException;
    }

    private static void stage(String where, Step step) throws ProofRejectedException {
        try {
            step.run();
        } catch (ProofRejectedException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new ProofRejectedException(where + ": " + e.getMessage(), e);
        }
    }

    private static void verifyLayer(VerifierContext ctx, Layer layer, int i, String where) throws ProofRejectedException {
        if (layer instanceof MatMulLayer m) {
            MatMulVerifier.verify(ctx, m, where);
        } else if (layer instanceof ConvLayer cv) {
            ConvVerifier.verify(ctx, cv, where);
        } else if (layer instanceof RequantLayer r) {
            RequantVerifier.verify(ctx, r, i, where);
        } else if (layer instanceof LinearMapLayer l) {
            LinearMapVerifier.verify(ctx, l, where);
        } else if (layer instanceof ElementwiseLayer e) {
            ElementwiseVerifier.verify(ctx, e, where);
        } else if (layer instanceof ActivationMatMulLayer p) {
            ActivationMatMulVerifier.verify(ctx, p, where);
        } else if (layer instanceof AffineLayer a) {
            AffineVerifier.verify(ctx, a, where);
        } else if (layer instanceof MaxLayer mx) {
            MaxVerifier.verify(ctx, mx, i, where);
        } else if (layer instanceof DivLayer d) {
            DivVerifier.verify(ctx, d, i, where);
        } else if (!(layer instanceof TableLayer)) {
            throw new ProofRejectedException("the key holds a layer this verifier does not know: " + layer.describe());
        }
    }
}
