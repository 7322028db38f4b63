package io.zkml4j.crypto.pcs.ligero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.merkle.MerkleBatchProof;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Every element of a Ligero proof altered in turn, and cheating provers that keep the transcript
 * consistent so that each later check is reached; each must be rejected with its own reason.
 */
class LigeroTamperTest {
    static final LigeroParameters FAST = LigeroParameters.TESTING_ONLY_INSECURE;
    static final LigeroParameters GRINDING = FAST.toBuilder().grindingBits(6).build();
    static final LigeroParameters SALTED = FAST.toBuilder().saltedLeaves(true).build();

    static Transcript transcript() {
        return new Transcript("zkml4j/test/ligero");
    }

    /** An honest opening of random tables with the given numbers of variables, each at its own point. */
    static final class Case {
        final LigeroParameters params;
        final List<long[]> tables = new ArrayList<>();
        final List<Ext[]> points = new ArrayList<>();
        final LigeroProverData data;
        final Opening<LigeroProof> opening;

        Case(LigeroParameters params, long seed, int... numVariables) {
            this(params, seed, LigeroProver.Adversary.HONEST, numVariables);
        }

        Case(LigeroParameters params, long seed, LigeroProver.Adversary adversary, int... numVariables) {
            this(params, seed, 0, adversary, numVariables);
        }

        /** A commitment hiding {@code hiding} openings (its randomness seeded by {@code seed}). */
        Case(LigeroParameters params, long seed, int hiding, LigeroProver.Adversary adversary, int... numVariables) {
            this.params = params;
            Random rnd = new Random(seed);
            for (int n : numVariables) {
                tables.add(randomTable(rnd, n));
                Ext[] p = new Ext[n];
                for (int i = 0; i < n; i++) {
                    p[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
                }
                points.add(p);
            }
            LigeroProver prover = new LigeroProver(params);
            data = hiding == 0 ? prover.commit(tables, adversary)
                    : prover.commit(tables, hiding, ZkRandom.seededForTesting(seed), adversary);
            opening = prover.open(data, points, transcript(), adversary);
        }

        LigeroProof proof() {
            return opening.proof();
        }

        void verify(LigeroProof proof) throws ProofRejectedException {
            new LigeroVerifier(params).verify(data.commitment(), points, opening.values(), proof, transcript());
        }

        void verifyBytes(byte[] bytes) throws ProofRejectedException {
            ProofReader in = new ProofReader(bytes);
            LigeroProof proof = LigeroProof.readFrom(in, params, data.commitment());
            in.finish();
            verify(proof);
        }

        byte[] bytes() {
            ProofWriter w = new ProofWriter();
            proof().writeTo(w);
            return w.toByteArray();
        }
    }

    static long[] randomTable(Random rnd, int n) {
        long[] f = new long[1 << n];
        for (int i = 0; i < f.length; i++) {
            f[i] = Goldilocks.reduce(rnd.nextLong());
        }
        return f;
    }

    static LigeroProof withRows(LigeroProof p, long[][] rows, long[] proximity) {
        return new LigeroProof(p.maskValues(), rows, proximity, p.nonce(), p.columns(), p.merkle());
    }

