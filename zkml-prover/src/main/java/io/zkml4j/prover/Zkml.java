package io.zkml4j.prover;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.model.quant.QuantizedModel;
import io.zkml4j.prover.compile.NotProvableException;
import io.zkml4j.prover.engine.InferenceProver;
import io.zkml4j.prover.engine.InferenceVerifier;

import java.security.MessageDigest;

/**
 * The Java API of zkml4j.
 * <pre>{@code
 *   ProvingKey pk = Zkml.setup(model, "credit-risk", SecurityLevel.STANDARD);
 *   VerifyingKey vk = pk.verifyingKey();                      // publish this
 *   Proof proof = Zkml.prove(pk, quantizedInput, Visibility.PUBLIC);
 *   VerifiedOutput out = Zkml.verify(vk, proof);              // or ProofRejectedException with a reason
 * }</pre>
 * A model comes from {@code zkml-model}: {@code OnnxImporter.importModel} then {@code Quantizer.quantize}.
 */
public final class Zkml {
    /** The format version of the {@code .pk}, {@code .vk} and {@code .zkml} files this version writes and reads. */
    public static final int FORMAT_VERSION = 11;

    private Zkml() {}

    /**
     * Commits to the model's weights with a hiding commitment good for {@link ProvingKey#DEFAULT_BUDGET}
     * proofs and returns the proving key (its verifying key inside).
     */
    public static ProvingKey setup(QuantizedModel model, String modelName, SecurityLevel security) throws NotProvableException {
        return setup(model, modelName, security, ProvingKey.DEFAULT_BUDGET);
    }

    /**
     * Commits to the model's weights, hiding them for {@code openingBudget} proofs (1 to
     * {@link io.zkml4j.prover.engine.Hiding#MAX_BUDGET}), or not hiding at all with 0 (the {@code --no-zk}
     * keys: every proof then reveals linear combinations of the weights).
     */
    public static ProvingKey setup(QuantizedModel model, String modelName, SecurityLevel security, int openingBudget)
            throws NotProvableException {
        if (openingBudget < 0 || openingBudget > io.zkml4j.prover.engine.Hiding.MAX_BUDGET) {
            throw new IllegalArgumentException("opening budget " + openingBudget + " is outside 0.." + io.zkml4j.prover.engine.Hiding.MAX_BUDGET);
        }
        return ProvingKey.create(model, modelName, security, openingBudget);
    }

    /**
     * Sets up a key for a public model: the verifying key carries the weights (anyone may check them against
     * the model), so proofs need no model commitment and no budget. With {@code zeroKnowledge} the proofs
     * still reveal nothing about a private input beyond the output.
     */
    public static ProvingKey setupWithPublicWeights(QuantizedModel model, String modelName, SecurityLevel security,
                                                    boolean zeroKnowledge) throws NotProvableException {
        return ProvingKey.create(model, modelName, security, io.zkml4j.prover.engine.Hiding.withPublicWeights(zeroKnowledge));
    }

    /**
     * Runs the model on a quantized input and proves the output.
     *
     * @param input the model input as integers ({@code QuantizedModel.quantizeInput}), logical order; with
     *              several inputs, their concatenation in model order
     * @throws IllegalArgumentException if the input has the wrong length or leaves the model's input range
     * @throws ProvingKey.BudgetSpentException if the key has made all the proofs its model commitment hides
     */
    public static Proof prove(ProvingKey pk, long[] input, Visibility visibility) {
        if (visibility == Visibility.HASHED) {
            throw new IllegalArgumentException("a hashed input needs its seed: Zkml.proveHashed(pk, input, seed)");
        }
        return prove(pk, input, visibility, null, null);
    }

    /**
     * Proves with a hashed input: the proof carries the input's commitment ({@link #commitInput}) made with
     * {@code seed} (32 secret bytes; keep them with the input). Proofs made with the same input and seed carry
     * the same commitment; one commitment hides {@code HashedTensor.INPUT_BUDGET} proofs (then use a new seed).
     */
    public static Proof proveHashed(ProvingKey pk, long[] input, byte[] seed) {
        return prove(pk, input, Visibility.HASHED, seed, null);
    }

