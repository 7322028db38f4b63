package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.merkle.MerkleHash;
import io.zkml4j.crypto.pcs.PolynomialCommitment;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Ligero commitment: the Merkle root over the columns of the encoded matrix, the numbers of variables
 * of the committed polynomials and how many of their first entries may be nonzero (their prefix lengths,
 * {@code 2^n} for full polynomials; see {@link LigeroShape}), the matrix's column count
 * {@code 2^columnsLog}, and how many openings it hides ({@code 0}: a binding, non-hiding commitment; see
 * {@link LigeroProver}).
 *
 * <p>Encoding: {@code root (32 bytes) ‖ u32 count ‖ (u32 n_k ‖ u32 len_k) … ‖ u32 columnsLog ‖ u32 hidingOpenings}.
 */
public record LigeroCommitment(byte[] root, int[] numVariables, int[] lengths, int columnsLog, int hidingOpenings)
        implements PolynomialCommitment.Commitment {

    /** A non-hiding commitment to full polynomials. */
    public LigeroCommitment(byte[] root, int[] numVariables, int columnsLog) {
        this(root, numVariables, columnsLog, 0);
    }

    /** A commitment to full polynomials. */
    public LigeroCommitment(byte[] root, int[] numVariables, int columnsLog, int hidingOpenings) {
        this(root, numVariables, LigeroShape.fullLengths(numVariables), columnsLog, hidingOpenings);
    }

    public LigeroCommitment {
        if (root.length != MerkleHash.DIGEST_BYTES) {
            throw new IllegalArgumentException("a Merkle root has 32 bytes, got " + root.length);
        }
        root = root.clone();
        numVariables = numVariables.clone();
        lengths = lengths.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public int[] numVariables() {
        return numVariables.clone();
    }

    public int[] lengths() {
        return lengths.clone();
    }

    @Override
    public void writeTo(ProofWriter out) {
        out.writeFixed(root);
        out.writeInt(numVariables.length);
        for (int k = 0; k < numVariables.length; k++) {
            out.writeInt(numVariables[k]);
            out.writeInt(lengths[k]);
        }
        out.writeInt(columnsLog);
        out.writeInt(hidingOpenings);
    }

    /** Reads a commitment and checks that its shape is valid under {@code params}. */
    public static LigeroCommitment readFrom(ProofReader in, LigeroParameters params) throws ProofRejectedException {
        byte[] root = in.readFixed("Ligero root", MerkleHash.DIGEST_BYTES);
        int count = in.readCount("Ligero polynomials", LigeroParameters.MAX_POLYNOMIALS);
        int[] numVariables = new int[count];
        int[] lengths = new int[count];
        for (int k = 0; k < count; k++) {
            numVariables[k] = in.readInt("Ligero number of variables");
            lengths[k] = in.readInt("Ligero prefix length");
        }
        int columnsLog = in.readInt("Ligero columns log");
        int hiding = in.readInt("Ligero hidden openings");
        LigeroCommitment c = new LigeroCommitment(root, numVariables, lengths, columnsLog, hiding);
        c.shape(params);
        return c;
    }

    /** The layout under {@code params}; a malformed shape is a rejection. */
    LigeroShape shape(LigeroParameters params) throws ProofRejectedException {
        try {
            return LigeroShape.of(numVariables, lengths, columnsLog, hidingOpenings, params);
        } catch (IllegalArgumentException e) {
            throw new ProofRejectedException("malformed Ligero commitment: " + e.getMessage());
        }
    }

    void absorbInto(Transcript transcript) {
        transcript.absorbBytes("ligero/root", root);
        transcript.absorbLong("ligero/polynomials", numVariables.length);
        for (int k = 0; k < numVariables.length; k++) {
            transcript.absorbLong("ligero/variables", numVariables[k]);
            transcript.absorbLong("ligero/prefix-length", lengths[k]);
        }
        transcript.absorbLong("ligero/columns-log", columnsLog);
        transcript.absorbLong("ligero/hiding-openings", hidingOpenings);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LigeroCommitment c && Arrays.equals(c.root, root)
                && Arrays.equals(c.numVariables, numVariables) && Arrays.equals(c.lengths, lengths) && c.columnsLog == columnsLog
                && c.hidingOpenings == hidingOpenings;
    }

    @Override
    public int hashCode() {
        return (((Arrays.hashCode(root) * 31 + Arrays.hashCode(numVariables)) * 31 + Arrays.hashCode(lengths)) * 31 + columnsLog) * 31
                + hidingOpenings;
    }

    @Override
    public String toString() {
        return "LigeroCommitment[root=" + HexFormat.of().formatHex(root) + ", numVariables="
                + Arrays.toString(numVariables) + ", lengths=" + Arrays.toString(lengths) + ", columnsLog=" + columnsLog + ", hidingOpenings=" + hidingOpenings + "]";
    }
}
