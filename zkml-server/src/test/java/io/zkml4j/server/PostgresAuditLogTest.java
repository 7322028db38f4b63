package io.zkml4j.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The audit-log contract on a real PostgreSQL, started for this class on a free local port
 * ({@link LocalPostgres}). Skipped, with the reason printed, when Debian's postgresql package is missing.
 */
class PostgresAuditLogTest extends AuditLogContract {
    private static LocalPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        pg = LocalPostgres.start().orElse(null);
        if (pg == null) {
            System.out.println("SKIPPED PostgresAuditLogTest: " + LocalPostgres.unavailable);
        }
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    @BeforeEach
    void open() throws Exception {
        Assumptions.assumeTrue(pg != null, () -> "PostgreSQL unavailable: " + LocalPostgres.unavailable);
        super.open();
    }

    @Override
    String freshDatabaseUrl() throws SQLException {
        return pg.createDatabase();
    }

    @Override
    void dropAppendOnlyGuards(Statement s) throws SQLException {
        s.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log");
        s.execute("DROP TRIGGER IF EXISTS blobs_append_only ON blobs");
    }

    @Override
    Path scratch() throws Exception {
        return Files.createDirectories(dir.resolve("server"));
    }
}
