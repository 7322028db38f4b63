package io.zkml4j.crypto.logup;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Groups with selectors: only the selected rows are looked up; everything else about the protocol holds. */
class LogUpSelectorTest {
    private final RangeTable table = new RangeTable(8);

    /** Selects the first {@code k} rows of {@code 2^n}. */
    private static long[] prefix(int n, int k) {
        long[] s = new long[1 << n];
        Arrays.fill(s, 0, k, 1);
        return s;
    }

    private static List<Function<Ext[], Ext>> mles(List<long[]> selectors) {
        List<Function<Ext[], Ext>> out = new ArrayList<>();
        for (long[] s : selectors) {
            out.add(s == null ? null : p -> Multilinear.evaluate(s, p));
        }
        return out;
    }

    private LogUpGkrClaims verify(List<long[][]> groups, List<long[]> selectors, long[] m, LogUpGkrProver.Result res,
                                  List<long[]> verifierSelectors) throws ProofRejectedException {
        int[] sizes = LogUpFixtures.logSizes(groups);
        boolean[] selected = new boolean[sizes.length];
        for (int g = 0; g < selected.length; g++) {
            selected[g] = verifierSelectors.get(g) != null;
        }
        ProofReader r = new ProofReader(LogUpFixtures.encode(res.proof()));
        LogUpGkrProof proof = LogUpGkrProof.readFrom(r, table, sizes, selected);
        r.finish();
        LogUpGkrClaims claims = LogUpGkrVerifier.verify(table, sizes, mles(verifierSelectors), proof, LogUpFixtures.committed(groups, m));
        LogUpFixtures.discharge(claims, groups, m);
        return claims;
    }

    private static List<long[][]> groupsWithGarbageOutsidePrefix(Random rnd, int n, int k) {
        long[] col = new long[1 << n];
        for (int i = 0; i < col.length; i++) {
            col[i] = i < k ? rnd.nextInt(256) : Goldilocks.reduce(rnd.nextLong()); // unselected rows: anything
        }
        return List.<long[][]>of(new long[][] {col});
    }

    @Test
    void unselectedRowsNeedNotBeInTheTable() throws Exception {
        Random rnd = new Random(1);
        for (int[] nk : new int[][] {{0, 1}, {1, 1}, {3, 5}, {6, 40}, {10, 1000}}) {
            List<long[][]> groups = groupsWithGarbageOutsidePrefix(rnd, nk[0], nk[1]);
            List<long[]> sel = List.<long[]>of(prefix(nk[0], nk[1]));
            long[] m = LookupTable.multiplicities(table, groups, sel);
            assertThat(Arrays.stream(m).sum()).isEqualTo(nk[1]);
            var res = LogUpGkrProver.prove(table, groups, sel, m, LogUpFixtures.committed(groups, m), Parallelism.SEQUENTIAL);
            verify(groups, sel, m, res, sel);
        }
    }

    @Test
    void selectedAndUnselectedGroupsMix() throws Exception {
        Random rnd = new Random(2);
        List<long[][]> groups = new ArrayList<>(groupsWithGarbageOutsidePrefix(rnd, 4, 9));
        groups.add(LogUpFixtures.groupFromTable(rnd, table, 3));
        List<long[]> sel = Arrays.asList(prefix(4, 9), null);
        long[] m = LookupTable.multiplicities(table, groups, sel);
        var res = LogUpGkrProver.prove(table, groups, sel, m, LogUpFixtures.committed(groups, m), Parallelism.SEQUENTIAL);
        verify(groups, sel, m, res, sel);
    }

    @Test
    void aSelectedRowOutsideTheTableIsRejected() {
        Random rnd = new Random(3);
        List<long[][]> groups = groupsWithGarbageOutsidePrefix(rnd, 5, 20);
        groups.get(0)[0][7] = Goldilocks.P - 1; // selected row, wrap-around value
        List<long[]> sel = List.<long[]>of(prefix(5, 20));
        assertThatThrownBy(() -> LookupTable.multiplicities(table, groups, sel)).hasMessageContaining("row 7");
        long[] m = new long[256];
        for (int i = 0; i < 20; i++) {
            if (i != 7) {
                m[(int) groups.get(0)[0][i]]++;
            }
        }
        m[255]++; // the best a cheater can do: count p-1 as the nearest row
        var res = LogUpGkrProver.proveUnchecked(table, groups, sel, m, LogUpFixtures.committed(groups, m), Parallelism.SEQUENTIAL);
        assertThatThrownBy(() -> verify(groups, sel, m, res, sel)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("root check");
    }

    @Test
    void aProverThatSelectsFewerRowsThanTheVerifierIsRejected() {
        Random rnd = new Random(4);
        List<long[][]> groups = groupsWithGarbageOutsidePrefix(rnd, 5, 20);
        groups.get(0)[0][19] = 1L << 40; // out of range, and the cheater leaves row 19 out of its selector
        List<long[]> cheat = List.<long[]>of(prefix(5, 19));
        long[] m = LookupTable.multiplicities(table, groups, cheat);
        var res = LogUpGkrProver.proveUnchecked(table, groups, cheat, m, LogUpFixtures.committed(groups, m), Parallelism.SEQUENTIAL);
        assertThatThrownBy(() -> verify(groups, cheat, m, res, List.<long[]>of(prefix(5, 20))))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("selector");
    }

    @Test
    void aSelectorFlagIsPartOfTheStatement() {
        Random rnd = new Random(5);
        List<long[][]> groups = List.<long[][]>of(LogUpFixtures.groupFromTable(rnd, table, 4));
        long[] all = prefix(4, 16);
        long[] m = LookupTable.multiplicities(table, groups);
        var res = LogUpGkrProver.prove(table, groups, List.<long[]>of(all), m, LogUpFixtures.committed(groups, m), Parallelism.SEQUENTIAL);
        // the same rows, but a verifier that expects an unselected group decodes and checks a different statement
        assertThatThrownBy(() -> verify(groups, List.<long[]>of(all), m, res, java.util.Collections.singletonList((long[]) null)))
                .isInstanceOf(ProofRejectedException.class);
    }
}
