package io.zkml4j.server;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

/** The audit-log contract on SQLite (the default database). */
class SqliteAuditLogTest extends AuditLogContract {
    @TempDir
    Path dir;

    @Override
    String freshDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("audit.db");
    }

    @Override
    void dropAppendOnlyGuards(Statement s) throws SQLException {
        for (String t : new String[] {"audit_log_no_update", "audit_log_no_delete", "blobs_no_update", "blobs_no_delete"}) {
            s.execute("DROP TRIGGER IF EXISTS " + t);
        }
    }

    @Override
    Path scratch() throws Exception {
        return Files.createDirectories(dir.resolve("server"));
    }
}
