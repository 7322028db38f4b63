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
    public static final int FORMAT_VERSION = 3;

    private Zkml() {}

    /** Commits to the model's weights and returns the proving key (its verifying key inside). */
    public static ProvingKey setup(QuantizedModel model, String modelName, SecurityLevel security) throws NotProvableException {
        return ProvingKey.create(model, modelName, security);
    }

    /**
     * Runs the model on a quantized input and proves the output.
     *
     * @param input the model input as integers ({@code QuantizedModel.quantizeInput}), logical order; with
     *              several inputs, their concatenation in model order
     * @throws IllegalArgumentException if the input has the wrong length or leaves the model's input range
     */
    public static Proof prove(ProvingKey pk, long[] input, Visibility visibility) {
        InferenceProver.Result r = InferenceProver.prove(pk.engineKey(visibility), pk.scheme(), input);
        return new Proof(pk.verifyingKey().digest(), visibility, visibility == Visibility.PUBLIC ? input.clone() : null,
                r.output(), r.proof());
    }

    /** Several inputs (model order), each as integers: proved as their concatenation. */
    public static Proof prove(ProvingKey pk, long[][] inputs, Visibility visibility) {
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
        return prove(pk, all, visibility);
    }

    /** Quantizes float inputs (model order) with the model's input scales, then proves. */
    public static Proof prove(ProvingKey pk, float[][] inputs, Visibility visibility) {
        return prove(pk, pk.model().quantizeInputs(inputs), visibility);
    }

    /** Quantizes a float input with the model's input scale, then proves (single-input models). */
    public static Proof prove(ProvingKey pk, float[] input, Visibility visibility) {
        return prove(pk, new float[][] {input}, visibility);
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
        try {
            InferenceVerifier.verify(vk.engineKey(proof.inputVisibility()), new io.zkml4j.prover.engine.LigeroTableCommitment(vk.security().ligero()),
                    proof.publicInput(), proof.output(), proof.proof());
        } catch (RuntimeException e) {
            // Defence in depth: hostile bytes must never escape as a runtime exception.
            throw new ProofRejectedException("malformed proof (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return VerifiedOutput.of(vk.metadata().outputs(), proof.output());
    }
}
