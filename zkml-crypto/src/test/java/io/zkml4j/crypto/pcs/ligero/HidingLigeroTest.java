package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.crypto.transcript.Transcript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hiding Ligero: openings verify, every new message is bound, and the exact leakage test: with the
 * verifier's coins fixed, everything an opening reveals is affine in the committed table {@code M} and
 * the randomness {@code (Z, ρ)}; the openings are hiding exactly when every change of {@code M} that keeps
 * the claimed values is absorbed by some change of the randomness: {@code A·S ⊆ col(B)} with {@code S}
 * the changes that keep the values, {@code A = ∂reveal/∂M}, {@code B = ∂reveal/∂(Z, ρ)}.
 */
class HidingLigeroTest {
    static final LigeroParameters FAST = LigeroParameters.TESTING_ONLY_INSECURE;

    static Transcript transcript() {
        return new Transcript("zkml4j/test/hiding-ligero");
    }

    static long[] randomTable(Random rnd, int n) {
        long[] t = new long[1 << n];
        for (int i = 0; i < t.length; i++) {
            t[i] = Goldilocks.reduce(rnd.nextLong());
        }
        return t;
    }

    static Ext[] randomPoint(Random rnd, int n) {
        Ext[] p = new Ext[n];
        for (int i = 0; i < n; i++) {
            p[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
        }
        return p;
    }

    @ParameterizedTest(name = "{0} variables, {1} hidden openings")
    @CsvSource({"0,1", "3,1", "8,1", "12,1", "8,4", "14,16"})
    void everyHiddenOpeningVerifies(int n, int h) throws ProofRejectedException {
        Random rnd = new Random(31L * n + h);
        long[] table = randomTable(rnd, n);
        LigeroProver prover = new LigeroProver(FAST);
        LigeroProverData data = prover.commit(List.of(table), h, ZkRandom.fresh());
        LigeroShape shape = data.shape;
        assertThat(shape.maskRows).isEqualTo(4 * h);
        assertThat(shape.padding).isEqualTo(h * shape.queries);
        assertThat(shape.salted).isTrue();
        assertThat(shape.messageLength).isLessThanOrEqualTo(shape.codewordLength / 2);
        for (int i = 0; i < h; i++) {
            Ext[] point = randomPoint(rnd, n);
            Opening<LigeroProof> opening = prover.open(data, List.<Ext[]>of(point), transcript());
            assertThat(opening.values()[0]).isEqualTo(io.zkml4j.crypto.poly.Multilinear.evaluate(table, point));
            LigeroProof decoded = roundTrip(opening.proof(), data.commitment());
            new LigeroVerifier(FAST).verify(data.commitment(), List.<Ext[]>of(point), opening.values(), decoded, transcript());
        }
    }

    @Test
    void secureParametersMeetTheTargetAtTheHidingRate() {
        for (int b = 0; b <= 14; b++) {
            for (int h : new int[] {1, 4, 16}) {
                LigeroShape.Code code = LigeroShape.code(b, h, LigeroParameters.SECURE_100);
                double n = Math.scalb(1.0, code.codewordLog());
                double rate = ((1 << b) + (double) h * code.queries()) / n;
                assertThat(rate).isLessThanOrEqualTo(0.5);
                assertThat(code.queries() * LigeroParameters.bitsPerQueryAtRate(rate)).isGreaterThanOrEqualTo(100.0);
                assertThat(code.padding()).isEqualTo(h * code.queries());
            }
        }
        // at the large shapes the padding costs a few queries, not a longer codeword
        LigeroShape.Code witness = LigeroShape.code(13, 1, LigeroParameters.SECURE_100);
        assertThat(witness.codewordLog()).isEqualTo(15);
        assertThat(witness.queries()).isBetween(148, 152);
    }

    @Test
    void twoCommitmentsOfOneTableShareNoRevealedValue() {
        Random rnd = new Random(5);
        long[] table = randomTable(rnd, 10);
        Ext[] point = randomPoint(rnd, 10);
        LigeroProver prover = new LigeroProver(FAST);
        LigeroProof a = prover.open(prover.commit(List.of(table), 1, ZkRandom.fresh()), List.<Ext[]>of(point), transcript()).proof();
        LigeroProof b = prover.open(prover.commit(List.of(table), 1, ZkRandom.fresh()), List.<Ext[]>of(point), transcript()).proof();
        assertThat(shared(a.proximityRow(), b.proximityRow())).isZero();
        assertThat(shared(a.evaluationRows()[0], b.evaluationRows()[0])).isZero();
        assertThat(shared(a.maskValues(), b.maskValues())).isZero();
    }

    private static int shared(long[] x, long[] y) {
        int same = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            same += x[i] == y[i] ? 1 : 0;
        }
        return same;
    }

