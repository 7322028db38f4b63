package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.hidden.Masking;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.zkml4j.crypto.logup.LogUpFixtures.*;
import static io.zkml4j.crypto.logup.LogUpGkrTamperTest.ROOT_CHECK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several tables in one LogUp-GKR proof: one descent for all their trees, per table its own α, β and claims. */
class LogUpGkrBatchTest {

    /** A one-row table of arity 3. */
    private static final ExplicitTable ONE_ROW = new ExplicitTable(new long[][] {{42}, {7}, {9}});

    /**
     * Three tables of different sizes and arities: [0, 16) with groups 5, 0 and 2 deep; (x, x^2) for x < 8
     * with groups 1 and 6 deep; a one-row triple table with groups 2 and 0 deep. The deepest tree (6) is
     * alone in step 6; step 5 has the 5-deep group at its unit leaves next to the 6-deep one.
     */
    private static List<LogUpGkrProver.Lookup> threeTables(Random rnd) {
        RangeTable range = new RangeTable(4);
        ExplicitTable square = squareTable(3);
        return List.of(
                honestLookup(range, groups(groupFromTable(rnd, range, 5), groupFromTable(rnd, range, 0),
                        groupFromTable(rnd, range, 2)), null),
                honestLookup(square, groups(groupFromTable(rnd, square, 1), groupFromTable(rnd, square, 6)), null),
                honestLookup(ONE_ROW, groups(groupFromTable(rnd, ONE_ROW, 2), groupFromTable(rnd, ONE_ROW, 0)), null));
    }

    /** Selects the first {@code k} rows of {@code 2^n}. */
    private static long[] prefix(int n, int k) {
        long[] s = new long[1 << n];
        Arrays.fill(s, 0, k, 1);
        return s;
    }

    /**
     * Two tables, one with a selected group (3 deep; unselected rows hold values outside the table) next to
     * an unselected one (1 deep), the other a larger range table with one group 4 deep.
     */
    private static List<LogUpGkrProver.Lookup> twoTablesWithASelector(Random rnd) {
        RangeTable small = new RangeTable(3);
        RangeTable large = new RangeTable(5);
        long[][] selectedGroup = groupFromTable(rnd, small, 3);
        for (int i = 5; i < 8; i++) {
            selectedGroup[0][i] = 1000 + i; // not selected, not in the table
        }
        return List.of(
                honestLookup(small, groups(selectedGroup, groupFromTable(rnd, small, 1)), Arrays.asList(prefix(3, 5), null)),
                honestLookup(large, groups(groupFromTable(rnd, large, 4)), null));
    }

    private static List<LogUpGkrProof.Shape> named(List<LogUpGkrProver.Lookup> lookups, String... names) {
        List<LogUpGkrProof.Shape> out = new ArrayList<>();
        for (int i = 0; i < lookups.size(); i++) {
            out.add(shape(lookups.get(i), names[i]));
        }
        return out;
    }

    /** Every claim is the committed vector's multilinear extension at the claim's point. */
    private static void assertTrueEvaluations(List<LogUpGkrProver.Lookup> lookups, List<LogUpGkrClaims> claims) {
        assertThat(claims).hasSize(lookups.size());
        for (int i = 0; i < lookups.size(); i++) {
            LogUpGkrProver.Lookup l = lookups.get(i);
            LogUpGkrClaims c = claims.get(i);
            assertThat(c.groupColumns()).hasSize(l.groups().size());
            for (int g = 0; g < l.groups().size(); g++) {
                long[][] cols = l.groups().get(g);
                assertThat(c.groupColumns().get(g)).hasSize(l.table().arity());
                for (int col = 0; col < cols.length; col++) {
                    EvaluationClaim cl = c.column(g, col);
                    assertThat(cl.numVars()).as("lookup %d group %d", i, g).isEqualTo(Multilinear.log2(cols[col].length));
                    assertThat(cl.point()).isEqualTo(c.column(g, 0).point());
                    assertThat(cl.value()).as("lookup %d group %d column %d", i, g, col)
                            .isEqualTo(Multilinear.evaluate(cols[col], cl.point()));
                }
            }
            EvaluationClaim m = c.multiplicities();
            assertThat(m.numVars()).isEqualTo(l.table().logSize());
            assertThat(m.value()).as("lookup %d multiplicities", i).isEqualTo(Multilinear.evaluate(l.multiplicities(), m.point()));
        }
    }

