package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.transcript.Transcript;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.zkml4j.crypto.logup.LogUpFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeded cheating and tampering; each must be a {@link ProofRejectedException} with the expected reason. */
class LogUpGkrTamperTest {
    static final String ROOT_CHECK = "LogUp-GKR root check: the witness fractions do not sum to the table's";

    /** A field element of the encoded proof and the rejection its alteration must cause. */
    record Site(int offset, String expected) {}

    /** How the verifier names tree j of shape i (restated here, not taken from the main code). */
    static String treeName(List<LogUpGkrProof.Shape> shapes, int i, int j) {
        LogUpGkrProof.Shape s = shapes.get(i);
        String base = s.name() != null ? s.name() : shapes.size() == 1 ? "LogUp-GKR" : "LogUp-GKR lookup " + i;
        return base + (j < s.groupLogSizes().length ? " group " + j : " table");
    }

    /** The root check's rejection for table i (prefixed by its name, or "LogUp-GKR lookup i" among several). */
    static String rootCheck(List<LogUpGkrProof.Shape> shapes, int i) {
        LogUpGkrProof.Shape s = shapes.get(i);
        String name = s.name() != null ? s.name() : shapes.size() > 1 ? "LogUp-GKR lookup " + i : null;
        return (name != null ? name + ": " : "") + ROOT_CHECK;
    }

    private static int depth(LogUpGkrProof.Shape s, int j) {
        return j < s.groupLogSizes().length ? s.groupLogSizes()[j] : s.table().logSize();
    }

    private static boolean unitLeaves(LogUpGkrProof.Shape s, int j) {
        return j < s.groupLogSizes().length && !s.selected()[j];
    }

