package io.zkml4j.cli;

import io.zkml4j.prover.SecurityLevel;
import io.zkml4j.server.ApiTokens;
import io.zkml4j.server.ServerConfig;
import io.zkml4j.server.ServerException;
import io.zkml4j.server.ZkmlServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** {@code zkml serve}: the proving and verification service with its audit log and auditor page. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the proving and verification service (HTTP API, audit log, auditor page at /).",
                "Model upload and proving need a token from --token-file (created with a random token if it is the default "
                        + "and missing); verification, the audit log and the page are public. Stops cleanly on SIGTERM or "
                        + "Ctrl-C: proofs in progress finish, queued jobs resume at the next start."})
final class ServeCommand extends Subcommand {
    static final String DEFAULT_TOKEN_FILE = "zkml-token";

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--db", paramLabel = "JDBC-URL", defaultValue = "jdbc:sqlite:zkml.db",
            description = {"The audit-log database (default: ${DEFAULT-VALUE}, a file in the current folder);",
                    "PostgreSQL: jdbc:postgresql://HOST:PORT/DB?user=U&password=P"})
    String db;

    @Option(names = "--keys", paramLabel = "DIR", defaultValue = "zkml-keys",
            description = "Where proving keys and rotations are kept, one folder per model (default: ${DEFAULT-VALUE}).")
    Path keys;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = DEFAULT_TOKEN_FILE,
            description = "API tokens, one per line (default: ${DEFAULT-VALUE}, created with a random token if missing).")
    Path tokenFile;

    @Option(names = "--workers", defaultValue = "2", description = "Proofs made at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--queue", defaultValue = "64", description = "Proof jobs that may wait beyond those running (default: ${DEFAULT-VALUE}); more get 429.")
    int queue;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "64m",
            description = "Largest request body, e.g. a model upload (default: ${DEFAULT-VALUE}); more get 413.")
    String maxBody;

    @Option(names = "--max-input", paramLabel = "SIZE", defaultValue = "1m",
            description = "Largest proof-request input JSON (default: ${DEFAULT-VALUE}); more get 413.")
    String maxInput;

    @Option(names = "--budget", defaultValue = "32",
            description = "Proofs per key for new models before the server rotates the key, 1..256 (default: ${DEFAULT-VALUE}).")
    int budget;

    @Override
    int execute() throws Exception {
        if (budget < 1 || budget > 256) {
            throw new UserError("--budget must be 1..256, not " + budget);
        }
        if (workers < 1 || queue < 0) {
            throw new UserError("--workers must be 1 or more and --queue 0 or more");
        }
        long body = size("--max-body", maxBody);
        long input = size("--max-input", maxInput);
        boolean created = false;
        ServerConfig config;
        try {
            if (tokenFile.toString().equals(DEFAULT_TOKEN_FILE)) {
                created = ApiTokens.createIfMissing(tokenFile);
            }
            SecurityLevel security = insecureTestingOnly ? SecurityLevel.TESTING_ONLY_INSECURE : SecurityLevel.STANDARD;
            config = new ServerConfig(host, port, db, keys, ApiTokens.read(tokenFile), workers, queue, body, input, security, budget);
        } catch (ServerException e) {
            throw new UserError(e.getMessage());
        }
        ZkmlServer server;
        try {
            server = ZkmlServer.start(config);
        } catch (ServerException e) {
            throw new UserError(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            term.println("zkml serve: stopping (proofs in progress finish; queued jobs resume at the next start)");
            server.close();
            term.println("zkml serve: stopped cleanly");
            stopped.countDown();
        }, "zkml-serve-shutdown"));
        String base = "http://" + host + ":" + server.port();
        term.println("zkml serve: listening on " + base + " (auditor page " + base + "/, API " + base + "/openapi.json)");
        term.println(Text.field("database", io.zkml4j.server.Database.redacted(server.config().dbUrl())));
        term.println(Text.field("keys", keys.toString()));
        term.println(Text.field("API token", tokenFile + (created ? " (created now with a random token)" : "")));
        term.println(Text.field("security", config.security().id() + ", key budget " + budget + " proofs, then rotated"));
        for (String note : server.notes()) {
            term.println(Text.field("note", note));
        }
        stopped.await();
        return ExitCode.OK;
    }

    /** {@code 123}, {@code 512k}, {@code 64m}, {@code 1g}. */
    static long size(String option, String s) throws UserError {
        String t = s.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t);
            if (v < 1 || v > (Integer.MAX_VALUE - 64) / unit) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw new UserError(option + " must be a size like 512k, 64m or 1g (at most 2g), not '" + s + "'");
        }
    }
}
