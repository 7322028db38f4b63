package io.zkml4j.server;

import io.zkml4j.prover.SecurityLevel;

import java.nio.file.Path;

/**
 * How to run the server.
 *
 * @param host           address to listen on (127.0.0.1: this machine only)
 * @param port           0 for any free port
 * @param dbUrl          {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}
 * @param keyFolder      where proving keys and rotations are kept (one folder per model)
 * @param workers        proofs made at once
 * @param queueLength    jobs that may wait beyond those being proved before new ones get 429
 * @param maxBodyBytes   largest request body (model uploads, verification)
 * @param maxInputBytes  largest proof-request input JSON
 * @param security       security level of new keys
 * @param budget         opening budget of new keys (proofs per key before the server rotates it), 1..256
 */
public record ServerConfig(String host, int port, String dbUrl, Path keyFolder, ApiTokens tokens, int workers, int queueLength,
                           long maxBodyBytes, long maxInputBytes, SecurityLevel security, int budget) {
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY = 64L << 20;
    public static final long DEFAULT_MAX_INPUT = 1L << 20;
    public static final int DEFAULT_QUEUE = 64;
    public static final int DEFAULT_BUDGET = 32;

    public ServerConfig {
        if (workers < 1 || queueLength < 0 || maxBodyBytes < 1 || maxInputBytes < 1 || budget < 1 || budget > 256) {
            throw new IllegalArgumentException("workers >= 1, queue >= 0, limits >= 1 and budget 1..256 are needed");
        }
    }

    /** Defaults for everything but where the database and keys live, and the tokens. */
    public static ServerConfig defaults(String dbUrl, Path keyFolder, ApiTokens tokens) {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, dbUrl, keyFolder, tokens, 2, DEFAULT_QUEUE, DEFAULT_MAX_BODY,
                DEFAULT_MAX_INPUT, SecurityLevel.STANDARD, DEFAULT_BUDGET);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, dbUrl, keyFolder, tokens, workers, queueLength, maxBodyBytes, maxInputBytes, security, budget);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, dbUrl, keyFolder, tokens, workers, queueLength, maxBodyBytes, maxInputBytes, security, budget);
    }

    public ServerConfig withWorkers(int w, int queue) {
        return new ServerConfig(host, port, dbUrl, keyFolder, tokens, w, queue, maxBodyBytes, maxInputBytes, security, budget);
    }

    public ServerConfig withLimits(long body, long input) {
        return new ServerConfig(host, port, dbUrl, keyFolder, tokens, workers, queueLength, body, input, security, budget);
    }

    public ServerConfig withKeys(SecurityLevel s, int b) {
        return new ServerConfig(host, port, dbUrl, keyFolder, tokens, workers, queueLength, maxBodyBytes, maxInputBytes, s, b);
    }
}