    /**
     * The general form: the input's visibility ({@code inputSeed} given exactly for {@link Visibility#HASHED}),
     * and the output public ({@code outputSeed} null) or hashed: the proof then carries only a commitment to
     * the output ({@link #commitOutput}), made with {@code outputSeed} (32 secret bytes, one proof each); whoever
     * holds the output and the seed can show what the output was.
     */
    public static Proof prove(ProvingKey pk, long[] input, Visibility visibility, byte[] inputSeed, byte[] outputSeed) {
        if ((visibility == Visibility.HASHED) != (inputSeed != null)) {
            throw new IllegalArgumentException("an input seed goes with a hashed input, and only with one");
        }
        InferenceProver.Key key = pk.engineKey(visibility, outputSeed != null);
        pk.spendOpening();
        InferenceProver.Result r = InferenceProver.prove(key, pk.scheme(), input, new InferenceProver.Disclosure(inputSeed, outputSeed));
        return new Proof(pk.verifyingKey().digest(), visibility, visibility == Visibility.PUBLIC ? input.clone() : null,
                outputSeed == null ? r.output() : null, r.proof(), r.inputCommitment(), r.outputCommitment());
    }

    /** Proves with a hashed output; returns the proof and the output it commits to (to keep with the seed). */
    public record HashedOutputProof(Proof proof, long[] output) {}

    public static HashedOutputProof proveWithHashedOutput(ProvingKey pk, long[] input, Visibility visibility, byte[] inputSeed,
                                                          byte[] outputSeed) {
        java.util.Objects.requireNonNull(outputSeed, "outputSeed");
        if ((visibility == Visibility.HASHED) != (inputSeed != null)) {
            throw new IllegalArgumentException("an input seed goes with a hashed input, and only with one");
        }
        InferenceProver.Key key = pk.engineKey(visibility, true);
        pk.spendOpening();
        InferenceProver.Result r = InferenceProver.prove(key, pk.scheme(), input, new InferenceProver.Disclosure(inputSeed, outputSeed));
        Proof p = new Proof(pk.verifyingKey().digest(), visibility, visibility == Visibility.PUBLIC ? input.clone() : null,
                null, r.proof(), r.inputCommitment(), r.outputCommitment());
        return new HashedOutputProof(p, r.output());
    }

    /**
     * The commitment a hashed-input proof under {@code vk} carries for this input and seed: anyone given the
     * input and the seed recomputes it and so learns which input a proof was about.
     */
    public static byte[] commitInput(VerifyingKey vk, long[] input, byte[] seed) {
        return vk.commitHashed(io.zkml4j.prover.engine.HashedTensor.Role.INPUT, input, seed);
    }

    /**
     * Opens a hashed-output proof: verifies it, then checks that {@code output} with {@code seed} (what the
     * prover kept) is what its commitment holds, and returns the output as a public-output proof would.
     */
    public static VerifiedOutput openOutput(VerifyingKey vk, Proof proof, long[] output, byte[] seed) throws ProofRejectedException {
        if (proof.outputCommitment() == null) {
            throw new ProofRejectedException("the proof's output is public, not hashed: nothing to open");
        }
        verify(vk, proof);
        if (output.length != vk.circuit().tensor(vk.circuit().output()).shape().size()
                || !MessageDigest.isEqual(commitOutput(vk, output, seed), proof.outputCommitment())) {
            throw new ProofRejectedException("this output and seed are not what the proof's output commitment holds");
        }
        return VerifiedOutput.of(vk.metadata().outputs(), output);
    }

    /** The commitment a hashed-output proof carries for this output and seed (what opening it checks). */
    public static byte[] commitOutput(VerifyingKey vk, long[] output, byte[] seed) {
        return vk.commitHashed(io.zkml4j.prover.engine.HashedTensor.Role.OUTPUT, output, seed);
    }

    /** {@link #commitInput(VerifyingKey, long[], byte[])} of float inputs (model order), quantized as proving does. */
    public static byte[] commitInput(VerifyingKey vk, float[][] inputs, byte[] seed) {
        return commitInput(vk, concatInputs(vk.quantizeInputs(inputs)), seed);
    }

    /** Several inputs (model order), each as integers: proved as their concatenation. */
    public static Proof prove(ProvingKey pk, long[][] inputs, Visibility visibility) {
        return prove(pk, concatInputs(inputs), visibility);
    }

