package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.merkle.MerkleTree;
import io.zkml4j.crypto.pcs.PolynomialCommitment;

/**
 * What the Ligero prover keeps after committing: the committed tables (the caller's arrays), the encoded matrix
 * (column-major: column {@code j} at {@code [j·R, (j+1)·R)}, ready to be opened and hashed), and its
 * Merkle tree; for a hiding commitment also the mask rows' messages and every row's padding
 * coefficients (secret: they are what makes the openings hiding). Memory: {@code 8·R·N} bytes for the
 * encoding plus the tables.
 */
public final class LigeroProverData implements PolynomialCommitment.ProverData<LigeroCommitment> {
    final LigeroParameters params;
    final LigeroCommitment commitment;
    final LigeroShape shape;
    final long[][] polynomials;
    /** The mask rows' messages, row-major ({@code maskRows × 2^b}). */
    final long[] maskMessages;
    /** Every row's padding coefficients, row-major ({@code R × ℓ}). */
    final long[] padding;
    final long[] codeword;
    final MerkleTree tree;

    LigeroProverData(LigeroParameters params, LigeroCommitment commitment, LigeroShape shape, long[][] polynomials,
                     long[] maskMessages, long[] padding, long[] codeword, MerkleTree tree) {
        this.params = params;
        this.commitment = commitment;
        this.shape = shape;
        this.polynomials = polynomials;
        this.maskMessages = maskMessages;
        this.padding = padding;
        this.codeword = codeword;
        this.tree = tree;
    }

    @Override
    public LigeroCommitment commitment() {
        return commitment;
    }

    /** The same data presented under another commitment (tests: a proof against the wrong root). */
    LigeroProverData withCommitment(LigeroCommitment other) {
        return new LigeroProverData(params, other, shape, polynomials, maskMessages, padding, codeword, tree);
    }
}
