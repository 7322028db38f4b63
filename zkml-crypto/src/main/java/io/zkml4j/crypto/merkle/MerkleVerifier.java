package io.zkml4j.crypto.merkle;

import io.zkml4j.crypto.ProofRejectedException;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Checks a {@link MerkleBatchProof}: hashes the opened leaves, takes the sibling nodes in proof order,
 * folds level by level up to the root and compares it with the committed root.
 *
 * <p>Everything about the shape is the verifier's own (leaf count, leaf width, salting, which leaves):
 * it rejects a wrong leaf count, indices out of range, duplicate or unsorted indices, the wrong number
 * of leaf elements, a wrong number of salts or of sibling nodes (a wrong path length), and a root mismatch.
 */
public final class MerkleVerifier {
    private MerkleVerifier() {}

    /**
     * Accepts iff {@code leaves[k·leafWidth, (k+1)·leafWidth)} is leaf {@code indices[k]} of the tree with
     * root {@code root}, for every {@code k}.
     *
     * @param leafCount the committed number of leaves (a power of two)
     * @param leafWidth the committed number of field elements per leaf
     * @param salted whether the committed tree salts its leaves
     * @param indices the opened leaf indices, strictly increasing
     */
    public static void verify(byte[] root, int leafCount, int leafWidth, boolean salted, int[] indices,
                              long[] leaves, MerkleBatchProof proof) throws ProofRejectedException {
        ProofRejectedException.check(leafCount > 0 && Integer.bitCount(leafCount) == 1,
                "Merkle tree: leaf count " + leafCount + " is not a power of two");
        ProofRejectedException.check(root.length == MerkleHash.DIGEST_BYTES, "Merkle tree: root is not 32 bytes");
        ProofRejectedException.check(indices.length > 0, "Merkle opening: no leaves opened");
        ProofRejectedException.check(leafWidth > 0 && leaves.length == (long) indices.length * leafWidth,
                "Merkle opening: " + leaves.length + " leaf elements for " + indices.length + " leaves of " + leafWidth);
        for (int k = 0; k < indices.length; k++) {
            ProofRejectedException.check(indices[k] >= 0 && indices[k] < leafCount,
                    "Merkle opening: leaf index " + indices[k] + " outside [0, " + leafCount + ")");
            ProofRejectedException.check(k == 0 || indices[k] > indices[k - 1],
                    "Merkle opening: leaf indices not strictly increasing at position " + k
                            + " (" + indices[k - Math.min(k, 1)] + " then " + indices[k] + ")");
        }
        int expectedSalts = salted ? indices.length : 0;
        ProofRejectedException.check(proof.salts().length == expectedSalts * MerkleHash.SALT_BYTES,
                "Merkle opening: " + proof.salts().length + " salt bytes, expected " + expectedSalts * MerkleHash.SALT_BYTES);
        int[] siblingNodes = MerkleHash.siblingNodes(indices, leafCount);
        ProofRejectedException.check(proof.siblings().length == siblingNodes.length * MerkleHash.DIGEST_BYTES,
                "Merkle opening: wrong path length: " + proof.siblingCount() + " sibling nodes, expected "
                        + siblingNodes.length);

        MessageDigest md = MerkleHash.sha256();
        ByteBuffer scratch = MerkleHash.scratch();
        Map<Integer, byte[]> known = new HashMap<>();
        int[] level = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            byte[] digest = new byte[MerkleHash.DIGEST_BYTES];
            MerkleHash.leaf(md, salted ? proof.salts() : null, k * MerkleHash.SALT_BYTES, leaves, k * leafWidth, leafWidth,
                    scratch, digest, 0);
            level[k] = leafCount + indices[k];
            known.put(level[k], digest);
        }
        for (int k = 0; k < siblingNodes.length; k++) {
            byte[] digest = new byte[MerkleHash.DIGEST_BYTES];
            System.arraycopy(proof.siblings(), k * MerkleHash.DIGEST_BYTES, digest, 0, MerkleHash.DIGEST_BYTES);
            known.put(siblingNodes[k], digest);
        }
        int size = level.length;
        while (level[0] > 1) {
            int parents = 0;
            for (int i = 0; i < size; i++) {
                int parent = level[i] >>> 1;
                if (parents > 0 && level[parents - 1] == parent) {
                    continue;
                }
                byte[] digest = new byte[MerkleHash.DIGEST_BYTES];
                MerkleHash.node(md, known.get(2 * parent), 0, known.get(2 * parent + 1), 0, digest, 0);
                known.put(parent, digest);
                level[parents++] = parent;
            }
            size = parents;
        }
        byte[] computed = known.get(1);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new ProofRejectedException("Merkle opening: root mismatch: computed "
                    + HexFormat.of().formatHex(computed, 0, 8) + "…, committed " + HexFormat.of().formatHex(root, 0, 8) + "…");
        }
    }
}
