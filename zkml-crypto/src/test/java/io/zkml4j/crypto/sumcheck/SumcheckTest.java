package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.transcript.Transcript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static io.zkml4j.crypto.sumcheck.SumcheckFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class SumcheckTest {
    static final String PROTOCOL = "zkml4j/test/sumcheck";

    /** The caller's part: absorb the statement, then run the sumcheck. */
    static Transcript statementTranscript(Ext claimedSum, int numVars, int degree) {
        Transcript t = new Transcript(PROTOCOL);
        t.absorbExt("claimed-sum", claimedSum);
        t.absorbLong("num-vars", numVars);
        t.absorbLong("degree", degree);
        return t;
    }

    /** Verifies and performs the caller's final check with the true table evaluations at the verifier's point. */
    static SubClaim verifyFully(SumcheckInstance inst, Ext claimedSum, SumcheckProof proof, Transcript t)
            throws ProofRejectedException {
        SubClaim sub = SumcheckVerifier.verify(claimedSum, inst.numVars(), inst.degree(), proof, t);
        Ext[] evals = evaluations(inst, sub.point());
        Ext expected = inst.hasEq()
                ? inst.shape().evaluateWithEq(inst.eqPoint(), sub.point(), evals)
                : inst.shape().evaluate(evals);
        ProofRejectedException.check(expected.equals(sub.expectedValue()),
                "final check: g(point) = " + expected + ", sub-claim " + sub.expectedValue());
        return sub;
    }

    static SumcheckInstance randomInstance(Random rnd, int n, int tables, int terms, int degree, int kinds, boolean eq) {
        MultilinearTable[] ts = new MultilinearTable[tables];
        for (int j = 0; j < tables; j++) {
            // kinds: 0 all base, 1 all ext, 2 mixed
            boolean base = kinds == 0 || (kinds == 2 && j % 2 == 0);
            ts[j] = randomTable(rnd, n, base);
        }
        SumOfProducts shape = randomShape(rnd, tables, terms, degree);
        return eq ? SumcheckInstance.withEq(randomPoint(rnd, n), shape, ts) : SumcheckInstance.of(shape, ts);
    }

    static SumcheckProver.Result prove(SumcheckInstance inst, Parallelism par) {
        Ext sum = bruteForceSum(inst);
        return SumcheckProver.prove(inst, statementTranscript(sum, inst.numVars(), inst.degree()), par);
    }

    @ParameterizedTest(name = "n={0} tables={1} terms={2} degree={3} kinds={4} eq={5}")
    @CsvSource({
            "0, 1, 1, 1, 0, false", "0, 2, 2, 2, 1, true", "1, 1, 1, 1, 0, false", "1, 2, 1, 2, 1, true",
            "1, 3, 2, 3, 2, false", "2, 2, 1, 2, 0, false", "3, 4, 3, 4, 2, false", "3, 4, 3, 4, 2, true",
            "4, 1, 1, 1, 1, true", "5, 3, 2, 2, 0, true", "5, 5, 4, 4, 1, false", "6, 2, 1, 2, 0, false",
            "6, 4, 3, 3, 2, true", "7, 6, 5, 4, 2, false", "8, 3, 3, 3, 0, false", "9, 2, 2, 2, 1, true",
            "10, 4, 2, 4, 2, true", "11, 2, 1, 2, 0, false"})
    void honestProofVerifies(int n, int tables, int terms, int degree, int kinds, boolean eq) throws Exception {
        Random rnd = new Random(1000L * n + 100L * tables + 10L * terms + degree + (eq ? 7 : 0) + 31L * kinds);
        SumcheckInstance inst = randomInstance(rnd, n, tables, terms, degree, kinds, eq);
        Ext sum = bruteForceSum(inst);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        assertThat(res.claimedSum()).isEqualTo(sum);
        assertThat(res.proof().numRounds()).isEqualTo(n);
        for (long[] m : res.proof().roundPolynomials()) {
            assertThat(m).hasSize(2 * (inst.degree() + 1));
        }
        assertThat(res.finalEvaluations()).containsExactly(evaluations(inst, res.point()));

        SubClaim sub = verifyFully(inst, sum, res.proof(), statementTranscript(sum, n, inst.degree()));
        assertThat(sub.point()).containsExactly(res.point());
    }

    @Test
    void withNoVariablesTheSubClaimIsTheClaimedSum() throws Exception {
        Random rnd = new Random(5);
        SumcheckInstance inst = randomInstance(rnd, 0, 3, 2, 3, 2, false);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        SubClaim sub = SumcheckVerifier.verify(res.claimedSum(), 0, inst.degree(), res.proof(),
                statementTranscript(res.claimedSum(), 0, inst.degree()));
        assertThat(sub.point()).isEmpty();
        assertThat(sub.expectedValue()).isEqualTo(res.claimedSum()).isEqualTo(bruteForceSum(inst));
    }

    @Test
    void eqFactorGivesTheSameProofAsAnExplicitEqTable() {
        Random rnd = new Random(11);
        for (int n : new int[] {1, 2, 5, 9}) {
            MultilinearTable a = randomTable(rnd, n, true);
            MultilinearTable b = randomTable(rnd, n, false);
            MultilinearTable c = randomTable(rnd, n, true);
            Ext[] rho = randomPoint(rnd, n);
            Ext lambda = randomExt(rnd);
            SumOfProducts inner = SumOfProducts.builder(3).term(Ext.ONE, 0, 1).term(lambda, 1, 2).term(Ext.ONE, 2).build();
            SumOfProducts outer = SumOfProducts.builder(4).term(Ext.ONE, 3, 0, 1).term(lambda, 3, 1, 2).term(Ext.ONE, 3, 2).build();
            MultilinearTable eq = MultilinearTable.ext(Multilinear.eqTable(rho));
            SumcheckProver.Result viaEq = SumcheckProver.prove(SumcheckInstance.withEq(rho, inner, a, b, c),
                    new Transcript(PROTOCOL), Parallelism.SEQUENTIAL);
            SumcheckProver.Result viaTable = SumcheckProver.prove(SumcheckInstance.of(outer, a, b, c, eq),
                    new Transcript(PROTOCOL), Parallelism.SEQUENTIAL);
            assertThat(encode(viaEq.proof())).isEqualTo(encode(viaTable.proof()));
            assertThat(viaEq.claimedSum()).isEqualTo(viaTable.claimedSum());
            assertThat(viaEq.point()).containsExactly(viaTable.point());
        }
    }

    @Test
    void eqPointWithZeroAndOneCoordinatesStillProves() throws Exception {
        // ρ_k = 0 forbids deriving q(1) from the claim; the prover must compute it instead.
        Random rnd = new Random(12);
        int n = 4;
        Ext[] rho = {Ext.ZERO, Ext.ONE, randomExt(rnd), Ext.ZERO};
        MultilinearTable a = randomTable(rnd, n, false);
        MultilinearTable b = randomTable(rnd, n, true);
        SumcheckInstance inst = SumcheckInstance.withEq(rho, SumOfProducts.product(2), a, b);
        Ext sum = bruteForceSum(inst);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        assertThat(res.claimedSum()).isEqualTo(sum);
        verifyFully(inst, sum, res.proof(), statementTranscript(sum, n, inst.degree()));
    }

    @Test
    void parallelAndSequentialProofsAreIdentical() {
        Random rnd = new Random(13);
        for (boolean eq : new boolean[] {false, true}) {
            SumcheckInstance inst = randomInstance(rnd, 15, 3, 2, 3, 2, eq);
            byte[] seq = encode(prove(inst, Parallelism.SEQUENTIAL).proof());
            byte[] par = encode(prove(inst, new Parallelism(3)).proof());
            assertThat(par).isEqualTo(seq);
        }
    }

    @Test
    void proofBytesRoundTrip() throws Exception {
        Random rnd = new Random(14);
        SumcheckInstance inst = randomInstance(rnd, 6, 3, 2, 3, 1, true);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        byte[] bytes = encode(res.proof());
        assertThat(bytes).hasSize(6 * (4 + 16 * (inst.degree() + 1)));
        ProofReader r = new ProofReader(bytes);
        SumcheckProof back = SumcheckProof.readFrom(r, 6, inst.degree());
        r.finish();
        assertThat(encode(back)).isEqualTo(bytes);
        verifyFully(inst, res.claimedSum(), back, statementTranscript(res.claimedSum(), 6, inst.degree()));
    }

    static byte[] encode(SumcheckProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }
}