    @Test
    void tablesOfDifferentSizesAndAritiesVerifyWithTrueClaims() throws Exception {
        List<LogUpGkrProver.Lookup> lookups = threeTables(new Random(1));
        LogUpGkrProver.Batch batch = proveAllHonest(lookups);
        LogUpGkrProof proof = batch.proof();
        // one descent as deep as the deepest tree; per step the trees at least that deep
        assertThat(proof.parts()).hasSize(3);
        assertThat(proof.steps()).hasSize(6);
        for (int k = 1; k <= 6; k++) {
            assertThat(proof.steps().get(k - 1).sumcheck().numRounds()).isEqualTo(k - 1);
        }
        // depths: A g0 5, g1 0, g2 2, table 4; B g0 1, g1 6, table 3; C g0 2, g1 0, table 0
        assertThat(proof.steps().stream().map(s -> s.childValues().size()).toList()).containsExactly(7, 6, 4, 3, 2, 1);
        // step 5: A g0 at its unit leaves (2), B g1 (4); step 1: B g0 at its unit leaves
        assertThat(proof.steps().get(4).childValues().stream().map(c -> c.length).toList()).containsExactly(2, 4);
        assertThat(proof.steps().get(0).childValues().stream().map(c -> c.length).toList()).containsExactly(4, 4, 4, 2, 4, 4, 4);

        byte[] bytes = encode(proof);
        List<LogUpGkrClaims> claims = verifyAllBytes(lookups, shapes(lookups), bytes);
        assertThat(claims).isEqualTo(batch.claims());
        assertTrueEvaluations(lookups, claims);
        // all trees descend together: trees of one depth end at one point, whatever their table
        assertThat(claims.get(0).column(2, 0).point()).isEqualTo(claims.get(2).column(0, 0).point());
        assertThat(claims.get(0).column(1, 0).point()).isEmpty();
        assertThat(claims.get(2).multiplicities().point()).isEmpty();
        assertThat(claims.get(1).column(1, 0).point()).hasSize(6);

        ProofReader r = new ProofReader(bytes);
        LogUpGkrProof back = LogUpGkrProof.readFrom(r, shapes(lookups));
        r.finish();
        assertThat(encode(back)).isEqualTo(bytes);
    }

    @Test
    void selectedGroupsAmongSeveralTablesVerifyWithTrueClaims() throws Exception {
        List<LogUpGkrProver.Lookup> lookups = twoTablesWithASelector(new Random(2));
        LogUpGkrProver.Batch batch = proveAllHonest(lookups);
        List<LogUpGkrClaims> claims = verifyAllBytes(lookups, shapes(lookups), encode(batch.proof()));
        assertThat(claims).isEqualTo(batch.claims());
        assertTrueEvaluations(lookups, claims);
        // trees: small g0 (3 deep, selected), small g1 (1), small table (3), large g0 (4), large table (5). At its
        // last layer the selected group carries numerators (4 child values), an unselected one not (2)
        assertThat(batch.proof().steps().get(0).childValues().stream().map(c -> c.length).toList()).containsExactly(4, 2, 4, 4, 4);
        assertThat(batch.proof().steps().get(2).childValues().stream().map(c -> c.length).toList()).containsExactly(4, 4, 4, 4);
        assertThat(batch.proof().steps().get(3).childValues().stream().map(c -> c.length).toList()).containsExactly(2, 4);
    }

