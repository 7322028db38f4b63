package io.zkml4j.crypto.pcs.ligero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.ntt.ReedSolomon;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;
import io.zkml4j.crypto.poly.Multilinear;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

/** The prover's matrix, its parallel path, salting, and the size of a full-security proof at 2^20. */
class LigeroProverTest {

    @Test
    void theEncodedMatrixHoldsTheCodewordsOfTheRows() {
        Random rnd = new Random(1);
        List<long[]> tables = List.of(LigeroTamperTest.randomTable(rnd, 9), LigeroTamperTest.randomTable(rnd, 2));
        LigeroProverData data = new LigeroProver(LigeroParameters.TESTING_ONLY_INSECURE).commit(tables);
        LigeroShape shape = data.shape;
        int b = shape.columnsLog;
        assertThat(shape.rows[0]).isEqualTo(1 << (9 - b));
        assertThat(shape.rows[1]).isEqualTo(1);
        for (int r = 0; r < shape.totalRows; r++) {
            long[] message = new long[shape.columns];
            if (r < shape.rows[0]) {
                System.arraycopy(tables.get(0), r * shape.columns, message, 0, shape.columns);
            } else {
                System.arraycopy(tables.get(1), 0, message, 0, 4);
            }
            long[] codeword = ReedSolomon.encode(message, shape.codewordLog - shape.columnsLog);
            for (int j = 0; j < shape.codewordLength; j++) {
                assertThat(data.codeword[j * shape.totalRows + r]).as("row %d column %d", r, j).isEqualTo(codeword[j]);
            }
        }
    }

    @Test
    void parallelCommitIsIdenticalToSingleThreaded() throws ProofRejectedException {
        Random rnd = new Random(2);
        List<long[]> tables = List.of(LigeroTamperTest.randomTable(rnd, 14), LigeroTamperTest.randomTable(rnd, 5),
                LigeroTamperTest.randomTable(rnd, 11));
        LigeroParameters params = LigeroParameters.TESTING_ONLY_INSECURE;
        LigeroProverData single = new LigeroProver(params).commit(tables);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            LigeroProverData parallel = new LigeroProver(params, pool).commit(tables);
            assertThat(parallel.commitment()).isEqualTo(single.commitment());
            assertThat(parallel.codeword).isEqualTo(single.codeword);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void saltedCommitmentsHideEqualTablesAndStillVerify() throws ProofRejectedException {
        Random rnd = new Random(3);
        List<long[]> tables = List.of(LigeroTamperTest.randomTable(rnd, 8));
        Ext[] point = LigeroSoundnessTest.randomPoint(rnd, 8);
        LigeroParameters salted = LigeroParameters.TESTING_ONLY_INSECURE.toBuilder().saltedLeaves(true).build();
        LigeroProver prover = new LigeroProver(salted);
        LigeroProverData a = prover.commit(tables);
        LigeroProverData b = prover.commit(tables);
        assertThat(a.commitment().root()).isNotEqualTo(b.commitment().root());
        Opening<LigeroProof> opening = prover.open(a, List.<Ext[]>of(point), LigeroTamperTest.transcript());
        assertThat(opening.proof().merkle().saltCount()).isEqualTo(LigeroParameters.TESTING_ONLY_INSECURE.queries());
        new LigeroVerifier(salted).verify(a.commitment(), List.<Ext[]>of(point), opening.values(), opening.proof(),
                LigeroTamperTest.transcript());
    }

    @Test
    void proverRejectsBadInput() {
        LigeroProver prover = new LigeroProver(LigeroParameters.TESTING_ONLY_INSECURE);
        assertThatThrownBy(() -> prover.commit(List.of(new long[0]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no entries");
        assertThatThrownBy(() -> prover.commit(List.of(new long[] {0, Goldilocks.P}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1 is not a canonical field element");
        assertThatThrownBy(() -> prover.commit(List.of())).isInstanceOf(IllegalArgumentException.class);
        LigeroProverData data = prover.commit(List.of(new long[8]));
        assertThatThrownBy(() -> prover.open(data, List.<Ext[]>of(new Ext[2]), LigeroTamperTest.transcript()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 0 has 2 coordinates");
        assertThatThrownBy(() -> new LigeroProver(LigeroParameters.SECURE_100).open(data, List.<Ext[]>of(new Ext[3]),
                LigeroTamperTest.transcript()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("committed under");
    }

    /** The headline figure: 2^20 field elements, 100-bit parameters, a proof of at most 450 KiB. */
    @Test
    void aMillionElementsOpenWithAProofUnder450KiB() throws ProofRejectedException {
        Random rnd = new Random(4);
        long[] table = LigeroTamperTest.randomTable(rnd, 20);
        Ext[] point = LigeroSoundnessTest.randomPoint(rnd, 20);
        Ligero ligero = new Ligero(LigeroParameters.SECURE_100);
        LigeroProverData data = ligero.commit(List.of(table));
        assertThat(data.commitment().columnsLog()).isEqualTo(13);
        Opening<LigeroProof> opening = ligero.open(data, point, LigeroTamperTest.transcript());
        assertThat(opening.values()[0]).isEqualTo(Multilinear.evaluate(table, point));
        ligero.verify(data.commitment(), point, opening.values(), opening.proof(), LigeroTamperTest.transcript());
        assertThat(ligero.securityBits()).isGreaterThanOrEqualTo(100);
        assertThat(opening.proof().sizeBytes()).isLessThanOrEqualTo(450 * 1024);
    }
}
