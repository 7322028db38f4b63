package io.zkml4j.crypto.zk;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.claims.EvaluationClaim;
import io.zkml4j.crypto.codec.ProofReader;
import io.zkml4j.crypto.codec.ProofWriter;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.hidden.Hidden;
import io.zkml4j.crypto.hidden.HiddenChecks;
import io.zkml4j.crypto.hidden.PadPlan;
import io.zkml4j.crypto.poly.Multilinear;
import io.zkml4j.crypto.random.ZkRandom;
import io.zkml4j.crypto.transcript.Transcript;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The pad proof on a small statement about seven secret values: a linear check, a product, a product of
 * three (a product entry of a product entry) and a square. Honest proofs pass; a false statement, a wrong
 * product entry, a wrong sacrificed triple and every altered proof value are rejected.
 */
class PadProofTest {
    private static final int VALUES = 7;

    /** What the verifier knows: the public results the statement claims. */
    record Statement(Ext sum01, Ext prod23, Ext prod456, Ext square0) {
        static Statement of(Ext[] m) {
            return new Statement(m[0].add(m[1]), m[2].mul(m[3]), m[4].mul(m[5]).mul(m[6]), m[0].mul(m[0]));
        }
    }

    /** The verifier's checks on the received values. */
    static void check(HiddenChecks checks, Ext[] sent, Statement st) throws ProofRejectedException {
        Hidden[] h = checks.receive(sent);
        checks.requireEqual(h[0].add(h[1]), Hidden.of(st.sum01()), () -> "sum");
        checks.requireEqual(h[2].mul(h[3]), Hidden.of(st.prod23()), () -> "product");
        checks.requireEqual(h[4].mul(h[5]).mul(h[6]), Hidden.of(st.prod456()), () -> "triple product");
        checks.requireEqual(h[0].mul(h[0]), Hidden.of(st.square0()), () -> "square");
    }

    static Ext[] secrets(long seed) {
        Random rnd = new Random(seed);
        Ext[] m = new Ext[VALUES];
        for (int i = 0; i < VALUES; i++) {
            m[i] = Ext.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
        }
        return m;
    }

    static PadPlan plan() throws ProofRejectedException {
        HiddenChecks checks = HiddenChecks.padded();
        Ext[] zeros = new Ext[VALUES];
        java.util.Arrays.fill(zeros, Ext.ZERO);
        check(checks, zeros, zeroStatement());
        return checks.plan();
    }

    private static Statement zeroStatement() {
        return new Statement(Ext.ZERO, Ext.ZERO, Ext.ZERO, Ext.ZERO);
    }

    private static Transcript transcript(Ext[] sent) {
        Transcript t = new Transcript("pad-proof-test");
        t.absorbExtArray("sent", sent);
        return t;
    }

    /** A proof: the sent values and the pad proof's bytes; {@code edit} may corrupt the pad table first. */
    record Made(Ext[] sent, byte[] proof, Pads pads) {}

    static Made prove(Ext[] m, Statement st, java.util.function.Consumer<long[]> edit, boolean checked) throws ProofRejectedException {
        Pads pads = new Pads(plan(), ZkRandom.seededForTesting(5));
        edit.accept(pads.table());
        Ext[] sent = new Ext[VALUES];
        for (int i = 0; i < VALUES; i++) {
            sent[i] = pads.hide(m[i]);
        }
        Transcript t = transcript(sent);
        HiddenChecks checks = HiddenChecks.padded();
        check(checks, sent, st);
        PadProver.Result r = PadProver.prove(pads, checks, t, checked);
        ProofWriter w = new ProofWriter();
        r.proof().writeTo(w);
        return new Made(sent, w.toByteArray(), pads);
    }

    /** The verifier: the pad proof, then the claim checked against the table (standing in for its commitment). */
    static void verify(Made made, Statement st) throws ProofRejectedException {
        Transcript t = transcript(made.sent());
        HiddenChecks checks = HiddenChecks.padded();
        check(checks, made.sent(), st);
        ProofReader in = new ProofReader(made.proof());
        EvaluationClaim claim = PadVerifier.verify(checks, in, t);
        in.finish();
        assertThat(claim.numVars()).isEqualTo(PadVerifier.tableVars(checks));
        Ext actual = Multilinear.evaluate(made.pads().table(), claim.point());
        if (!actual.equals(claim.value())) {
            throw new ProofRejectedException("the pad table opens to " + actual + ", the pad proof claims " + claim.value());
        }
    }