    /**
     * Walks the encoding as {@link LogUpGkrProof#writeTo} lays it out: every part's roots (P, Q per tree,
     * two coordinates each, no prefix); per step k the sumcheck (k−1 rounds: a u32 count, then p(0..3))
     * and, count-prefixed, the child values of each tree at least k deep; then every part's groups'
     * column values, count-prefixed.
     *
     * <p>Expected rejections: a root breaks that table's root check (checked right after its roots,
     * before anything later is read). In a sumcheck, p(0) or p(1) of round j breaks round j's sum; p(2) or
     * p(3) keeps it but changes p_j(r_j) (r_j itself moves with the message), so round j+1's sum breaks, or
     * the end check after the last round. A child value changes the end check's right side. A column value
     * breaks its group's leaf check. Steps are named after their one active tree, else "LogUp-GKR step k".
     */
    static List<Site> sites(List<LogUpGkrProof.Shape> shapes) {
        List<Site> out = new ArrayList<>();
        int pos = 0;
        int deepest = 0;
        for (int i = 0; i < shapes.size(); i++) {
            LogUpGkrProof.Shape s = shapes.get(i);
            for (int j = 0; j <= s.groupLogSizes().length; j++) {
                for (int e = 0; e < 4; e++) { // root P and Q, two coordinates each
                    out.add(new Site(pos, rootCheck(shapes, i)));
                    pos += 8;
                }
                deepest = Math.max(deepest, depth(s, j));
            }
        }
        for (int k = 1; k <= deepest; k++) {
            List<int[]> active = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                for (int j = 0; j <= shapes.get(i).groupLogSizes().length; j++) {
                    if (depth(shapes.get(i), j) >= k) {
                        active.add(new int[] {i, j});
                    }
                }
            }
            String at = (active.size() == 1 ? treeName(shapes, active.get(0)[0], active.get(0)[1]) + ", layer " + k
                    : "LogUp-GKR step " + k) + ": ";
            int rounds = k - 1;
            for (int j = 0; j < rounds; j++) {
                pos += 4;
                for (int x = 0; x <= 3; x++) {
                    String expected = x <= 1 ? at + "sumcheck round " + j + ": p(0) + p(1)"
                            : j + 1 < rounds ? at + "sumcheck round " + (j + 1) + ": p(0) + p(1)"
                            : at + "sumcheck ends at";
                    out.add(new Site(pos, expected));
                    out.add(new Site(pos + 8, expected));
                    pos += 16;
                }
            }
            for (int[] tree : active) {
                LogUpGkrProof.Shape s = shapes.get(tree[0]);
                pos += 4;
                int children = unitLeaves(s, tree[1]) && k == depth(s, tree[1]) ? 2 : 4;
                for (int c = 0; c < 2 * children; c++) {
                    out.add(new Site(pos, at + "sumcheck ends at"));
                    pos += 8;
                }
            }
        }
        for (int i = 0; i < shapes.size(); i++) {
            LogUpGkrProof.Shape s = shapes.get(i);
            for (int g = 0; g < s.groupLogSizes().length; g++) {
                pos += 4;
                for (int c = 0; c < 2 * s.table().arity(); c++) {
                    out.add(new Site(pos, treeName(shapes, i, g) + " leaves: Q(ρ) = "));
                    pos += 8;
                }
            }
        }
        return out;
    }

    /** What a verifier does with bytes, for {@link #everySiteAlteredIsRejected}. */
    interface BytesVerifier {
        void verify(byte[] bytes) throws Exception;
    }

    /** {@code bytes} with the field element at {@code offset} plus one. */
    static byte[] plusOne(byte[] bytes, int offset) {
        byte[] out = bytes.clone();
        Goldilocks.encode(Goldilocks.add(Goldilocks.decodeRaw(out, offset), 1), out, offset);
        return out;
    }

    /**
     * The honest bytes verify, the sites cover the encoding up to its last byte, and each site plus one is
     * rejected with its reason.
     */
    static void everySiteAlteredIsRejected(byte[] good, List<Site> sites, BytesVerifier verifier) throws Exception {
        verifier.verify(good);
        assertThat(sites.get(sites.size() - 1).offset() + 8).isEqualTo(good.length);
        for (Site s : sites) {
            byte[] bad = plusOne(good, s.offset());
            assertThatThrownBy(() -> verifier.verify(bad))
                    .as("field element at byte %d", s.offset())
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith(s.expected());
        }
    }

    private static void everyElement(LookupTable table, List<long[][]> groups) throws Exception {
        long[] m = LookupTable.multiplicities(table, groups);
        byte[] good = encode(proveHonest(table, groups).proof());
        int[] sizes = logSizes(groups);
        List<Site> sites = sites(List.of(new LogUpGkrProof.Shape(table, sizes, new boolean[sizes.length])));
        everySiteAlteredIsRejected(good, sites, bytes -> verifyBytes(table, groups, m, bytes));
    }

    @Test
    void everyProofElementAlteredIsRejectedRangeTable() throws Exception {
        Random rnd = new Random(10);
        RangeTable table = new RangeTable(3);
        everyElement(table, groups(groupFromTable(rnd, table, 4), groupFromTable(rnd, table, 0),
                groupFromTable(rnd, table, 1)));
    }

    @Test
    void everyProofElementAlteredIsRejectedPairTable() throws Exception {
        Random rnd = new Random(11);
        ExplicitTable table = squareTable(2);
        everyElement(table, groups(groupFromTable(rnd, table, 3), groupFromTable(rnd, table, 2)));
    }

    @Test
    void truncatedExtendedAndMiscountedBytesAreRejected() throws Exception {
        Random rnd = new Random(12);
        RangeTable table = new RangeTable(3);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 3), groupFromTable(rnd, table, 1));
        long[] m = LookupTable.multiplicities(table, groups);
        byte[] good = encode(proveHonest(table, groups).proof());
        for (int len = 0; len < good.length; len++) {
            byte[] bad = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> verifyBytes(table, groups, m, bad))
                    .as("truncated to %d", len)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("malformed proof: truncated while reading");
        }
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> verifyBytes(table, groups, m, longer))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: 3 trailing bytes");
        // roots of group 0, group 1 and the table (3 x 32 bytes), then step 1 (no sumcheck rounds): group 0's
        // child count at 96
        byte[] children = good.clone();
        children[96] = 5;
        assertThatThrownBy(() -> verifyBytes(table, groups, m, children))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: LogUp-GKR group 0 layer 1 child values length 5, expected 4");
        // step 1's child values: group 0 (4 + 4·16 bytes), group 1 at its unit leaves (4 + 2·16), the table
        // (4 + 4·16); step 2 starts after them: its one sumcheck round has a count of 4 evaluations
        byte[] degree = good.clone();
        degree[96 + 68 + 36 + 68] = 5;
        assertThatThrownBy(() -> verifyBytes(table, groups, m, degree))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("sumcheck round 0: 5 evaluations, degree too high");
    }

    @Test
    void nonCanonicalElementsAndMismatchedSizesAreRejected() throws Exception {
        Random rnd = new Random(22);
        RangeTable table = new RangeTable(3);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 3), groupFromTable(rnd, table, 1));
        long[] m = LookupTable.multiplicities(table, groups);
        byte[] good = encode(proveHonest(table, groups).proof());
        for (long bad : new long[] {Goldilocks.P, -1L}) {
            byte[] b = good.clone();
            Goldilocks.encode(bad, b, 8); // group 0 root numerator, second coordinate
            assertThatThrownBy(() -> verifyBytes(table, groups, m, b))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessage("malformed proof: non-canonical field element in LogUp-GKR group 0 root numerator");
        }
        // the same bytes read as a proof for other group sizes or another table size
        for (int[] sizes : new int[][] {{3, 2}, {4, 1}, {3}, {2, 1}, {3, 1, 0}}) {
            assertThatThrownBy(() -> {
                io.zkml4j.crypto.codec.ProofReader r = new io.zkml4j.crypto.codec.ProofReader(good);
                LogUpGkrProof.readFrom(r, table, sizes);
                r.finish();
            }).as("sizes %s", Arrays.toString(sizes))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("malformed proof");
        }
        // a table one variable deeper: steps 1-3 read as the real ones, then step 4's first sumcheck round count
        // is the count (1, the arity) of group 0's column values, which SumcheckProof rejects in its own words
        assertThatThrownBy(() -> verifyBytes(new RangeTable(4), groups, m, good))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("sumcheck round 0: 1 evaluations, too few (expected 4 for degree 3)");
    }

    @Test
    void valuesOutsideTheRangeTableAreRejected() {
        RangeTable table = new RangeTable(8);
        Random rnd = new Random(13);
        long[] outside = {256, 1L << 32, Goldilocks.P - 1, Goldilocks.P - 256, Goldilocks.P - 255};
        for (long v : outside) {
            long[][] g = groupFromTable(rnd, table, 6);
            g[0][17] = v;
            // honest counts of the in-range rows; the bad row is counted nowhere ...
            long[] m = countInRange(g[0], 8);
            assertRootCheckFails(table, groups(g), m, "value " + Long.toUnsignedString(v));
            // ... or its count moved to the row it would "wrap" to.
            long[] moved = m.clone();
            moved[(int) (v & 0xFF)]++;
            assertRootCheckFails(table, groups(g), moved, "value " + Long.toUnsignedString(v) + " counted at its low byte");
        }
    }

    @Test
    void quotientRemainderWrapAroundIsRejected() {
        // x = q·2^s + r with r and q range-checked. Cheating with q' = q + δ, r' = r - 2^s·δ keeps
        // x = q'·2^s + r' in the field, but r' wraps to a huge field element that is not in [0, 2^s).
        int s = 4;
        RangeTable table = new RangeTable(s);
        Random rnd = new Random(14);
        long[] q = new long[8];
        long[] r = new long[8];
        for (int i = 0; i < 8; i++) {
            q[i] = rnd.nextInt(1 << s);
            r[i] = rnd.nextInt(1 << s);
        }
        long delta = 1;
        long x3 = Goldilocks.add(Goldilocks.mul(q[3], 1L << s), r[3]);
        q[3] = Goldilocks.add(q[3], delta);
        r[3] = Goldilocks.sub(r[3], Goldilocks.mul(1L << s, delta));
        assertThat(Goldilocks.add(Goldilocks.mul(q[3], 1L << s), r[3])).isEqualTo(x3);
        long[][] quotients = {Arrays.copyOf(q, 4)};
        long[][] remainders = {r};
        List<long[][]> groups = groups(quotients, remainders);
        long[] m = new long[1 << s];
        for (long v : quotients[0]) {
            m[(int) v]++;
        }
        for (long v : remainders[0]) {
            if (Long.compareUnsigned(v, 1L << s) < 0) {
                m[(int) v]++;
            }
        }
        assertRootCheckFails(table, groups, m, "remainder r - 2^s·δ");
    }

    @Test
    void wrongOutputInAPairTableIsRejected() {
        ExplicitTable table = squareTable(4);
        Random rnd = new Random(15);
        long[][] g = groupFromTable(rnd, table, 5);
        long[] m = LookupTable.multiplicities(table, groups(g));
        g[1][9] = Goldilocks.add(g[1][9], 1); // output + δ for the same input
        assertRootCheckFails(table, groups(g), m, "output + 1");
        long[][] swapped = {g[1].clone(), g[0].clone()}; // (output, input) pairs
        assertRootCheckFails(table, groups(swapped), m, "columns swapped");
    }

    @Test
    void forgedMultiplicitiesAreRejected() {
        RangeTable table = new RangeTable(4);
        Random rnd = new Random(16);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 6), groupFromTable(rnd, table, 3));
        long[] honest = LookupTable.multiplicities(table, groups);
        int from = 0;
        while (honest[from] == 0) {
            from++;
        }
        long[] shifted = honest.clone();
        shifted[from]--;
        shifted[(from + 5) % 16]++;
        assertRootCheckFails(table, groups, shifted, "one count shifted to another row");
        // a "negative" count: p-1 on a row, compensated by +1 on another, so the counts still sum to the rows
        long[] negative = honest.clone();
        int other = (from + 3) % 16;
        negative[other] = Goldilocks.sub(negative[other], 1);
        negative[from] = Goldilocks.add(negative[from], 1);
        assertRootCheckFails(table, groups, negative, "counts with a field wrap-around");
        long[] doubled = honest.clone();
        for (int j = 0; j < doubled.length; j++) {
            doubled[j] *= 2;
        }
        assertRootCheckFails(table, groups, doubled, "every count doubled");
    }

    private static void assertRootCheckFails(LookupTable table, List<long[][]> groups, long[] m, String what) {
        byte[] bytes = encode(proveCheating(table, groups, m).proof());
        assertThatThrownBy(() -> verifyBytes(table, groups, m, bytes))
                .as(what)
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith(ROOT_CHECK);
    }

    private static long[] countInRange(long[] col, int bits) {
        long[] m = new long[1 << bits];
        for (long v : col) {
            if (Long.compareUnsigned(v, 1L << bits) < 0) {
                m[(int) v]++;
            }
        }
        return m;
    }

    @Test
    void aProverUsingADifferentTableIsRejected() throws Exception {
        Random rnd = new Random(17);
        // The prover's "range table" has 300 in place of 7; the verifier uses the true [0, 256).
        long[] fake = new long[256];
        for (int i = 0; i < 256; i++) {
            fake[i] = i == 7 ? 300 : i;
        }
        ExplicitTable proverTable = new ExplicitTable(new long[][] {fake});
        RangeTable verifierTable = new RangeTable(8);
        long[][] g = groupFromTable(rnd, proverTable, 7);
        g[0][3] = 300;
        List<long[][]> groups = groups(g);
        long[] m = LookupTable.multiplicities(proverTable, groups);
        byte[] bytes = encode(LogUpGkrProver.prove(proverTable, groups, m, committed(groups, m)).proof());
        verifyBytes(proverTable, groups, m, bytes); // consistent with the prover's own table
        assertThatThrownBy(() -> verifyBytes(verifierTable, groups, m, bytes))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("LogUp-GKR table leaves: Q(ρ) = ");

        // A function table with one output changed, same shapes.
        ExplicitTable real = squareTable(3);
        long[][] cols = {new long[8], new long[8]};
        for (int i = 0; i < 8; i++) {
            cols[0][i] = real.value(0, i);
            cols[1][i] = i == 5 ? 99 : real.value(1, i);
        }
        ExplicitTable forged = new ExplicitTable(cols);
        List<long[][]> pairs = groups(groupFromTable(rnd, forged, 5));
        long[] pm = LookupTable.multiplicities(forged, pairs);
        byte[] pb = encode(LogUpGkrProver.prove(forged, pairs, pm, committed(pairs, pm)).proof());
        assertThatThrownBy(() -> verifyBytes(real, pairs, pm, pb))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("LogUp-GKR table leaves: Q(ρ) = ");
    }

    @Test
    void zeroRootDenominatorsAreRejected() {
        Random rnd = new Random(18);
        RangeTable table = new RangeTable(2);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 2), groupFromTable(rnd, table, 1));
        long[] m = LookupTable.multiplicities(table, groups);
        LogUpGkrProof p = proveHonest(table, groups).proof();
        LogUpGkrProof.Part part = p.part();
        List<Ext[]> roots = new ArrayList<>(part.groupRoots());
        roots.set(1, new Ext[] {Ext.ZERO, Ext.ZERO});
        LogUpGkrProof zeroGroup = withPart(p, new LogUpGkrProof.Part(roots, part.tableRoot(), part.groupColumnValues()));
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, new int[] {2, 1}, zeroGroup, committed(groups, m)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("LogUp-GKR group 1 root denominator is zero");
        LogUpGkrProof zeroTable = withPart(p, new LogUpGkrProof.Part(part.groupRoots(),
                new Ext[] {part.tableRoot()[0], Ext.ZERO}, part.groupColumnValues()));
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, new int[] {2, 1}, zeroTable, committed(groups, m)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("LogUp-GKR table root denominator is zero");
    }

    /** {@code p} with its only part replaced. */
    private static LogUpGkrProof withPart(LogUpGkrProof p, LogUpGkrProof.Part part) {
        return new LogUpGkrProof(List.of(part), p.steps());
    }

    /** {@code p} with step k's child values replaced. */
    private static LogUpGkrProof withChildren(LogUpGkrProof p, int k, List<Ext[]> children) {
        List<LogUpGkrProof.Step> steps = new ArrayList<>(p.steps());
        steps.set(k - 1, new LogUpGkrProof.Step(steps.get(k - 1).sumcheck(), children));
        return new LogUpGkrProof(p.parts(), steps);
    }

    @Test
    void aOneRowGroupCannotClaimToHoldNoRows() throws Exception {
        // With one row and no layers, the root numerator is the leaf numerator, which must be 1. A cheater
        // sending 0 would remove an invalid row from the sum; nothing but that check catches it here
        // (one-row table: no layers, so no later challenge depends on the root).
        ExplicitTable table = new ExplicitTable(new long[][] {{42}});
        List<long[][]> groups = groups(new long[][] {{13}});
        long[] m = {0};
        LogUpGkrProof honest = proveCheating(table, groups, m).proof();
        assertThat(honest.steps()).isEmpty();
        LogUpGkrProof.Part part = honest.part();
        LogUpGkrProof forged = withPart(honest, new LogUpGkrProof.Part(
                List.<Ext[]>of(new Ext[] {Ext.ZERO, part.groupRoots().get(0)[1]}), part.tableRoot(), part.groupColumnValues()));
        assertThatThrownBy(() -> verifyBytes(table, groups, m, encode(forged)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("LogUp-GKR group 0: a one-row group has root numerator 0, expected 1");
        assertThatThrownBy(() -> verifyBytes(table, groups, m, encode(honest)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith(ROOT_CHECK);
    }

    @Test
    void hostileInMemoryShapesAreRejected() {
        Random rnd = new Random(19);
        RangeTable table = new RangeTable(2);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 3));
        long[] m = LookupTable.multiplicities(table, groups);
        LogUpGkrProof p = proveHonest(table, groups).proof();
        int[] sizes = {3};
        // the group is 3 deep, the table 2: steps 1 and 2 carry both trees' children, step 3 the group's two
        assertThat(p.steps()).hasSize(3);
        assertThat(p.steps().get(0).childValues()).hasSize(2);
        assertThat(p.steps().get(2).childValues()).hasSize(1);
        assertThat(p.steps().get(2).childValues().get(0)).hasSize(2);
        LogUpGkrProof.Part part = p.part();

        LogUpGkrProof fewerSteps = new LogUpGkrProof(p.parts(), p.steps().subList(0, 2));
        assertRejected(table, sizes, fewerSteps, groups, m, "malformed proof: 2 descent steps, expected 3");
        LogUpGkrProof moreSteps = new LogUpGkrProof(p.parts(), List.of(p.steps().get(0), p.steps().get(1),
                p.steps().get(2), p.steps().get(2)));
        assertRejected(table, sizes, moreSteps, groups, m, "malformed proof: 4 descent steps, expected 3");

        Ext[] last = p.steps().get(2).childValues().get(0);
        assertRejected(table, sizes, withChildren(p, 3, List.<Ext[]>of(Arrays.copyOf(last, 4))), groups, m,
                "malformed proof: LogUp-GKR group 0 layer 3 has 4 child values, expected 2");
        List<Ext[]> first = p.steps().get(0).childValues();
        assertRejected(table, sizes, withChildren(p, 1, List.of(first.get(0), Arrays.copyOf(first.get(1), 3))), groups, m,
                "malformed proof: LogUp-GKR table layer 1 has 3 child values, expected 4");
        assertRejected(table, sizes, withChildren(p, 1, List.<Ext[]>of(first.get(0))), groups, m,
                "malformed proof: LogUp-GKR table layer 1 has 0 child values, expected 4");
        assertRejected(table, sizes, withChildren(p, 2, List.of()), groups, m,
                "malformed proof: LogUp-GKR group 0 layer 2 has 0 child values, expected 4");
        assertRejected(table, sizes, withChildren(p, 3, List.of(last, last)), groups, m,
                "malformed proof: step 3 has 2 trees' child values, expected 1");
        // the group's and the table's children swapped: both have 4, so only the descent can tell
        assertRejected(table, sizes, withChildren(p, 1, List.of(first.get(1), first.get(0))), groups, m,
                "LogUp-GKR step 1: sumcheck ends at");

        LogUpGkrProof twoParts = new LogUpGkrProof(List.of(part, part), p.steps());
        assertRejected(table, sizes, twoParts, groups, m, "malformed proof: 2 table parts, expected 1");
        LogUpGkrProof noPart = new LogUpGkrProof(List.of(), p.steps());
        assertRejected(table, sizes, noPart, groups, m, "malformed proof: 0 table parts, expected 1");
        LogUpGkrProof twoGroups = withPart(p, new LogUpGkrProof.Part(List.of(part.groupRoots().get(0), part.groupRoots().get(0)),
                part.tableRoot(), part.groupColumnValues()));
        assertRejected(table, sizes, twoGroups, groups, m, "malformed proof: 2 group roots and 1 column-value lists, expected 1");
        LogUpGkrProof longRoot = withPart(p, new LogUpGkrProof.Part(List.<Ext[]>of(Arrays.copyOf(part.groupRoots().get(0), 3)),
                part.tableRoot(), part.groupColumnValues()));
        assertRejected(table, sizes, longRoot, groups, m, "malformed proof: a root has 3 values, expected 2");
        LogUpGkrProof shortTableRoot = withPart(p, new LogUpGkrProof.Part(part.groupRoots(),
                Arrays.copyOf(part.tableRoot(), 1), part.groupColumnValues()));
        assertRejected(table, sizes, shortTableRoot, groups, m, "malformed proof: a root has 1 values, expected 2");
        LogUpGkrProof moreColumns = withPart(p, new LogUpGkrProof.Part(part.groupRoots(), part.tableRoot(),
                List.<Ext[]>of(Arrays.copyOf(part.groupColumnValues().get(0), 2))));
        assertRejected(table, sizes, moreColumns, groups, m, "malformed proof: group 0 has 2 column values, expected 1");

        // a sumcheck with a round too few: step 3 runs over 2 variables, step 2's has one round
        List<LogUpGkrProof.Step> steps = new ArrayList<>(p.steps());
        steps.set(2, new LogUpGkrProof.Step(p.steps().get(1).sumcheck(), p.steps().get(2).childValues()));
        assertRejected(table, sizes, new LogUpGkrProof(p.parts(), steps), groups, m,
                "LogUp-GKR group 0, layer 3: sumcheck: proof has 1 rounds, expected 2");
    }

    private static void assertRejected(LookupTable table, int[] sizes, LogUpGkrProof proof, List<long[][]> groups, long[] m,
                                       String expected) {
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, sizes, proof, committed(groups, m)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void everyCommitmentItemMutatedInTheVerifierTranscriptIsRejected() throws Exception {
        Random rnd = new Random(20);
        RangeTable table = new RangeTable(4);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 4), groupFromTable(rnd, table, 3));
        long[] m = LookupTable.multiplicities(table, groups);
        LogUpGkrProof proof = proveHonest(table, groups).proof();
        int[] sizes = logSizes(groups);
        LogUpGkrVerifier.verify(table, sizes, proof, committed(groups, m));
        // items as committed(): (label, vector) in order; mutate one label or one entry at a time. The root
        // check and step 1 (no rounds; each tree's children give its root for any λ, θ) do not depend on the
        // challenges, so the first check to fail is step 2's first round (all three trees active)
        List<String> labels = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            labels.add("commitment/group-" + g + "/column-0");
            values.add(groups.get(g)[0]);
        }
        labels.add("commitment/multiplicities");
        values.add(m);
        for (int item = 0; item < labels.size(); item++) {
            for (boolean mutateLabel : new boolean[] {true, false}) {
                Transcript t = new Transcript(PROTOCOL);
                for (int i = 0; i < labels.size(); i++) {
                    long[] v = values.get(i);
                    if (i == item && !mutateLabel) {
                        v = v.clone();
                        v[v.length - 1] = Goldilocks.add(v[v.length - 1], 1);
                    }
                    t.absorbFields(i == item && mutateLabel ? labels.get(i) + "'" : labels.get(i), v);
                }
                assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, sizes, proof, t))
                        .as("item %d, label mutated %b", item, mutateLabel)
                        .isInstanceOf(ProofRejectedException.class)
                        .hasMessageStartingWith("LogUp-GKR step 2: sumcheck round 0: p(0) + p(1)");
            }
        }
        Transcript otherProtocol = new Transcript(PROTOCOL + "'");
        for (int i = 0; i < labels.size(); i++) {
            otherProtocol.absorbFields(labels.get(i), values.get(i));
        }
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, sizes, proof, otherProtocol))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("LogUp-GKR step 2: sumcheck round 0: p(0) + p(1)");
    }

    @Test
    void aProofAboutAnotherWitnessPassesTheProtocolButNotTheOpenings() throws Exception {
        // The claims are the link to the commitments: a proof made for W' (all rows valid) while W was
        // committed is consistent in itself, and only discharging the claims against W exposes it.
        Random rnd = new Random(21);
        RangeTable table = new RangeTable(4);
        long[][] committedW = groupFromTable(rnd, table, 4);
        committedW[0][2] = 1000; // not in the table
        long[][] provedW = {committedW[0].clone()};
        provedW[0][2] = 3;
        long[] m = LookupTable.multiplicities(table, groups(provedW));
        Transcript pt = committed(groups(committedW), m);
        LogUpGkrProof proof = LogUpGkrProver.prove(table, groups(provedW), m, pt).proof();
        LogUpGkrClaims claims = LogUpGkrVerifier.verify(table, new int[] {4}, proof, committed(groups(committedW), m));
        assertThatThrownBy(() -> discharge(claims, groups(committedW), m))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("opening: group 0 column 0 is not ");
    }
}
