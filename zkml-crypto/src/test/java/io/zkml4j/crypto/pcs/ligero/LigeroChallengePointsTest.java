package io.zkml4j.crypto.pcs.ligero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Openings at challenge points ({@link LigeroParameters#challengePoints()}): no proximity row, the
 * evaluation rows test proximity (the tensor test). A matrix far from the code must be caught as often as
 * with the proximity row; every byte stays bound; hiding is in {@link HidingLigeroTest}. The last tests
 * show where the tensor test stops: rows that a point with fixed row coordinates gives weight zero.
 */
class LigeroChallengePointsTest {
    static final LigeroParameters FAST = LigeroParameters.TESTING_ONLY_INSECURE.withChallengePoints();
    static final LigeroParameters SECURE = LigeroParameters.SECURE_100_POW_16.withChallengePoints();

    /** An opening of random tables at random points (the challenge points a sumcheck would end at). */
    private static LigeroTamperTest.Case run(LigeroParameters params, long seed, int hiding, LigeroProver.Adversary adversary,
                                             int... vars) {
        return new LigeroTamperTest.Case(params, seed, hiding, adversary, vars);
    }

    /** Whether the opening verifies; a rejection must come from the evaluation rows' column check. */
    private static boolean accepted(LigeroTamperTest.Case run) {
        try {
            run.verify(run.proof());
            return true;
        } catch (ProofRejectedException e) {
            assertThat(e.getMessage()).contains("disagrees with opened column");
            return false;
        }
    }

    @Test
    void openingsSendNoProximityRowVerifyAndAreSmaller() throws ProofRejectedException {
        int[][] cases = {{8}, {10, 6}, {12, 12, 3}};
        for (int hiding : new int[] {0, 4}) {
            for (int[] vars : cases) {
                LigeroTamperTest.Case run = run(FAST, 11, hiding, LigeroProver.Adversary.HONEST, vars);
                assertThat(run.proof().proximityRow()).isEmpty();
                run.verifyBytes(run.bytes());
                LigeroTamperTest.Case standard = run(LigeroParameters.TESTING_ONLY_INSECURE, 11, hiding, LigeroProver.Adversary.HONEST, vars);
                assertThat(standard.proof().proximityRow()).isNotEmpty();
                assertThat(run.proof().sizeBytes()).as("vars %s, hiding %d", Arrays.toString(vars), hiding)
                        .isLessThan(standard.proof().sizeBytes());
            }
        }
    }

    @Test
    void aMatrixFarFromTheCodeIsAlwaysCaughtUnderSecureParameters() {
        int n = 12;
        int b = SECURE.columnsLog(new int[] {n});
        int codeword = 1 << (b + SECURE.logInverseRate());
        int rows = 1 << (n - b);
        for (int trial = 0; trial < 8; trial++) {
            // 40% of one row's positions: more than δ = 37.5%, so no codeword is within δ of that row.
            int row = (trial * 5) % rows;
            LigeroTamperTest.Case run = run(SECURE, 100 + trial, 0, LigeroSoundnessTest.corruptRow(row, codeword * 2 / 5, trial), n);
            assertThat(accepted(run)).as("trial %d, row %d of %d", trial, row, rows).isFalse();
        }
    }

    @Test
    void aCorruptedMaskRowOfAHidingCommitmentIsCaught() {
        // Two tables (two groups), hiding two openings: 4 mask rows after the polynomial rows; corrupt each in turn.
        int[] vars = {8, 6};
        LigeroShape shape = LigeroShape.of(vars, FAST.columnsLog(vars, 2), 2, FAST);
        assertThat(shape.maskRows).isEqualTo(4);
        for (int mask = 0; mask < shape.maskRows; mask++) {
            int row = shape.polynomialRows + mask;
            LigeroTamperTest.Case run = run(FAST, 40 + mask, 2, LigeroSoundnessTest.corruptRow(row, shape.codewordLength, mask), vars);
            assertThat(accepted(run)).as("mask row %d", mask).isFalse();
        }
    }

    /**
     * With 18 queries on codewords of 128 positions of which 6 of one row are corrupted, a cheat passes
     * exactly when no query hits a corrupted column, as with the proximity row:
     * C(122, 18)/C(128, 18) ≈ 0.39, within 4 standard deviations over 300 trials.
     */
    @Test
    void acceptanceRateMatchesTheQueryBound() {
        int n = 8;
        assertThat(FAST.columnsLog(new int[] {n})).isEqualTo(5);
        int corrupted = 6;
        LigeroSoundnessTest.assertAcceptanceRateMatchesTheQueryBound(128, corrupted, FAST.queries(),
                trial -> accepted(run(FAST, 5000 + trial, 0, LigeroSoundnessTest.corruptRow(trial % 8, corrupted, trial), n)));
    }

    @Test
    void everyByteOfTheProofIsBound() {
        LigeroTamperTest.Case run = run(FAST, 7, 2, LigeroProver.Adversary.HONEST, 9, 5);
        byte[] bytes = run.bytes();
        int step = Math.max(1, bytes.length / 400);
        for (int i = 0; i < bytes.length; i += step) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x10;
            int at = i;
            assertThatThrownBy(() -> run.verifyBytes(tampered)).as("byte %d of %d", at, bytes.length)
                    .isInstanceOf(ProofRejectedException.class);
        }
    }

    @Test
    void aProximityRowIsRejectedWhereTheShapeHasNone() {
        LigeroTamperTest.Case run = run(FAST, 8, 0, LigeroProver.Adversary.HONEST, 8);
        LigeroProof p = run.proof();
        LigeroProof extra = new LigeroProof(p.maskValues(), p.evaluationRows(), p.evaluationRows()[0].clone(), p.nonce(),
                p.columns(), p.merkle());
        assertThatThrownBy(() -> run.verify(extra)).isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("proximity row");
    }

    @Test
    void theProximityRowStaysWhereTheTensorBoundMissesTheTarget() {
        // F·N must stay below 2^28 for 100 bits: 300 polynomials of 28 variables at 2^14 columns fold 4200 times.
        int[] many = new int[300];
        int[] lengths = new int[300];
        Arrays.fill(many, 28);
        Arrays.fill(lengths, 1);
        assertThat(LigeroParameters.challengePointBatchingBits(16, 4200, 300)).isLessThan(100);
        assertThat(LigeroShape.of(many, lengths, 14, 0, SECURE).proximityRow).isTrue();
        int[] few = Arrays.copyOf(many, 10);
        assertThat(LigeroShape.of(few, Arrays.copyOf(lengths, 10), 14, 0, SECURE).proximityRow).isFalse();
        // Parameters without the challenge-point promise always send it.
        assertThat(LigeroShape.of(few, Arrays.copyOf(lengths, 10), 14, 0, LigeroParameters.SECURE_100_POW_16).proximityRow).isTrue();
        assertThat(SECURE).isNotEqualTo(LigeroParameters.SECURE_100_POW_16);
        assertThat(SECURE.toString()).contains("challenge points");
    }

    /**
     * Why only challenge points: a point whose row coordinates are fixed (here all zero, selecting row 0)
     * gives the other rows weight zero, so without the proximity row a corrupted row 5 goes untested. The
     * standard parameters catch it; the challenge-point parameters, misused, do not.
     */
    @Test
    void pointsWithFixedRowCoordinatesLeaveRowsUntestedWithoutTheProximityRow() {
        int n = 8; // 2^5 columns, 8 rows
        boolean standardAccepts = openAtRowZero(LigeroParameters.TESTING_ONLY_INSECURE, n);
        boolean challengeAccepts = openAtRowZero(FAST, n);
        assertThat(standardAccepts).isFalse();
        assertThat(challengeAccepts).isTrue();
    }

    private static boolean openAtRowZero(LigeroParameters params, int n) {
        int b = params.columnsLog(new int[] {n});
        return LigeroSoundnessTest.accepts(params, n, LigeroSoundnessTest.corruptRow(5, 128, 1), 3,
                point -> Arrays.fill(point, b, n, Ext.ZERO));
    }
}
