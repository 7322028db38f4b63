package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.claims.ClaimBatchProof;
import io.zkml4j.crypto.claims.ClaimBatchProver;
import io.zkml4j.crypto.claims.ClaimBatchVerifier;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.transcript.Transcript;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.zkml4j.crypto.sumcheck.SumcheckFixtures.randomField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Prefix tables (the first {@code length} entries given, the rest zero) prove exactly what the same tables
 * zero-padded to {@code 2^n} prove: the same round messages, point and final values.
 */
class PrefixTableTest {

    @Property(tries = 120)
    void aPrefixInstanceSendsWhatItsPaddedInstanceSends(@ForAll @IntRange(min = 0, max = 8) int n,
                                                        @ForAll @IntRange(min = 1, max = 3) int tables,
                                                        @ForAll @IntRange(min = 1, max = 3) int terms,
                                                        @ForAll @IntRange(min = 1, max = 3) int degree,
                                                        @ForAll @IntRange(min = 0, max = 2) int kinds,
                                                        @ForAll boolean eq,
                                                        @ForAll long seed) {
        Random rnd = new Random(seed);
        int length = 1 + rnd.nextInt(1 << n);
        MultilinearTable[] full = new MultilinearTable[tables];
        MultilinearTable[] prefix = new MultilinearTable[tables];
        for (int j = 0; j < tables; j++) {
            boolean base = kinds == 0 || (kinds == 2 && j % 2 == 0);
            int width = base ? 1 : 2;
            long[] head = new long[width * length];
            for (int i = 0; i < head.length; i++) {
                head[i] = randomField(rnd);
            }
            long[] padded = Arrays.copyOf(head, width << n);
            full[j] = base ? MultilinearTable.base(padded) : MultilinearTable.ext(padded);
            prefix[j] = base ? MultilinearTable.basePrefix(head, n) : MultilinearTable.extPrefix(head, n);
        }
        SumOfProducts shape = SumcheckFixtures.randomShape(rnd, tables, terms, degree);
        Ext[] rho = SumcheckFixtures.randomPoint(rnd, n);
        SumcheckInstance a = eq ? SumcheckInstance.withEq(rho, shape, full) : SumcheckInstance.of(shape, full);
        SumcheckInstance b = eq ? SumcheckInstance.withEq(rho, shape, prefix) : SumcheckInstance.of(shape, prefix);
        SumcheckProver.Result ra = SumcheckProver.prove(a, new Transcript("prefix"), Parallelism.SEQUENTIAL);
        SumcheckProver.Result rb = SumcheckProver.prove(b, new Transcript("prefix"), Parallelism.SEQUENTIAL);
        assertThat(rb.claimedSum()).isEqualTo(ra.claimedSum()).isEqualTo(SumcheckFixtures.bruteForceSum(a));
        assertThat(rb.point()).containsExactly(ra.point());
        assertThat(rb.finalEvaluations()).containsExactly(ra.finalEvaluations());
        for (int k = 0; k < n; k++) {
            assertThat(rb.proof().roundPolynomials()[k]).containsExactly(ra.proof().roundPolynomials()[k]);
        }
        Ext[] p = SumcheckFixtures.randomPoint(rnd, n);
        for (int j = 0; j < tables; j++) {
            assertThat(prefix[j].evaluate(p)).isEqualTo(full[j].evaluate(p));
        }
        // handed-over arrays are folded in place and prove the same; the others were not written
        long[][] before = new long[tables][];
        MultilinearTable[] handed = new MultilinearTable[tables];
        for (int j = 0; j < tables; j++) {
            before[j] = prefix[j].values().clone();
            long[] copy = prefix[j].values().clone();
            handed[j] = (prefix[j].isBase() ? MultilinearTable.basePrefix(copy, n) : MultilinearTable.extPrefix(copy, n)).scratch();
        }
        SumcheckInstance c = eq ? SumcheckInstance.withEq(rho, shape, handed) : SumcheckInstance.of(shape, handed);
        SumcheckProver.Result rc = SumcheckProver.prove(c, new Transcript("prefix"), Parallelism.SEQUENTIAL);
        assertThat(rc.point()).containsExactly(ra.point());
        assertThat(rc.finalEvaluations()).containsExactly(ra.finalEvaluations());
        for (int j = 0; j < tables; j++) {
            assertThat(prefix[j].values()).containsExactly(before[j]);
        }
    }

