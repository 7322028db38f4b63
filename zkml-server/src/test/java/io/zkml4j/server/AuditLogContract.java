package io.zkml4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log's contract, run on every database the server supports (SQLite, PostgreSQL): the hash
 * chain, blobs by digest, filters and pages, unfinished jobs, the append-only guards, tamper detection,
 * and the whole server on that database.
 */
abstract class AuditLogContract {
    /** A fresh, empty database for one test. */
    abstract String freshDatabaseUrl() throws Exception;

    /** Removes the triggers that refuse updates and deletes (what someone with write access could do). */
    abstract void dropAppendOnlyGuards(Statement s) throws SQLException;

    /** A scratch folder for server keys. */
    abstract Path scratch() throws Exception;

    private String url;
    private Database db;
    private AuditLog log;
    private final MutableClock clock = new MutableClock();

    static final class MutableClock extends Clock {
        long millis = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }

    @BeforeEach
    void open() throws Exception {
        url = freshDatabaseUrl();
        db = Database.open(url);
        log = new AuditLog(db, clock);
    }

    @AfterEach
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }

    private AuditRow append(EventKind kind, String model, String subject) throws SQLException {
        clock.millis += 1000;
        return log.append(AuditEntry.of(kind, model, subject, "{\"n\":" + clock.millis + "}"));
    }

    private void appendJobs(int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            append(EventKind.JOB_ACCEPTED, "m-1", "j-" + i);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void rowsAreChainedFromGenesis() throws Exception {
        AuditRow a = append(EventKind.MODEL_REGISTERED, "m-1", "vk");
        AuditRow b = append(EventKind.JOB_ACCEPTED, "m-1", "j-1");
        AuditRow c = log.append(new AuditEntry(EventKind.VERIFIED, null, "v-1", "ACCEPT", "{\"ü\":\"ünïcode\"}", null));
        assertThat(List.of(a.seq(), b.seq(), c.seq())).containsExactly(1L, 2L, 3L);
        assertThat(a.prevHash()).isEqualTo(AuditLog.GENESIS);
        assertThat(b.prevHash()).isEqualTo(a.rowHash());
        assertThat(c.prevHash()).isEqualTo(b.rowHash());
        AuditLog.ChainReport r = log.verifyChain();
        assertThat(r.intact()).as(r.problem()).isTrue();
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.headHash()).isEqualTo(c.rowHash()).isEqualTo(log.head().hash());
        assertThat(log.rows(AuditQuery.all()).get(0)).isEqualTo(c);
    }

    @Test
    void blobsAreStoredOnceByTheirDigest() throws Exception {
        byte[] bytes = "the same proof".getBytes(StandardCharsets.UTF_8);
        AuditRow a = log.append(AuditEntry.of(EventKind.PROOF_STORED, "m-1", "j-1", "{}").withBlob(bytes));
        AuditRow b = log.append(AuditEntry.of(EventKind.PROOF_STORED, "m-1", "j-2", "{}").withBlob(bytes));
        assertThat(a.blobDigest()).isEqualTo(b.blobDigest()).isEqualTo(AuditLog.sha256Hex(bytes));
        assertThat(log.blob(a.blobDigest())).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes));
        assertThat(log.blob("00".repeat(32))).isEmpty();
        assertThat(log.storing(EventKind.PROOF_STORED, a.blobDigest())).hasValueSatisfying(r -> assertThat(r.subjectId()).isEqualTo("j-1"));
        assertThat(log.storing(EventKind.JOB_ACCEPTED, a.blobDigest())).isEmpty();
    }

    @Test
    void filtersAndPages() throws Exception {
        long start = clock.millis;
        append(EventKind.MODEL_REGISTERED, "m-1", "vk1");
        append(EventKind.MODEL_REGISTERED, "m-2", "vk2");
        log.append(new AuditEntry(EventKind.VERIFIED, "m-1", "v-1", "ACCEPT", "{}", null));
        log.append(new AuditEntry(EventKind.VERIFIED, "m-1", "v-2", "REJECT", "{}", null));
        clock.millis += 10_000;
        log.append(new AuditEntry(EventKind.VERIFIED, "m-2", "v-3", "REJECT", "{}", null));
        assertThat(log.rows(new AuditQuery("m-1", null, null, null, null, 0, 50))).extracting(AuditRow::subjectId)
                .containsExactly("v-2", "v-1", "vk1");
        assertThat(log.rows(new AuditQuery(null, null, "REJECT", null, null, 0, 50))).extracting(AuditRow::subjectId)
                .containsExactly("v-3", "v-2");
        assertThat(log.rows(new AuditQuery(null, EventKind.MODEL_REGISTERED, null, null, null, 0, 50))).hasSize(2);
        assertThat(log.rows(new AuditQuery(null, null, null, start + 5000, null, 0, 50))).extracting(AuditRow::subjectId)
                .containsExactly("v-3");
        assertThat(log.rows(new AuditQuery(null, null, null, null, start + 1500, 0, 50))).extracting(AuditRow::subjectId)
                .containsExactly("vk1");
        assertThat(log.rows(new AuditQuery(null, null, null, null, null, 1, 2))).extracting(AuditRow::subjectId)
                .containsExactly("v-1", "vk2");
        assertThat(log.rows(new AuditQuery(null, null, null, null, null, 5, 2))).isEmpty();
        assertThat(log.ofModel("m-1", EventKind.VERIFIED)).extracting(AuditRow::subjectId).containsExactly("v-1", "v-2");
    }

    @Test
    void unfinishedJobsAreThoseWithoutAProofOrAFailure() throws Exception {
        for (String j : List.of("j-1", "j-2", "j-3", "j-4")) {
            append(EventKind.JOB_ACCEPTED, "m-1", j);
        }
        append(EventKind.JOB_STARTED, "m-1", "j-1");
        append(EventKind.PROOF_STORED, "m-1", "j-1");
        append(EventKind.JOB_FAILED, "m-1", "j-2");
        append(EventKind.JOB_STARTED, "m-1", "j-3");
        assertThat(log.unfinishedJobs()).extracting(AuditRow::subjectId).containsExactly("j-3", "j-4");
        assertThat(log.ofSubject("j-1")).extracting(AuditRow::kind)
                .containsExactly(EventKind.JOB_ACCEPTED, EventKind.JOB_STARTED, EventKind.PROOF_STORED);
    }

    @Test
    void updatesAndDeletesAreRefused() throws Exception {
        log.append(AuditEntry.of(EventKind.PROOF_STORED, "m-1", "j-1", "{}").withBlob(new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> sql("UPDATE audit_log SET detail = '{\"forged\":true}' WHERE seq = 1"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM audit_log WHERE seq = 1")).isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM blobs")).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThat(log.verifyChain().intact()).isTrue();
    }

    private void withoutGuards(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            dropAppendOnlyGuards(s);
            s.execute(statement);
        }
    }

    @Test
    void aChangedRowIsFound() throws Exception {
        appendJobs(4);
        withoutGuards("UPDATE audit_log SET detail = '{\"forged\":true}' WHERE seq = 2");
        AuditLog.ChainReport r = log.verifyChain();
        assertThat(r.intact()).isFalse();
        assertThat(r.brokenSeq()).isEqualTo(2);
        assertThat(r.problem()).contains("changed");
    }

    @Test
    void aRowRechainedByTheForgerBreaksTheNextLink() throws Exception {
        appendJobs(4);
        AuditRow two = log.rows(AuditQuery.all()).stream().filter(r -> r.seq() == 2).findFirst().orElseThrow();
        String forgedHash = AuditLog.rowHash(two.prevHash(), 2, two.atMillis(), two.kind().name(), two.modelId(), two.subjectId(),
                two.verdict(), "{\"forged\":true}", two.blobDigest());
        withoutGuards("UPDATE audit_log SET detail = '{\"forged\":true}', row_hash = '" + forgedHash + "' WHERE seq = 2");
        AuditLog.ChainReport r = log.verifyChain();
        assertThat(r.brokenSeq()).isEqualTo(3);
        assertThat(r.problem()).contains("previous-row hash");
    }

    @Test
    void aDeletedRowIsFound() throws Exception {
        appendJobs(4);
        withoutGuards("DELETE FROM audit_log WHERE seq = 3");
        AuditLog.ChainReport r = log.verifyChain();
        assertThat(r.brokenSeq()).isEqualTo(4);
        assertThat(r.problem()).contains("row 3 is missing");
    }

    @Test
    void changedOrMissingBytesAreFound() throws Exception {
        AuditRow a = log.append(AuditEntry.of(EventKind.PROOF_STORED, "m-1", "j-1", "{}").withBlob(new byte[] {1, 2, 3}));
        log.append(AuditEntry.of(EventKind.PROOF_STORED, "m-1", "j-2", "{}").withBlob(new byte[] {4, 5, 6}));
        withoutGuards("UPDATE blobs SET bytes = " + (db.dialect() == Database.Dialect.POSTGRESQL ? "'\\x010204'::bytea" : "X'010204'")
                + " WHERE digest = '" + a.blobDigest() + "'");
        AuditLog.ChainReport r = log.verifyChain();
        assertThat(r.brokenSeq()).isEqualTo(1);
        assertThat(r.problem()).contains("were changed");
        withoutGuards("DELETE FROM blobs WHERE digest = '" + a.blobDigest() + "'");
        assertThat(log.verifyChain().problem()).contains("missing");
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        append(EventKind.MODEL_REGISTERED, "m-1", "vk");
        db.close();
        db = Database.open(url);
        log = new AuditLog(db, clock);
        assertThat(log.verifyChain().rows()).isEqualTo(1);
    }

    @Test
    void theServerRunsOnThisDatabase() throws Exception {
        db.close();
        db = null;
        ServerConfig config = TestServer.config(scratch());
        config = new ServerConfig(config.host(), 0, url, config.keyFolder(), config.tokens(), 2, 8, config.maxBodyBytes(),
                config.maxInputBytes(), config.security(), 2);
        String id;
        String job;
        try (TestServer s = TestServer.start(config)) {
            id = s.registerCredit().get("id").asText();
            job = s.requestProof(id, "public");
            s.requestProof(id, "private");
            s.requestProof(id, "private");
            s.requestProof(id, "private");
        }
        try (TestServer s = TestServer.start(config)) {
            JsonNode done = s.awaitJob(job, Duration.ofSeconds(60));
            assertThat(done.get("state").asText()).isEqualTo("done");
            byte[] proof = s.get("/proofs/" + done.get("proofId").asText()).body();
            JsonNode v = TestServer.json(s.post("/verify", new Multipart().file("proof", "p.zkml", proof).field("model", id), null));
            assertThat(v.get("verdict").asText()).isEqualTo("ACCEPT");
            for (JsonNode row : TestServer.json(s.get("/audit?kind=JOB_ACCEPTED")).get("rows")) {
                assertThat(s.awaitJob(row.get("subject").asText(), Duration.ofSeconds(60)).get("state").asText()).isEqualTo("done");
            }
            assertThat(s.server.auditLog().verifyChain().intact()).isTrue();
        }
    }
}