    static long[][] copy(long[][] rows) {
        long[][] out = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    @Test
    void honestCasesVerify() {
        for (LigeroParameters params : List.of(FAST, GRINDING, SALTED, LigeroParameters.SECURE_100)) {
            Case c = new Case(params, 1, 8, 3, 10);
            assertThatCode(() -> c.verify(c.proof())).as("%s", params).doesNotThrowAnyException();
            assertThatCode(() -> c.verifyBytes(c.bytes())).doesNotThrowAnyException();
        }
    }

    @Test
    void everyEvaluationRowEntryIsBound() {
        // Three polynomials with at least 2^b entries at distinct points: three groups, every column weight non-zero.
        Case c = new Case(FAST, 2, 8, 9, 8);
        long[][] rows = c.proof().evaluationRows();
        assertThat(rows).hasNumberOfRows(3);
        for (int g = 0; g < rows.length; g++) {
            for (int i = 0; i < rows[g].length; i++) {
                long[][] altered = copy(rows);
                altered[g][i] = Goldilocks.add(altered[g][i], 1);
                LigeroProof p = withRows(c.proof(), altered, c.proof().proximityRow());
                assertThatThrownBy(() -> c.verify(p))
                        .as("row %d entry %d", g, i)
                        .isInstanceOf(ProofRejectedException.class)
                        .hasMessageContaining("Ligero claim check failed for polynomials [" + g + "]");
            }
        }
    }

    @Test
    void evaluationRowEntriesOfWeightZeroAreBoundThroughTheQueries() {
        // A 2-variable table in a 2^b-column matrix: entries beyond the first 4 columns have weight 0, so
        // only the transcript (rows absorbed before the queries) ties them down.
        Case c = new Case(FAST, 21, 2, 9);
        assertThat(c.data.shape.columns).isGreaterThan(4);
        long[][] rows = c.proof().evaluationRows();
        for (int i = 8; i < rows[0].length; i++) {
            long[][] altered = copy(rows);
            altered[0][i] = Goldilocks.add(altered[0][i], 1);
            LigeroProof p = withRows(c.proof(), altered, c.proof().proximityRow());
            assertThatThrownBy(() -> c.verify(p))
                    .as("entry %d", i)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("Merkle opening");
        }
    }

    @Test
    void everyProximityRowEntryIsBoundThroughTheQueries() {
        // Altering the sent row changes the transcript, hence the queried columns: the opened ones no longer fit.
        Case c = new Case(FAST, 3, 8);
        long[] w = c.proof().proximityRow();
        for (int i = 0; i < w.length; i++) {
            long[] altered = w.clone();
            altered[i] = Goldilocks.add(altered[i], 1);
            LigeroProof p = withRows(c.proof(), c.proof().evaluationRows(), altered);
            assertThatThrownBy(() -> c.verify(p))
                    .as("proximity entry %d", i)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("Merkle opening");
        }
    }

    @Test
    void everyOpenedColumnEntryIsBoundByTheMerkleRoot() {
        Case c = new Case(FAST, 4, 8, 5);
        long[] columns = c.proof().columns();
        for (int i = 0; i < columns.length; i++) {
            long[] altered = columns.clone();
            altered[i] = Goldilocks.add(altered[i], 1);
            LigeroProof p = new LigeroProof(c.proof().maskValues(), c.proof().evaluationRows(), c.proof().proximityRow(), c.proof().nonce(),
                    altered, c.proof().merkle());
            assertThatThrownBy(() -> c.verify(p))
                    .as("column entry %d", i)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("Merkle opening: root mismatch");
        }
    }

    @Test
    void everyMerkleNodeAndSaltIsBound() {
        Case c = new Case(SALTED, 5, 9);
        MerkleBatchProof m = c.proof().merkle();
        Random rnd = new Random(5);
        for (int k = 0; k < m.siblingCount(); k++) {
            byte[] siblings = m.siblings().clone();
            siblings[32 * k + rnd.nextInt(32)] ^= 1;
            LigeroProof p = withMerkle(c.proof(), new MerkleBatchProof(m.salts(), siblings));
            assertThatThrownBy(() -> c.verify(p)).as("node %d", k)
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("Merkle opening: root mismatch");
        }
        for (int k = 0; k < m.saltCount(); k++) {
            byte[] salts = m.salts().clone();
            salts[32 * k + rnd.nextInt(32)] ^= 1;
            LigeroProof p = withMerkle(c.proof(), new MerkleBatchProof(salts, m.siblings()));
            assertThatThrownBy(() -> c.verify(p)).as("salt %d", k)
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("Merkle opening: root mismatch");
        }
        LigeroProof shorter = withMerkle(c.proof(), new MerkleBatchProof(m.salts(), Arrays.copyOf(m.siblings(), m.siblings().length - 32)));
        assertThatThrownBy(() -> c.verify(shorter))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("Merkle opening: wrong path length");
    }

    static LigeroProof withMerkle(LigeroProof p, MerkleBatchProof m) {
        return new LigeroProof(p.maskValues(), p.evaluationRows(), p.proximityRow(), p.nonce(), p.columns(), m);
    }

    @Test
    void theNonceIsChecked() {
        Case c = new Case(GRINDING, 6, 8);
        for (long delta : new long[] {1, 2, 1L << 40}) {
            long nonce = c.proof().nonce() + delta;
            LigeroProof p = new LigeroProof(c.proof().maskValues(), c.proof().evaluationRows(), c.proof().proximityRow(), nonce,
                    c.proof().columns(), c.proof().merkle());
            // 1 in 64 other nonces also has 6 zero bits; then the transcript diverges and the columns fail.
            assertThatThrownBy(() -> c.verify(p)).isInstanceOf(ProofRejectedException.class)
                    .message().satisfiesAnyOf(
                            msg -> assertThat(msg).contains("proof-of-work nonce " + nonce),
                            msg -> assertThat(msg).contains("Merkle opening"));
        }
        Case noGrinding = new Case(FAST, 6, 8);
        LigeroProof nonZero = new LigeroProof(noGrinding.proof().maskValues(), noGrinding.proof().evaluationRows(), noGrinding.proof().proximityRow(), 5,
                noGrinding.proof().columns(), noGrinding.proof().merkle());
        assertThatThrownBy(() -> noGrinding.verify(nonZero))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("nonce 5 must be 0 without grinding");
    }

    @Test
    void nonceTamperingInBytesIsRejected() {
        Case c = new Case(GRINDING, 7, 6);
        byte[] bytes = c.bytes();
        // The nonce is the 8 bytes after the rows: 4 + (4 + 16·2^b) per row, twice.
        int columns = c.data.shape.columns;
        int nonceAt = 4 + 2 * (4 + 16 * columns);
        assertThat(Goldilocks.decodeRaw(bytes, nonceAt)).isEqualTo(c.proof().nonce());
        int rejectedByPow = 0;
        for (int bit = 0; bit < 64; bit++) {
            byte[] altered = bytes.clone();
            altered[nonceAt + bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                c.verifyBytes(altered);
                throw new AssertionError("nonce bit " + bit + " flipped was accepted");
            } catch (ProofRejectedException e) {
                if (e.getMessage().contains("proof-of-work nonce")) {
                    rejectedByPow++;
                } else {
                    assertThat(e.getMessage()).contains("Merkle opening");
                }
            }
        }
        assertThat(rejectedByPow).as("most flipped nonces fail the proof of work itself").isGreaterThan(48);
    }

    @Test
    void nonCanonicalEncodingsAreRejected() {
        // All-zero tables: rows and columns are zeros, so p (≡ 0) is a non-canonical encoding of the same value.
        Random rnd = new Random(8);
        List<long[]> tables = List.of(new long[1 << 8]);
        List<Ext[]> points = List.<Ext[]>of(LigeroSoundnessTest.randomPoint(rnd, 8));
        LigeroProver prover = new LigeroProver(FAST);
        LigeroProverData data = prover.commit(tables);
        Opening<LigeroProof> opening = prover.open(data, points, transcript());
        ProofWriter w = new ProofWriter();
        opening.proof().writeTo(w);
        byte[] bytes = w.toByteArray();
        int rowEntry = 4 + 4; // first element of the first evaluation row
        int columnsAt = 4 + 2 * (4 + 16 * data.shape.columns) + 8 + 4;
        for (int at : new int[] {rowEntry, columnsAt, columnsAt + 8 * 17}) {
            assertThat(Goldilocks.decodeRaw(bytes, at)).isZero();
            byte[] altered = bytes.clone();
            Goldilocks.encode(Goldilocks.P, altered, at);
            assertThatThrownBy(() -> LigeroProof.readFrom(new ProofReader(altered), FAST, data.commitment()))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("non-canonical field element");
        }
        long[] columns = opening.proof().columns().clone();
        columns[3] = -1L;
        LigeroProof inMemory = new LigeroProof(opening.proof().maskValues(), opening.proof().evaluationRows(), opening.proof().proximityRow(), 0, columns,
                opening.proof().merkle());
        assertThatThrownBy(() -> new LigeroVerifier(FAST).verify(data.commitment(), points, opening.values(), inMemory, transcript()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("malformed Ligero proof: non-canonical field element in opened columns");
    }

    @Test
    void aProofAgainstAnotherRootFailsTheMerkleCheck() {
        // The prover absorbs the other root (so λ, γ and the queries match the verifier's), but opens its own tree.
        Case honest = new Case(FAST, 9, 8);
        Case other = new Case(FAST, 10, 8);
        LigeroProverData lying = honest.data.withCommitment(other.data.commitment());
        Opening<LigeroProof> opening = new LigeroProver(FAST).open(lying, honest.points, transcript());
        assertThatThrownBy(() -> new LigeroVerifier(FAST).verify(other.data.commitment(), honest.points, opening.values(),
                opening.proof(), transcript()))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("Merkle opening: root mismatch");
    }

    @Test
    void columnsOpenedAtOtherIndicesAreRejected() {
        LigeroProver.Adversary shift = new LigeroProver.Adversary() {
            @Override
            public int[] openedColumns(int[] queried) {
                int n = 128;
                return Arrays.stream(queried).map(j -> (j + 1) % n).sorted().distinct().toArray();
            }
        };
        Case c = new Case(FAST, 11, shift, 8);
        assertThat(c.data.shape.codewordLength).isEqualTo(128);
        assertThatThrownBy(() -> c.verify(c.proof())).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("Merkle opening");
    }

    @Test
    void aWrongNumberOfEvaluationRowsIsRejected() {
        Case c = new Case(FAST, 12, 8);
        long[][] rows = {c.proof().evaluationRows()[0], c.proof().evaluationRows()[0]};
        assertThatThrownBy(() -> c.verify(withRows(c.proof(), rows, c.proof().proximityRow())))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("malformed Ligero proof: 2 evaluation rows, expected 1");
        long[][] shortRow = {Arrays.copyOf(c.proof().evaluationRows()[0], 10)};
        assertThatThrownBy(() -> c.verify(withRows(c.proof(), shortRow, c.proof().proximityRow())))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("evaluation row has 10 field elements, expected 64");
    }

    @Test
    void parametersMustMatch() {
        Case c = new Case(FAST, 13, 8);
        LigeroParameters moreQueries = FAST.toBuilder().targetSecurityBits(20).build();
        assertThatThrownBy(() -> new LigeroVerifier(moreQueries).verify(c.data.commitment(), c.points, c.opening.values(),
                c.proof(), transcript()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("malformed Ligero proof: opened columns");
        assertThatThrownBy(() -> new LigeroVerifier(SALTED).verify(c.data.commitment(), c.points, c.opening.values(),
                c.proof(), transcript()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("Ligero claim check failed");
    }

    // ---- cheating provers that keep the transcript consistent, so that the later checks are reached ----

    @Test
    void aProximityRowThatIsNotTheCombinationOfTheRowsIsCaught() {
        for (int i : new int[] {0, 7, 63}) {
            LigeroProver.Adversary adversary = new LigeroProver.Adversary() {
                @Override
                public void rows(long[][] evaluationRows, long[] proximityRow, Ext[] lambda, Ext[] gamma) {
                    proximityRow[i] = Goldilocks.add(proximityRow[i], 1);
                }
            };
            Case c = new Case(FAST, 14, adversary, 8);
            assertThatThrownBy(() -> c.verify(c.proof())).as("entry %d", i)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("Ligero proximity check failed at column");
        }
    }

    /**
     * A false claim with an evaluation row adjusted so that the claim check passes: the row is no longer
     * the combination of the committed rows, which the encoded-row check at the opened columns catches.
     */
    @Test
    void aFalseClaimWithAnAdjustedRowIsCaughtAtTheColumns() {
        for (int n : new int[] {8, 3}) { // n >= b: adjust a weighted entry; n < b: the row is the table itself
            Random rnd = new Random(15);
            Ext[] point = LigeroSoundnessTest.randomPoint(rnd, n);
            LigeroProver.Adversary adversary = new LigeroProver.Adversary() {
                @Override
                public Ext[] claims(Ext[] honest) {
                    honest[0] = honest[0].add(Ext.ONE);
                    return honest;
                }

                @Override
                public void rows(long[][] evaluationRows, long[] proximityRow, Ext[] lambda, Ext[] gamma) {
                    // ⟨row, eqLow⟩ must grow by λ_0: add λ_0 / eqLow[0] to entry 0.
                    LigeroShape shape = LigeroShape.of(new int[] {n}, FAST.columnsLog(new int[] {n}), FAST);
                    Ext eq0 = Ext.at(shape.columnWeights(point, 0), 0);
                    Ext delta = lambda[0].mul(eq0.inv());
                    Ext.at(evaluationRows[0], 0).add(delta).storeAt(evaluationRows[0], 0);
                }
            };
            Random tables = new Random(16);
            List<long[]> t = List.of(randomTable(tables, n));
            LigeroProver prover = new LigeroProver(FAST);
            LigeroProverData data = prover.commit(t, adversary);
            Opening<LigeroProof> opening = prover.open(data, List.<Ext[]>of(point), transcript(), adversary);
            assertThatThrownBy(() -> new LigeroVerifier(FAST).verify(data.commitment(), List.<Ext[]>of(point), opening.values(),
                    opening.proof(), transcript()))
                    .as("%d variables", n)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("Ligero evaluation row 0 disagrees with opened column");
        }
    }

    @Test
    void aRowChangeOutsideTheWeightsOfASmallPolynomialIsCaughtAtTheColumns() {
        // For n < b the columns beyond 2^n have weight 0, so the claim check cannot see them; the codeword check can.
        LigeroProver.Adversary adversary = new LigeroProver.Adversary() {
            @Override
            public void rows(long[][] evaluationRows, long[] proximityRow, Ext[] lambda, Ext[] gamma) {
                evaluationRows[0][evaluationRows[0].length - 2] = 5;
            }
        };
        Case c = new Case(FAST, 17, adversary, 2, 9);
        assertThat(c.data.shape.lowVariables(0)).isLessThan(c.data.shape.columnsLog);
        assertThatThrownBy(() -> c.verify(c.proof()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("Ligero evaluation row 0 disagrees with opened column");
    }
}