    /** {@link #proveHashed(ProvingKey, long[], byte[])} for several inputs (model order), as their concatenation. */
    public static Proof proveHashed(ProvingKey pk, long[][] inputs, byte[] seed) {
        return proveHashed(pk, concatInputs(inputs), seed);
    }

    /** The proof's input of a model with several inputs: their concatenation in model order. */
    public static long[] concatInputs(long[][] inputs) {
        int n = 0;
        for (long[] in : inputs) {
            n += in.length;
        }
        long[] all = new long[n];
        int off = 0;
        for (long[] in : inputs) {
            System.arraycopy(in, 0, all, off, in.length);
            off += in.length;
        }
        return all;
    }

    /** Quantizes float inputs (model order) with the model's input scales, then proves. */
    public static Proof prove(ProvingKey pk, float[][] inputs, Visibility visibility) {
        return prove(pk, pk.model().quantizeInputs(inputs), visibility);
    }

    /** Quantizes a float input with the model's input scale, then proves (single-input models). */
    public static Proof prove(ProvingKey pk, float[] input, Visibility visibility) {
        return prove(pk, new float[][] {input}, visibility);
    }

    /** A rotated key and the rotation to publish with it. */
    public record Rotated(ProvingKey key, Rotation rotation) {}

    /**
     * Rotates the model commitment: retires {@code pk} (it proves no more; if bound to a file, the file
     * says so before this returns) and returns a new proving key for the same weights under a new model
     * commitment, with the {@link Rotation} that proves it. Publish the rotation and the new verifying key;
     * verifiers who trust the old key check proofs under the new one with {@link #verify(VerifyingKey, List, Proof)}.
     *
     * @throws ProvingKey.BudgetSpentException if the key is retired already or its chain is at its end
     * @throws IllegalStateException           for a key that does not hide ({@code --no-zk})
     */
    public static Rotated rotate(ProvingKey pk) throws NotProvableException {
        return pk.rotate();
    }

    /**
     * Checks a proof made under a key of a chain of rotations starting at {@code original} (the original
     * key itself, or any rotated one): each rotation must continue the key before it and prove that its
     * new commitment holds the same weights.
     */
    public static VerifiedOutput verify(VerifyingKey original, java.util.List<Rotation> rotations, Proof proof) throws ProofRejectedException {
        VerifyingKey key = original;
        VerifyingKey proofKey = MessageDigest.isEqual(key.digest(), proof.vkDigest()) ? key : null;
        for (int i = 0; i < rotations.size(); i++) {
            try {
                rotations.get(i).verify(key);
            } catch (ProofRejectedException e) {
                throw new ProofRejectedException("rotation " + (i + 1) + " of " + rotations.size() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new ProofRejectedException("rotation " + (i + 1) + " of " + rotations.size() + " is malformed ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            key = rotations.get(i).newKey();
            if (proofKey == null && MessageDigest.isEqual(key.digest(), proof.vkDigest())) {
                proofKey = key;
            }
        }
        // a proof made under any key of the checked chain is the original model's
        return verify(proofKey != null ? proofKey : key, proof);
    }

    /**
     * Checks a proof against a verifying key. Returns the established output, or throws
     * {@link ProofRejectedException} naming the check that failed; never anything else.
     */
    public static VerifiedOutput verify(VerifyingKey vk, Proof proof) throws ProofRejectedException {
        if (!MessageDigest.isEqual(vk.digest(), proof.vkDigest())) {
            throw new ProofRejectedException("the proof was made for another model or key (proof names key "
                    + proof.vkDigestHex().substring(0, 16) + "…, this key is " + vk.digestHex().substring(0, 16) + "…)");
        }
        io.zkml4j.prover.engine.Limits limits;
        try {
            limits = InferenceVerifier.verify(vk.engineKey(proof.inputVisibility()), vk.scheme(), new io.zkml4j.prover.engine.Statement.Claimed(
                    proof.publicInput(), proof.inputCommitment(), proof.output(), proof.outputCommitment()), proof.proof());
        } catch (RuntimeException e) {
            // Defence in depth: hostile bytes must never escape as a runtime exception.
            throw new ProofRejectedException("malformed proof (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        VerifiedOutput out = proof.output() == null ? VerifiedOutput.hashed(proof.outputCommitment())
                : VerifiedOutput.of(vk.metadata().outputs(), proof.output());
        return out.withLimits(limits.inputAtLimits(), limits.outputAtLimits());
    }
}
