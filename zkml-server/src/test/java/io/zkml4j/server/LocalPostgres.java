package io.zkml4j.server;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster on a free loopback port, made with Debian's {@code postgresql} binaries
 * ({@code /usr/lib/postgresql/<version>/bin}): initdb into a temporary folder, pg_ctl start, and stop and
 * delete on close. As root (CI), the binaries run as the {@code postgres} user, since PostgreSQL refuses
 * to run as root. {@link #start()} is empty, with the reason in {@link #unavailable}, when it cannot be done.
 */
final class LocalPostgres implements AutoCloseable {
    static String unavailable = "";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private LocalPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static Optional<LocalPostgres> start() {
        Path bin = findBin();
        if (bin == null) {
            unavailable = "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)";
            return Optional.empty();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && !new File("/usr/sbin/runuser").canExecute() && !new File("/sbin/runuser").canExecute()) {
            unavailable = "running as root without runuser to start PostgreSQL as the postgres user";
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("zkml-pg-");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            LocalPostgres pg = new LocalPostgres(bin, dir, port, root);
            if (root) {
                run(List.of("chown", "-R", "postgres", dir.toString()), 30);
            }
            pg.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "zkml",
                    "-E", "UTF8", "--no-sync"), 120);
            pg.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                    "-l", dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start"), 90);
            return Optional.of(pg);
        } catch (IOException | InterruptedException e) {
            unavailable = "could not start PostgreSQL: " + e.getMessage();
            return Optional.empty();
        }
    }

    private static Path findBin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> versionOf(p.getParent().getFileName().toString()))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void pg(List<String> command, int seconds) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>();
        if (asPostgresUser) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(command);
        run(c, seconds);
    }

    private static void run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + new String(out).strip());
        }
    }

    /** A new empty database; its JDBC URL. */
    String createDatabase() throws SQLException {
        String name = "zkml_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=zkml";
    }

    @Override
    public void close() {
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"), 60);
        } catch (IOException | InterruptedException e) {
            System.out.println("LocalPostgres: stopping failed: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("LocalPostgres: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
