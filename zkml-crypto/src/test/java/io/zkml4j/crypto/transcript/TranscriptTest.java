package io.zkml4j.crypto.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** Fiat–Shamir transcript: determinism, sensitivity to every absorbed item, index sampling, grinding. */
class TranscriptTest {

    /** One absorbed item, written so that a test can mutate it. */
    private record Item(String name, Consumer<Transcript> absorb) {}

    /** A statement of every item kind; {@code mutate} selects the item to alter (or -1 for none). */
    private static List<Item> statement(int mutate) {
        List<Item> items = new ArrayList<>();
        items.add(new Item("bytes", t -> t.absorbBytes("root", mutate == 0 ? new byte[] {1, 2, 4} : new byte[] {1, 2, 3})));
        items.add(new Item("long", t -> t.absorbLong("size", mutate == 1 ? 1025 : 1024)));
        items.add(new Item("field", t -> t.absorbField("value", mutate == 2 ? Goldilocks.P - 2 : Goldilocks.P - 1)));
        items.add(new Item("fields", t -> t.absorbFields("row", mutate == 3 ? new long[] {5, 6, 8} : new long[] {5, 6, 7})));
        items.add(new Item("ext", t -> t.absorbExt("claim", mutate == 4 ? Ext.of(9, 11) : Ext.of(9, 10))));
        items.add(new Item("exts", t -> t.absorbExts("point", mutate == 5 ? new long[] {1, 2, 3, 5} : new long[] {1, 2, 3, 4})));
        items.add(new Item("label", t -> t.absorbLong(mutate == 6 ? "count" : "rows", 8)));
        return items;
    }

    private static Ext run(String protocol, List<Item> items) {
        Transcript t = new Transcript(protocol);
        for (Item item : items) {
            item.absorb.accept(t);
        }
        return t.challengeExt("alpha");
    }

    @Test
    void sameCallsGiveSameChallenges() {
        Transcript a = new Transcript("zkml4j/test/v1");
        Transcript b = new Transcript("zkml4j/test/v1");
        for (Transcript t : List.of(a, b)) {
            t.absorbLong("n", 3);
            t.absorbFields("xs", new long[] {1, 2, 3});
        }
        assertThat(a.challengeExt("c")).isEqualTo(b.challengeExt("c"));
        assertThat(a.challengeExts("cs", 4)).containsExactly(b.challengeExts("cs", 4));
        assertThat(a.challengeIndices("q", 10, 1000)).containsExactly(b.challengeIndices("q", 10, 1000));
    }

    @Test
    void everyAbsorbedItemChangesLaterChallenges() {
        Ext honest = run("zkml4j/test/v1", statement(-1));
        int count = statement(-1).size();
        Set<Ext> seen = new HashSet<>();
        seen.add(honest);
        for (int m = 0; m < count; m++) {
            Ext mutated = run("zkml4j/test/v1", statement(m));
            assertThat(mutated).as("mutating item %s", statement(-1).get(m).name()).isNotEqualTo(honest);
            seen.add(mutated);
        }
        assertThat(seen).hasSize(count + 1);
        assertThat(run("zkml4j/test/v2", statement(-1))).as("protocol id").isNotEqualTo(honest);
    }

    @Test
    void itemOrderMatters() {
        List<Item> items = statement(-1);
        List<Item> swapped = new ArrayList<>(items);
        swapped.set(0, items.get(1));
        swapped.set(1, items.get(0));
        assertThat(run("p", swapped)).isNotEqualTo(run("p", items));
    }

    @Test
    void itemBoundariesMatter() {
        // The same bytes split differently between items must not collide: items are length-framed.
        Transcript a = new Transcript("p");
        a.absorbBytes("x", new byte[] {1, 2});
        a.absorbBytes("x", new byte[] {3});
        Transcript b = new Transcript("p");
        b.absorbBytes("x", new byte[] {1});
        b.absorbBytes("x", new byte[] {2, 3});
        assertThat(a.challengeExt("c")).isNotEqualTo(b.challengeExt("c"));

        Transcript c = new Transcript("p");
        c.absorbFields("x", new long[] {1, 2});
        Transcript d = new Transcript("p");
        d.absorbFields("x", new long[] {1});
        d.absorbFields("x", new long[] {2});
        assertThat(c.challengeExt("c")).isNotEqualTo(d.challengeExt("c"));

        // Label and data do not run together: ("ab", [c]) differs from ("a", [b, c]).
        Transcript e = new Transcript("p");
        e.absorbBytes("ab", new byte[] {'c'});
        Transcript f = new Transcript("p");
        f.absorbBytes("a", new byte[] {'b', 'c'});
        assertThat(e.challengeExt("c")).isNotEqualTo(f.challengeExt("c"));
    }

    @Test
    void challengeLabelsAndSuccessiveChallengesDiffer() {
        Transcript a = new Transcript("p");
        Transcript b = new Transcript("p");
        Ext first = a.challengeExt("alpha");
        assertThat(b.challengeExt("beta")).isNotEqualTo(first);
        Ext second = a.challengeExt("alpha");
        assertThat(second).as("the state advances after a squeeze").isNotEqualTo(first);
        Ext[] many = a.challengeExts("many", 50);
        assertThat(new HashSet<>(List.of(many))).hasSize(50);
    }