    @Test
    void theStatementNamesPadsAndProducts() throws Exception {
        PadPlan plan = plan();
        assertThat(plan.padCount()).isEqualTo(VALUES);
        // h2·h3, h4·h5, then (h4, h5, P45)·h6, h0·h0
        assertThat(plan.productCount()).isEqualTo(1 + 1 + 3 + 1);
    }

    @Test
    void anHonestProofVerifies() throws Exception {
        Ext[] m = secrets(1);
        Statement st = Statement.of(m);
        verify(prove(m, st, t -> {}, true), st);
    }

    @Test
    void theSameChecksWithoutPadsAreMadeAtOnce() throws Exception {
        Ext[] m = secrets(2);
        Statement st = Statement.of(m);
        check(HiddenChecks.eager(), m, st);
        Statement wrong = new Statement(st.sum01(), st.prod23().add(Ext.ONE), st.prod456(), st.square0());
        assertThatThrownBy(() -> check(HiddenChecks.eager(), m, wrong)).isInstanceOf(ProofRejectedException.class).hasMessage("product");
    }

    @Test
    void aFalseStatementIsRejected() throws Exception {
        Ext[] m = secrets(3);
        Statement st = Statement.of(m);
        Statement[] lies = {
                new Statement(st.sum01().add(Ext.ONE), st.prod23(), st.prod456(), st.square0()),
                new Statement(st.sum01(), st.prod23().add(Ext.ONE), st.prod456(), st.square0()),
                new Statement(st.sum01(), st.prod23(), st.prod456().add(Ext.ONE), st.square0()),
                new Statement(st.sum01(), st.prod23(), st.prod456(), st.square0().add(Ext.ONE))};
        for (Statement lie : lies) {
            assertThatThrownBy(() -> prove(m, lie, t -> {}, true)).as("the honest prover refuses").isInstanceOf(IllegalStateException.class);
            Made forged = prove(m, lie, t -> {}, false);
            assertThat(catchThrowable(() -> verify(forged, lie))).as(lie.toString()).isInstanceOf(ProofRejectedException.class);
        }
    }

    @Test
    void aWrongProductEntryIsRejected() throws Exception {
        Ext[] m = secrets(4);
        Statement st = Statement.of(m);
        PadPlan plan = plan();
        for (int e = 0; e < plan.size(); e++) {
            if (plan.isPad(e)) {
                continue;
            }
            int entry = e;
            Made bad = prove(m, st, t -> t[2 * entry] = Goldilocks.add(t[2 * entry], 1), false);
            assertThat(catchThrowable(() -> verify(bad, st))).as("product entry %d", e).isInstanceOf(ProofRejectedException.class);
        }
    }

    @Test
    void aWrongSacrificedTripleIsRejected() throws Exception {
        Ext[] m = secrets(5);
        Statement st = Statement.of(m);
        PadLayout layout = PadLayout.of(plan());
        int c1 = layout.sacrificedC(0);
        Made bad = prove(m, st, t -> t[2 * c1 + 1] = Goldilocks.add(t[2 * c1 + 1], 1), false);
        assertThat(catchThrowable(() -> verify(bad, st))).isInstanceOf(ProofRejectedException.class);
    }

    @Test
    void everyValueOfThePadProofAlteredIsRejected() throws Exception {
        Ext[] m = secrets(6);
        Statement st = Statement.of(m);
        Made good = prove(m, st, t -> {}, true);
        verify(good, st);
        byte[] bytes = good.proof();
        int altered = 0;
        for (int pos = 0; pos + 8 <= bytes.length; pos += 8) {
            byte[] bad = bytes.clone();
            bad[pos] ^= 1;
            Made tampered = new Made(good.sent(), bad, good.pads());
            Throwable t = catchThrowable(() -> verify(tampered, st));
            assertThat(t).as("byte %d", pos).isInstanceOf(ProofRejectedException.class);
            altered++;
        }
        assertThat(altered).isGreaterThan(40);
    }

    @Test
    void theRevealedValuesDifferBetweenTwoProofsOfOneStatement() throws Exception {
        Ext[] m = secrets(7);
        Statement st = Statement.of(m);
        Pads a = new Pads(plan(), ZkRandom.fresh());
        Pads b = new Pads(plan(), ZkRandom.fresh());
        for (int i = 0; i < VALUES; i++) {
            assertThat(a.hide(m[i])).isNotEqualTo(b.hide(m[i]));
        }
    }
}