    /** In-place folds split across threads (the geometric waves) give the one-thread result. */
    @Test
    void tablesFoldedInPlaceAcrossThreadsProveAsOneThreadDoes() {
        Random rnd = new Random(11);
        int n = 16;
        for (int length : new int[] {1 << n, (1 << 15) + 12289}) {
            long[] g = new long[2 * length];
            long[] f = new long[length];
            for (int i = 0; i < g.length; i++) {
                g[i] = randomField(rnd);
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = randomField(rnd);
            }
            SumcheckInstance kept = SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.basePrefix(f, n),
                    MultilinearTable.extPrefix(g, n));
            SumcheckInstance handed = SumcheckInstance.of(SumOfProducts.product(2),
                    MultilinearTable.basePrefix(f.clone(), n).scratch(), MultilinearTable.extPrefix(g.clone(), n).scratch());
            SumcheckProver.Result one = SumcheckProver.prove(kept, new Transcript("t"), Parallelism.SEQUENTIAL);
            SumcheckProver.Result many = SumcheckProver.prove(handed, new Transcript("t"), new Parallelism(4));
            assertThat(many.point()).containsExactly(one.point());
            assertThat(many.finalEvaluations()).containsExactly(one.finalEvaluations());
        }
    }

    @Test
    void largePrefixTablesSplitAcrossThreadsProveAsOneThreadDoes() {
        Random rnd = new Random(5);
        int n = 15;
        int length = (1 << 14) + 4097;
        long[] f = new long[length];
        long[] g = new long[2 * length];
        for (int i = 0; i < f.length; i++) {
            f[i] = randomField(rnd);
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = randomField(rnd);
        }
        SumcheckInstance inst = SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.basePrefix(f, n), MultilinearTable.extPrefix(g, n));
        SumcheckInstance padded = SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.base(Arrays.copyOf(f, 1 << n)),
                MultilinearTable.ext(Arrays.copyOf(g, 2 << n)));
        SumcheckProver.Result one = SumcheckProver.prove(padded, new Transcript("t"), Parallelism.SEQUENTIAL);
        SumcheckProver.Result many = SumcheckProver.prove(inst, new Transcript("t"), new Parallelism(4));
        assertThat(many.point()).containsExactly(one.point());
        assertThat(many.finalEvaluations()).containsExactly(one.finalEvaluations());
    }

    @Test
    void tablesOfOneInstanceShareTheirLength() {
        assertThatThrownBy(() -> SumcheckInstance.of(SumOfProducts.product(2), MultilinearTable.basePrefix(new long[3], 2),
                MultilinearTable.basePrefix(new long[4], 2))).hasMessageContaining("prefix");
        assertThatThrownBy(() -> MultilinearTable.basePrefix(new long[5], 2)).hasMessageContaining("prefix");
        assertThatThrownBy(() -> MultilinearTable.basePrefix(new long[0], 2)).hasMessageContaining("prefix");
    }

    /** Claims on sub-cubes of a packed prefix table batch to the proof the zero-padded table gives, and it verifies. */
    @Property(tries = 40)
    void claimBatchesOnAPrefixTableMatchThePaddedTable(@ForAll @IntRange(min = 2, max = 9) int n, @ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        int length = (1 << (n - 1)) + 1 + rnd.nextInt(1 << (n - 1));
        long[] head = new long[length];
        for (int i = 0; i < length; i++) {
            head[i] = randomField(rnd);
        }
        long[] padded = Arrays.copyOf(head, 1 << n);
        List<EvaluationClaim> claims = new ArrayList<>();
        // one claim on the first half (top coordinate 0), one at a fully random point
        for (int c = 0; c < 2; c++) {
            Ext[] p = SumcheckFixtures.randomPoint(rnd, n);
            if (c == 0) {
                p[n - 1] = Ext.ZERO;
            }
            claims.add(new EvaluationClaim(p, Multilinear.evaluate(padded, p)));
        }
        for (List<EvaluationClaim> cs : List.of(claims.subList(0, 1), claims)) {
            ClaimBatchProver.Result full = ClaimBatchProver.prove(MultilinearTable.base(padded), cs, new Transcript("b"), Parallelism.SEQUENTIAL);
            ClaimBatchProver.Result pre = ClaimBatchProver.prove(MultilinearTable.basePrefix(head, n), cs, new Transcript("b"), Parallelism.SEQUENTIAL);
            assertThat(pre.reduced().point()).containsExactly(full.reduced().point());
            assertThat(pre.reduced().value()).isEqualTo(full.reduced().value());
            ClaimBatchProof proof = pre.proof();
            EvaluationClaim reduced = ClaimBatchVerifier.verify(cs, n, proof, new Transcript("b"));
            assertThat(reduced.value()).isEqualTo(Multilinear.evaluate(padded, reduced.point()));
        }
    }
}
