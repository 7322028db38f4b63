package io.zkml4j.crypto.merkle;

import io.zkml4j.crypto.random.ZkRandom;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A binary Merkle tree over SHA-256 (see {@link MerkleHash} for the hashing), built by the prover.
 * Leaves are vectors of field elements of one fixed width (in the polynomial commitments, one column of
 * the encoded matrix each); the leaf count is a power of two.
 *
 * <p>A salted tree draws a fresh 32-byte salt per leaf from {@link ZkRandom} and hashes it into the
 * leaf, so the root reveals nothing about unopened leaves (the hiding mode, a seam for zero knowledge).
 * Openings then carry the salts of the opened leaves.
 *
 * <p>{@link #open} makes one {@link MerkleBatchProof} for many leaves: every sibling node needed by
 * any of the paths is sent once, and nodes computable from the opened leaves are not sent at all.
 */
public final class MerkleTree {
    private final int leafCount;
    private final int leafWidth;
    /** Node {@code i} (heap order, 1 = root) at {@code [32i, 32i + 32)}; index 0 unused. */
    private final byte[] nodes;
    /** 32 bytes per leaf, or null for an unsalted tree. */
    private final byte[] salts;

    private MerkleTree(int leafCount, int leafWidth, byte[] nodes, byte[] salts) {
        this.leafCount = leafCount;
        this.leafWidth = leafWidth;
        this.nodes = nodes;
        this.salts = salts;
    }

    /**
     * The tree whose leaf {@code j} is {@code columns[j·width, (j+1)·width)} (a column-major matrix of
     * {@code columns.length / width} columns, a power of two). {@code saltSource} null gives an unsalted tree.
     */
    public static MerkleTree ofColumns(long[] columns, int width, ZkRandom saltSource) {
        if (width <= 0 || columns.length % width != 0) {
            throw new IllegalArgumentException("a matrix of " + columns.length + " entries has no columns of height " + width);
        }
        int leafCount = columns.length / width;
        byte[] salts = drawSalts(leafCount, saltSource);
        byte[] digests = new byte[leafCount * MerkleHash.DIGEST_BYTES];
        MerkleHash.hashColumns(columns, width, salts, 0, leafCount, digests);
        return fromLeafDigests(digests, width, salts);
    }

    /** The tree over {@code leaves} (equal widths, a power-of-two count). */
    public static MerkleTree ofLeaves(long[][] leaves, ZkRandom saltSource) {
        if (leaves.length == 0) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        int width = leaves[0].length;
        long[] columns = new long[leaves.length * width];
        for (int j = 0; j < leaves.length; j++) {
            if (leaves[j].length != width) {
                throw new IllegalArgumentException("leaf " + j + " has " + leaves[j].length + " elements, leaf 0 has " + width);
            }
            System.arraycopy(leaves[j], 0, columns, j * width, width);
        }
        return ofColumns(columns, width, saltSource);
    }

    /** Fresh salts for {@code leafCount} leaves, or null when {@code saltSource} is null. */
    public static byte[] drawSalts(int leafCount, ZkRandom saltSource) {
        if (saltSource == null) {
            return null;
        }
        byte[] salts = new byte[leafCount * MerkleHash.SALT_BYTES];
        saltSource.nextBytes(salts);
        return salts;
    }

    /**
     * The tree over precomputed leaf digests (32 bytes each, e.g. from parallel calls of
     * {@link MerkleHash#hashColumns}) of leaves of {@code leafWidth} elements, hashed with {@code salts}.
     */
    public static MerkleTree fromLeafDigests(byte[] leafDigests, int leafWidth, byte[] salts) {
        return fromLeafDigests(leafDigests, leafWidth, salts, (count, task) -> task.run(0, count));
    }

    /** Runs {@code task} over a split of {@code [0, count)} into ranges, possibly on several threads. */
    @FunctionalInterface
    public interface Splitter {
        void split(int count, RangeTask task);
    }

    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /** Levels at least this wide are hashed through the splitter, the narrower ones on the calling thread. */
    private static final int PARALLEL_LEVEL = 1 << 12;

    /** {@link #fromLeafDigests(byte[], int, byte[])} with each wide level's nodes hashed in ranges by {@code splitter}. */
    public static MerkleTree fromLeafDigests(byte[] leafDigests, int leafWidth, byte[] salts, Splitter splitter) {
        int leafCount = leafDigests.length / MerkleHash.DIGEST_BYTES;
        if (leafCount == 0 || Integer.bitCount(leafCount) != 1 || leafDigests.length % MerkleHash.DIGEST_BYTES != 0) {
            throw new IllegalArgumentException("leaf count must be a power of two, got " + leafDigests.length + " digest bytes");
        }
        if (salts != null && salts.length != leafCount * MerkleHash.SALT_BYTES) {
            throw new IllegalArgumentException("expected one 32-byte salt per leaf");
        }
        byte[] nodes = new byte[2 * leafCount * MerkleHash.DIGEST_BYTES];
        System.arraycopy(leafDigests, 0, nodes, leafCount * MerkleHash.DIGEST_BYTES, leafDigests.length);
        for (int width = leafCount / 2; width >= 1; width /= 2) {
            int first = width; // the level's nodes are [width, 2·width) in heap order
            RangeTask level = (from, to) -> {
                MessageDigest md = MerkleHash.sha256();
                for (int i = first + from; i < first + to; i++) {
                    MerkleHash.node(md, nodes, 2 * i * MerkleHash.DIGEST_BYTES, nodes, (2 * i + 1) * MerkleHash.DIGEST_BYTES,
                            nodes, i * MerkleHash.DIGEST_BYTES);
                }
            };
            if (width >= PARALLEL_LEVEL) {
                splitter.split(width, level);
            } else {
                level.run(0, width);
            }
        }
        return new MerkleTree(leafCount, leafWidth, nodes, salts);
    }

    public byte[] root() {
        return Arrays.copyOfRange(nodes, MerkleHash.DIGEST_BYTES, 2 * MerkleHash.DIGEST_BYTES);
    }

    public int leafCount() {
        return leafCount;
    }

    public int leafWidth() {
        return leafWidth;
    }

    /** Number of levels above the leaves: {@code log2(leafCount)}. */
    public int height() {
        return Integer.numberOfTrailingZeros(leafCount);
    }

    public boolean salted() {
        return salts != null;
    }

    /** One proof for the leaves at {@code sortedIndices} (strictly increasing, in range). */
    public MerkleBatchProof open(int[] sortedIndices) {
        for (int i = 0; i < sortedIndices.length; i++) {
            if (sortedIndices[i] < 0 || sortedIndices[i] >= leafCount || (i > 0 && sortedIndices[i] <= sortedIndices[i - 1])) {
                throw new IllegalArgumentException("leaf indices must be strictly increasing in [0, " + leafCount + ")");
            }
        }
        int[] siblingNodes = MerkleHash.siblingNodes(sortedIndices, leafCount);
        byte[] siblings = new byte[siblingNodes.length * MerkleHash.DIGEST_BYTES];
        for (int k = 0; k < siblingNodes.length; k++) {
            System.arraycopy(nodes, siblingNodes[k] * MerkleHash.DIGEST_BYTES, siblings, k * MerkleHash.DIGEST_BYTES,
                    MerkleHash.DIGEST_BYTES);
        }
        byte[] openedSalts = new byte[salts == null ? 0 : sortedIndices.length * MerkleHash.SALT_BYTES];
        if (salts != null) {
            for (int i = 0; i < sortedIndices.length; i++) {
                System.arraycopy(salts, sortedIndices[i] * MerkleHash.SALT_BYTES, openedSalts, i * MerkleHash.SALT_BYTES,
                        MerkleHash.SALT_BYTES);
            }
        }
        return new MerkleBatchProof(openedSalts, siblings);
    }
}
