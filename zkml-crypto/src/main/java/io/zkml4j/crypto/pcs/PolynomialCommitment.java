package io.zkml4j.crypto.pcs;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * A commitment scheme for multilinear polynomials over Goldilocks, opened at extension-field points.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #commit} takes one or more base-field tables, table {@code k} of {@code 2^{n_k}} entries
 *   ({@code n_k >= 0}, may differ between tables), variables little-endian as in
 *   {@link io.zkml4j.crypto.poly.Multilinear}, and returns prover data holding a short public
 *   {@link Commitment} (its shape lists every {@code n_k}).</li>
 *   <li>{@link #open} opens every committed polynomial at its own point (point {@code k} has {@code n_k}
 *   extension coordinates) in <em>one</em> proof, returning the values {@code f_k~(r_k)} with it.</li>
 *   <li>{@link #verify} returns normally only if the proof shows that each claimed value is the
 *   evaluation of the committed polynomial at its point; otherwise it throws
 *   {@link ProofRejectedException} naming the failed check. It never throws a runtime exception on
 *   malformed proofs, points or values.</li>
 *   <li>Transcript: the caller hands prover and verifier transcripts in the same state (carrying its
 *   own statement). {@code open} and {@code verify} absorb the scheme's parameters, the commitment, the
 *   points and the values before any challenge, and every prover message before the challenges that
 *   depend on it. After an accepted proof both transcripts are again in the same state.</li>
 *   <li>Bytes: commitments and proofs serialize with {@link ProofWriter}; {@link #readCommitment} and
 *   {@link #readProof} decode untrusted bytes canonically (lengths checked before allocation, canonical
 *   field elements), leaving trailing-byte checks to the caller's {@link ProofReader#finish()}.</li>
 * </ul>
 *
 * @param <C> the commitment
 * @param <D> the prover's data for a commitment (the committed polynomials and their encodings)
 * @param <P> the opening proof
 */
public interface PolynomialCommitment<C extends PolynomialCommitment.Commitment,
        D extends PolynomialCommitment.ProverData<C>, P extends PolynomialCommitment.Proof> {

    /** The public commitment: a digest plus the shape (numbers of variables). */
    interface Commitment {
        /** {@code n_k} for every committed polynomial, in commit order. */
        int[] numVariables();

        void writeTo(ProofWriter out);
    }

    /** What the prover keeps after committing. */
    interface ProverData<C> {
        C commitment();
    }

    /** One opening proof. */
    interface Proof {
        void writeTo(ProofWriter out);

        /** The length of {@link #writeTo}'s encoding in bytes. */
        int sizeBytes();
    }

    /** The claimed values {@code f_k~(r_k)}, in commit order, and the proof of them. */
    record Opening<P>(Ext[] values, P proof) {}

    /** A short name of the scheme for messages and file formats, e.g. {@code "ligero"}. */
    String name();

    /** The soundness of one opening in bits (the scheme's computed security level). */
    int securityBits();

    D commit(List<long[]> polynomials);

    Opening<P> open(D proverData, List<Ext[]> points, Transcript transcript);

    void verify(C commitment, List<Ext[]> points, Ext[] values, P proof, Transcript transcript)
            throws ProofRejectedException;

    C readCommitment(ProofReader in) throws ProofRejectedException;

    P readProof(ProofReader in, C commitment) throws ProofRejectedException;

    /** Opens every polynomial at one point: polynomial {@code k} at the first {@code n_k} coordinates. */
    default Opening<P> open(D proverData, Ext[] point, Transcript transcript) {
        return open(proverData, prefixes(point, proverData.commitment().numVariables()), transcript);
    }

    /** Verifies an opening made by {@link #open(ProverData, Ext[], Transcript)}. */
    default void verify(C commitment, Ext[] point, Ext[] values, P proof, Transcript transcript)
            throws ProofRejectedException {
        int[] numVariables = commitment.numVariables();
        for (int n : numVariables) {
            ProofRejectedException.check(n <= point.length,
                    "point has " + point.length + " coordinates, a committed polynomial has " + n + " variables");
        }
        verify(commitment, prefixes(point, numVariables), values, proof, transcript);
    }

    /** The first {@code n_k} coordinates of {@code point}, for every {@code k}. */
    static List<Ext[]> prefixes(Ext[] point, int[] numVariables) {
        List<Ext[]> points = new ArrayList<>(numVariables.length);
        for (int n : numVariables) {
            if (n > point.length) {
                throw new IllegalArgumentException("point has " + point.length + " coordinates, a polynomial has " + n + " variables");
            }
            points.add(java.util.Arrays.copyOf(point, n));
        }
        return points;
    }
}
