package io.zkml4j.crypto.claims;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.sumcheck.MultilinearTable;
import io.zkml4j.crypto.parallel.Parallelism;
import io.zkml4j.crypto.transcript.Transcript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.zkml4j.crypto.sumcheck.SumcheckFixtures.randomExt;
import static io.zkml4j.crypto.sumcheck.SumcheckFixtures.randomTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimBatchTest {
    static final String PROTOCOL = "zkml4j/test/claim-batch";

    /** {@code count} true claims on f; claim 1 (if any) repeats the point of claim 0. */
    static List<EvaluationClaim> trueClaims(Random rnd, MultilinearTable f, int count) {
        List<EvaluationClaim> claims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Ext[] p;
            if (i == 1) {
                p = claims.get(0).point();
            } else {
                p = new Ext[f.numVars()];
                for (int k = 0; k < p.length; k++) {
                    p[k] = randomExt(rnd);
                }
            }
            claims.add(new EvaluationClaim(p, f.evaluate(p)));
        }
        return claims;
    }

    static byte[] encode(ClaimBatchProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    static EvaluationClaim decodeAndVerify(List<EvaluationClaim> claims, int n, byte[] bytes) throws ProofRejectedException {
        ProofReader r = new ProofReader(bytes);
        ClaimBatchProof p = ClaimBatchProof.readFrom(r, n);
        r.finish();
        return ClaimBatchVerifier.verify(claims, n, p, new Transcript(PROTOCOL));
    }

    @ParameterizedTest(name = "n={0} claims={1} base={2}")
    @CsvSource({"0, 1, true", "0, 3, false", "1, 2, true", "3, 1, false", "3, 4, true", "6, 3, false", "8, 5, true"})
    void honestBatchVerifiesAndTheReducedClaimIsTrue(int n, int count, boolean base) throws Exception {
        Random rnd = new Random(100 * n + count);
        MultilinearTable f = randomTable(rnd, n, base);
        List<EvaluationClaim> claims = trueClaims(rnd, f, count);
        ClaimBatchProver.Result res = ClaimBatchProver.prove(f, claims, new Transcript(PROTOCOL), Parallelism.SEQUENTIAL);
        EvaluationClaim reduced = decodeAndVerify(claims, n, encode(res.proof()));
        assertThat(reduced).isEqualTo(res.reduced());
        assertThat(reduced.numVars()).isEqualTo(n);
        assertThat(reduced.value()).isEqualTo(f.evaluate(reduced.point()));
    }

    @Test
    void aFalseClaimIsRefusedByTheProver() {
        Random rnd = new Random(1);
        MultilinearTable f = randomTable(rnd, 4, true);
        List<EvaluationClaim> claims = new ArrayList<>(trueClaims(rnd, f, 3));
        claims.set(2, new EvaluationClaim(claims.get(2).point(), claims.get(2).value().add(Ext.ONE)));
        assertThatThrownBy(() -> ClaimBatchProver.prove(f, claims, new Transcript(PROTOCOL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the claims are not true evaluations of the table");
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"0", "1", "5"})
    void tamperedClaimValueIsRejected(int n) throws Exception {
        Random rnd = new Random(2 + n);
        MultilinearTable f = randomTable(rnd, n, false);
        List<EvaluationClaim> claims = trueClaims(rnd, f, 3);
        byte[] proof = encode(ClaimBatchProver.prove(f, claims, new Transcript(PROTOCOL)).proof());
        for (int i = 0; i < claims.size(); i++) {
            List<EvaluationClaim> bad = new ArrayList<>(claims);
            bad.set(i, new EvaluationClaim(claims.get(i).point(), claims.get(i).value().add(Ext.of(0, 1))));
            assertThatThrownBy(() -> decodeAndVerify(bad, n, proof))
                    .as("claim %d", i)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith(n == 0 ? "claim batch final check" : "claim batch: sumcheck round 0: p(0) + p(1)");
        }
    }

    @Test
    void tamperedClaimPointIsRejected() throws Exception {
        Random rnd = new Random(3);
        MultilinearTable f = randomTable(rnd, 5, true);
        List<EvaluationClaim> claims = trueClaims(rnd, f, 2);
        byte[] proof = encode(ClaimBatchProver.prove(f, claims, new Transcript(PROTOCOL)).proof());
        Ext[] p = claims.get(1).point();
        p[3] = p[3].add(Ext.ONE);
        List<EvaluationClaim> bad = List.of(claims.get(0), new EvaluationClaim(p, claims.get(1).value()));
        assertThatThrownBy(() -> decodeAndVerify(bad, 5, proof))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("claim batch: sumcheck round 0: p(0) + p(1)");
    }

    @Test
    void everyProofElementAlteredIsRejected() throws Exception {
        Random rnd = new Random(4);
        int n = 4;
        MultilinearTable f = randomTable(rnd, n, true);
        List<EvaluationClaim> claims = trueClaims(rnd, f, 3);
        byte[] good = encode(ClaimBatchProver.prove(f, claims, new Transcript(PROTOCOL)).proof());
        decodeAndVerify(claims, n, good);
        int roundBytes = 4 + 16 * 3;
        assertThat(good).hasSize(n * roundBytes + 16);
        // field offsets: each round is a 4-byte count and 3 extension values; then w
        List<Integer> offsets = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < 6; i++) {
                offsets.add(k * roundBytes + 4 + 8 * i);
            }
        }
        offsets.add(n * roundBytes);
        offsets.add(n * roundBytes + 8);
        for (int at : offsets) {
            int k = at / roundBytes;
            int x = k < n ? (at % roundBytes - 4) / 16 : -1;
            byte[] bad = good.clone();
            Goldilocks.encode(Goldilocks.add(Goldilocks.decodeRaw(bad, at), 1), bad, at);
            String expected = k == n ? "claim batch final check"
                    : x <= 1 ? "claim batch: sumcheck round " + k + ": p(0) + p(1)"
                    : k + 1 < n ? "claim batch: sumcheck round " + (k + 1) + ": p(0) + p(1)" : "claim batch final check";
            assertThatThrownBy(() -> decodeAndVerify(claims, n, bad))
                    .as("byte offset %d", at)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith(expected);
        }
        for (int len = 0; len < good.length; len++) {
            byte[] bad = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> decodeAndVerify(claims, n, bad))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("malformed proof: truncated");
        }
        byte[] longer = Arrays.copyOf(good, good.length + 8);
        assertThatThrownBy(() -> decodeAndVerify(claims, n, longer))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessage("malformed proof: 8 trailing bytes");
    }

    @Test
    void claimsInAnotherOrderProveButDoNotVerifyAgainstTheFirstOrder() throws Exception {
        Random rnd = new Random(5);
        MultilinearTable f = randomTable(rnd, 6, false);
        List<EvaluationClaim> claims = trueClaims(rnd, f, 4);
        List<EvaluationClaim> reversed = new ArrayList<>(claims);
        Collections.reverse(reversed);
        byte[] proof = encode(ClaimBatchProver.prove(f, claims, new Transcript(PROTOCOL)).proof());
        byte[] proofReversed = encode(ClaimBatchProver.prove(f, reversed, new Transcript(PROTOCOL)).proof());
        // each order verifies with itself ...
        EvaluationClaim a = decodeAndVerify(claims, 6, proof);
        EvaluationClaim b = decodeAndVerify(reversed, 6, proofReversed);
        assertThat(a.value()).isEqualTo(f.evaluate(a.point()));
        assertThat(b.value()).isEqualTo(f.evaluate(b.point()));
        assertThat(a.point()).isNotEqualTo(b.point());
        // ... but the verifier binds the order it is given.
        assertThatThrownBy(() -> decodeAndVerify(reversed, 6, proof))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("claim batch: sumcheck round 0: p(0) + p(1)");
    }

    @Test
    void aDifferentTranscriptBeforeTheBatchIsRejected() throws Exception {
        Random rnd = new Random(6);
        MultilinearTable f = randomTable(rnd, 5, true);
        List<EvaluationClaim> claims = trueClaims(rnd, f, 2);
        Transcript pt = new Transcript(PROTOCOL);
        pt.absorbLong("layer", 7);
        ClaimBatchProof proof = ClaimBatchProver.prove(f, claims, pt).proof();
        Transcript ok = new Transcript(PROTOCOL);
        ok.absorbLong("layer", 7);
        ClaimBatchVerifier.verify(claims, 5, proof, ok);
        for (String[] mutation : new String[][] {{"layer", "8"}, {"layeR", "7"}}) {
            Transcript vt = new Transcript(PROTOCOL);
            vt.absorbLong(mutation[0], Long.parseLong(mutation[1]));
            assertThatThrownBy(() -> ClaimBatchVerifier.verify(claims, 5, proof, vt))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageStartingWith("claim batch: sumcheck round 0: p(0) + p(1)");
        }
    }

    @Test
    void wrongReducedValueWithConsistentSumcheckIsRejected() throws Exception {
        // The prover tells a wrong w: the final check catches it even though every round passes.
        Random rnd = new Random(7);
        MultilinearTable f = randomTable(rnd, 3, true);
        List<EvaluationClaim> claims = trueClaims(rnd, f, 2);
        ClaimBatchProof honest = ClaimBatchProver.prove(f, claims, new Transcript(PROTOCOL)).proof();
        ClaimBatchProof forged = new ClaimBatchProof(honest.sumcheck(), honest.reducedValue().add(Ext.ONE));
        assertThatThrownBy(() -> ClaimBatchVerifier.verify(claims, 3, forged, new Transcript(PROTOCOL)))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageStartingWith("claim batch final check: w·Σλ^i·eq(r_i, s) = ");
    }
}