    @Test
    void aFixedSeedIsRefusedAtSecureParameters() {
        LigeroProver prover = new LigeroProver(LigeroParameters.SECURE_100);
        assertThatThrownBy(() -> prover.commit(List.of(new long[16]), 1, ZkRandom.seededForTesting(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fixed-seed");
    }

    /** Every message of a hiding opening altered in turn is rejected. */
    @Test
    void tamperedHidingMessagesAreRejected() throws ProofRejectedException {
        Random rnd = new Random(9);
        long[] table = randomTable(rnd, 9);
        Ext[] point = randomPoint(rnd, 9);
        LigeroProver prover = new LigeroProver(FAST);
        LigeroProverData data = prover.commit(List.of(table), 2, ZkRandom.fresh());
        Opening<LigeroProof> o = prover.open(data, List.<Ext[]>of(point), transcript());
        LigeroProof p = o.proof();
        LigeroVerifier verifier = new LigeroVerifier(FAST);
        verifier.verify(data.commitment(), List.<Ext[]>of(point), o.values(), p, transcript());

        long[] masks = p.maskValues().clone();
        masks[0] = Goldilocks.add(masks[0], 1);
        assertRejected(verifier, data.commitment(), point, o.values(),
                new LigeroProof(masks, p.evaluationRows(), p.proximityRow(), p.nonce(), p.columns(), p.merkle()), "claim check");

        long[][] rows = {p.evaluationRows()[0].clone()};
        int paddingEntry = 2 * (data.shape.columns + 3);
        rows[0][paddingEntry] = Goldilocks.add(rows[0][paddingEntry], 1);
        assertRejected(verifier, data.commitment(), point, o.values(),
                new LigeroProof(p.maskValues(), rows, p.proximityRow(), p.nonce(), p.columns(), p.merkle()), "");

        long[] proximity = p.proximityRow().clone();
        proximity[proximity.length - 1] = Goldilocks.add(proximity[proximity.length - 1], 1);
        assertRejected(verifier, data.commitment(), point, o.values(),
                new LigeroProof(p.maskValues(), p.evaluationRows(), proximity, p.nonce(), p.columns(), p.merkle()), "");

        long[] columns = p.columns().clone();
        int maskSymbol = data.shape.polynomialRows; // first mask row of the first opened column
        columns[maskSymbol] = Goldilocks.add(columns[maskSymbol], 1);
        assertRejected(verifier, data.commitment(), point, o.values(),
                new LigeroProof(p.maskValues(), p.evaluationRows(), p.proximityRow(), p.nonce(), columns, p.merkle()), "Merkle");

        // the same proof under a commitment that claims another hiding budget
        LigeroCommitment c = data.commitment();
        for (int h : new int[] {0, 1, 3}) {
            LigeroCommitment other = new LigeroCommitment(c.root(), c.numVariables(), c.columnsLog(), h);
            assertThatThrownBy(() -> verifier.verify(other, List.<Ext[]>of(point), o.values(), p, transcript()))
                    .isInstanceOf(ProofRejectedException.class);
        }
    }

    private static void assertRejected(LigeroVerifier v, LigeroCommitment c, Ext[] point, Ext[] values, LigeroProof p,
                                       String reason) {
        assertThatThrownBy(() -> v.verify(c, List.<Ext[]>of(point), values, p, transcript()))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining(reason);
    }

    private static LigeroProof roundTrip(LigeroProof p, LigeroCommitment c) throws ProofRejectedException {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        ProofReader r = new ProofReader(w.toByteArray());
        LigeroProof back = LigeroProof.readFrom(r, FAST, c);
        r.finish();
        return back;
    }

    // ---- the exact leakage test ----

    @ParameterizedTest(name = "budget {0}, {1} openings: hiding = {2}")
    @CsvSource({
            "0, 1, false",  // v1: one opening already leaks the table
            "1, 1, true",
            "1, 2, false",  // a spent budget leaks: the key must refuse the second opening
            "2, 2, true",
            "3, 3, true"})
    void openingsRevealNothingBeyondTheValuesWithinTheBudget(int budget, int openings, boolean hiding) {
        assertThat(hides(new int[] {4}, budget, openings, 100 + 10L * budget + openings)).isEqualTo(hiding);
    }

    /**
     * Two tables of one commitment opened once at two unrelated points (two groups of column coordinates,
     * as the witness and pad tables of a zero-knowledge proof): hiding with the mask rows of two openings.
     */
    @ParameterizedTest(name = "budget {0}: hiding = {1}")
    @CsvSource({"0, false", "2, true", "3, true"})
    void oneOpeningOfTwoTablesAtTwoPointsRevealsNothingBeyondTheValues(int budget, boolean hiding) {
        assertThat(hides(new int[] {4, 3}, budget, 1, 200 + budget)).isEqualTo(hiding);
    }

    /**
     * Without the proximity row (openings at challenge points) an opening reveals one row per group, masked by
     * half as many mask rows: still hiding exactly within the budget.
     */
    @ParameterizedTest(name = "tables {0}, budget {1}, {2} openings: hiding = {3}")
    @CsvSource({"1, 1, 1, true", "1, 1, 2, false", "2, 2, 1, true", "2, 0, 1, false"})
    void openingsAtChallengePointsRevealNothingBeyondTheValues(int tables, int budget, int openings, boolean hiding) {
        int[] vars = tables == 1 ? new int[] {4} : new int[] {4, 3};
        LigeroParameters params = FAST.withChallengePoints();
        LigeroShape shape = LigeroShape.of(vars, 2, budget, params);
        assertThat(shape.proximityRow).isFalse();
        assertThat(shape.maskRows).as("two base mask rows per hidden opening of one group").isEqualTo(2 * budget);
        assertThat(hides(params, vars, budget, openings, 300 + 10L * budget + openings)).isEqualTo(hiding);
    }

    @Test
    void aCommitmentHidingOneOpeningRefusesToOpenTwoGroupsAtOnce() {
        Random rnd = new Random(3);
        LigeroProver prover = new LigeroProver(FAST);
        LigeroProverData data = prover.commit(List.of(randomTable(rnd, 4), randomTable(rnd, 3)), 1, ZkRandom.fresh());
        assertThatThrownBy(() -> prover.open(data, List.of(randomPoint(rnd, 4), randomPoint(rnd, 3)), transcript()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
    }

    /**
     * The exact leakage test for tables of {@code vars} variables (2^2 columns) committed with {@code budget}
     * and opened {@code openings} times, every table at its own point each time.
     */
    private static boolean hides(int[] vars, int budget, int openings, long seed) {
        return hides(FAST, vars, budget, openings, seed);
    }

    private static boolean hides(LigeroParameters params, int[] vars, int budget, int openings, long seed) {
        Random rnd = new Random(seed);
        LigeroShape shape = LigeroShape.of(vars, 2, budget, params);
        int k = vars.length;
        long[][] tables = new long[k][];
        int secrets = 0;
        for (int j = 0; j < k; j++) {
            tables[j] = randomTable(rnd, vars[j]);
            secrets += tables[j].length;
        }
        long[] masks = new long[shape.maskRows * shape.columns];
        long[] padding = new long[shape.totalRows * shape.padding];
        fill(rnd, masks);
        fill(rnd, padding);
        List<FixedCoins> coins = new ArrayList<>();
        List<List<Ext[]>> points = new ArrayList<>();
        for (int i = 0; i < openings; i++) {
            coins.add(new FixedCoins(rnd.nextLong()));
            List<Ext[]> p = new ArrayList<>();
            for (int v : vars) {
                p.add(randomPoint(rnd, v));
            }
            points.add(p);
        }
        Reveal reveal = (t, z, rho, values) -> {
            LigeroProver prover = new LigeroProver(params);
            LigeroProverData data = prover.commit(shape, split(t, tables), z, rho, ZkRandom.seededForTesting(1),
                    LigeroProver.Adversary.HONEST);
            long[] out = new long[0];
            for (int i = 0; i < openings; i++) {
                Opening<LigeroProof> o = prover.open(data, points.get(i), coins.get(i).replay(), LigeroProver.Adversary.HONEST);
                LigeroProof p = o.proof();
                out = concat(out, p.maskValues(), p.proximityRow(), p.columns());
                for (long[] row : p.evaluationRows()) {
                    out = concat(out, row);
                }
                for (int j = 0; j < k; j++) {
                    o.values()[j].storeAt(values, i * k + j);
                }
            }
            return out;
        };
        long[] table = concat(tables);
        long[] values = new long[2 * openings * k];
        long[] base = reveal.of(table, masks, padding, values);
        long[] baseValues = values.clone();

        List<long[]> a = new ArrayList<>();     // ∂reveal/∂M
        List<long[]> aValues = new ArrayList<>(); // ∂values/∂M
        for (int i = 0; i < table.length; i++) {
            long[] t = table.clone();
            t[i] = Goldilocks.add(t[i], 1);
            long[] v = new long[values.length];
            a.add(diff(reveal.of(t, masks, padding, v), base));
            aValues.add(diff(v, baseValues));
        }
        List<long[]> b = new ArrayList<>();     // ∂reveal/∂(Z, ρ)
        for (int i = 0; i < masks.length; i++) {
            long[] z = masks.clone();
            z[i] = Goldilocks.add(z[i], 1);
            b.add(diff(reveal.of(table, z, padding, new long[values.length]), base));
        }
        for (int i = 0; i < padding.length; i++) {
            long[] rho = padding.clone();
            rho[i] = Goldilocks.add(rho[i], 1);
            b.add(diff(reveal.of(table, masks, rho, new long[values.length]), base));
        }
        // S: the changes of M that keep every claimed value; A·S must lie in the span of B.
        List<long[]> keepValues = FieldMatrix.nullSpace(aValues, table.length);
        List<long[]> moved = new ArrayList<>();
        for (long[] s : keepValues) {
            moved.add(FieldMatrix.combine(a, s));
        }
        int rankB = FieldMatrix.rank(b);
        List<long[]> both = new ArrayList<>(b);
        both.addAll(moved);
        assertThat(keepValues).hasSize(secrets - 2 * openings * k);
        return FieldMatrix.rank(both) == rankB;
    }

    /** {@code flat} cut into tables of the sizes of {@code like}. */
    private static long[][] split(long[] flat, long[][] like) {
        long[][] out = new long[like.length][];
        int at = 0;
        for (int j = 0; j < like.length; j++) {
            out[j] = Arrays.copyOfRange(flat, at, at + like[j].length);
            at += like[j].length;
        }
        return out;
    }

    interface Reveal {
        long[] of(long[] table, long[] masks, long[] padding, long[] valuesOut);
    }

    private static void fill(Random rnd, long[] xs) {
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Goldilocks.reduce(rnd.nextLong());
        }
    }

    private static long[] diff(long[] x, long[] y) {
        long[] d = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = Goldilocks.sub(x[i], y[i]);
        }
        return d;
    }

    private static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] out = new long[n];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Verifier coins fixed in advance (the honest-verifier setting): the same draws however the data change. */
    static final class FixedCoins {
        private final long seed;

        FixedCoins(long seed) {
            this.seed = seed;
        }

        LigeroProver.Coins replay() {
            Random rnd = new Random(seed);
            return new LigeroProver.Coins() {
                public void absorb(LigeroStatement statement) {}

                public void absorb(String label, long[] pairs) {}

                public Ext[] draw(String label, int count) {
                    return randomPoint(rnd, count);
                }

                public long grind(int bits) {
                    return 0;
                }

                public int[] indices(String label, int count, int domain) {
                    int[] all = new int[domain];
                    for (int i = 0; i < domain; i++) {
                        all[i] = i;
                    }
                    for (int i = 0; i < count; i++) {
                        int j = i + rnd.nextInt(domain - i);
                        int tmp = all[i];
                        all[i] = all[j];
                        all[j] = tmp;
                    }
                    return Arrays.copyOf(all, count);
                }
            };
        }
    }
}
