package io.zkml4j.prover.channel;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.transcript.Transcript;

/** The verifier's side of {@link ProverChannel}: reads each message from the proof bytes and absorbs it. */
public final class VerifierChannel {
    private final Transcript transcript;
    private final ProofReader in;

    public VerifierChannel(Transcript transcript, ProofReader in) {
        this.transcript = transcript;
        this.in = in;
    }

    public Transcript transcript() {
        return transcript;
    }

    public ProofReader in() {
        return in;
    }

    public Ext receiveExt(String label) throws ProofRejectedException {
        Ext e = in.readExt(label);
        transcript.absorbExt(label, e);
        return e;
    }

    public Ext[] receiveExts(String label, int n) throws ProofRejectedException {
        Ext[] es = new Ext[n];
        for (int i = 0; i < n; i++) {
            es[i] = receiveExt(label);
        }
        return es;
    }

    public byte[] receiveDigest(String label) throws ProofRejectedException {
        byte[] d = in.readFixed(label, 32);
        transcript.absorbBytes(label, d);
        return d;
    }

    public Ext challenge(String label) {
        return transcript.challengeExt(label);
    }

    public Ext[] challenges(String label, int n) {
        return transcript.challengeExts(label, n);
    }
}
