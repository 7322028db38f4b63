package io.zkml4j.crypto.transcript;

import io.zkml4j.crypto.ProofRejectedException;
import io.zkml4j.crypto.field.Ext;
import io.zkml4j.crypto.field.Goldilocks;
import io.zkml4j.crypto.parallel.Parallelism;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Fiat–Shamir transcript over SHA-256 (JDK {@link MessageDigest}).
 *
 * <p>State: a running SHA-256 over everything absorbed since the last squeeze, chained through the
 * previous squeeze's seed. Every absorbed item is framed as {@code tag ‖ len(label) ‖ label ‖ len(data) ‖ data}
 * so that no two different sequences of items hash alike. A squeeze hashes the frame
 * {@code 'C' ‖ label} into a 32-byte seed, restarts the running hash from that seed, and expands the
 * seed with {@code SHA-256("zkml4j/expand" ‖ seed ‖ counter)}.
 *
 * <p>Challenges are extension elements only ({@link #challengeExt}), each coordinate drawn by rejection
 * sampling of 64-bit words against p, so they are uniform in F_p[u]/(u^2-7). Query indices are drawn
 * without modulo bias and distinct. Prover and verifier run the same calls in the same order; every
 * prover message goes through {@code absorb*} before the challenge that depends on it.
 */
public final class Transcript {
    private static final byte TAG_ABSORB = 'A';
    private static final byte TAG_CHALLENGE = 'C';
    private static final byte[] EXPAND = "zkml4j/expand".getBytes(StandardCharsets.US_ASCII);
    private static final String DOMAIN = "zkml4j/transcript/v1";

    private final MessageDigest running;
    private final MessageDigest expander;

    /** A fresh transcript, domain-separated by the protocol identifier (e.g. {@code "zkml4j/ligero/v1"}). */
    public Transcript(String protocolId) {
        this.running = sha256();
        this.expander = sha256();
        absorbBytes("domain", DOMAIN.getBytes(StandardCharsets.UTF_8));
        absorbBytes("protocol", protocolId.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private void frame(byte tag, String label, int dataLength) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        running.update(tag);
        updateInt(running, l.length);
        running.update(l);
        updateLong(running, dataLength);
    }

    private static void updateInt(MessageDigest md, int v) {
        md.update((byte) v);
        md.update((byte) (v >>> 8));
        md.update((byte) (v >>> 16));
        md.update((byte) (v >>> 24));
    }

    private static void updateLong(MessageDigest md, long v) {
        for (int i = 0; i < 8; i++) {
            md.update((byte) (v >>> (8 * i)));
        }
    }

    /** Absorbs raw bytes (digests, encodings). */
    public void absorbBytes(String label, byte[] data) {
        frame(TAG_ABSORB, label, data.length);
        running.update(data);
    }

    /** Absorbs an integer parameter (sizes, counts, flags). */
    public void absorbLong(String label, long value) {
        frame(TAG_ABSORB, label, 8);
        updateLong(running, value);
    }

    /** Absorbs one base-field element. */
    public void absorbField(String label, long x) {
        absorbLong(label, x);
    }

    /** Absorbs a vector of base-field elements. */
    public void absorbFields(String label, long[] xs) {
        absorbFields(label, xs, 0, xs.length);
    }

    /** Absorbs {@code count} base-field elements of {@code xs} from {@code from}. */
    public void absorbFields(String label, long[] xs, int from, int count) {
        frame(TAG_ABSORB, label, 8 * count);
        byte[] buf = new byte[Math.min(8 * count, 1 << 16)];
        int i = from;
        int end = from + count;
        while (i < end) {
            int n = Math.min(end - i, buf.length / 8);
            for (int k = 0; k < n; k++) {
                Goldilocks.encode(xs[i + k], buf, 8 * k);
            }
            running.update(buf, 0, 8 * n);
            i += n;
        }
    }

    /** Absorbs one extension element. */
    public void absorbExt(String label, Ext e) {
        frame(TAG_ABSORB, label, 16);
        updateLong(running, e.c0);
        updateLong(running, e.c1);
    }

    /** Absorbs a vector of extension elements in interleaved-pair layout. */
    public void absorbExts(String label, long[] pairs) {
        absorbFields(label, pairs, 0, pairs.length);
    }

    /** Absorbs an array of extension elements; the same bytes as {@link #absorbExts} of its interleaved pairs. */
    public void absorbExtArray(String label, Ext[] es) {
        frame(TAG_ABSORB, label, 16 * es.length);
        for (Ext e : es) {
            updateLong(running, e.c0);
            updateLong(running, e.c1);
        }
    }

    /** Squeezes a 32-byte seed and restarts the running hash from it. */
    private byte[] squeeze(String label) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        running.update(TAG_CHALLENGE);
        updateInt(running, l.length);
        running.update(l);
        byte[] seed = running.digest();
        running.reset();
        running.update(seed);
        return seed;
    }

    /** A deterministic stream of 64-bit words expanded from one seed. */
    private final class WordStream {
        private final byte[] seed;
        private long counter;
        private byte[] block = new byte[0];
        private int pos;

        WordStream(byte[] seed) {
            this.seed = seed;
        }

        long next() {
            if (pos + 8 > block.length) {
                expander.reset();
                expander.update(EXPAND);
                expander.update(seed);
                updateLong(expander, counter++);
                block = expander.digest();
                pos = 0;
            }
            long w = Goldilocks.decodeRaw(block, pos);
            pos += 8;
            return w;
        }

        long nextField() {
            while (true) {
                long w = next();
                if (Goldilocks.isCanonical(w)) {
                    return w;
                }
            }
        }
    }

    /** One uniformly random extension-field challenge. */
    public Ext challengeExt(String label) {
        WordStream s = new WordStream(squeeze(label));
        long c0 = s.nextField();
        long c1 = s.nextField();
        return Ext.of(c0, c1);
    }

    /** {@code n} independent extension-field challenges from one squeeze. */
    public Ext[] challengeExts(String label, int n) {
        WordStream s = new WordStream(squeeze(label));
        Ext[] out = new Ext[n];
        for (int i = 0; i < n; i++) {
            long c0 = s.nextField();
            long c1 = s.nextField();
            out[i] = Ext.of(c0, c1);
        }
        return out;
    }

    /**
     * {@code count} distinct indices uniform in {@code [0, domainSize)}, in the order drawn. Each draw
     * rejects 64-bit words at or above the largest multiple of {@code domainSize}, so there is no
     * modulo bias.
     */
    public int[] challengeIndices(String label, int count, int domainSize) {
        if (domainSize <= 0 || count < 0 || count > domainSize) {
            throw new IllegalArgumentException("cannot draw " + count + " distinct indices from " + domainSize);
        }
        WordStream s = new WordStream(squeeze(label));
        long limit = Long.remainderUnsigned(-1L, domainSize) == domainSize - 1
                ? -1L // domainSize divides 2^64: every word is fine
                : -1L - Long.remainderUnsigned(-1L, domainSize) - 1; // last word of the last full block
        Set<Integer> seen = new LinkedHashSet<>();
        while (seen.size() < count) {
            long w = s.next();
            if (Long.compareUnsigned(w, limit) > 0) {
                continue;
            }
            seen.add((int) Long.remainderUnsigned(w, domainSize));
        }
        int[] out = new int[count];
        int i = 0;
        for (int v : seen) {
            out[i++] = v;
        }
        return out;
    }

    /**
     * Proof-of-work grinding (prover side): finds the smallest nonce whose hash with a fresh seed has
     * {@code bits} leading zero bits, absorbs it and returns it. {@code bits == 0} returns 0 at once.
     */
    public long grind(int bits) {
        byte[] seed = squeeze("pow");
        long nonce = bits > 0 ? leastNonce(seed, bits) : 0;
        absorbLong("pow-nonce", nonce);
        return nonce;
    }

    private static final byte[] POW_DOMAIN = "zkml4j/pow".getBytes(StandardCharsets.US_ASCII);
    /** Nonces one thread tries before the threads compare what they found. */
    private static final int POW_BLOCK = 1 << 12;

    /**
     * The least nonce that passes, as a sequential search finds it (so proofs stay deterministic): rounds of
     * consecutive blocks, one per thread, and the first hit of the first block that has one.
     */
    static long leastNonce(byte[] seed, int bits) {
        Parallelism parallelism = Parallelism.available();
        int threads = parallelism.threads();
        if (threads < 2) {
            return leastNonceIn(seed, bits, 0, Long.MAX_VALUE);
        }
        long[] hits = new long[threads];
        for (long start = 0; ; start += (long) threads * POW_BLOCK) {
            long round = start;
            parallelism.run(threads, threads, (thread, from, to) -> {
                long first = round + (long) thread * POW_BLOCK;
                hits[thread] = leastNonceIn(seed, bits, first, first + POW_BLOCK);
            });
            for (long hit : hits) {
                if (hit >= 0) {
                    return hit;
                }
            }
        }
    }

    /** The least passing nonce in {@code [from, to)}, or −1. */
    private static long leastNonceIn(byte[] seed, int bits, long from, long to) {
        MessageDigest md = sha256();
        for (long nonce = from; nonce < to; nonce++) {
            if (powOk(md, seed, nonce, bits)) {
                return nonce;
            }
        }
        return -1;
    }

    /** Verifier side of {@link #grind}: checks the nonce and absorbs it. */
    public void checkGrind(int bits, long nonce) throws ProofRejectedException {
        byte[] seed = squeeze("pow");
        if (bits > 0 && !powOk(expander, seed, nonce, bits)) {
            throw new ProofRejectedException("proof-of-work nonce " + nonce + " does not give " + bits + " leading zero bits");
        }
        absorbLong("pow-nonce", nonce);
    }

    private static boolean powOk(MessageDigest md, byte[] seed, long nonce, int bits) {
        md.reset();
        md.update(POW_DOMAIN);
        md.update(seed);
        updateLong(md, nonce);
        byte[] h = md.digest();
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (h[i] != 0) {
                return false;
            }
        }
        int rest = bits % 8;
        return rest == 0 || ((h[full] & 0xFF) >>> (8 - rest)) == 0;
    }
}
