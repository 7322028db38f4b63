package io.zkml4j.prover.channel;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.sumcheck.HiddenSubClaim;
import io.zkml4j.crypto.sumcheck.SumcheckProof;
import io.zkml4j.crypto.sumcheck.SumcheckVerifier;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.function.Supplier;

/**
 * The verifier's side of {@link ProverChannel}: reads each message from the proof bytes and absorbs it.
 * Values about the witness arrive as {@link Hidden} forms through {@link #checks()} (public ones without
 * zero knowledge, pad-padded ones with it), and the verifier's checks on them go through {@link #require}.
 */
public final class VerifierChannel {
    private final Transcript transcript;
    private final ProofReader in;
    private final HiddenChecks checks;

    public VerifierChannel(Transcript transcript, ProofReader in) {
        this(transcript, in, HiddenChecks.eager());
    }

    public VerifierChannel(Transcript transcript, ProofReader in, HiddenChecks checks) {
        this.transcript = transcript;
        this.in = in;
        this.checks = checks;
    }

    public Transcript transcript() {
        return transcript;
    }

    public ProofReader in() {
        return in;
    }

    public HiddenChecks checks() {
        return checks;
    }

    /** A value about the witness ({@link ProverChannel#sendExt}). */
    public Hidden receive(String label) throws ProofRejectedException {
        return checks.receive(receivePublic(label));
    }

    /** A value sent as it is ({@link ProverChannel#sendPublic}). */
    public Ext receivePublic(String label) throws ProofRejectedException {
        Ext e = in.readExt(label);
        transcript.absorbExt(label, e);
        return e;
    }

    /** A count in {@code [0, max]} ({@link ProverChannel#sendCount}). */
    public int receiveCount(String label, int max) throws ProofRejectedException {
        int n = in.readCount(label, max);
        transcript.absorbLong(label, n);
        return n;
    }

    public byte[] receiveDigest(String label) throws ProofRejectedException {
        byte[] d = in.readFixed(label, 32);
        transcript.absorbBytes(label, d);
        return d;
    }

    /** Reads and checks a sumcheck of {@code claim} with hidden rounds ({@link ProverChannel#sumcheck}). */
    public HiddenSubClaim sumcheck(Hidden claim, int numVars, int degree) throws ProofRejectedException {
        SumcheckProof proof = SumcheckProof.readFrom(in, numVars, degree);
        return SumcheckVerifier.verify(claim, numVars, degree, proof, transcript, checks);
    }

    /** Requires {@code actual = expected}: at once when both are public, else at the end (pad proof). */
    public void require(Hidden actual, Hidden expected, Supplier<String> reason) throws ProofRejectedException {
        checks.requireEqual(actual, expected, reason);
    }

    public Ext challenge(String label) {
        return transcript.challengeExt(label);
    }

    public Ext[] challenges(String label, int n) {
        return transcript.challengeExts(label, n);
    }
}
