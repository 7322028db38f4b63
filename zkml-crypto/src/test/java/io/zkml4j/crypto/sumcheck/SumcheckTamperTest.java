package io.zkml4j.crypto.sumcheck;

import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.poly.Univariate;
import io.zkml4j.crypto.transcript.Transcript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static io.zkml4j.crypto.sumcheck.SumcheckFixtures.*;
import static io.zkml4j.crypto.sumcheck.SumcheckTest.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeded tampering: each must end in a {@link ProofRejectedException} with the expected reason. */
class SumcheckTamperTest {
    static final int N = 5;

    static SumcheckInstance instance(boolean eq) {
        return SumcheckTest.randomInstance(new Random(eq ? 21 : 22), N, 3, 2, 3, 2, eq);
    }

    /** Decodes {@code bytes} as a proof of {@code inst} and runs the full verification. */
    static void decodeAndVerify(SumcheckInstance inst, Ext sum, byte[] bytes) throws ProofRejectedException {
        ProofReader r = new ProofReader(bytes);
        SumcheckProof p = SumcheckProof.readFrom(r, inst.numVars(), inst.degree());
        r.finish();
        verifyFully(inst, sum, p, statementTranscript(sum, inst.numVars(), inst.degree()));
    }

    @ParameterizedTest(name = "eq={0}")
    @ValueSource(booleans = {false, true})
    void everyProofElementAlteredIsRejected(boolean eq) throws Exception {
        SumcheckInstance inst = instance(eq);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        byte[] good = encode(res.proof());
        decodeAndVerify(inst, res.claimedSum(), good); // sanity: untouched bytes verify
        int d = inst.degree();
        int roundBytes = 4 + 16 * (d + 1);
        for (int k = 0; k < N; k++) {
            for (int x = 0; x <= d; x++) {
                for (int coord = 0; coord < 2; coord++) {
                    int at = k * roundBytes + 4 + 16 * x + 8 * coord;
                    byte[] bad = good.clone();
                    long v = Goldilocks.decodeRaw(bad, at);
                    Goldilocks.encode(Goldilocks.add(v, 1), bad, at);
                    String expected = x <= 1 ? "sumcheck round " + k + ": p(0) + p(1)"
                            : k + 1 < N ? "sumcheck round " + (k + 1) + ": p(0) + p(1)" : "final check";
                    assertThatThrownBy(() -> decodeAndVerify(inst, res.claimedSum(), bad))
                            .as("round %d, X=%d, coordinate %d", k, x, coord)
                            .isInstanceOf(ProofRejectedException.class)
                            .hasMessageStartingWith(expected);
                }
            }
        }
    }

    @Test
    void alteredLengthPrefixesAreRejected() throws Exception {
        SumcheckInstance inst = instance(true);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        byte[] good = encode(res.proof());
        int d = inst.degree();
        int roundBytes = 4 + 16 * (d + 1);
        for (int k = 0; k < N; k++) {
            for (int count : new int[] {d + 2, Integer.MAX_VALUE, 1 << 20}) {
                byte[] bad = withInt(good, k * roundBytes, count);
                assertThatThrownBy(() -> decodeAndVerify(inst, res.claimedSum(), bad))
                        .isInstanceOf(ProofRejectedException.class)
                        .hasMessageContaining("sumcheck round " + k + ": " + count + " evaluations, degree too high");
            }
            for (int count : new int[] {d, 0, -1, Integer.MIN_VALUE}) {
                byte[] bad = withInt(good, k * roundBytes, count);
                assertThatThrownBy(() -> decodeAndVerify(inst, res.claimedSum(), bad))
                        .isInstanceOf(ProofRejectedException.class)
                        .hasMessageContaining("sumcheck round " + k + ": " + count + " evaluations, too few");
            }
        }
    }