    @Test
    void oneTableThroughProveAllIsTheSingleTableProof() throws Exception {
        Random rnd = new Random(3);
        RangeTable table = new RangeTable(4);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 3), groupFromTable(rnd, table, 0));
        long[] m = LookupTable.multiplicities(table, groups);
        byte[] single = encode(proveHonest(table, groups).proof());
        LogUpGkrProver.Batch batch = LogUpGkrProver.proveAll(List.of(new LogUpGkrProver.Lookup(table, groups, null, m)),
                committed(groups, m), Parallelism.SEQUENTIAL, Masking.NONE);
        assertThat(encode(batch.proof())).isEqualTo(single);
        verifyBytes(table, groups, m, single);
    }

    @Test
    void parallelAndSequentialBatchProofsAreIdentical() {
        List<LogUpGkrProver.Lookup> lookups = threeTables(new Random(4));
        byte[] seq = encode(proveAllHonest(lookups).proof());
        byte[] par = encode(LogUpGkrProver.proveAll(lookups, committedAll(lookups), new Parallelism(3), Masking.NONE).proof());
        assertThat(par).isEqualTo(seq);
    }

    @Test
    void everyElementOfAThreeTableProofAlteredIsRejected() throws Exception {
        List<LogUpGkrProver.Lookup> lookups = threeTables(new Random(5));
        List<LogUpGkrProof.Shape> shapes = shapes(lookups);
        byte[] good = encode(proveAllHonest(lookups).proof());
        List<LogUpGkrTamperTest.Site> sites = LogUpGkrTamperTest.sites(shapes);
        // the walker's names: one active tree in step 6, several in step 5
        assertThat(sites).anyMatch(s -> s.expected().startsWith("LogUp-GKR lookup 1 group 1, layer 6: sumcheck round 4"));
        assertThat(sites).anyMatch(s -> s.expected().startsWith("LogUp-GKR step 5: sumcheck ends at"));
        assertThat(sites).anyMatch(s -> s.expected().startsWith("LogUp-GKR lookup 2 group 1 leaves: Q(ρ) = "));
        LogUpGkrTamperTest.everySiteAlteredIsRejected(good, sites, bytes -> verifyAllBytes(lookups, shapes, bytes));
    }

    @Test
    void everyElementOfANamedProofWithASelectorAlteredIsRejected() throws Exception {
        List<LogUpGkrProver.Lookup> lookups = twoTablesWithASelector(new Random(6));
        List<LogUpGkrProof.Shape> shapes = named(lookups, "small", "large");
        byte[] good = encode(proveAllHonest(lookups).proof());
        List<LogUpGkrTamperTest.Site> sites = LogUpGkrTamperTest.sites(shapes);
        assertThat(sites).anyMatch(s -> s.expected().startsWith("large: " + ROOT_CHECK));
        assertThat(sites).anyMatch(s -> s.expected().startsWith("large table, layer 5: sumcheck ends at"));
        LogUpGkrTamperTest.everySiteAlteredIsRejected(good, sites, bytes -> verifyAllBytes(lookups, shapes, bytes));
    }

    @Test
    void truncatedAndExtendedBatchProofsAreRejected() {
        List<LogUpGkrProver.Lookup> lookups = threeTables(new Random(7));
        List<LogUpGkrProof.Shape> shapes = shapes(lookups);
        byte[] good = encode(proveAllHonest(lookups).proof());
        for (int len = 0; len < good.length; len++) {
            byte[] bad = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> verifyAllBytes(lookups, shapes, bad))
                    .as("truncated to %d", len)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("malformed proof: truncated while reading");
        }
        assertThatThrownBy(() -> verifyAllBytes(lookups, shapes, Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: 1 trailing bytes");
    }

    /** {@code l} with group g's row i replaced by {@code row} and the multiplicities given. */
    private static LogUpGkrProver.Lookup withRow(LogUpGkrProver.Lookup l, int g, int i, long[] row, long[] m) {
        List<long[][]> groups = new ArrayList<>();
        for (long[][] cols : l.groups()) {
            long[][] copy = new long[cols.length][];
            for (int c = 0; c < cols.length; c++) {
                copy[c] = cols[c].clone();
            }
            groups.add(copy);
        }
        for (int c = 0; c < row.length; c++) {
            groups.get(g)[c][i] = row[c];
        }
        return new LogUpGkrProver.Lookup(l.table(), groups, l.selectors(), m);
    }

    @Test
    void aRowOutsideItsTableInOneOfSeveralTablesIsRejected() {
        List<LogUpGkrProver.Lookup> honest = threeTables(new Random(8));
        List<String> names = List.of("range", "square", "triple");
        // the square table's group 1, row 9: (x, x^2 + 1), counted nowhere or at (x, x^2)
        LogUpGkrProver.Lookup square = honest.get(1);
        long x = square.groups().get(1)[0][9];
        long[] bad = {x, Goldilocks.add(square.groups().get(1)[1][9], 1)};
        long[] uncounted = square.multiplicities().clone();
        uncounted[(int) x]--;
        for (long[] m : List.of(uncounted, square.multiplicities())) {
            List<LogUpGkrProver.Lookup> lookups = new ArrayList<>(honest);
            lookups.set(1, withRow(square, 1, 9, bad, m));
            assertThatThrownBy(() -> LookupTable.multiplicities(lookups.get(1).table(), lookups.get(1).groups()))
                    .isInstanceOf(IllegalArgumentException.class);
            byte[] bytes = encode(proveAllCheating(lookups).proof());
            assertThatThrownBy(() -> verifyAllBytes(lookups, named(lookups, names.toArray(new String[0])), bytes))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("square: " + ROOT_CHECK);
            assertThatThrownBy(() -> verifyAllBytes(lookups, shapes(lookups), bytes))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("LogUp-GKR lookup 1: " + ROOT_CHECK);
        }
        // the range table's group 0: 20 is no row of [0, 16), but a row of a larger range table next to it,
        // which counts it: each table has its own α, so the count cannot move between tables
        RangeTable large = new RangeTable(5);
        List<long[][]> largeGroups = groups(groupFromTable(new Random(9), large, 3));
        long[] largeCounts = LookupTable.multiplicities(large, largeGroups);
        largeCounts[20]++;
        LogUpGkrProver.Lookup range = honest.get(0);
        long[] rangeCounts = range.multiplicities().clone();
        rangeCounts[(int) range.groups().get(0)[0][3]]--;
        List<LogUpGkrProver.Lookup> moved = List.of(withRow(range, 0, 3, new long[] {20}, rangeCounts),
                new LogUpGkrProver.Lookup(large, largeGroups, null, largeCounts));
        byte[] bytes = encode(proveAllCheating(moved).proof());
        assertThatThrownBy(() -> verifyAllBytes(moved, named(moved, "range", "large"), bytes))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("range: " + ROOT_CHECK);
    }

    @Test
    void zeroRootDenominatorInASecondTableIsRejected() {
        List<LogUpGkrProver.Lookup> lookups = threeTables(new Random(10));
        LogUpGkrProof p = proveAllHonest(lookups).proof();
        LogUpGkrProof.Part part = p.parts().get(1);
        List<Ext[]> roots = new ArrayList<>(part.groupRoots());
        roots.set(0, new Ext[] {roots.get(0)[0], Ext.ZERO});
        List<LogUpGkrProof.Part> parts = new ArrayList<>(p.parts());
        parts.set(1, new LogUpGkrProof.Part(roots, part.tableRoot(), part.groupColumnValues()));
        LogUpGkrProof zero = new LogUpGkrProof(parts, p.steps());
        assertThatThrownBy(() -> verifyAll(lookups, shapes(lookups), zero))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("LogUp-GKR lookup 1 group 0 root denominator is zero");
        assertThatThrownBy(() -> verifyAll(lookups, named(lookups, "a", "b", "c"), zero))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("b group 0 root denominator is zero");
    }

    @Test
    void hostileBatchShapesAreRejected() {
        List<LogUpGkrProver.Lookup> lookups = threeTables(new Random(11));
        List<LogUpGkrProof.Shape> shapes = shapes(lookups);
        LogUpGkrProof p = proveAllHonest(lookups).proof();
        List<LogUpGkrProof.Part> parts = p.parts();
        assertThatThrownBy(() -> verifyAll(lookups, shapes, new LogUpGkrProof(parts.subList(0, 2), p.steps())))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: 2 table parts, expected 3");
        assertThatThrownBy(() -> verifyAll(lookups, shapes,
                new LogUpGkrProof(List.of(parts.get(0), parts.get(1), parts.get(2), parts.get(2)), p.steps())))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: 4 table parts, expected 3");
        // the deepest tree (6) is alone in step 6: a proof one step short; step 5 (the 5-deep group at its unit
        // leaves, then the 6-deep one) with a tree's values missing, one too many, or 4 values at unit leaves
        assertThatThrownBy(() -> verifyAll(lookups, shapes, new LogUpGkrProof(parts, p.steps().subList(0, 5))))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: 5 descent steps, expected 6");
        List<LogUpGkrProof.Step> steps = new ArrayList<>(p.steps());
        LogUpGkrProof.Step five = steps.get(4);
        steps.set(4, new LogUpGkrProof.Step(five.sumcheck(), List.<Ext[]>of(five.childValues().get(0))));
        assertThatThrownBy(() -> verifyAll(lookups, shapes, new LogUpGkrProof(parts, steps)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: LogUp-GKR lookup 1 group 1 layer 5 has 0 child values, expected 4");
        steps.set(4, new LogUpGkrProof.Step(five.sumcheck(), List.of(five.childValues().get(0), five.childValues().get(1),
                five.childValues().get(1))));
        assertThatThrownBy(() -> verifyAll(lookups, shapes, new LogUpGkrProof(parts, steps)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: step 5 has 3 trees' child values, expected 2");
        // the 5-deep group's unit leaves given 4 values (its 2 padded)
        steps.set(4, new LogUpGkrProof.Step(five.sumcheck(), List.of(Arrays.copyOf(five.childValues().get(0), 4),
                five.childValues().get(1))));
        assertThatThrownBy(() -> verifyAll(lookups, shapes, new LogUpGkrProof(parts, steps)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: LogUp-GKR lookup 0 group 0 layer 5 has 4 child values, expected 2");
    }

    /**
     * Two tables with the same statement (arity 1, 8 rows, groups 3 and 1 deep) but different rows, so that
     * decoding and the shape checks cannot tell them apart.
     */
    private static List<LogUpGkrProver.Lookup> twins(Random rnd) {
        RangeTable range = new RangeTable(3);
        ExplicitTable tens = new ExplicitTable(new long[][] {{10, 20, 30, 40, 50, 60, 70, 80}});
        return List.of(
                honestLookup(range, groups(groupFromTable(rnd, range, 3), groupFromTable(rnd, range, 1)), null),
                honestLookup(tens, groups(groupFromTable(rnd, tens, 3), groupFromTable(rnd, tens, 1)), null));
    }

    @Test
    void partsInAnotherOrderAreRejected() throws Exception {
        // different structures: the shape check
        List<LogUpGkrProver.Lookup> three = threeTables(new Random(12));
        LogUpGkrProof p = proveAllHonest(three).proof();
        LogUpGkrProof swapped = new LogUpGkrProof(List.of(p.parts().get(1), p.parts().get(0), p.parts().get(2)), p.steps());
        assertThatThrownBy(() -> verifyAll(three, shapes(three), swapped))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: 2 group roots and 2 column-value lists, expected 3");

        // same structures: each part's roots pass its root check (they are a true part, of the other table), but
        // the descent's child values are in the original order, so step 1 (no rounds, all six trees) fails
        List<LogUpGkrProver.Lookup> twins = twins(new Random(13));
        LogUpGkrProof q = proveAllHonest(twins).proof();
        verifyAll(twins, shapes(twins), q);
        LogUpGkrProof swappedTwins = new LogUpGkrProof(List.of(q.parts().get(1), q.parts().get(0)), q.steps());
        assertThatThrownBy(() -> verifyAll(twins, shapes(twins), swappedTwins))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("LogUp-GKR step 1: sumcheck ends at");
        // the steps' child values swapped too: a consistent proof of the tables in the other order. Step 1 holds
        // (each tree's children give its root for any λ, θ), but the roots were absorbed in the other order, so
        // the challenges differ from the prover's and step 2's first round fails
        List<LogUpGkrProof.Step> steps = new ArrayList<>();
        for (LogUpGkrProof.Step s : q.steps()) {
            List<Ext[]> c = s.childValues();
            int half = c.size() / 2;
            List<Ext[]> reordered = new ArrayList<>(c.subList(half, c.size()));
            reordered.addAll(c.subList(0, half));
            steps.add(new LogUpGkrProof.Step(s.sumcheck(), reordered));
        }
        LogUpGkrProof allSwapped = new LogUpGkrProof(swappedTwins.parts(), steps);
        assertThatThrownBy(() -> verifyAll(twins, shapes(twins), allSwapped))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("LogUp-GKR step 2: sumcheck round 0: p(0) + p(1)");
    }

    @Test
    void shapesListedInAnotherOrderAreRejected() throws Exception {
        // different structures: the bytes do not even decode
        List<LogUpGkrProver.Lookup> three = threeTables(new Random(14));
        byte[] bytes = encode(proveAllHonest(three).proof());
        List<LogUpGkrProof.Shape> shapes = shapes(three);
        List<LogUpGkrProof.Shape> reordered = List.of(shapes.get(1), shapes.get(0), shapes.get(2));
        assertThatThrownBy(() -> {
            ProofReader r = new ProofReader(bytes);
            LogUpGkrProof.readFrom(r, reordered);
            r.finish();
        }).isInstanceOf(ProofRejectedException.class).hasMessageStartingWith("malformed proof");
        assertThatThrownBy(() -> verifyAll(three, reordered, proveAllHonest(three).proof()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("malformed proof");

        // same statements, other rows: the transcript is the same (the statement absorbs no rows), so
        // everything passes up to the first table tree's leaves, where the verifier's own table disagrees
        List<LogUpGkrProver.Lookup> twins = twins(new Random(15));
        byte[] twinBytes = encode(proveAllHonest(twins).proof());
        verifyAllBytes(twins, shapes(twins), twinBytes);
        List<LogUpGkrProof.Shape> twinShapes = shapes(twins);
        List<LogUpGkrProof.Shape> swapped = List.of(twinShapes.get(1), twinShapes.get(0));
        assertThatThrownBy(() -> verifyAllBytes(twins, swapped, twinBytes))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("LogUp-GKR lookup 0 table leaves: Q(ρ) = ");
        // a verifier that lists both shapes and commitments in the other order: other challenges, so the
        // first check that depends on them fails (the root check and step 1 hold for any challenge)
        List<LogUpGkrProver.Lookup> swappedLookups = List.of(twins.get(1), twins.get(0));
        assertThatThrownBy(() -> verifyAllBytes(swappedLookups, shapes(swappedLookups), twinBytes))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("LogUp-GKR step 2: sumcheck round 0: p(0) + p(1)");
    }
}
