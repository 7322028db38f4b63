package io.zkml4j.crypto.pcs.ligero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Query counts from the stated bound, the computed security level, presets, validation, shape choice. */
class LigeroParametersTest {

    @Test
    void queryCountIsTheLeastThatReachesTheTarget() {
        // rate 1/4: δ = 3/8, each query contributes log2(1/(1-δ)) = log2(8/5) bits.
        double perQuery = Math.log(8.0 / 5.0) / Math.log(2);
        assertThat(LigeroParameters.bitsPerQuery(2)).isCloseTo(perQuery, within(1e-12));
        for (int target : new int[] {80, 100, 103}) {
            for (int grinding : new int[] {0, 8, 16, 20}) {
                LigeroParameters p = LigeroParameters.builder().targetSecurityBits(target).grindingBits(grinding).build();
                int t = p.queries();
                assertThat(grinding + t * perQuery).as("t=%d reaches %d bits", t, target).isGreaterThanOrEqualTo(target);
                assertThat(grinding + (t - 1) * perQuery).as("t-1 does not").isLessThan(target);
            }
        }
    }

    @Test
    void secure100Has148QueriesAndAtLeast100Bits() {
        LigeroParameters p = LigeroParameters.SECURE_100;
        assertThat(p.inverseRate()).isEqualTo(4);
        assertThat(p.proximityParameter()).isEqualTo(0.375);
        assertThat(p.queries()).isEqualTo(148);
        assertThat(p.grindingBits()).isZero();
        assertThat(p.querySecurityBits()).isGreaterThanOrEqualTo(100);
        assertThat(p.securityBits()).isEqualTo(100);
        assertThat(p.isTestingOnly()).isFalse();
        // The batching round: (2^24 + 2 + 2^16) / 2^128 leaves about 104 bits.
        assertThat(LigeroParameters.batchingSecurityBits(LigeroParameters.MAX_CODEWORD_LOG, LigeroParameters.MAX_POLYNOMIALS))
                .isBetween(103.9, 104.0);
    }

    @Test
    void grindingTradesQueriesForWork() {
        LigeroParameters p = LigeroParameters.builder().targetSecurityBits(100).grindingBits(16).build();
        assertThat(p.queries()).isEqualTo(124);
        assertThat(p.securityBits()).isGreaterThanOrEqualTo(100);
        // A higher rate needs fewer queries per bit.
        LigeroParameters rate8 = LigeroParameters.builder().logInverseRate(3).build();
        assertThat(rate8.queries()).isLessThan(148);
        assertThat(rate8.securityBits()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void theTestingPresetIsLabelledAndInsecure() {
        LigeroParameters p = LigeroParameters.TESTING_ONLY_INSECURE;
        assertThat(p.isTestingOnly()).isTrue();
        assertThat(p.securityBits()).isLessThan(20);
        assertThat(p.queries()).isEqualTo(18);
        assertThat(p.toString()).contains("TESTING ONLY, INSECURE");
    }

    @Test
    void buildersValidate() {
        assertThatThrownBy(() -> LigeroParameters.builder().targetSecurityBits(60).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("insecure");
        assertThatThrownBy(() -> LigeroParameters.builder().targetSecurityBits(120).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batching round");
        assertThatThrownBy(() -> LigeroParameters.builder().logInverseRate(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LigeroParameters.builder().grindingBits(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LigeroParameters.builder().grindingBits(33).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LigeroParameters.SECURE_100.toBuilder().build()).isEqualTo(LigeroParameters.SECURE_100);
        assertThat(LigeroParameters.SECURE_100).isNotEqualTo(LigeroParameters.TESTING_ONLY_INSECURE);
    }

    @Test
    void theShapeMinimizesTheExpectedProofSize() {
        LigeroParameters p = LigeroParameters.SECURE_100;
        int[] oneMillion = {20};
        int b = p.columnsLog(oneMillion);
        assertThat(b).as("the class comment's worked example").isEqualTo(13);
        for (int other = 0; other <= 20; other++) {
            long rows = LigeroShape.totalRows(oneMillion, other);
            assertThat(p.estimatedProofBytes(1, rows, other))
                    .as("b=%d", other)
                    .isGreaterThanOrEqualTo(p.estimatedProofBytes(1, LigeroShape.totalRows(oneMillion, b), b));
        }
        // Small tables: one padded row can be best; the shape always fits the limits.
        assertThat(p.columnsLog(new int[] {0})).isZero();
        assertThat(p.columnsLog(new int[] {3, 3, 3})).isBetween(0, 3);
        assertThatThrownBy(() -> LigeroShape.of(new int[] {29}, 13, p)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LigeroShape.of(new int[] {10}, 23, p)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LigeroShape.of(new int[0], 3, p)).isInstanceOf(IllegalArgumentException.class);
    }
}
