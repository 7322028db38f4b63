package io.zkml4j.prover.engine;

import io.zkml4j.prover.circuit.Circuit;
import io.zkml4j.prover.circuit.WeightInfo;
import io.zkml4j.prover.layout.WitnessLayout;
import io.zkml4j.prover.plan.WitnessPlan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Setup: commits to the weights once (one packed table, see {@link WitnessLayout}) and derives the
 * prover's and verifier's keys. The verifying-key digest binds the architecture (the caller's canonical
 * description of the circuit), the weight root and the commitment parameters.
 */
public record InferenceKeys(InferenceProver.Key prover, InferenceVerifier.Key verifier) {

    /**
     * @param weights            each weight tensor of {@code circuit.weights()}, signed, logical order
     * @param metadata           public facts the verifying key also binds (names, scales, model digest)
     */
    public static InferenceKeys create(Circuit circuit, long[][] weights, TableCommitment scheme, byte[] metadata) {
        return create(circuit, weights, scheme, metadata, Hiding.NONE, null, null);
    }

    /**
     * With hiding commitments: the model commitment's randomness comes from two seeds (32 bytes each, kept
     * in the proving key) so that loading the key recommits to the same root: {@code maskSeed} fills the
     * mask slot (the same for every key of a chain of rotations, so that they commit to the same table),
     * {@code commitmentSeed} the Ligero padding, mask rows and salts (fresh for every key). Proofs draw
     * their randomness fresh.
     */
    public static InferenceKeys create(Circuit circuit, long[][] weights, TableCommitment scheme, byte[] metadata,
                                       Hiding hiding, byte[] maskSeed, byte[] commitmentSeed) {
        return create(circuit, weights, scheme, metadata, hiding, maskSeed, commitmentSeed, null);
    }

    /** As above, with the pad plan of a zero-knowledge key known already (null: found now, see {@link InferenceProver#planPads}). */
    public static InferenceKeys create(Circuit circuit, long[][] weights, TableCommitment scheme, byte[] metadata,
                                       Hiding hiding, byte[] maskSeed, byte[] commitmentSeed, io.zkml4j.crypto.hidden.PadPlan padPlan) {
        long[][] padded = paddedWeights(circuit, weights);
        WitnessLayout layout = weightLayout(circuit, hiding);
        TableCommitment.Committed committed;
        long[] packed;
        if (hiding.publicWeights()) {
            committed = new PublicWeights(publicWeightsRoot(padded));
            packed = null;
        } else if (hiding.enabled()) {
            packed = Hiding.pack(layout, java.util.List.of(padded), io.zkml4j.crypto.random.ZkRandom.fromSeed(maskSeed, "zkml4j/weights/mask"));
            committed = scheme.commit(packed, hiding.weightCommitmentOpenings(),
                    io.zkml4j.crypto.random.ZkRandom.fromSeed(commitmentSeed, "zkml4j/weights/commitment"));
        } else {
            packed = layout.pack(java.util.List.of(padded));
            committed = scheme.commit(packed);
        }
        byte[] digest = vkDigest(circuit, metadata, committed.root(), scheme, hiding);
        WitnessPlan plan = WitnessPlan.of(circuit);
        InferenceProver.Key prover = new InferenceProver.Key(circuit, plan, padded, layout, packed, committed, digest, hiding, null);
        if (hiding.zeroKnowledge()) {
            prover = prover.withPadPlan(padPlan != null ? padPlan : InferenceProver.planPads(prover));
        }
        return new InferenceKeys(prover, prover.verifierKey());
    }

    /** The "commitment" of public weights: SHA-256 over them, to name them (the verifying key carries them). */
    record PublicWeights(byte[] root) implements TableCommitment.Committed {}

    /** Each weight tensor padded to its shape's cube, as canonical field elements. */
    public static long[][] paddedWeights(Circuit circuit, long[][] weights) {
        int n = circuit.weights().size();
        if (weights.length != n) {
            throw new IllegalArgumentException(weights.length + " weight tensors for " + n + " weights");
        }
        long[][] padded = new long[n][];
        for (int i = 0; i < n; i++) {
            WeightInfo w = circuit.weights().get(i);
            if (weights[i].length != w.shape().size()) {
                throw new IllegalArgumentException("weight " + i + " has " + weights[i].length + " values; its shape has " + w.shape().size());
            }
            padded[i] = Statement.field(w.shape().pad(weights[i], 0));
        }
        return padded;
    }

    /** SHA-256 over padded weight tables: the model commitment of public weights. */
    public static byte[] publicWeightsRoot(long[][] padded) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("zkml4j/public-weights/v1".getBytes(StandardCharsets.US_ASCII));
            byte[] b = new byte[8];
            for (long[] w : padded) {
                md.update(lengthPrefix(w.length));
                for (long v : w) {
                    io.zkml4j.crypto.field.Goldilocks.encode(v, b, 0);
                    md.update(b);
                }
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Where the weights sit in the model commitment's table (the mask slot included when hiding). */
    public static WitnessLayout weightLayout(Circuit circuit, Hiding hiding) {
        int[] vars = new int[circuit.weights().size()];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = circuit.weights().get(i).shape().numVars();
        }
        return hiding.weightLayout(WitnessLayout.of(vars));
    }

    /**
     * The verifying-key digest every proof's statement starts with: SHA-256 over the circuit's canonical
     * encoding (every shape, interval, layer parameter and table), the metadata, the model commitment
     * (weight root), the commitment scheme with its parameters and how the commitments hide. Change any of them and every proof
     * made under the old key is rejected.
     */
    public static byte[] vkDigest(Circuit circuit, byte[] metadata, byte[] weightRoot, TableCommitment scheme, Hiding hiding) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("zkml4j/vk/v1".getBytes(StandardCharsets.US_ASCII));
            byte[] arch = io.zkml4j.prover.circuit.CircuitCodec.encode(circuit);
            md.update(lengthPrefix(arch.length));
            md.update(arch);
            md.update(lengthPrefix(metadata.length));
            md.update(metadata);
            md.update(weightRoot);
            md.update(scheme.describe().getBytes(StandardCharsets.UTF_8));
            md.update((" " + hiding.describe()).getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] lengthPrefix(int n) {
        return new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }
}
