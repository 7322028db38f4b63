package io.zkml4j.server;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit log. Each row's hash is SHA-256 of the previous row's hash and the row's own
 * fields ({@link #rowHash}); the first row follows {@link #GENESIS}. Rows are never updated or deleted
 * (the schema's triggers refuse it, and the chain shows it if the triggers are dropped): a job's state is
 * the kind of its latest row. Bytes the rows name (verifying keys, rotations, inputs, proofs) are stored
 * once by their SHA-256 in {@code blobs}, and the row carries the digest.
 */
public final class AuditLog {
    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);
    private static final String COLUMNS = "seq, at_millis, kind, model_id, subject_id, verdict, detail, blob_digest, prev_hash, row_hash";

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Database database() {
        return db;
    }

    /** Appends a row (and its blob, if new) in one transaction, chained to the last row. */
    public AuditRow append(AuditEntry e) throws SQLException {
        return db.transaction(c -> {
            String digest = null;
            if (e.blob() != null) {
                digest = sha256Hex(e.blob());
                try (PreparedStatement s = c.prepareStatement("INSERT INTO blobs (digest, bytes) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING")) {
                    s.setString(1, digest);
                    s.setBytes(2, e.blob());
                    s.executeUpdate();
                }
            }
            long seq = 1;
            String prev = GENESIS;
            try (PreparedStatement s = c.prepareStatement("SELECT seq, row_hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                 ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    seq = r.getLong(1) + 1;
                    prev = r.getString(2);
                }
            }
            long at = clock.millis();
            String hash = rowHash(prev, seq, at, e.kind().name(), e.modelId(), e.subjectId(), e.verdict(), e.detail(), digest);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, seq);
                s.setLong(2, at);
                s.setString(3, e.kind().name());
                s.setString(4, e.modelId());
                s.setString(5, e.subjectId());
                s.setString(6, e.verdict());
                s.setString(7, e.detail());
                s.setString(8, digest);
                s.setString(9, prev);
                s.setString(10, hash);
                s.executeUpdate();
            }
            return new AuditRow(seq, at, e.kind(), e.modelId(), e.subjectId(), e.verdict(), e.detail(), digest, prev, hash);
        });
    }

    /** The rows a query selects, newest first. */
    public List<AuditRow> rows(AuditQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.modelId() != null) {
            sql.append(" AND model_id = ?");
            args.add(q.modelId());
        }
        if (q.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(q.kind().name());
        }
        if (q.verdict() != null) {
            sql.append(" AND verdict = ?");
            args.add(q.verdict());
        }
        if (q.fromMillis() != null) {
            sql.append(" AND at_millis >= ?");
            args.add(q.fromMillis());
        }
        if (q.toMillis() != null) {
            sql.append(" AND at_millis < ?");
            args.add(q.toMillis());
        }
        sql.append(" ORDER BY seq DESC LIMIT ? OFFSET ?");
        args.add((long) q.size());
        args.add((long) q.page() * q.size());
        return select(sql.toString(), args.toArray());
    }

    /** Every row of a kind, oldest first. */
    public List<AuditRow> ofKind(EventKind kind) throws SQLException {
        return select("SELECT " + COLUMNS + " FROM audit_log WHERE kind = ? ORDER BY seq", kind.name());
    }

    /** Every row about a subject (a job, say), oldest first. */
    public List<AuditRow> ofSubject(String subjectId) throws SQLException {
        return select("SELECT " + COLUMNS + " FROM audit_log WHERE subject_id = ? ORDER BY seq", subjectId);
    }

    /** Every row about a model, oldest first. */
    public List<AuditRow> ofModel(String modelId, EventKind kind) throws SQLException {
        return select("SELECT " + COLUMNS + " FROM audit_log WHERE model_id = ? AND kind = ? ORDER BY seq", modelId, kind.name());
    }

    /** The first row of a kind that stores the bytes with this digest. */
    public Optional<AuditRow> storing(EventKind kind, String digest) throws SQLException {
        List<AuditRow> r = select("SELECT " + COLUMNS + " FROM audit_log WHERE blob_digest = ? AND kind = ? ORDER BY seq LIMIT 1",
                digest, kind.name());
        return r.stream().findFirst();
    }

    /**
     * Accepted jobs with neither a stored proof nor a failure, oldest first: the work a restarted server
     * picks up.
     */
    public List<AuditRow> unfinishedJobs() throws SQLException {
        return select("SELECT " + COLUMNS + " FROM audit_log a WHERE a.kind = ? AND NOT EXISTS (SELECT 1 FROM audit_log b "
                + "WHERE b.subject_id = a.subject_id AND b.kind IN (?, ?)) ORDER BY a.seq",
                EventKind.JOB_ACCEPTED.name(), EventKind.PROOF_STORED.name(), EventKind.JOB_FAILED.name());
    }

    public Optional<byte[]> blob(String digest) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT bytes FROM blobs WHERE digest = ?")) {
                s.setString(1, digest);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /** The number of rows and the newest row's hash (publish it elsewhere to anchor the chain). */
    public record Head(long rows, String hash) {}

    public Head head() throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seq, row_hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? new Head(r.getLong(1), r.getString(2)) : new Head(0, GENESIS);
            }
        });
    }

    /** What {@link #verifyChain()} found: intact (with the head), or the first broken row and why. */
    public record ChainReport(boolean intact, long rows, String headHash, long brokenSeq, String problem) {}

    /**
     * Walks the whole chain in order: sequence numbers contiguous from 1, each row's previous hash equal
     * to the hash of the row before, each row's hash recomputed from its fields, and each stored blob's
     * bytes hashing to the digest the row names.
     */
    public ChainReport verifyChain() throws SQLException {
        return db.transaction(c -> {
            String prev = GENESIS;
            long expected = 1;
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")) {
                s.setFetchSize(500);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        AuditRow row = read(r);
                        String problem = check(c, row, expected, prev);
                        if (problem != null) {
                            return new ChainReport(false, expected - 1, prev, row.seq(), problem);
                        }
                        prev = row.rowHash();
                        expected++;
                    }
                }
            }
            return new ChainReport(true, expected - 1, prev, 0, null);
        });
    }

    private static String check(Connection c, AuditRow row, long expectedSeq, String prev) throws SQLException {
        if (row.seq() != expectedSeq) {
            return "row " + expectedSeq + " is missing (the next row is " + row.seq() + ")";
        }
        if (!row.prevHash().equals(prev)) {
            return "its previous-row hash " + abbrev(row.prevHash()) + " is not the hash of row " + (expectedSeq - 1) + " (" + abbrev(prev) + ")";
        }
        String recomputed = rowHash(prev, row.seq(), row.atMillis(), row.kind().name(), row.modelId(), row.subjectId(),
                row.verdict(), row.detail(), row.blobDigest());
        if (!recomputed.equals(row.rowHash())) {
            return "its contents do not hash to its recorded hash (recorded " + abbrev(row.rowHash()) + ", recomputed "
                    + abbrev(recomputed) + "): the row was changed";
        }
        if (row.blobDigest() != null) {
            try (PreparedStatement s = c.prepareStatement("SELECT bytes FROM blobs WHERE digest = ?")) {
                s.setString(1, row.blobDigest());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return "the bytes it names (" + abbrev(row.blobDigest()) + ") are missing";
                    }
                    String actual = sha256Hex(r.getBytes(1));
                    if (!actual.equals(row.blobDigest())) {
                        return "the bytes it names hash to " + abbrev(actual) + ", not " + abbrev(row.blobDigest()) + ": they were changed";
                    }
                }
            }
        }
        return null;
    }

    private List<AuditRow> select(String sql, Object... args) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                List<AuditRow> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(read(r));
                    }
                }
                return rows;
            }
        });
    }

    private static AuditRow read(ResultSet r) throws SQLException {
        String kind = r.getString(3);
        EventKind k;
        try {
            k = EventKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new SQLException("audit_log row " + r.getLong(1) + " has an unknown kind '" + kind + "'");
        }
        return new AuditRow(r.getLong(1), r.getLong(2), k, r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                trimmed(r.getString(8)), trimmed(r.getString(9)), trimmed(r.getString(10)));
    }

    /** CHAR columns come back padded on some databases; digests are exactly 64 hex digits. */
    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    /** SHA-256 of the previous hash and the row's fields, each length-prefixed (a null field has length -1). */
    static String rowHash(String prev, long seq, long at, String kind, String modelId, String subjectId, String verdict,
                          String detail, String blobDigest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes("zkml-audit-row-v1");
            field(out, prev);
            out.writeLong(seq);
            out.writeLong(at);
            for (String f : new String[] {kind, modelId, subjectId, verdict, detail, blobDigest}) {
                field(out, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256Hex(bytes.toByteArray());
    }

    private static void field(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String abbrev(String hash) {
        return hash.length() > 16 ? hash.substring(0, 16) + "…" : hash;
    }
}
