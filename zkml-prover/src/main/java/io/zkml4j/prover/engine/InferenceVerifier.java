package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.ClaimBatchProof;
import io.zkml4j.crypto.claims.ClaimBatchVerifier;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.prover.channel.VerifierChannel;
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
import io.zkml4j.prover.relation.conv.ConvVerifier;
import io.zkml4j.prover.relation.div.DivVerifier;
import io.zkml4j.prover.relation.elementwise.AffineVerifier;
import io.zkml4j.prover.relation.elementwise.ElementwiseVerifier;
import io.zkml4j.prover.relation.io.InputVerifier;
import io.zkml4j.prover.relation.io.OutputVerifier;
import io.zkml4j.prover.relation.linear.LinearMapVerifier;
import io.zkml4j.prover.relation.lookup.LookupVerifier;
import io.zkml4j.prover.relation.matmul.MatMulVerifier;
import io.zkml4j.prover.relation.max.MaxVerifier;
import io.zkml4j.prover.relation.requant.RequantVerifier;

import java.util.List;

/** Verifies what {@link InferenceProver} proves, in the same transcript order (see there). */
public final class InferenceVerifier {
    private InferenceVerifier() {}

    /** What the verifier needs from its key. */
    public record Key(Circuit circuit, WitnessPlan plan, WitnessLayout weightLayout, byte[] weightRoot, byte[] vkDigest,
                      Hiding hiding) {}

    /**
     * @param publicInput the public input (signed, logical order), or null if the input is private
     * @param output      the claimed output (signed, logical order)
     * @throws ProofRejectedException naming the check that failed
     */
    public static void verify(Key key, TableCommitment scheme, long[] publicInput, long[] output, byte[] proof)
            throws ProofRejectedException {
        Circuit c = key.circuit();
        TensorInfo in = c.tensor(c.input());
        TensorInfo out = c.tensor(c.output());
        boolean inputPublic = in.kind() == TensorInfo.Kind.PUBLIC_INPUT;
        if (inputPublic != (publicInput != null)) {
            throw new ProofRejectedException(inputPublic ? "the key says the input is public, but the proof carries none"
                    : "the key says the input is private, but the proof carries one");
        }
        if (publicInput != null) {
            checkValues("public input", publicInput, in);
        }
        checkValues("output", output, out);
        VerifierChannel ch = new VerifierChannel(Statement.transcript(key.vkDigest(), publicInput, output), new ProofReader(proof));
        VerifierContext ctx = new VerifierContext(c, key.plan(), ch, new ClaimBook(c, key.plan()));
        byte[] witnessRoot = ch.receiveDigest("witness commitment");

        stage("output check", () -> OutputVerifier.verify(ctx, Statement.field(output)));
        LookupVerifier.verify(ctx);
        walk(ctx);
        InputVerifier.verify(ctx);
        ctx.claims().checkAllConsumed();
        if (publicInput != null) {
            long[] padded = in.shape().pad(Statement.field(publicInput), 0);
            for (EvaluationClaim claim : ctx.claims().publicInputClaims()) {
                Ext actual = Multilinear.evaluate(padded, claim.point());
                if (!actual.equals(claim.value())) {
                    throw new ProofRejectedException("a claim on the public input is false (" + claim.value() + " vs " + actual + ")");
                }
            }
        }

        Hiding hiding = key.hiding();
        open(scheme, witnessRoot, hiding.witnessLayout(key.plan().layout()), hiding.witnessOpenings(), ctx.claims().slotClaims(), ch, "witness");
        open(scheme, key.weightRoot(), key.weightLayout(), hiding.weightCommitmentOpenings(), ctx.claims().weightClaims(), ch, "model weights");
        ch.in().finish();
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

    private static void open(TableCommitment scheme, byte[] root, WitnessLayout layout, int hidingOpenings,
                             List<List<EvaluationClaim>> claims, VerifierChannel ch, String what) throws ProofRejectedException {
        List<EvaluationClaim> all = PackedClaims.of(layout, claims);
        if (all.isEmpty()) {
            return;
        }
        try {
            ClaimBatchProof proof = ClaimBatchProof.readFrom(ch.in(), layout.numVars());
            EvaluationClaim reduced = ClaimBatchVerifier.verify(all, layout.numVars(), proof, ch.transcript());
            scheme.verify(root, layout.numVars(), hidingOpenings, reduced, ch);
        } catch (ProofRejectedException e) {
            throw new ProofRejectedException("opening of the " + what + " commitment: " + e.getMessage(), e);
        }
    }

    private static void walk(VerifierContext ctx) throws ProofRejectedException {
        var layers = ctx.circuit().layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            String where = "layer " + i + " (" + layer.describe() + ")";
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
