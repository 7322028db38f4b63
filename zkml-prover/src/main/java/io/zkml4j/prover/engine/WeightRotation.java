package io.zkml4j.prover.engine;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.transcript.Transcript;
import io.zkml4j.prover.channel.ProverChannel;
import io.zkml4j.prover.channel.VerifierChannel;

/**
 * A rotation of the model commitment: a proof that two model commitments {@code C} (the old key's) and
 * {@code C'} (the new key's) hold the same table {@code F} (the packed weights and the mask slot).
 *
 * <p>Transcript: the protocol id, both verifying-key digests (which bind both roots, the architecture and
 * the parameters); then {@code p ← E^n}; the prover sends {@code v = F~(p)} and opens {@code C} and
 * {@code C'} at {@code (p, v)}.
 *
 * <p><b>Soundness.</b> The openings bind: {@code F~(p) = v = F'~(p)}. If {@code F ≠ F'}, then
 * {@code F~ − F'~} is a non-zero multilinear polynomial, zero at a random {@code p} with probability at most
 * {@code n/|E|} (Schwartz–Zippel), about {@code 2^-123}. <b>Hiding.</b> One opening of each commitment
 * (within their budgets; see {@link Hiding}); {@code v} is uniform because of the mask slot.
 */
public final class WeightRotation {
    public static final String PROTOCOL = "zkml4j/rotation/v1";

    private WeightRotation() {}

    public static byte[] prove(InferenceProver.Key old, InferenceProver.Key next, TableCommitment scheme) {
        if (!java.util.Arrays.equals(old.packedWeights(), next.packedWeights())) {
            throw new IllegalArgumentException("the two keys do not commit to the same table");
        }
        ProverChannel ch = new ProverChannel(transcript(old.vkDigest(), next.vkDigest()));
        int n = old.weightLayout().numVars();
        Ext[] p = ch.challenges("opening point", n);
        Ext v = Multilinear.evaluatePrefix(old.packedWeights(), p);
        ch.sendPublic("value", v);
        EvaluationClaim claim = new EvaluationClaim(p, v);
        scheme.open(old.weightCommitment(), claim, ch);
        scheme.open(next.weightCommitment(), claim, ch);
        return ch.out().toByteArray();
    }

    /** Checks that {@code next} commits to what {@code old} does; the caller checks the keys agree on everything else. */
    public static void verify(InferenceVerifier.Key old, InferenceVerifier.Key next, TableCommitment scheme, byte[] proof)
            throws ProofRejectedException {
        if (!old.hiding().equals(next.hiding()) || old.weightLayout().numVars() != next.weightLayout().numVars()
                || old.weightLayout().length() != next.weightLayout().length()) {
            throw new ProofRejectedException("the rotated key commits to a table of another shape");
        }
        try {
            VerifierChannel ch = new VerifierChannel(transcript(old.vkDigest(), next.vkDigest()), new ProofReader(proof));
            int n = old.weightLayout().numVars();
            Ext[] p = ch.challenges("opening point", n);
            EvaluationClaim claim = new EvaluationClaim(p, ch.receivePublic("value"));
            int openings = old.hiding().weightCommitmentOpenings();
            int length = old.weightLayout().length();
            scheme.verify(old.weightRoot(), length, openings, claim, ch);
            scheme.verify(next.weightRoot(), length, openings, claim, ch);
            ch.in().finish();
        } catch (RuntimeException e) {
            throw new ProofRejectedException("malformed rotation proof (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Transcript transcript(byte[] oldDigest, byte[] newDigest) {
        Transcript t = new Transcript(PROTOCOL);
        t.absorbBytes("old verifying key", oldDigest);
        t.absorbBytes("new verifying key", newDigest);
        return t;
    }
}
