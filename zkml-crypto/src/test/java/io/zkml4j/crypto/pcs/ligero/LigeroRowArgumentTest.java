package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.ntt.ReedSolomon;
import io.zkml4j.crypto.poly.Multilinear;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Openings that commit their evaluation rows ({@link LigeroRowArgument}): they verify, are smaller where
 * the shape picks them, and every part of the row argument is bound; rows that fail the claim check or the
 * column checks are rejected even though they are only committed.
 */
class LigeroRowArgumentTest {
    /** Testing parameters (18 queries) with committed rows: they commit rows from 2^14 entries on. */
    static final LigeroParameters FAST = LigeroParameters.TESTING_ONLY_INSECURE.toBuilder().challengePoints(true)
            .committedRows(true).build();
    static final LigeroParameters SECURE = LigeroParameters.SECURE_100_POW_16.withChallengePoints().withCommittedRows();

    private static LigeroTamperTest.Case honest(LigeroParameters params, int hiding, int... vars) {
        return new LigeroTamperTest.Case(params, 11, hiding, LigeroProver.Adversary.HONEST, vars);
    }

    @Test
    void theShapeCommitsRowsOnlyWhereThatIsSmallerAndNeverWithAProximityRow() {
        LigeroParameters plain = LigeroParameters.SECURE_100_POW_16.withChallengePoints();
        for (int n = 10; n <= 22; n += 2) {
            int[] vars = {n};
            int[] lengths = {1 << n};
            LigeroShape shape = LigeroShape.of(vars, lengths, SECURE.columnsLog(vars, lengths, 1), 1, SECURE);
            assertThat(shape.proximityRow && shape.committedRows).isFalse();
            assertThat(SECURE.estimatedOpeningBytes(vars, lengths, 1))
                    .isLessThanOrEqualTo(plain.estimatedOpeningBytes(vars, lengths, 1));
            assertThat(shape.committedRows).as("2^%d entries", n).isEqualTo(n >= 17);
        }
        assertThat(SECURE.savedByCommittedRows(1, (1 << 16) + 124, false)).isPositive();
        assertThat(SECURE.savedByCommittedRows(1, (1 << 16) + 124, true)).isZero();
        // a row commitment holds two coordinate rows per group: past half the polynomial limit rows are sent
        assertThat(SECURE.savedByCommittedRows(LigeroParameters.MAX_POLYNOMIALS / 2 + 1, 1 << 16, false)).isZero();
        // the row commitment grinds less and queries more, at the same target
        LigeroParameters rows = SECURE.rowCommitmentParameters();
        assertThat(rows.grindingBits()).isEqualTo(8);
        assertThat(rows.queries()).isGreaterThan(SECURE.queries());
        assertThat(rows.securityBits()).isGreaterThanOrEqualTo(100);
        assertThat(rows.committedRows()).isFalse();
        assertThatThrownBy(() -> LigeroParameters.builder().committedRows(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("challenge points");
    }

    @Test
    void openingsWithCommittedRowsVerifyHidingOrNotAndForSeveralGroups() throws Exception {
        for (int hiding : new int[] {0, 1, 3}) {
            for (int[] vars : new int[][] {{15}, {14, 15}, {14, 14, 15}}) {
                if (hiding > 0 && vars.length > hiding) {
                    continue; // a hiding commitment opens at most `hiding` groups
                }
                LigeroTamperTest.Case c = honest(FAST, hiding, vars);
                assertThat(c.data.shape.committedRows).isTrue();
                assertThat(c.proof().committedRows()).isTrue();
                assertThat(c.proof().sizeBytes()).isEqualTo(c.bytes().length);
                c.verify(c.proof());
                c.verifyBytes(c.bytes());
            }
        }
    }

    @Test
    void atOneHundredBitsTheOpeningOfTwoToTheTwentyEntriesShrinks() throws Exception {
        LigeroTamperTest.Case committed = honest(SECURE, 1, 20);
        LigeroTamperTest.Case sent = honest(LigeroParameters.SECURE_100_POW_16.withChallengePoints(), 1, 20);
        committed.verifyBytes(committed.bytes());
        assertThat(committed.bytes().length).isLessThan(sent.bytes().length * 2 / 3);
    }

    @Test
    void everyByteOfTheRowArgumentIsBound() {
        LigeroTamperTest.Case c = honest(FAST, 1, 15);
        byte[] bytes = c.bytes();
        int argument = bytes.length - c.proof().rowArgument().sizeBytes();
        // the root sits right after the group count
        List<Integer> positions = new ArrayList<>();
        for (int i = 4; i < 4 + 32; i += 3) {
            positions.add(i);
        }
        for (int i = argument; i < bytes.length; i += Math.max(1, (bytes.length - argument) / 200)) {
            positions.add(i);
        }
        for (int i : positions) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x04;
            assertThatThrownBy(() -> c.verifyBytes(bad)).as("byte %d", i).isInstanceOf(ProofRejectedException.class);
        }
    }

    @Test
    void aWrongClaimIsRejectedByTheRowArgument() {
        LigeroTamperTest.Case lie = new LigeroTamperTest.Case(FAST, 12, 1, new LigeroProver.Adversary() {
            @Override
            public Ext[] claims(Ext[] honest) {
                honest[0] = honest[0].add(Ext.ONE);
                return honest;
            }
        }, 15);
        assertThatThrownBy(() -> lie.verify(lie.proof())).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("committed rows");
    }

    @Test
    void aCommittedRowThatDisagreesWithTheColumnsIsRejected() {
        // the prover commits a row with one coefficient changed: the claim it proves is then wrong, or, if
        // it also changes the claims to match, the row disagrees with the columns almost everywhere
        LigeroTamperTest.Case changed = new LigeroTamperTest.Case(FAST, 13, 1, new LigeroProver.Adversary() {
            @Override
            public void rows(long[][] rows, long[] proximity, Ext[] lambda, Ext[] gamma) {
                rows[0][2 * 5] = Goldilocks.add(rows[0][2 * 5], 1);
            }
        }, 15);
        assertThatThrownBy(() -> changed.verify(changed.proof())).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("committed rows");
    }

    @Test
    void committingOtherRowsThanTheSumcheckRunsOnIsCaughtByTheFinalCheck() {
        // every round and the row commitment's opening are honest, each for its own rows: only the last check links them
        LigeroTamperTest.Case swapped = new LigeroTamperTest.Case(FAST, 14, 1, new LigeroProver.Adversary() {
            @Override
            public long[][] committedRows(long[][] rows) {
                long[][] other = rows.clone();
                other[0] = rows[0].clone();
                other[0][2 * 7 + 1] = Goldilocks.add(other[0][2 * 7 + 1], 1);
                return other;
            }
        }, 15);
        assertThatThrownBy(() -> swapped.verify(swapped.proof())).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("the sumcheck ends at");
    }

    @Test
    void aProofWhoseRowsAreSentWhereTheShapeCommitsThemIsMalformed() {
        LigeroTamperTest.Case c = honest(FAST, 1, 15);
        LigeroProof p = c.proof();
        LigeroProof sent = new LigeroProof(p.maskValues(), p.evaluationRows(), p.proximityRow(), p.nonce(), p.columns(), p.merkle());
        assertThatThrownBy(() -> c.verify(sent)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("sent where the shape commits them");
    }

    @Test
    void theWeightExtensionsTheVerifierComputesMatchTheWeightVectors() {
        Random rnd = new Random(3);
        int[] vars = {15};
        LigeroShape shape = LigeroShape.of(vars, new int[] {1 << 15}, FAST.columnsLog(vars, new int[] {1 << 15}, 1), 1, FAST);
        int rowVars = shape.rowVariables();
        Ext[] z = randomPoint(rnd, rowVars);
        // the encoding weights (x_p^i)_i of a position
        int p = 37 % shape.codewordLength;
        long x = ReedSolomon.evaluationPoint(p, shape.codewordLog);
        long[] powers = new long[2 << rowVars];
        long xi = 1;
        for (int i = 0; i < 1 << rowVars; i++) {
            powers[2 * i] = xi;
            xi = Goldilocks.mul(xi, x);
        }
        assertThat(shape.encodingWeightsAt(p, z)).isEqualTo(Multilinear.evaluateExt(powers, z));
        // and the codeword symbol is their inner product with the message
        long[] row = new long[2 * shape.messageLength];
        for (int i = 0; i < row.length; i++) {
            row[i] = Goldilocks.reduce(rnd.nextLong());
        }
        Ext symbol = Ext.at(shape.encodeSentRow(row), p);
        Ext direct = Ext.ZERO;
        for (int i = 0; i < shape.messageLength; i++) {
            direct = direct.add(Ext.at(row, i).mulBase(powers[2 * i]));
        }
        assertThat(symbol).isEqualTo(direct);
        // the column weights, zero past 2^b'
        Ext[] point = randomPoint(rnd, 15);
        long[] weights = java.util.Arrays.copyOf(shape.columnWeights(point, 0), 2 << rowVars);
        assertThat(shape.columnWeightsAt(point, 0, z)).isEqualTo(Multilinear.evaluateExt(weights, z));
    }

    @Test
    void theSumOfBetaWeightedPowersIsOneTransform() {
        Random rnd = new Random(4);
        int[] vars = {15};
        LigeroShape shape = LigeroShape.of(vars, new int[] {1 << 15}, FAST.columnsLog(vars, new int[] {1 << 15}, 1), 1, FAST);
        int[] queried = {0, 3, 17, shape.codewordLength - 1};
        Ext[] beta = randomPoint(rnd, 2 + queried.length);
        long[] w = LigeroRowArgument.encodingWeights(shape, queried, beta, 2, shape.rowVariables());
        for (int i : new int[] {0, 1, 5, (1 << shape.rowVariables()) - 1}) {
            Ext expected = Ext.ZERO;
            for (int q = 0; q < queried.length; q++) {
                long x = ReedSolomon.evaluationPoint(queried[q], shape.codewordLog);
                expected = expected.add(beta[2 + q].mulBase(Goldilocks.pow(x, i)));
            }
            assertThat(Ext.at(w, i)).as("i = %d", i).isEqualTo(expected);
        }
    }

    private static Ext[] randomPoint(Random rnd, int n) {
        Ext[] p = new Ext[n];
        for (int i = 0; i < n; i++) {
            p[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
        }
        return p;
    }
}
