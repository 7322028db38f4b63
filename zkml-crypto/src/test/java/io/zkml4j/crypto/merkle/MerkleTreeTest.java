package io.zkml4j.crypto.merkle;

import io.zkml4j.crypto.random.ZkRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Goldilocks;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Merkle trees: the hashing spec, batch openings, and every way a batch opening can be wrong. */
class MerkleTreeTest {

    /** A deterministic salt source so salted tests are reproducible. */
    static ZkRandom seededSalts(long seed) {
        return ZkRandom.seededForTesting(seed);
    }

    static long[][] randomLeaves(Random rnd, int count, int width) {
        long[][] leaves = new long[count][width];
        for (long[] leaf : leaves) {
            for (int i = 0; i < width; i++) {
                leaf[i] = Goldilocks.reduce(rnd.nextLong());
            }
        }
        return leaves;
    }

    static int[] randomIndices(Random rnd, int count, int leafCount) {
        TreeSet<Integer> set = new TreeSet<>();
        while (set.size() < count) {
            set.add(rnd.nextInt(leafCount));
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The opened leaves, flat: leaf k at [k·width, (k+1)·width). */
    static long[] pick(long[][] leaves, int[] indices) {
        int width = leaves[0].length;
        long[] out = new long[indices.length * width];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(leaves[indices[k]], 0, out, k * width, width);
        }
        return out;
    }

    private static byte[] sha(byte tag, byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(tag);
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    private static byte[] le(long[] xs) {
        byte[] b = new byte[8 * xs.length];
        for (int i = 0; i < xs.length; i++) {
            for (int k = 0; k < 8; k++) {
                b[8 * i + k] = (byte) (xs[i] >>> (8 * k));
            }
        }
        return b;
    }

    @Test
    void rootFollowsTheSpecification() throws Exception {
        long[][] leaves = randomLeaves(new Random(1), 4, 3);
        byte[][] h = new byte[4][];
        for (int j = 0; j < 4; j++) {
            h[j] = sha((byte) 0, le(leaves[j]));
        }
        byte[] expected = sha((byte) 1, sha((byte) 1, h[0], h[1]), sha((byte) 1, h[2], h[3]));
        assertThat(MerkleTree.ofLeaves(leaves, null).root()).isEqualTo(expected);

        // Salted: the salt goes between the tag and the elements.
        MerkleTree salted = MerkleTree.ofLeaves(leaves, seededSalts(5));
        MerkleBatchProof all = salted.open(new int[] {0, 1, 2, 3});
        byte[][] s = new byte[4][];
        for (int j = 0; j < 4; j++) {
            s[j] = sha((byte) 0, Arrays.copyOfRange(all.salts(), 32 * j, 32 * j + 32), le(leaves[j]));
        }
        assertThat(salted.root()).isEqualTo(sha((byte) 1, sha((byte) 1, s[0], s[1]), sha((byte) 1, s[2], s[3])));
        assertThat(salted.root()).isNotEqualTo(expected);
        assertThat(all.siblingCount()).isZero();
    }

    @Test
    void leavesAndNodesAreDomainSeparated() {
        // A leaf whose bytes are exactly two child digests does not hash like the node over them.
        long[][] leaves = randomLeaves(new Random(2), 2, 1);
        MerkleTree two = MerkleTree.ofLeaves(leaves, null);
        MerkleBatchProof both = two.open(new int[] {0});
        byte[] left = MerkleTree.ofLeaves(new long[][] {leaves[0]}, null).root();
        byte[] right = both.siblings();
        long[] asElements = new long[8];
        byte[] concat = new byte[64];
        System.arraycopy(left, 0, concat, 0, 32);
        System.arraycopy(right, 0, concat, 32, 32);
        for (int i = 0; i < 8; i++) {
            asElements[i] = Goldilocks.decodeRaw(concat, 8 * i);
        }
        assertThat(MerkleTree.ofColumns(asElements, 8, null).root()).isNotEqualTo(two.root());
    }

    @Test
    void columnsAndLeavesBuildTheSameTree() {
        long[][] leaves = randomLeaves(new Random(3), 8, 5);
        long[] columns = new long[40];
        for (int j = 0; j < 8; j++) {
            System.arraycopy(leaves[j], 0, columns, 5 * j, 5);
        }
        assertThat(MerkleTree.ofColumns(columns, 5, null).root()).isEqualTo(MerkleTree.ofLeaves(leaves, null).root());
        long[][] changed = randomLeaves(new Random(3), 8, 5);
        changed[6][4] = Goldilocks.add(changed[6][4], 1);
        assertThat(MerkleTree.ofLeaves(changed, null).root()).isNotEqualTo(MerkleTree.ofLeaves(leaves, null).root());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 64, 1024})
    void batchOpeningsVerify(int leafCount) throws ProofRejectedException {
        Random rnd = new Random(leafCount);
        for (boolean salted : new boolean[] {false, true}) {
            long[][] leaves = randomLeaves(rnd, leafCount, 3);
            MerkleTree tree = MerkleTree.ofLeaves(leaves, salted ? seededSalts(leafCount) : null);
            assertThat(tree.height()).isEqualTo(Integer.numberOfTrailingZeros(leafCount));
            for (int count : new int[] {1, 2, Math.min(leafCount, 7), leafCount}) {
                if (count > leafCount) {
                    continue;
                }
                int[] idx = randomIndices(rnd, count, leafCount);
                MerkleBatchProof proof = tree.open(idx);
                MerkleVerifier.verify(tree.root(), leafCount, 3, salted, idx, pick(leaves, idx), proof);
                MerkleBatchProof decoded = roundTrip(proof, count, leafCount, salted);
                MerkleVerifier.verify(tree.root(), leafCount, 3, salted, idx, pick(leaves, idx), decoded);
            }
        }
    }

    @Test
    void levelsHashedInRangesOnSeveralThreadsGiveTheSameTree() {
        long[][] leaves = randomLeaves(new Random(5), 1 << 14, 2);
        MerkleTree sequential = MerkleTree.ofLeaves(leaves, null);
        byte[] digests = new byte[leaves.length * MerkleHash.DIGEST_BYTES];
        long[] columns = new long[leaves.length * 2];
        for (int j = 0; j < leaves.length; j++) {
            System.arraycopy(leaves[j], 0, columns, 2 * j, 2);
        }
        MerkleHash.hashColumns(columns, 2, null, 0, leaves.length, digests);
        java.util.concurrent.atomic.AtomicInteger ranges = new java.util.concurrent.atomic.AtomicInteger();
        MerkleTree split = MerkleTree.fromLeafDigests(digests, 2, null, (count, task) -> {
            // uneven ranges in parallel, as the prover's pool would run them
            java.util.stream.IntStream.of(0, 1, 2).parallel().forEach(c -> {
                ranges.incrementAndGet();
                task.run(count * c / 3, count * (c + 1) / 3);
            });
        });
        assertThat(ranges.get()).isEqualTo(2 * 3); // the levels of 2^13 and 2^12 nodes go through the splitter
        assertThat(split.root()).isEqualTo(sequential.root());
        int[] opened = {0, 77, (1 << 14) - 1};
        assertThat(split.open(opened).siblingCount()).isEqualTo(sequential.open(opened).siblingCount());
    }

    @Test
    void siblingNodesAreSharedBetweenPaths() {
        MerkleTree tree = MerkleTree.ofLeaves(randomLeaves(new Random(4), 16, 1), null);
        assertThat(tree.open(new int[] {5}).siblingCount()).isEqualTo(4);
        assertThat(tree.open(new int[] {4, 5}).siblingCount()).as("siblings share the rest of the path").isEqualTo(3);
        assertThat(tree.open(new int[] {0, 15}).siblingCount()).as("disjoint halves meet at the root").isEqualTo(6);
        assertThat(tree.open(new int[] {0, 1, 2, 3}).siblingCount()).isEqualTo(2);
        int[] all = new int[16];
        Arrays.setAll(all, i -> i);
        assertThat(tree.open(all).siblingCount()).isZero();
    }

    static MerkleBatchProof roundTrip(MerkleBatchProof proof, int opened, int leafCount, boolean salted)
            throws ProofRejectedException {
        ProofWriter w = new ProofWriter();
        proof.writeTo(w);
        ProofReader r = new ProofReader(w.toByteArray());
        MerkleBatchProof back = MerkleBatchProof.readFrom(r, opened, leafCount, salted);
        r.finish();
        return back;
    }

    /** A fixed honest opening that the rejection tests alter one thing at a time. */
    private static final class Fixture {
        final long[][] leaves;
        final MerkleTree tree;
        final int[] idx = {3, 9, 10, 40};
        final MerkleBatchProof proof;
        final boolean salted;

        Fixture(boolean salted) {
            this.salted = salted;
            leaves = randomLeaves(new Random(7), 64, 4);
            tree = MerkleTree.ofLeaves(leaves, salted ? seededSalts(7) : null);
            proof = tree.open(idx);
        }

        void verify(byte[] root, int leafCount, int width, int[] indices, long[] opened, MerkleBatchProof p)
                throws ProofRejectedException {
            MerkleVerifier.verify(root, leafCount, width, salted, indices, opened, p);
        }

        long[] opened() {
            return pick(leaves, idx);
        }
    }

    @Test
    void honestFixtureVerifies() {
        for (boolean salted : new boolean[] {false, true}) {
            Fixture f = new Fixture(salted);
            assertThatCode(() -> f.verify(f.tree.root(), 64, 4, f.idx, f.opened(), f.proof)).doesNotThrowAnyException();
        }
    }

    @Test
    void wrongLeafCountIsRejected() {
        Fixture f = new Fixture(false);
        assertThatThrownBy(() -> f.verify(f.tree.root(), 128, 4, f.idx, f.opened(), f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("wrong path length");
        assertThatThrownBy(() -> f.verify(f.tree.root(), 48, 4, f.idx, f.opened(), f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("leaf count 48 is not a power of two");
        assertThatThrownBy(() -> f.verify(f.tree.root(), 32, 4, f.idx, f.opened(), f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("leaf index 40 outside [0, 32)");
    }

    @Test
    void badIndicesAreRejected() {
        Fixture f = new Fixture(false);
        long[] opened = f.opened();
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, new int[] {3, 9, 10, 64}, opened, f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("leaf index 64 outside [0, 64)");
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, new int[] {-1, 9, 10, 40}, opened, f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("leaf index -1 outside");
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, new int[] {3, 9, 9, 40}, opened, f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("not strictly increasing at position 2");
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, new int[] {9, 3, 10, 40}, opened, f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("not strictly increasing at position 1");
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, new int[] {3, 9, 10}, opened, f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("16 leaf elements for 3 leaves of 4");
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, new int[0], new long[0], f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("no leaves opened");
        // A leaf presented at a neighbouring index: the path no longer leads to the root.
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, new int[] {2, 9, 10, 40}, opened, f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("root mismatch");
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, new int[] {3, 9, 10, 41}, opened, f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("root mismatch");
    }

    @Test
    void wrongPathLengthsAreRejected() {
        Fixture f = new Fixture(false);
        byte[] s = f.proof.siblings();
        MerkleBatchProof shorter = new MerkleBatchProof(f.proof.salts(), Arrays.copyOf(s, s.length - 32));
        MerkleBatchProof longer = new MerkleBatchProof(f.proof.salts(), Arrays.copyOf(s, s.length + 32));
        for (MerkleBatchProof p : new MerkleBatchProof[] {shorter, longer}) {
            assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, f.idx, f.opened(), p))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("wrong path length")
                    .hasMessageContaining("expected " + f.proof.siblingCount());
        }
    }

    @Test
    void everyAlteredSiblingNodeIsRejected() {
        Fixture f = new Fixture(false);
        Random rnd = new Random(8);
        for (int k = 0; k < f.proof.siblingCount(); k++) {
            byte[] s = f.proof.siblings().clone();
            s[32 * k + rnd.nextInt(32)] ^= (byte) (1 << rnd.nextInt(8));
            MerkleBatchProof p = new MerkleBatchProof(f.proof.salts(), s);
            assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, f.idx, f.opened(), p))
                    .as("sibling %d", k)
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("root mismatch");
        }
        // Swapping two sibling nodes also breaks the path.
        byte[] s = f.proof.siblings().clone();
        byte[] first = Arrays.copyOfRange(s, 0, 32);
        System.arraycopy(s, 32, s, 0, 32);
        System.arraycopy(first, 0, s, 32, 32);
        MerkleBatchProof swapped = new MerkleBatchProof(f.proof.salts(), s);
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, f.idx, f.opened(), swapped))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("root mismatch");
    }

    @Test
    void everyAlteredLeafElementIsRejected() {
        Fixture f = new Fixture(true);
        for (int k = 0; k < f.idx.length; k++) {
            for (int i = 0; i < 4; i++) {
                long[] opened = f.opened();
                opened[4 * k + i] = Goldilocks.add(opened[4 * k + i], 1);
                assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, f.idx, opened, f.proof))
                        .as("leaf %d element %d", k, i)
                        .isInstanceOf(ProofRejectedException.class).hasMessageContaining("root mismatch");
            }
        }
        long[] wide = Arrays.copyOf(f.opened(), 17);
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, f.idx, wide, f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("17 leaf elements for 4 leaves of 4");
    }

    @Test
    void wrongRootIsRejected() {
        Fixture f = new Fixture(false);
        byte[] root = f.tree.root();
        root[31] ^= 1;
        assertThatThrownBy(() -> f.verify(root, 64, 4, f.idx, f.opened(), f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("root mismatch");
        Fixture other = new Fixture(true);
        assertThatThrownBy(() -> f.verify(other.tree.root(), 64, 4, f.idx, f.opened(), f.proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("root mismatch");
    }

    @Test
    void saltsAreCheckedAndBound() {
        Fixture f = new Fixture(true);
        for (int k = 0; k < f.idx.length; k++) {
            byte[] salts = f.proof.salts().clone();
            salts[32 * k + 5] ^= 0x10;
            MerkleBatchProof p = new MerkleBatchProof(salts, f.proof.siblings());
            assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, f.idx, f.opened(), p))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("root mismatch");
        }
        MerkleBatchProof noSalts = new MerkleBatchProof(new byte[0], f.proof.siblings());
        assertThatThrownBy(() -> f.verify(f.tree.root(), 64, 4, f.idx, f.opened(), noSalts))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("0 salt bytes, expected 128");
        Fixture unsalted = new Fixture(false);
        MerkleBatchProof extraSalts = new MerkleBatchProof(new byte[128], unsalted.proof.siblings());
        assertThatThrownBy(() -> unsalted.verify(unsalted.tree.root(), 64, 4, unsalted.idx, unsalted.opened(), extraSalts))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("128 salt bytes, expected 0");
        // Two salted trees over the same leaves have different roots (fresh salts).
        assertThat(MerkleTree.ofLeaves(f.leaves, ZkRandom.fresh()).root())
                .isNotEqualTo(MerkleTree.ofLeaves(f.leaves, ZkRandom.fresh()).root());
    }

    @Test
    void decodingRejectsTruncatedExtendedAndHostileBytes() {
        Fixture f = new Fixture(true);
        ProofWriter w = new ProofWriter();
        f.proof.writeTo(w);
        byte[] bytes = w.toByteArray();
        for (int len = 0; len < bytes.length; len += 7) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> MerkleBatchProof.readFrom(new ProofReader(cut), 4, 64, true))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("truncated");
        }
        byte[] extended = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> {
            ProofReader r = new ProofReader(extended);
            MerkleBatchProof.readFrom(r, 4, 64, true);
            r.finish();
        }).isInstanceOf(ProofRejectedException.class).hasMessageContaining("3 trailing bytes");
        assertThatThrownBy(() -> MerkleBatchProof.readFrom(new ProofReader(bytes), 4, 64, false))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("Merkle salts length 4, expected 0");
        byte[] hostile = new ProofWriter().writeInt(0).writeInt(Integer.MAX_VALUE).toByteArray();
        assertThatThrownBy(() -> MerkleBatchProof.readFrom(new ProofReader(hostile), 4, 64, false))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("outside [0, 24]");
    }

    @Test
    void openRejectsBadIndices() {
        MerkleTree tree = MerkleTree.ofLeaves(randomLeaves(new Random(9), 8, 1), null);
        assertThatThrownBy(() -> tree.open(new int[] {2, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.open(new int[] {8})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.ofColumns(new long[12], 4, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
