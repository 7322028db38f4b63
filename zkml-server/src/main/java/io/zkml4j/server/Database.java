package io.zkml4j.server;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's database: an SQLite file (the default) or PostgreSQL, by JDBC URL, with the schema of
 * {@code db/migration/common} (the tables, one file for both) and {@code db/migration/<dialect>} (the
 * append-only triggers) applied by Flyway. One connection, used by one thread at a time: every
 * write is a short transaction and proving, not the database, is the bottleneck.
 */
public final class Database implements AutoCloseable {
    /** The two databases the server runs on; their migrations create the same tables and columns. */
    public enum Dialect {
        SQLITE("sqlite", "BLOB"), POSTGRESQL("postgresql", "BYTEA");

        final String folder;
        final String blobType;

        Dialect(String folder, String blobType) {
            this.folder = folder;
            this.blobType = blobType;
        }
    }

    /** One unit of work on the connection, inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final Dialect dialect;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(String url, Dialect dialect, Connection connection) {
        this.url = url;
        this.dialect = dialect;
        this.connection = connection;
    }

    /** Opens the database and brings its schema up to date (creating an SQLite file if there is none). */
    public static Database open(String url) throws ServerException {
        Dialect d = dialectOf(url);
        try {
            Flyway.configure().dataSource(url, null, null)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + d.folder)
                    .placeholders(java.util.Map.of("blob_type", d.blobType)).loggers("slf4j").load().migrate();
        } catch (FlywayException e) {
            throw new ServerException("cannot prepare the database '" + redacted(url) + "': " + firstLine(e));
        }
        return connect(url, d);
    }

    /**
     * Opens an existing database without changing it (for {@code zkml audit verify}): no file is created
     * and no migration runs.
     */
    public static Database openExisting(String url) throws ServerException {
        Dialect d = dialectOf(url);
        if (d == Dialect.SQLITE) {
            Path file = sqliteFile(url);
            if (file != null && !Files.isRegularFile(file)) {
                throw new ServerException("no database file '" + file + "' (give the server's --db URL)");
            }
        }
        return connect(url, d);
    }

    private static Database connect(String url, Dialect d) throws ServerException {
        try {
            Connection c = DriverManager.getConnection(url);
            if (d == Dialect.SQLITE) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=FULL");
                    s.execute("PRAGMA busy_timeout=10000");
                }
            }
            c.setAutoCommit(false);
            return new Database(url, d, c);
        } catch (SQLException e) {
            throw new ServerException("cannot open the database '" + redacted(url) + "': " + firstLine(e));
        }
    }

    static Dialect dialectOf(String url) throws ServerException {
        if (url.startsWith("jdbc:sqlite:")) {
            return Dialect.SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        throw new ServerException("unsupported database URL '" + redacted(url)
                + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=...&password=...");
    }

    /** The file of an SQLite URL, or null for an in-memory database. */
    static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        rest = q >= 0 ? rest.substring(0, q) : rest;
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        return rest.isEmpty() || rest.equals(":memory:") ? null : Path.of(rest);
    }

    /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(Work<T> work) throws SQLException {
        lock.lock();
        try {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL without its password, for messages. */
    public String describe() {
        return redacted(url);
    }

    /** A JDBC URL with its password (if any) masked, for messages and logs. */
    public static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).trim();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing left to do with it
        } finally {
            lock.unlock();
        }
    }
}
