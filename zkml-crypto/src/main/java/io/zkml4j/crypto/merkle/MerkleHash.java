package io.zkml4j.crypto.merkle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash functions of the Merkle trees, shared by {@link MerkleTree} and {@link MerkleVerifier}.
 *
 * <p>SHA-256 with domain separation: a leaf of field elements {@code x_0..x_{w-1}} hashes to
 * {@code SHA-256(0x00 ‖ [salt] ‖ LE64(x_0) ‖ … ‖ LE64(x_{w-1}))}, an inner node to
 * {@code SHA-256(0x01 ‖ left ‖ right)}. The 32-byte salt is present only in salted (hiding) trees. The
 * leaf width and the salting are fixed by the tree's shape, which the verifier knows, so no lengths are
 * hashed. Nodes are numbered as in a binary heap: the root is 1, the children of {@code i} are
 * {@code 2i} and {@code 2i + 1}, and leaf {@code j} of {@code n} is node {@code n + j}.
 */
public final class MerkleHash {
    public static final int DIGEST_BYTES = 32;
    public static final int SALT_BYTES = 32;
    private static final byte LEAF_TAG = 0x00;
    private static final byte NODE_TAG = 0x01;
    private static final int CHUNK_ELEMENTS = 1 << 12;

    private MerkleHash() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Hashes the leaf {@code xs[from, from + width)} with an optional salt ({@code salts} holds 32 bytes
     * per leaf at {@code saltOffset}, or is null) into {@code out[outOffset, outOffset + 32)}.
     */
    static void leaf(MessageDigest md, byte[] salts, int saltOffset, long[] xs, int from, int width,
                     ByteBuffer scratch, byte[] out, int outOffset) {
        md.update(LEAF_TAG);
        if (salts != null) {
            md.update(salts, saltOffset, SALT_BYTES);
        }
        LongBuffer view = scratch.clear().asLongBuffer();
        for (int i = 0; i < width; i += CHUNK_ELEMENTS) {
            int n = Math.min(CHUNK_ELEMENTS, width - i);
            view.clear();
            view.put(xs, from + i, n);
            md.update(scratch.array(), 0, 8 * n);
        }
        finish(md, out, outOffset);
    }

    /** A scratch buffer for {@link #leaf}. */
    static ByteBuffer scratch() {
        return ByteBuffer.allocate(8 * CHUNK_ELEMENTS).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code out ← SHA-256(0x01 ‖ left ‖ right)}, digests addressed by offsets. */
    static void node(MessageDigest md, byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] out,
                     int outOffset) {
        md.update(NODE_TAG);
        md.update(left, leftOffset, DIGEST_BYTES);
        md.update(right, rightOffset, DIGEST_BYTES);
        finish(md, out, outOffset);
    }

    private static void finish(MessageDigest md, byte[] out, int outOffset) {
        try {
            md.digest(out, outOffset, DIGEST_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Hashes leaves {@code [from, to)} of a column-major matrix (leaf {@code j} is
     * {@code columns[j·width, (j+1)·width)}) into {@code leafDigests} at {@code 32·j}. Ranges can be hashed
     * concurrently, one call per thread.
     */
    public static void hashColumns(long[] columns, int width, byte[] salts, int from, int to, byte[] leafDigests) {
        MessageDigest md = sha256();
        ByteBuffer scratch = scratch();
        for (int j = from; j < to; j++) {
            leaf(md, salts, j * SALT_BYTES, columns, j * width, width, scratch, leafDigests, j * DIGEST_BYTES);
        }
    }

    /**
     * The heap numbers of the sibling nodes a batch opening of the (sorted, distinct) leaf indices must
     * supply, in proof order: level by level from the leaves up, left to right. A node is supplied only
     * when it cannot be computed from the opened leaves, so shared paths cost nothing twice.
     */
    static int[] siblingNodes(int[] sortedLeafIndices, int leafCount) {
        int[] level = new int[sortedLeafIndices.length];
        for (int i = 0; i < level.length; i++) {
            level[i] = leafCount + sortedLeafIndices[i];
        }
        List<Integer> siblings = new ArrayList<>();
        int size = level.length;
        while (size > 0 && level[0] > 1) {
            int parents = 0;
            int i = 0;
            while (i < size) {
                int node = level[i];
                if ((node & 1) == 0 && i + 1 < size && level[i + 1] == node + 1) {
                    i += 2; // both children known
                } else {
                    siblings.add(node ^ 1);
                    i += 1;
                }
                level[parents++] = node >>> 1;
            }
            size = parents;
        }
        int[] out = new int[siblings.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = siblings.get(i);
        }
        return out;
    }
}
