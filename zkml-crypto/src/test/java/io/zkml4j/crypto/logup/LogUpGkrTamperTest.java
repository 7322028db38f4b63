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

    /** Walks the encoding as {@link LogUpGkrProof#writeTo} lays it out. */
    static List<Site> sites(int arity, int[] groupLogSizes, int tableLogSize) {
        List<Site> out = new ArrayList<>();
        int[] pos = {0};
        for (int g = 0; g < groupLogSizes.length; g++) {
            treeSites(out, pos, groupLogSizes[g], true, "LogUp-GKR group " + g);
            pos[0] += 4;
            for (int c = 0; c < 2 * arity; c++) {
                out.add(new Site(pos[0], "LogUp-GKR group " + g + " leaves: Q(ρ) = "));
                pos[0] += 8;
            }
        }
        treeSites(out, pos, tableLogSize, false, "LogUp-GKR table");
        return out;
    }

    private static void treeSites(List<Site> out, int[] pos, int n, boolean unit, String tree) {
        for (int i = 0; i < 4; i++) { // root P and Q, two coordinates each
            out.add(new Site(pos[0], ROOT_CHECK));
            pos[0] += 8;
        }
        for (int k = 1; k <= n; k++) {
            String layer = tree + ", layer " + k + ": ";
            int rounds = k - 1;
            for (int j = 0; j < rounds; j++) {
                pos[0] += 4;
                for (int x = 0; x <= 3; x++) {
                    String expected = x <= 1 ? layer + "sumcheck round " + j + ": p(0) + p(1)"
                            : j + 1 < rounds ? layer + "sumcheck round " + (j + 1) + ": p(0) + p(1)"
                            : layer + "sumcheck ends at";
                    out.add(new Site(pos[0], expected));
                    out.add(new Site(pos[0] + 8, expected));
                    pos[0] += 16;
                }
            }
            pos[0] += 4;
            int children = unit && k == n ? 2 : 4;
            for (int c = 0; c < 2 * children; c++) {
                out.add(new Site(pos[0], layer + "sumcheck ends at"));
                pos[0] += 8;
            }
        }
    }

    private static void everyElement(LookupTable table, List<long[][]> groups) throws Exception {
        long[] m = LookupTable.multiplicities(table, groups);
        byte[] good = encode(proveHonest(table, groups).proof());
        verifyBytes(table, groups, m, good);
        List<Site> sites = sites(table.arity(), logSizes(groups), table.logSize());
        assertThat(sites.get(sites.size() - 1).offset() + 8).isEqualTo(good.length);
        for (Site s : sites) {
            byte[] bad = good.clone();
            Goldilocks.encode(Goldilocks.add(Goldilocks.decodeRaw(bad, s.offset()), 1), bad, s.offset());
            assertThatThrownBy(() -> verifyBytes(table, groups, m, bad))
                    .as("field element at byte %d", s.offset())
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith(s.expected());
        }
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
        // group 0: root (32 bytes), layer 1: children count at 32
        byte[] children = good.clone();
        children[32] = 5;
        assertThatThrownBy(() -> verifyBytes(table, groups, m, children))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: LogUp-GKR group 0 layer 1 child values length 5, expected 4");
        // layer 2 starts after 32 + 4 + 64: its one sumcheck round has a count of 4 evaluations
        byte[] degree = good.clone();
        degree[32 + 4 + 64] = 5;
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
        assertThatThrownBy(() -> verifyBytes(new RangeTable(4), groups, m, good))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("malformed proof");
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
        LogUpGkrProof.Tree g1 = p.groupTrees().get(1);
        List<LogUpGkrProof.Tree> trees = new ArrayList<>(p.groupTrees());
        trees.set(1, new LogUpGkrProof.Tree(Ext.ZERO, Ext.ZERO, g1.layers()));
        LogUpGkrProof zeroGroup = new LogUpGkrProof(trees, p.groupColumnValues(), p.tableTree());
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, new int[] {2, 1}, zeroGroup, committed(groups, m)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("LogUp-GKR: group 1 root denominator is zero");
        LogUpGkrProof.Tree t = p.tableTree();
        LogUpGkrProof zeroTable = new LogUpGkrProof(p.groupTrees(), p.groupColumnValues(),
                new LogUpGkrProof.Tree(t.rootNumerator(), Ext.ZERO, t.layers()));
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, new int[] {2, 1}, zeroTable, committed(groups, m)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("LogUp-GKR: table root denominator is zero");
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
        LogUpGkrProof.Tree g0 = honest.groupTrees().get(0);
        LogUpGkrProof forged = new LogUpGkrProof(List.of(new LogUpGkrProof.Tree(Ext.ZERO, g0.rootDenominator(), g0.layers())),
                honest.groupColumnValues(), honest.tableTree());
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
        LogUpGkrProof.Tree g0 = p.groupTrees().get(0);
        LogUpGkrProof fewerLayers = new LogUpGkrProof(
                List.of(new LogUpGkrProof.Tree(g0.rootNumerator(), g0.rootDenominator(), g0.layers().subList(0, 2))),
                p.groupColumnValues(), p.tableTree());
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, new int[] {3}, fewerLayers, committed(groups, m)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: group 0 tree has 2 layers, expected 3");
        List<LogUpGkrProof.Layer> layers = new ArrayList<>(g0.layers());
        LogUpGkrProof.Layer last = layers.get(2);
        layers.set(2, new LogUpGkrProof.Layer(last.sumcheck(), Arrays.copyOf(last.childValues(), 4)));
        LogUpGkrProof moreChildren = new LogUpGkrProof(
                List.of(new LogUpGkrProof.Tree(g0.rootNumerator(), g0.rootDenominator(), layers)),
                p.groupColumnValues(), p.tableTree());
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, new int[] {3}, moreChildren, committed(groups, m)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: group 0 layer 3 has 4 child values, expected 2");
        LogUpGkrProof twoGroups = new LogUpGkrProof(List.of(g0, g0), p.groupColumnValues(), p.tableTree());
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, new int[] {3}, twoGroups, committed(groups, m)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: 2 group trees and 1 column-value lists, expected 1");
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
        // items as committed(): (label, vector) in order; mutate one label or one entry at a time
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
                        .hasMessageStartingWith("LogUp-GKR group 0, layer 2: sumcheck round 0: p(0) + p(1)");
            }
        }
        Transcript otherProtocol = new Transcript(PROTOCOL + "'");
        for (int i = 0; i < labels.size(); i++) {
            otherProtocol.absorbFields(labels.get(i), values.get(i));
        }
        assertThatThrownBy(() -> LogUpGkrVerifier.verify(table, sizes, proof, otherProtocol))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("LogUp-GKR group 0, layer 2: sumcheck round 0: p(0) + p(1)");
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
