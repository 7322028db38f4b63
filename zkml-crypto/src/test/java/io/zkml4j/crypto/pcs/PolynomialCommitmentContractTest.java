package io.zkml4j.crypto.pcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.pcs.PolynomialCommitment.Opening;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link PolynomialCommitment}, for every implementation to subclass (Ligero now, WHIR
 * later). Honest openings of one and several polynomials of 0 to 16 variables verify, directly and
 * through bytes; the usual forgeries are rejected with the reason the subclass names, and never with a
 * runtime exception. All randomness is seeded.
 */
public abstract class PolynomialCommitmentContractTest<C extends PolynomialCommitment.Commitment,
        D extends PolynomialCommitment.ProverData<C>, P extends PolynomialCommitment.Proof> {

    /** The scheme under test, with parameters fast enough for unit tests. */
    protected abstract PolynomialCommitment<C, D, P> scheme();

    /** The kinds of forgery whose rejection reason is scheme-specific. */
    protected enum Forgery {
        /** A claimed value that is not the evaluation. */
        WRONG_VALUE,
        /** The proof verified at another point. */
        WRONG_POINT,
        /** The proof verified against a commitment to another polynomial. */
        OTHER_COMMITMENT,
        /** The caller's transcript differs (another protocol label or absorbed statement). */
        OTHER_TRANSCRIPT
    }

    /** A substring of the rejection message expected for {@code forgery}. */
    protected abstract String expectedReason(Forgery forgery);

    protected static long[] randomTable(Random rnd, int n) {
        long[] f = new long[1 << n];
        for (int i = 0; i < f.length; i++) {
            f[i] = Goldilocks.reduce(rnd.nextLong());
        }
        return f;
    }

    protected static Ext randomExt(Random rnd) {
        return Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
    }

    protected static Ext[] randomPoint(Random rnd, int n) {
        Ext[] r = new Ext[n];
        for (int i = 0; i < n; i++) {
            r[i] = randomExt(rnd);
        }
        return r;
    }

    /** A caller's transcript: its own protocol id and statement, absorbed before the PCS runs. */
    protected static Transcript callerTranscript(String label) {
        Transcript t = new Transcript(label);
        t.absorbLong("caller/statement", 42);
        return t;
    }

    /** An honest opening with everything a test needs to alter it. */
    protected final class Instance {
        public final List<long[]> tables;
        public final D data;
        public final List<Ext[]> points;
        public final Opening<P> opening;

        Instance(List<long[]> tables, List<Ext[]> points) {
            this.tables = tables;
            this.points = points;
            this.data = scheme().commit(tables);
            this.opening = scheme().open(data, points, callerTranscript("caller"));
        }

        public C commitment() {
            return data.commitment();
        }

        public void verify(C commitment, List<Ext[]> pts, Ext[] values, P proof) throws ProofRejectedException {
            scheme().verify(commitment, pts, values, proof, callerTranscript("caller"));
        }

        public void verifyHonest() throws ProofRejectedException {
            verify(commitment(), points, opening.values(), opening.proof());
        }

        /** The proof, encoded. */
        public byte[] proofBytes() {
            ProofWriter w = new ProofWriter();
            opening.proof().writeTo(w);
            return w.toByteArray();
        }

        /** Decodes {@code bytes} as a proof for this commitment, requiring that all bytes are used, and verifies. */
        public void verifyBytes(byte[] bytes) throws ProofRejectedException {
            ProofReader in = new ProofReader(bytes);
            P proof = scheme().readProof(in, commitment());
            in.finish();
            verify(commitment(), points, opening.values(), proof);
        }
    }

    /** Polynomials with the given numbers of variables, each at its own random point. */
    protected Instance instance(long seed, int... numVariables) {
        Random rnd = new Random(seed);
        List<long[]> tables = new ArrayList<>();
        List<Ext[]> points = new ArrayList<>();
        for (int n : numVariables) {
            tables.add(randomTable(rnd, n));
            points.add(randomPoint(rnd, n));
        }
        return new Instance(tables, points);
    }

    private static void assertValuesAreEvaluations(List<long[]> tables, List<Ext[]> points, Ext[] values) {
        assertThat(values).hasSize(tables.size());
        for (int k = 0; k < tables.size(); k++) {
            assertThat(values[k]).as("value %d", k).isEqualTo(Multilinear.evaluate(tables.get(k), points.get(k)));
        }
    }

    @ParameterizedTest(name = "{0} variables")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void oneHonestPolynomialVerifies(int n) throws ProofRejectedException {
        Instance inst = instance(1000 + n, n);
        assertValuesAreEvaluations(inst.tables, inst.points, inst.opening.values());
        inst.verifyHonest();
        inst.verifyBytes(inst.proofBytes());
        assertThat(inst.opening.proof().sizeBytes()).isEqualTo(inst.proofBytes().length);
    }

    @Test
    void severalPolynomialsAtTheirOwnPointsVerifyInOneProof() throws ProofRejectedException {
        Instance inst = instance(7, 0, 3, 9, 12, 5, 12, 1);
        assertValuesAreEvaluations(inst.tables, inst.points, inst.opening.values());
        inst.verifyHonest();
        inst.verifyBytes(inst.proofBytes());
    }

    @Test
    void severalPolynomialsAtOneSharedPointVerify() throws ProofRejectedException {
        Random rnd = new Random(8);
        List<long[]> tables = List.of(randomTable(rnd, 10), randomTable(rnd, 6), randomTable(rnd, 10), randomTable(rnd, 2));
        Ext[] point = randomPoint(rnd, 10);
        D data = scheme().commit(tables);
        Opening<P> opening = scheme().open(data, point, callerTranscript("caller"));
        assertValuesAreEvaluations(tables, PolynomialCommitment.prefixes(point, new int[] {10, 6, 10, 2}), opening.values());
        scheme().verify(data.commitment(), point, opening.values(), opening.proof(), callerTranscript("caller"));
        Ext[] otherPoint = point.clone();
        otherPoint[9] = otherPoint[9].add(Ext.ONE);
        assertThatThrownBy(() -> scheme().verify(data.commitment(), otherPoint, opening.values(), opening.proof(),
                callerTranscript("caller")))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining(expectedReason(Forgery.WRONG_POINT));
    }

    @Test
    void weightsAndWitnessStyleCommitmentsEachOpenOnce() throws ProofRejectedException {
        // The prover's pattern: a long-lived commitment opened once per proof, and a per-proof one opened once.
        Instance weights = instance(9, 14);
        Instance witness = instance(10, 8, 11, 3);
        Transcript proverT = callerTranscript("caller");
        Transcript verifierT = callerTranscript("caller");
        Opening<P> w1 = scheme().open(weights.data, weights.points, proverT);
        Opening<P> w2 = scheme().open(witness.data, witness.points, proverT);
        scheme().verify(weights.commitment(), weights.points, w1.values(), w1.proof(), verifierT);
        scheme().verify(witness.commitment(), witness.points, w2.values(), w2.proof(), verifierT);
        assertThat(verifierT.challengeExt("after")).as("transcripts stay in step").isEqualTo(proverT.challengeExt("after"));
    }

    @Test
    void commitmentRoundTripsThroughBytes() throws ProofRejectedException {
        Instance inst = instance(11, 6, 2);
        ProofWriter w = new ProofWriter();
        inst.commitment().writeTo(w);
        ProofReader in = new ProofReader(w.toByteArray());
        C back = scheme().readCommitment(in);
        in.finish();
        assertThat(back).isEqualTo(inst.commitment());
        assertThat(back.numVariables()).containsExactly(6, 2);
        inst.verify(back, inst.points, inst.opening.values(), inst.opening.proof());
    }

    @Test
    void everyWrongClaimedValueIsRejected() {
        Instance inst = instance(12, 7, 4, 10);
        for (int k = 0; k < 3; k++) {
            Ext[] values = inst.opening.values().clone();
            values[k] = values[k].add(Ext.of(0, 1));
            assertThatThrownBy(() -> inst.verify(inst.commitment(), inst.points, values, inst.opening.proof()))
                    .as("value %d", k)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining(expectedReason(Forgery.WRONG_VALUE));
        }
    }

    @Test
    void everyWrongPointCoordinateIsRejected() {
        Instance inst = instance(13, 9, 5);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < inst.points.get(k).length; i++) {
                List<Ext[]> points = new ArrayList<>(inst.points);
                Ext[] p = points.get(k).clone();
                p[i] = p[i].add(Ext.ONE);
                points.set(k, p);
                assertThatThrownBy(() -> inst.verify(inst.commitment(), points, inst.opening.values(), inst.opening.proof()))
                        .as("point %d coordinate %d", k, i)
                        .isInstanceOf(ProofRejectedException.class)
                        .hasMessageContaining(expectedReason(Forgery.WRONG_POINT));
            }
        }
    }

    @Test
    void aCommitmentToAnotherPolynomialIsRejected() {
        Instance inst = instance(14, 10);
        Instance other = instance(15, 10);
        assertThatThrownBy(() -> inst.verify(other.commitment(), inst.points, inst.opening.values(), inst.opening.proof()))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining(expectedReason(Forgery.OTHER_COMMITMENT));
    }

    @Test
    void anotherCallerTranscriptIsRejected() {
        Instance inst = instance(16, 8);
        assertThatThrownBy(() -> scheme().verify(inst.commitment(), inst.points, inst.opening.values(), inst.opening.proof(),
                callerTranscript("another caller")))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining(expectedReason(Forgery.OTHER_TRANSCRIPT));
        Transcript mutated = new Transcript("caller");
        mutated.absorbLong("caller/statement", 43);
        assertThatThrownBy(() -> scheme().verify(inst.commitment(), inst.points, inst.opening.values(), inst.opening.proof(),
                mutated))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining(expectedReason(Forgery.OTHER_TRANSCRIPT));
    }

    @Test
    void truncatedAndExtendedProofBytesAreRejected() {
        Instance inst = instance(17, 8);
        byte[] bytes = inst.proofBytes();
        for (int len = 0; len < bytes.length; len += Math.max(1, bytes.length / 97)) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> inst.verifyBytes(cut))
                    .as("truncated to %d of %d bytes", len, bytes.length)
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining("truncated");
        }
        byte[] lastByteMissing = Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> inst.verifyBytes(lastByteMissing))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("truncated");
        for (int extra : new int[] {1, 8, 100}) {
            byte[] extended = Arrays.copyOf(bytes, bytes.length + extra);
            assertThatThrownBy(() -> inst.verifyBytes(extended))
                    .isInstanceOf(ProofRejectedException.class)
                    .hasMessageContaining(extra + " trailing bytes");
        }
    }

    /** Every byte of a small proof flipped in turn: always a rejection, never a runtime exception. */
    @Test
    void everyFlippedProofByteIsRejected() {
        Instance inst = instance(18, 3, 2);
        byte[] bytes = inst.proofBytes();
        Random rnd = new Random(19);
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= (byte) (1 << rnd.nextInt(8));
            int at = i;
            assertThatThrownBy(() -> inst.verifyBytes(flipped))
                    .as("byte %d of %d", at, bytes.length)
                    .isInstanceOf(ProofRejectedException.class);
        }
    }

    @Test
    void malformedStatementsAreRejectedNotThrown() {
        Instance inst = instance(20, 5, 3);
        Ext[] values = inst.opening.values();
        P proof = inst.opening.proof();
        assertThatThrownBy(() -> inst.verify(inst.commitment(), inst.points.subList(0, 1), values, proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("points");
        assertThatThrownBy(() -> inst.verify(inst.commitment(), inst.points, Arrays.copyOf(values, 1), proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("values");
        List<Ext[]> shortPoint = List.of(Arrays.copyOf(inst.points.get(0), 4), inst.points.get(1));
        assertThatThrownBy(() -> inst.verify(inst.commitment(), shortPoint, values, proof))
                .isInstanceOf(ProofRejectedException.class).hasMessageContaining("coordinates");
    }

    @Test
    void hostileCommitmentBytesAreRejected() {
        Instance inst = instance(21, 4);
        ProofWriter w = new ProofWriter();
        inst.commitment().writeTo(w);
        byte[] bytes = w.toByteArray();
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> scheme().readCommitment(new ProofReader(cut)))
                    .isInstanceOf(ProofRejectedException.class);
        }
        byte[] hugeCount = bytes.clone();
        Arrays.fill(hugeCount, 32, 36, (byte) 0x7F);
        assertThatThrownBy(() -> scheme().readCommitment(new ProofReader(hugeCount)))
                .isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void theSchemeStatesItsSecurity() {
        assertThat(scheme().securityBits()).isPositive();
        assertThat(scheme().name()).isNotBlank();
        assertThatCode(() -> instance(22, 1).verifyHonest()).doesNotThrowAnyException();
    }
}
