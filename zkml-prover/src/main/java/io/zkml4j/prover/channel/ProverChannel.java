package io.zkml4j.prover.channel;

import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.transcript.Transcript;

/**
 * The one place prover messages pass through: each message is absorbed into the Fiat–Shamir transcript
 * and appended to the proof bytes at the moment it is sent, in the order the verifier will read it
 * ({@link VerifierChannel} mirrors every call). Sub-protocols that absorb their own messages (sumcheck,
 * LogUp-GKR, Ligero) run on {@link #transcript()} and then write their proof object with {@link #out()}.
 * Zero-knowledge masking of messages (next milestone) goes here.
 */
public final class ProverChannel {
    private final Transcript transcript;
    private final ProofWriter out = new ProofWriter();

    public ProverChannel(Transcript transcript) {
        this.transcript = transcript;
    }

    public Transcript transcript() {
        return transcript;
    }

    public ProofWriter out() {
        return out;
    }

    public void sendExt(String label, Ext e) {
        transcript.absorbExt(label, e);
        out.writeExt(e);
    }

    /** Sends a fixed-count vector of extension elements (the verifier knows the count). */
    public void sendExts(String label, Ext[] es) {
        for (Ext e : es) {
            sendExt(label, e);
        }
    }

    public void sendDigest(String label, byte[] digest) {
        transcript.absorbBytes(label, digest);
        out.writeFixed(digest);
    }

    public Ext challenge(String label) {
        return transcript.challengeExt(label);
    }

    public Ext[] challenges(String label, int n) {
        return transcript.challengeExts(label, n);
    }
}
