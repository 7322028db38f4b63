package io.zkml4j.crypto.hidden;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The verifier's side of padded messages (Longfellow-style "commit to the transcript": Frigo–shelat,
 * eprint 2024/2010, §4; its {@code ZkCommon} expressions {@code KNOWN + Σ SYMBOLIC[i]·dX[i]}).
 *
 * <p>The prover commits, before the first challenge, to a vector {@code P} of extension-field entries:
 * uniformly random <em>pads</em>, and <em>products</em> {@code P[c] = P[a]·P[b]} of earlier entries. It
 * sends every message {@code m} as {@code m' = m − P[e]} for the next unused pad {@code e}, so what the
 * transcript carries is uniform. The verifier {@link #receive receives} {@code m'} as the form
 * {@code m' + P[e]} and computes with forms ({@link Hidden}); each check it would make on the message
 * values becomes a constraint "this form is zero", linear in {@code P}. The product of two forms is
 * linear too once every product {@code P[a]·P[b]} of their entries is itself an entry: the verifier names
 * such an entry the first time it needs it, and the prover, which ran the same verifier on its own proof
 * to learn the order of entries (the {@link PadPlan}), committed it. {@code PadVerifier} (package {@code io.zkml4j.crypto.zk}) then checks all
 * constraints at once in zero knowledge, and that every product entry is the product it claims to be.
 *
 * <p>An <em>eager</em> instance (no zero knowledge) makes every received value public and checks each
 * constraint at once, with the caller's reason: the same verifier code serves both kinds of proof.
 */
public final class HiddenChecks {
    /** Most entry pairs one product of two forms may refer to (forms are short: a few sent values each). */
    public static final int MAX_PRODUCT_TERMS = 256;

    private final boolean padded;
    private final List<int[]> entries = new ArrayList<>(); // {-1, -1} for a pad, {a, b} for P[a]·P[b]
    private final Map<Long, Integer> products = new HashMap<>();
    private final List<Hidden> constraints = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final List<Ext> received = new ArrayList<>();
    private int pads;
    private String where = "";

    private HiddenChecks(boolean padded) {
        this.padded = padded;
    }

    /** Every message is public and every check is made at once. */
    public static HiddenChecks eager() {
        return new HiddenChecks(false);
    }

    /** Every received message is padded; checks become constraints on the pads. */
    public static HiddenChecks padded() {
        return new HiddenChecks(true);
    }

    public boolean isPadded() {
        return padded;
    }

    /** Names the part of the proof that the next constraints come from (for diagnostics and tests). */
    public void at(String where) {
        this.where = where;
    }

    /** A sent value: public when eager, {@code sent + P[e]} for a fresh pad {@code e} when padded. */
    public Hidden receive(Ext sent) {
        received.add(sent);
        if (!padded) {
            return Hidden.of(sent);
        }
        int e = newEntry(-1, -1);
        pads++;
        return new Hidden(this, sent, new int[] {e}, new Ext[] {Ext.ONE});
    }

    /** Sent values given as interleaved extension pairs, in order. */
    public Hidden[] receive(long[] pairs) {
        Hidden[] out = new Hidden[pairs.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = receive(Ext.at(pairs, i));
        }
        return out;
    }

    public Hidden[] receive(Ext[] sent) {
        Hidden[] out = new Hidden[sent.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = receive(sent[i]);
        }
        return out;
    }

    /**
     * Requires {@code value = 0}. A public value is checked now ({@code reason} names the failure); a
     * hidden one is recorded for {@code PadVerifier} (package {@code io.zkml4j.crypto.zk}).
     */
    public void requireZero(Hidden value, Supplier<String> reason) throws ProofRejectedException {
        if (value.isPublic()) {
            if (!value.constant.isZero()) {
                throw new ProofRejectedException(reason.get());
            }
            return;
        }
        if (value.owner != this) {
            throw new IllegalStateException("a hidden value of another proof");
        }
        constraints.add(value);
        sources.add(where);
    }

    /** Requires {@code actual = expected} (see {@link #requireZero}). */
    public void requireEqual(Hidden actual, Hidden expected, Supplier<String> reason) throws ProofRejectedException {
        requireZero(actual.sub(expected), reason);
    }

    /**
     * {@code (a_0 + Σ a_e P[e])·(b_0 + Σ b_f P[f]) = a_0 b_0 + a_0 Σ b_f P[f] + b_0 Σ a_e P[e] + Σ a_e b_f P[e·f]}
     * with {@code P[e·f]} the committed product entry of {@code e} and {@code f}.
     */
    Hidden product(Hidden a, Hidden b) {
        if (a.size() * b.size() > MAX_PRODUCT_TERMS) {
            throw new IllegalStateException("a product of hidden forms with " + a.size() + " and " + b.size()
                    + " entries: have the prover send an intermediate value instead");
        }
        Map<Integer, Ext> acc = new LinkedHashMap<>();
        b.accumulate(acc, a.constant);
        a.accumulate(acc, b.constant);
        for (int i = 0; i < a.entries.length; i++) {
            for (int j = 0; j < b.entries.length; j++) {
                int e = productEntry(a.entries[i], b.entries[j]);
                acc.merge(e, a.coefficients[i].mul(b.coefficients[j]), Ext::add);
            }
        }
        return Hidden.fromMap(this, a.constant.mul(b.constant), acc);
    }

    private int productEntry(int x, int y) {
        int lo = Math.min(x, y);
        int hi = Math.max(x, y);
        Long key = ((long) lo << 32) | hi;
        Integer e = products.get(key);
        if (e == null) {
            e = newEntry(lo, hi);
            products.put(key, e);
        }
        return e;
    }

    private int newEntry(int a, int b) {
        entries.add(new int[] {a, b});
        return entries.size() - 1;
    }

    /** The entries named so far, in order: what the prover must have committed. */
    public PadPlan plan() {
        int n = entries.size();
        int[] left = new int[n];
        int[] right = new int[n];
        for (int i = 0; i < n; i++) {
            left[i] = entries.get(i)[0];
            right[i] = entries.get(i)[1];
        }
        return new PadPlan(left, right);
    }

    /** Messages received so far (pads named). */
    public int padCount() {
        return pads;
    }

    /** The values received so far, in order (what a proof reveals of its messages: the tests' view). */
    public List<Ext> received() {
        return java.util.Collections.unmodifiableList(received);
    }

    /** Constraints recorded so far (hidden checks not yet made). */
    public int constraintCount() {
        return constraints.size();
    }

    /** The recorded constraints ("this form is zero"), in order. */
    public List<Hidden> constraints() {
        return java.util.Collections.unmodifiableList(constraints);
    }

    /** Where constraint {@code i} came from ({@link #at}). */
    public String source(int i) {
        return sources.get(i);
    }
}
