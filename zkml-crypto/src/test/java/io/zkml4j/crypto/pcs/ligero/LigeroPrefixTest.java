package io.zkml4j.crypto.pcs.ligero;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.random.ZkRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Prefix polynomials (an array shorter than {@code 2^n}, zero past it): only their rows are committed, an
 * opening gives the value of the zero-padded polynomial, and the verifier, who knows the prefix length,
 * accepts exactly that.
 */
class LigeroPrefixTest {
    static final LigeroParameters FAST = LigeroParameters.TESTING_ONLY_INSECURE;

    static long[] random(Random rnd, int length) {
        long[] f = new long[length];
        for (int i = 0; i < length; i++) {
            f[i] = io.zkml4j.crypto.field.Goldilocks.reduce(rnd.nextLong());
        }
        return f;
    }

    @ParameterizedTest(name = "lengths {0} and {1}, hiding {2}")
    @CsvSource({"1, 8, 0", "5, 8, 0", "600, 1024, 0", "1025, 64, 0", "4097, 3, 0", "600, 1024, 2", "1025, 7, 3"})
    void aPrefixOpensToItsZeroPaddedValue(int lengthA, int lengthB, int hiding) throws ProofRejectedException {
        Random rnd = new Random(lengthA * 31L + lengthB);
        long[] a = random(rnd, lengthA);
        long[] b = random(rnd, lengthB);
        Ligero ligero = new Ligero(FAST);
        LigeroProverData data = ligero.commit(List.of(a, b), hiding, ZkRandom.fromSeed(new byte[32], "test"));
        int na = LigeroProver.variablesFor(lengthA);
        int nb = LigeroProver.variablesFor(lengthB);
        assertThat(data.commitment().numVariables()).containsExactly(na, nb);
        assertThat(data.commitment().lengths()).containsExactly(lengthA, lengthB);
        int columns = 1 << data.commitment().columnsLog();
        assertThat(data.shape.polynomialRows).isEqualTo(Math.max(1, (lengthA + columns - 1) / columns)
                + Math.max(1, (lengthB + columns - 1) / columns));

        Ext[] pa = randomPoint(rnd, na);
        Ext[] pb = randomPoint(rnd, nb);
        Opening<LigeroProof> opening = ligero.open(data, List.of(pa, pb), LigeroTamperTest.transcript());
        assertThat(opening.values()[0]).isEqualTo(Multilinear.evaluate(Arrays.copyOf(a, 1 << na), pa));
        assertThat(opening.values()[1]).isEqualTo(Multilinear.evaluate(Arrays.copyOf(b, 1 << nb), pb));
        ligero.verify(data.commitment(), List.of(pa, pb), opening.values(), opening.proof(), LigeroTamperTest.transcript());
    }

    @Test
    void aVerifierExpectingAnotherPrefixLengthRejects() throws ProofRejectedException {
        Random rnd = new Random(9);
        long[] f = random(rnd, 700);
        Ligero ligero = new Ligero(FAST);
        LigeroProverData data = ligero.commit(List.of(f));
        Ext[] p = randomPoint(rnd, 10);
        Opening<LigeroProof> opening = ligero.open(data, List.<Ext[]>of(p), LigeroTamperTest.transcript());
        LigeroCommitment honest = data.commitment();
        ligero.verify(honest, List.<Ext[]>of(p), opening.values(), opening.proof(), LigeroTamperTest.transcript());
        for (int other : new int[] {699, 701, 1024}) {
            LigeroCommitment claimed = new LigeroCommitment(honest.root(), honest.numVariables(), new int[] {other},
                    honest.columnsLog(), 0);
            assertThatThrownBy(() -> ligero.verify(claimed, List.<Ext[]>of(p), opening.values(), opening.proof(),
                    LigeroTamperTest.transcript())).isInstanceOf(ProofRejectedException.class);
        }
    }

    @Test
    void aPrefixLongerThanItsCubeIsMalformed() {
        assertThatThrownBy(() -> LigeroShape.of(new int[] {3}, new int[] {9}, 1, 0, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix of 9");
        assertThatThrownBy(() -> LigeroShape.of(new int[] {3}, new int[] {0}, 1, 0, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix of 0");
    }

    /** A wrong value at a point whose evaluation involves only the prefix is rejected as for a full polynomial. */
    @Test
    void aWrongValueOfAPrefixPolynomialIsRejected() throws ProofRejectedException {
        Random rnd = new Random(11);
        long[] f = random(rnd, 3000);
        Ligero ligero = new Ligero(FAST);
        LigeroProverData data = ligero.commit(List.of(f));
        Ext[] p = randomPoint(rnd, 12);
        Opening<LigeroProof> opening = ligero.open(data, List.<Ext[]>of(p), LigeroTamperTest.transcript());
        Ext[] wrong = {opening.values()[0].add(Ext.ONE)};
        assertThatThrownBy(() -> ligero.verify(data.commitment(), List.<Ext[]>of(p), wrong, opening.proof(), LigeroTamperTest.transcript()))
                .isInstanceOf(ProofRejectedException.class);
    }

    static Ext[] randomPoint(Random rnd, int n) {
        Ext[] p = new Ext[n];
        for (int i = 0; i < n; i++) {
            p[i] = Ext.of(io.zkml4j.crypto.field.Goldilocks.reduce(rnd.nextLong()), io.zkml4j.crypto.field.Goldilocks.reduce(rnd.nextLong()));
        }
        return p;
    }
}
