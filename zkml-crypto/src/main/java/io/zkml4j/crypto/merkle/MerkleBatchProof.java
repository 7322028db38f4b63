package io.zkml4j.crypto.merkle;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;

/**
 * An opening of several leaves of one Merkle tree: the salts of the opened leaves (salted trees only;
 * 32 bytes each, in leaf order) and the sibling nodes the paths need, each once, in the order of
 * {@code MerkleHash.siblingNodes} (level by level from the leaves, left to right). The leaves themselves
 * travel with the enclosing proof.
 *
 * <p>Encoding: {@code u32 saltCount ‖ salts ‖ u32 siblingCount ‖ siblings}.
 */
public record MerkleBatchProof(byte[] salts, byte[] siblings) {

    public int saltCount() {
        return salts.length / MerkleHash.SALT_BYTES;
    }

    public int siblingCount() {
        return siblings.length / MerkleHash.DIGEST_BYTES;
    }

    public void writeTo(ProofWriter out) {
        out.writeInt(saltCount()).writeFixed(salts);
        out.writeInt(siblingCount()).writeFixed(siblings);
    }

    /**
     * Reads an opening of {@code openedLeaves} leaves of a tree with {@code leafCount} leaves. The salt
     * count must be exact; the sibling count is capped by the most a tree of that height can need
     * (the verifier checks the exact count).
     */
    public static MerkleBatchProof readFrom(ProofReader in, int openedLeaves, int leafCount, boolean salted)
            throws ProofRejectedException {
        int saltCount = in.readExactCount("Merkle salts", salted ? openedLeaves : 0);
        byte[] salts = in.readFixed("Merkle salts", saltCount * MerkleHash.SALT_BYTES);
        int height = Integer.numberOfTrailingZeros(leafCount);
        int maxSiblings = (int) Math.min((long) openedLeaves * height, Integer.MAX_VALUE / MerkleHash.DIGEST_BYTES);
        int siblingCount = in.readCount("Merkle sibling nodes", maxSiblings);
        byte[] siblings = in.readFixed("Merkle sibling nodes", siblingCount * MerkleHash.DIGEST_BYTES);
        return new MerkleBatchProof(salts, siblings);
    }
}
