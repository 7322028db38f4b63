package io.zkml4j.crypto.pcs.ligero;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.transcript.Transcript;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** Every item of the statement reaches the transcript: mutating any one changes the first challenge. */
class LigeroStatementTest {

    private static final LigeroParameters PARAMS = LigeroParameters.SECURE_100;
    private static final LigeroCommitment COMMITMENT = new LigeroCommitment(new byte[32], new int[] {4, 2}, 3);
    private static final List<Ext[]> POINTS = List.of(
            new Ext[] {Ext.of(1, 2), Ext.of(3, 4), Ext.of(5, 6), Ext.of(7, 8)},
            new Ext[] {Ext.of(9, 10), Ext.of(11, 12)});
    private static final Ext[] VALUES = {Ext.of(13, 14), Ext.of(15, 16)};

    private static Ext challenge(LigeroStatement s) {
        Transcript t = new Transcript("caller");
        s.absorbInto(t);
        return t.challengeExt("ligero/batching");
    }

    private static LigeroStatement honest() {
        return new LigeroStatement(PARAMS, COMMITMENT, POINTS, VALUES);
    }

    private static List<Ext[]> withPoint(int k, int i, Ext x) {
        List<Ext[]> points = new ArrayList<>(POINTS);
        Ext[] p = points.get(k).clone();
        p[i] = x;
        points.set(k, p);
        return points;
    }

    @Test
    void everyStatementItemChangesTheChallenge() {
        byte[] otherRoot = new byte[32];
        otherRoot[31] = 1;
        List<UnaryOperator<LigeroStatement>> mutations = List.of(
                s -> new LigeroStatement(PARAMS.toBuilder().logInverseRate(3).build(), COMMITMENT, POINTS, VALUES),
                s -> new LigeroStatement(PARAMS.toBuilder().targetSecurityBits(101).build(), COMMITMENT, POINTS, VALUES),
                s -> new LigeroStatement(PARAMS.toBuilder().grindingBits(1).build(), COMMITMENT, POINTS, VALUES),
                s -> new LigeroStatement(PARAMS.toBuilder().saltedLeaves(true).build(), COMMITMENT, POINTS, VALUES),
                s -> new LigeroStatement(PARAMS, new LigeroCommitment(otherRoot, new int[] {4, 2}, 3), POINTS, VALUES),
                s -> new LigeroStatement(PARAMS, new LigeroCommitment(new byte[32], new int[] {4, 3}, 3), POINTS, VALUES),
                s -> new LigeroStatement(PARAMS, new LigeroCommitment(new byte[32], new int[] {4}, 3), POINTS, VALUES),
                s -> new LigeroStatement(PARAMS, new LigeroCommitment(new byte[32], new int[] {4, 2}, 2), POINTS, VALUES),
                s -> new LigeroStatement(PARAMS, COMMITMENT, withPoint(0, 0, Ext.of(1, 3)), VALUES),
                s -> new LigeroStatement(PARAMS, COMMITMENT, withPoint(0, 3, Ext.of(8, 8)), VALUES),
                s -> new LigeroStatement(PARAMS, COMMITMENT, withPoint(1, 1, Ext.of(11, 13)), VALUES),
                s -> new LigeroStatement(PARAMS, COMMITMENT, POINTS, new Ext[] {Ext.of(13, 15), Ext.of(15, 16)}),
                s -> new LigeroStatement(PARAMS, COMMITMENT, POINTS, new Ext[] {Ext.of(13, 14), Ext.of(16, 16)}));
        Ext base = challenge(honest());
        Set<Ext> seen = new HashSet<>();
        seen.add(base);
        for (int i = 0; i < mutations.size(); i++) {
            Ext mutated = challenge(mutations.get(i).apply(honest()));
            assertThat(mutated).as("mutation %d", i).isNotEqualTo(base);
            seen.add(mutated);
        }
        assertThat(seen).hasSize(mutations.size() + 1);
        assertThat(challenge(honest())).as("deterministic").isEqualTo(base);
    }
}