    @Test
    void challengesAreCanonicalExtensionElementsWithBothCoordinatesUsed() {
        Transcript t = new Transcript("p");
        int c1NonZero = 0;
        for (Ext e : t.challengeExts("c", 1000)) {
            assertThat(Goldilocks.isCanonical(e.c0)).isTrue();
            assertThat(Goldilocks.isCanonical(e.c1)).isTrue();
            if (e.c1 != 0) {
                c1NonZero++;
            }
        }
        assertThat(c1NonZero).as("challenges are extension elements, not base-field ones").isEqualTo(1000);
    }

    @Test
    void indicesAreDistinctAndInRange() {
        int[] domains = {1, 2, 3, 7, 64, 100, 1 << 14, 1_000_003, Integer.MAX_VALUE};
        for (int domain : domains) {
            for (int count : new int[] {0, 1, Math.min(domain, 5), Math.min(domain, 150)}) {
                int[] idx = new Transcript("p").challengeIndices("q", count, domain);
                assertThat(idx).hasSize(count);
                Set<Integer> distinct = new HashSet<>();
                for (int i : idx) {
                    assertThat(i).isBetween(0, domain - 1);
                    distinct.add(i);
                }
                assertThat(distinct).as("domain %d count %d", domain, count).hasSize(count);
            }
        }
        int[] all = new Transcript("p").challengeIndices("q", 16, 16);
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void impossibleIndexRequestsThrow() {
        Transcript t = new Transcript("p");
        assertThatThrownBy(() -> t.challengeIndices("q", 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.challengeIndices("q", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.challengeIndices("q", -1, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A smoke test for bias: first indices over a domain of 3 (which does not divide 2^64) across 30,000
     * transcripts. Chi-square with 2 degrees of freedom; 13.8 is the 0.1% critical value.
     */
    @Test
    void indicesLookUniform() {
        int domain = 3;
        int draws = 30_000;
        int[] counts = new int[domain];
        for (int i = 0; i < draws; i++) {
            Transcript t = new Transcript("p");
            t.absorbLong("i", i);
            counts[t.challengeIndices("q", 1, domain)[0]]++;
        }
        double expected = (double) draws / domain;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi2).as("chi-square of %s", java.util.Arrays.toString(counts)).isLessThan(13.8);
    }

    @Test
    void extensionChallengeCoordinatesLookUniform() {
        // Top 2 bits of each coordinate: 4 buckets, 20,000 samples; 16.3 is the 0.1% critical value (3 d.o.f.).
        int[] counts = new int[4];
        Transcript t = new Transcript("p");
        Ext[] es = t.challengeExts("c", 10_000);
        for (Ext e : es) {
            counts[(int) (e.c0 >>> 62)]++;
            counts[(int) (e.c1 >>> 62)]++;
        }
        double expected = 20_000 / 4.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi2).isLessThan(16.3);
    }

    @Test
    void grindRoundTripsAndKeepsTranscriptsInStep() throws ProofRejectedException {
        for (int bits : new int[] {0, 1, 5, 8, 12}) {
            Transcript prover = new Transcript("p");
            Transcript verifier = new Transcript("p");
            prover.absorbLong("x", bits);
            verifier.absorbLong("x", bits);
            long nonce = prover.grind(bits);
            verifier.checkGrind(bits, nonce);
            assertThat(verifier.challengeExt("after")).isEqualTo(prover.challengeExt("after"));
        }
    }

    @Test
    void grindFindsTheSmallestNonce() throws ProofRejectedException {
        Transcript prover = new Transcript("p");
        long nonce = prover.grind(10);
        for (long smaller = 0; smaller < nonce; smaller++) {
            Transcript verifier = new Transcript("p");
            long s = smaller;
            assertThatThrownBy(() -> verifier.checkGrind(10, s)).isInstanceOf(ProofRejectedException.class);
        }
        assertThatCode(() -> new Transcript("p").checkGrind(10, nonce)).doesNotThrowAnyException();
    }

    @Test
    void grindSearchingOnSeveralThreadsStillFindsTheSmallestNonce() {
        // nonces past the first round of per-thread blocks (2 threads x 4096 here), found as a sequential search would
        long largest = 0;
        for (String label : new String[] {"a", "b", "c", "d"}) {
            long nonce = new Transcript(label).grind(15);
            largest = Math.max(largest, nonce);
            assertThat(passes(label, 15, nonce)).isTrue();
            for (long smaller = 0; smaller < nonce; smaller++) {
                assertThat(passes(label, 15, smaller)).as("%s: nonce %d", label, smaller).isFalse();
            }
        }
        assertThat(largest).isGreaterThan(8 * 4096);
    }

    @Test
    void wrongNonceIsRejectedWithReason() {
        Transcript prover = new Transcript("p");
        long nonce = prover.grind(16);
        // Some nonce of the next 1000 may also pass by chance (2^-16 each); pick one that fails.
        long wrong = nonce + 1;
        while (passes(16, wrong)) {
            wrong++;
        }
        long w = wrong;
        assertThatThrownBy(() -> new Transcript("p").checkGrind(16, w))
                .isInstanceOf(ProofRejectedException.class)
                .hasMessageContaining("proof-of-work nonce " + w)
                .hasMessageContaining("16 leading zero bits");
        // Grinding with a different transcript state does not carry over.
        Transcript other = new Transcript("q");
        if (!passes("q", 16, nonce)) {
            assertThatThrownBy(() -> other.checkGrind(16, nonce)).isInstanceOf(ProofRejectedException.class);
        }
    }

    private static boolean passes(int bits, long nonce) {
        return passes("p", bits, nonce);
    }

    private static boolean passes(String protocol, int bits, long nonce) {
        try {
            new Transcript(protocol).checkGrind(bits, nonce);
            return true;
        } catch (ProofRejectedException e) {
            return false;
        }
    }
}
