package io.zkml4j.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The API tokens that may upload models and request proofs: one per line of the token file ({@code #}
 * comments and blank lines ignored; each at least {@value #MIN_LENGTH} characters). A presented token is
 * compared with every stored one through their SHA-256 digests with {@link MessageDigest#isEqual}, so the
 * time taken does not depend on where or whether the bytes differ, nor on which token matched.
 */
public final class ApiTokens {
    static final int MIN_LENGTH = 16;
    private final List<byte[]> digests;

    private ApiTokens(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    public static ApiTokens of(List<String> tokens) {
        List<byte[]> d = new ArrayList<>();
        for (String t : tokens) {
            d.add(sha256(t));
        }
        return new ApiTokens(d);
    }

    /** Reads the token file. */
    public static ApiTokens read(Path file) throws ServerException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ServerException("no token file '" + file + "': put one long random token per line in it (e.g. "
                    + "'openssl rand -hex 32 > " + file + "')");
        } catch (IOException e) {
            throw new ServerException("cannot read the token file '" + file + "': " + e.getMessage());
        }
        List<String> tokens = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.length() < MIN_LENGTH) {
                throw new ServerException("the token file '" + file + "' has a token shorter than " + MIN_LENGTH
                        + " characters; use long random tokens (e.g. 'openssl rand -hex 32')");
            }
            tokens.add(t);
        }
        if (tokens.isEmpty()) {
            throw new ServerException("the token file '" + file + "' holds no token; put one per line");
        }
        return of(tokens);
    }

    /** Creates a token file with one random token (owner-only permissions) unless it exists; returns whether it did. */
    public static boolean createIfMissing(Path file) throws ServerException {
        if (Files.exists(file)) {
            return false;
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(file, HexFormat.of().formatHex(b) + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps its default permissions
            }
            return true;
        } catch (IOException e) {
            throw new ServerException("cannot create the token file '" + file + "': " + e.getMessage());
        }
    }

    /** Whether a presented token is one of the stored ones; every stored token is compared, in constant time. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] p = sha256(presented);
        boolean ok = false;
        for (byte[] d : digests) {
            ok |= MessageDigest.isEqual(p, d);
        }
        return ok;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
