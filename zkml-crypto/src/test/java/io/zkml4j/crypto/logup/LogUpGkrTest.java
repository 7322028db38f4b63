package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.parallel.Parallelism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.zkml4j.crypto.logup.LogUpFixtures.*;
import static io.zkml4j.crypto.sumcheck.SumcheckFixtures.randomPoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogUpGkrTest {

    @ParameterizedTest(name = "range 2^{0}, group sizes {1}")
    @CsvSource({"8, 10", "4, 0", "4, 1", "0, 3", "0, 0", "4, 0 1 3 7", "3, 5 2", "8, 12 6"})
    void rangeLookupsVerify(int bits, String sizes) throws Exception {
        Random rnd = new Random(bits * 31L + sizes.hashCode());
        RangeTable table = new RangeTable(bits);
        List<long[][]> groups = new ArrayList<>();
        for (String s : sizes.split(" ")) {
            groups.add(groupFromTable(rnd, table, Integer.parseInt(s)));
        }
        long[] m = LookupTable.multiplicities(table, groups);
        LogUpGkrProver.Result res = proveHonest(table, groups);
        LogUpGkrClaims claims = verifyBytes(table, groups, m, encode(res.proof()));
        assertThat(claims).isEqualTo(res.claims());
        for (int g = 0; g < groups.size(); g++) {
            assertThat(claims.column(g, 0).numVars()).isEqualTo(logSizes(groups)[g]);
        }
        assertThat(claims.multiplicities().numVars()).isEqualTo(bits);
    }

    @Test
    void functionTableOfPairsVerifies() throws Exception {
        Random rnd = new Random(2);
        ExplicitTable table = squareTable(6);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 9), groupFromTable(rnd, table, 4),
                groupFromTable(rnd, table, 0));
        long[] m = LookupTable.multiplicities(table, groups);
        LogUpGkrProver.Result res = proveHonest(table, groups);
        LogUpGkrClaims claims = verifyBytes(table, groups, m, encode(res.proof()));
        assertThat(claims.groupColumns()).hasSize(3);
        assertThat(claims.groupColumns().get(0)).hasSize(2);
        // both columns of a group are claimed at the same point
        assertThat(claims.column(0, 0).point()).isEqualTo(claims.column(0, 1).point());
    }

    @Test
    void arityThreeTableVerifies() throws Exception {
        Random rnd = new Random(3);
        long[][] cols = new long[3][16];
        for (int i = 0; i < 16; i++) {
            cols[0][i] = i;
            cols[1][i] = Goldilocks.fromSigned(-i);
            cols[2][i] = Goldilocks.reduce(rnd.nextLong());
        }
        ExplicitTable table = new ExplicitTable(cols);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 6), groupFromTable(rnd, table, 2));
        long[] m = LookupTable.multiplicities(table, groups);
        verifyBytes(table, groups, m, encode(proveHonest(table, groups).proof()));
    }

    @Test
    void oneRowTableVerifies() throws Exception {
        ExplicitTable table = new ExplicitTable(new long[][] {{42}, {7}});
        List<long[][]> groups = groups(new long[][] {{42, 42, 42, 42}, {7, 7, 7, 7}}, new long[][] {{42}, {7}});
        long[] m = LookupTable.multiplicities(table, groups);
        assertThat(m).containsExactly(5);
        verifyBytes(table, groups, m, encode(proveHonest(table, groups).proof()));
    }

    @Test
    void parallelAndSequentialProofsAreIdentical() {
        Random rnd = new Random(4);
        RangeTable table = new RangeTable(8);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 16), groupFromTable(rnd, table, 14));
        long[] m = LookupTable.multiplicities(table, groups);
        byte[] seq = encode(LogUpGkrProver.prove(table, groups, m, committed(groups, m), Parallelism.SEQUENTIAL).proof());
        byte[] par = encode(LogUpGkrProver.prove(table, groups, m, committed(groups, m), new Parallelism(3)).proof());
        assertThat(par).isEqualTo(seq);
    }

    @Test
    void proofBytesRoundTripAndHaveTheExpectedSize() throws Exception {
        Random rnd = new Random(5);
        RangeTable table = new RangeTable(4);
        List<long[][]> groups = groups(groupFromTable(rnd, table, 5), groupFromTable(rnd, table, 0));
        byte[] bytes = encode(proveHonest(table, groups).proof());
        // roots: 32 bytes a tree (group 0, group 1, table); step k = 1..5: (k-1) sumcheck rounds of 4 + 4·16 bytes,
        // then 4 + c·16 bytes per tree at least k deep (group 0, 5 deep, at its unit leaves in step 5: c = 2;
        // the table, 4 deep: c = 4; group 1, one row, none); then 4 + 16 bytes of column values per group
        int expected = 3 * 32;
        for (int k = 1; k <= 5; k++) {
            expected += (k - 1) * (4 + 4 * 16) + (4 + (k == 5 ? 2 : 4) * 16) + (k <= 4 ? 4 + 4 * 16 : 0);
        }
        expected += 2 * (4 + 16);
        assertThat(bytes).hasSize(expected);
        ProofReader r = new ProofReader(bytes);
        LogUpGkrProof back = LogUpGkrProof.readFrom(r, table, new int[] {5, 0});
        r.finish();
        assertThat(encode(back)).isEqualTo(bytes);
    }

    @Test
    void multiplicitiesCountEveryRowOfEveryGroup() {
        ExplicitTable table = new ExplicitTable(new long[][] {{5, 9, 5, 11}});
        List<long[][]> groups = groups(new long[][] {{9, 5, 5, 11}}, new long[][] {{11, 11}});
        // the repeated row 5 counts at its first occurrence
        assertThat(LookupTable.multiplicities(table, groups)).containsExactly(2, 1, 0, 3);
        assertThat(LookupTable.multiplicities(new RangeTable(2), groups(new long[][] {{3, 0, 3, 3}})))
                .containsExactly(1, 0, 0, 3);
    }

    @Test
    void theProverRefusesRowsOutsideTheTableAndWrongMultiplicities() {
        RangeTable table = new RangeTable(8);
        long[][] bad = {{1, 2, Goldilocks.P - 1, 4}};
        assertThatThrownBy(() -> LookupTable.multiplicities(table, groups(bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group 0 row 2: 18446744069414584320 is not a row of the table");
        ExplicitTable pairs = squareTable(4);
        long[][] badPair = {{1, 2, 3, 4}, {1, 4, 10, 16}};
        assertThatThrownBy(() -> LookupTable.multiplicities(pairs, groups(badPair)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group 0 row 2: (3, 10) is not a row of the table");
        long[][] good = {{1, 1, 2, 3}};
        long[] m = LookupTable.multiplicities(table, groups(good));
        m[1]--;
        m[0]++;
        assertThatThrownBy(() -> LogUpGkrProver.prove(table, groups(good), m, committed(groups(good), m)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("multiplicities do not match the witness: row 0 is used 0 times, given 1");
    }

    @Test
    void rangeTableColumnIsTheMultilinearExtensionOfZeroToTwoToTheBits() {
        Random rnd = new Random(6);
        for (int bits : new int[] {0, 1, 5, 10}) {
            long[] values = new long[1 << bits];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            Ext[] r = randomPoint(rnd, bits);
            assertThat(new RangeTable(bits).evaluateColumn(0, r)).isEqualTo(Multilinear.evaluate(values, r));
        }
    }
}
