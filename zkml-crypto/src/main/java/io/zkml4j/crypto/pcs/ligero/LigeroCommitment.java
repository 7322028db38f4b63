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
 * of the committed polynomials, the matrix's column count {@code 2^columnsLog}, and how many openings
 * it hides ({@code 0}: a binding, non-hiding commitment; see {@link LigeroProver}).
 *
 * <p>Encoding: {@code root (32 bytes) ‖ u32 count ‖ u32 n_k … ‖ u32 columnsLog ‖ u32 hidingOpenings}.
 */
public record LigeroCommitment(byte[] root, int[] numVariables, int columnsLog, int hidingOpenings)
        implements PolynomialCommitment.Commitment {

    /** A non-hiding commitment. */
    public LigeroCommitment(byte[] root, int[] numVariables, int columnsLog) {
        this(root, numVariables, columnsLog, 0);
    }

    public LigeroCommitment {
        if (root.length != MerkleHash.DIGEST_BYTES) {
            throw new IllegalArgumentException("a Merkle root has 32 bytes, got " + root.length);
        }
        root = root.clone();
        numVariables = numVariables.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public int[] numVariables() {
        return numVariables.clone();
    }

    @Override
    public void writeTo(ProofWriter out) {
        out.writeFixed(root);
        out.writeInt(numVariables.length);
        for (int n : numVariables) {
            out.writeInt(n);
        }
        out.writeInt(columnsLog);
        out.writeInt(hidingOpenings);
    }

    /** Reads a commitment and checks that its shape is valid under {@code params}. */
    public static LigeroCommitment readFrom(ProofReader in, LigeroParameters params) throws ProofRejectedException {
        byte[] root = in.readFixed("Ligero root", MerkleHash.DIGEST_BYTES);
        int count = in.readCount("Ligero polynomials", LigeroParameters.MAX_POLYNOMIALS);
        int[] numVariables = new int[count];
        for (int k = 0; k < count; k++) {
            numVariables[k] = in.readInt("Ligero number of variables");
        }
        int columnsLog = in.readInt("Ligero columns log");
        int hiding = in.readInt("Ligero hidden openings");
        LigeroCommitment c = new LigeroCommitment(root, numVariables, columnsLog, hiding);
        c.shape(params);
        return c;
    }

    /** The layout under {@code params}; a malformed shape is a rejection. */
    LigeroShape shape(LigeroParameters params) throws ProofRejectedException {
        try {
            return LigeroShape.of(numVariables, columnsLog, hidingOpenings, params);
        } catch (IllegalArgumentException e) {
            throw new ProofRejectedException("malformed Ligero commitment: " + e.getMessage());
        }
    }

    void absorbInto(Transcript transcript) {
        transcript.absorbBytes("ligero/root", root);
        transcript.absorbLong("ligero/polynomials", numVariables.length);
        for (int n : numVariables) {
            transcript.absorbLong("ligero/variables", n);
        }
        transcript.absorbLong("ligero/columns-log", columnsLog);
        transcript.absorbLong("ligero/hiding-openings", hidingOpenings);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LigeroCommitment c && Arrays.equals(c.root, root)
                && Arrays.equals(c.numVariables, numVariables) && c.columnsLog == columnsLog
                && c.hidingOpenings == hidingOpenings;
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(root) * 31 + Arrays.hashCode(numVariables)) * 31 + columnsLog) * 31 + hidingOpenings;
    }

    @Override
    public String toString() {
        return "LigeroCommitment[root=" + HexFormat.of().formatHex(root) + ", numVariables="
                + Arrays.toString(numVariables) + ", columnsLog=" + columnsLog + ", hidingOpenings=" + hidingOpenings + "]";
    }
}
