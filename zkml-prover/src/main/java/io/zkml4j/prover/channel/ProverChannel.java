package io.zkml4j.prover.channel;

import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.sumcheck.SumcheckInstance;
import io.zkml4j.crypto.sumcheck.SumcheckProver;
import io.zkml4j.crypto.transcript.Transcript;

/**
 * The one place prover messages pass through: each message is absorbed into the Fiat–Shamir transcript
 * and appended to the proof bytes at the moment it is sent, in the order the verifier will read it
 * ({@link VerifierChannel} mirrors every call). Sub-protocols that absorb their own messages (sumcheck,
 * LogUp-GKR, Ligero) run on {@link #transcript()} with {@link #masking()} and then write their proof
 * object with {@link #out()}.
 *
 * <p><b>Zero knowledge.</b> Every message about the witness or the weights ({@link #sendExt}, the
 * sub-protocols' rounds) is hidden by the {@link Masking}: in a zero-knowledge proof it is sent padded by
 * the next pad of the pad commitment. Values that reveal nothing by construction (the opened values of
 * the hiding commitments, the pad proof) go out with {@link #sendPublic}.
 */
public final class ProverChannel {
    private final Transcript transcript;
    private final Masking masking;
    private final ProofWriter out = new ProofWriter();

    public ProverChannel(Transcript transcript) {
        this(transcript, Masking.NONE);
    }

    public ProverChannel(Transcript transcript, Masking masking) {
        this.transcript = transcript;
        this.masking = masking;
    }

    public Transcript transcript() {
        return transcript;
    }

    public Masking masking() {
        return masking;
    }

    public ProofWriter out() {
        return out;
    }

    /** Sends a value about the witness, hidden by the masking. */
    public void sendExt(String label, Ext e) {
        sendPublic(label, masking.hide(e));
    }

    /** Sends a value as it is. */
    public void sendPublic(String label, Ext e) {
        transcript.absorbExt(label, e);
        out.writeExt(e);
    }

    /** Sends a non-negative count as it is (part of the statement the proof establishes). */
    public void sendCount(String label, int count) {
        transcript.absorbLong(label, count);
        out.writeInt(count);
    }

    public void sendDigest(String label, byte[] digest) {
        transcript.absorbBytes(label, digest);
        out.writeFixed(digest);
    }

    /** Proves a sumcheck with hidden rounds and writes its proof. */
    public SumcheckProver.Result sumcheck(SumcheckInstance instance) {
        SumcheckProver.Result res = SumcheckProver.prove(instance, transcript, masking);
        res.proof().writeTo(out);
        return res;
    }

    public Ext challenge(String label) {
        return transcript.challengeExt(label);
    }

    public Ext[] challenges(String label, int n) {
        return transcript.challengeExts(label, n);
    }
}
