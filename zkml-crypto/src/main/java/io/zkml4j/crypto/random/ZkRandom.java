package io.zkml4j.crypto.random;

import io.zkml4j.crypto.field.Goldilocks;

import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The single source of the prover's secret randomness (hiding padding, mask rows, Merkle salts).
 *
 * <p>A ChaCha20 key stream (RFC 8439, the JDK's {@code ChaCha20} cipher) under a 256-bit seed:
 * <ul>
 *   <li>{@link #fresh()} seeds from {@link SecureRandom}: one per proof, never reused;</li>
 *   <li>{@link #fromSeed(byte[], String)} re-derives the randomness of a <i>commitment</i> that must be
 *   recomputable from a stored secret (the model commitment in the proving key); the label
 *   domain-separates the uses of one seed;</li>
 *   <li>{@link #seededForTesting(long)} is a fixed seed for tests. It is marked: provers refuse it
 *   unless their parameters are testing-only.</li>
 * </ul>
 * Field elements are drawn uniformly by rejection (8 bytes, redrawn when {@code >= p}).
 */
public final class ZkRandom {
    private static final int BLOCK = 64 * 64;
    private static final SecureRandom SEEDS = new SecureRandom();

    private final Cipher cipher;
    private final boolean testing;
    private final byte[] buffer = new byte[BLOCK];
    private final byte[] zeros = new byte[BLOCK];
    private int position = BLOCK;

    private ZkRandom(byte[] key, boolean testing) {
        try {
            cipher = Cipher.getInstance("ChaCha20");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(new byte[12], 0));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no ChaCha20 cipher", e);
        }
        this.testing = testing;
    }

    /** A new stream seeded from {@link SecureRandom}. */
    public static ZkRandom fresh() {
        byte[] seed = new byte[32];
        SEEDS.nextBytes(seed);
        return new ZkRandom(seed, false);
    }

    /** A new 256-bit secret seed from {@link SecureRandom} (for {@link #fromSeed}). */
    public static byte[] newSeed() {
        byte[] seed = new byte[32];
        SEEDS.nextBytes(seed);
        return seed;
    }

    /** The stream of a stored secret seed for one labelled use: the same seed and label give the same stream. */
    public static ZkRandom fromSeed(byte[] seed, String label) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("a seed has 32 bytes, got " + seed.length);
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("zkml4j/zk-random/".getBytes(StandardCharsets.US_ASCII));
            md.update(label.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(seed);
            return new ZkRandom(md.digest(), false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** <b>Tests only</b>: a reproducible stream, marked so that secure provers refuse it. */
    public static ZkRandom seededForTesting(long seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (seed >>> (8 * i));
        }
        key[31] = (byte) 0x7e;
        return new ZkRandom(key, true);
    }

    /** True for {@link #seededForTesting} streams. */
    public boolean isTestingOnly() {
        return testing;
    }

    /** Refuses a testing stream where real randomness is required. */
    public void requireSecure(String what) {
        if (testing) {
            throw new IllegalStateException(what + " with a fixed-seed test random source: only testing-only parameters allow that");
        }
    }

    public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (position == BLOCK) {
                refill();
            }
            out[i] = buffer[position++];
        }
    }

    /** A uniform canonical field element. */
    public long nextField() {
        while (true) {
            if (position > BLOCK - 8) {
                refill();
            }
            long x = 0;
            for (int i = 0; i < 8; i++) {
                x |= (buffer[position + i] & 0xffL) << (8 * i);
            }
            position += 8;
            if (Goldilocks.isCanonical(x)) {
                return x;
            }
        }
    }

    /** Fills {@code out[from, to)} with uniform field elements. */
    public void fillField(long[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = nextField();
        }
    }

    private void refill() {
        try {
            cipher.update(zeros, 0, BLOCK, buffer, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 key stream failed", e);
        }
        position = 0;
    }
}