    @Test
    void truncatedAndExtendedBytesAreRejected() throws Exception {
        SumcheckInstance inst = instance(false);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        byte[] good = encode(res.proof());
        for (int len = 0; len < good.length; len++) {
            byte[] bad = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> decodeAndVerify(inst, res.claimedSum(), bad))
                    .as("truncated to %d bytes", len)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("malformed proof: truncated while reading sumcheck round");
        }
        for (int extra = 1; extra <= 17; extra++) {
            byte[] bad = Arrays.copyOf(good, good.length + extra);
            int e = extra;
            assertThatThrownBy(() -> decodeAndVerify(inst, res.claimedSum(), bad))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessage("malformed proof: " + e + " trailing bytes");
        }
    }

    @Test
    void nonCanonicalFieldElementIsRejected() throws Exception {
        SumcheckInstance inst = instance(false);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        byte[] good = encode(res.proof());
        for (long bad : new long[] {Goldilocks.P, -1L, Goldilocks.P + 5}) {
            byte[] b = good.clone();
            Goldilocks.encode(bad, b, 4 + 16); // round 0, X = 1, first coordinate
            assertThatThrownBy(() -> decodeAndVerify(inst, res.claimedSum(), b))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("non-canonical field element in sumcheck round 0");
        }
    }

    @Test
    void wrongClaimedSumIsRejected() throws Exception {
        SumcheckInstance inst = instance(true);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        Ext wrong = res.claimedSum().add(Ext.ONE);
        assertThatThrownBy(() -> verifyFully(inst, wrong, res.proof(), statementTranscript(wrong, N, inst.degree())))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("sumcheck round 0: p(0) + p(1) = " + res.claimedSum() + ", expected " + wrong);
    }

    @Test
    void cheaterWhoFixesRoundZeroForAWrongSumIsCaughtNextRound() throws Exception {
        SumcheckInstance inst = instance(false);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        Ext delta = Ext.of(3, 4);
        Ext wrong = res.claimedSum().add(delta);
        long[][] rounds = deepCopy(res.proof().roundPolynomials());
        Ext.at(rounds[0], 0).add(delta).storeAt(rounds[0], 0); // p_0(0)+p_0(1) now matches the false sum
        SumcheckProof forged = new SumcheckProof(rounds);
        assertThatThrownBy(() -> verifyFully(inst, wrong, forged, statementTranscript(wrong, N, inst.degree())))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("sumcheck round 1: p(0) + p(1)");
    }

    @Test
    void extraEvaluationIsDegreeTooHigh() {
        SumcheckInstance inst = instance(true);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        int d = inst.degree();
        // Append p(d+1), consistent with the same polynomial: still rejected, the message shape is fixed.
        long[][] rounds = deepCopy(res.proof().roundPolynomials());
        long[] longer = Arrays.copyOf(rounds[2], 2 * (d + 2));
        Univariate.evaluateFromPoints(rounds[2], Ext.fromBase(d + 1)).storeAt(longer, d + 1);
        rounds[2] = longer;
        SumcheckProof forged = new SumcheckProof(rounds);
        assertThatThrownBy(() -> verifyFully(inst, res.claimedSum(), forged, statementTranscript(res.claimedSum(), N, d)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("sumcheck round 2: " + (d + 2) + " evaluations, degree too high (expected " + (d + 1)
                        + " for degree " + d + ")");
    }

    @Test
    void proofOfAHigherDegreeRelationIsRejectedByALowerDegreeVerifier() {
        Random rnd = new Random(23);
        MultilinearTable[] ts = {randomTable(rnd, N, true), randomTable(rnd, N, false), randomTable(rnd, N, true)};
        SumcheckInstance cubic = SumcheckInstance.of(SumOfProducts.product(3), ts);
        SumcheckProver.Result res = prove(cubic, Parallelism.SEQUENTIAL);
        assertThatThrownBy(() -> SumcheckVerifier.verify(res.claimedSum(), N, 2, res.proof(),
                statementTranscript(res.claimedSum(), N, 3)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("sumcheck round 0: 4 evaluations, degree too high");
    }

    @Test
    void wrongNumberOfRoundsIsRejected() {
        SumcheckInstance inst = instance(false);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        long[][] rounds = res.proof().roundPolynomials();
        for (long[][] other : new long[][][] {Arrays.copyOf(rounds, N - 1), Arrays.copyOf(rounds, N + 1), new long[0][]}) {
            if (other.length > N) {
                other[N] = rounds[0].clone();
            }
            SumcheckProof p = new SumcheckProof(other);
            assertThatThrownBy(() -> SumcheckVerifier.verify(res.claimedSum(), N, inst.degree(), p,
                    statementTranscript(res.claimedSum(), N, inst.degree())))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessage("sumcheck: proof has " + other.length + " rounds, expected " + N);
        }
    }

    @Test
    void everyStatementItemMutatedInTheVerifierTranscriptIsRejected() throws Exception {
        SumcheckInstance inst = instance(true);
        SumcheckProver.Result res = prove(inst, Parallelism.SEQUENTIAL);
        Ext sum = res.claimedSum();
        int d = inst.degree();
        verifyFully(inst, sum, res.proof(), statementTranscript(sum, N, d));
        Transcript[] mutated = {
                transcript("zkml4j/test/sumcheck-other", "claimed-sum", sum, "num-vars", N, "degree", d),
                transcript(PROTOCOL, "claimed-sun", sum, "num-vars", N, "degree", d),
                transcript(PROTOCOL, "claimed-sum", sum.add(Ext.ONE), "num-vars", N, "degree", d),
                transcript(PROTOCOL, "claimed-sum", sum, "num_vars", N, "degree", d),
                transcript(PROTOCOL, "claimed-sum", sum, "num-vars", N + 1, "degree", d),
                transcript(PROTOCOL, "claimed-sum", sum, "num-vars", N, "degre", d),
                transcript(PROTOCOL, "claimed-sum", sum, "num-vars", N, "degree", d + 1),
        };
        for (int i = 0; i < mutated.length; i++) {
            Transcript t = mutated[i];
            assertThatThrownBy(() -> verifyFully(inst, sum, res.proof(), t))
                    .as("mutation %d", i)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("sumcheck round 1: p(0) + p(1)");
        }
    }

    private static Transcript transcript(String protocol, String l1, Ext sum, String l2, long n, String l3, long d) {
        Transcript t = new Transcript(protocol);
        t.absorbExt(l1, sum);
        t.absorbLong(l2, n);
        t.absorbLong(l3, d);
        return t;
    }

    private static byte[] withInt(byte[] b, int at, int v) {
        byte[] out = b.clone();
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    static long[][] deepCopy(long[][] a) {
        long[][] out = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
