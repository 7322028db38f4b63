-- The audit log: one append-only table of events, each row chained to the one before by its hash
-- (see docs/ARCHITECTURE.md, "zkml-server"), and the bytes the events name, stored by their SHA-256.
-- The PostgreSQL migration creates the same tables and columns; only types and triggers are spelled differently.
CREATE TABLE audit_log (
    seq         BIGINT      NOT NULL PRIMARY KEY,
    at_millis   BIGINT      NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    model_id    VARCHAR(64),
    subject_id  VARCHAR(64),
    verdict     VARCHAR(16),
    detail      TEXT        NOT NULL,
    blob_digest CHAR(64),
    prev_hash   CHAR(64)    NOT NULL UNIQUE,
    row_hash    CHAR(64)    NOT NULL UNIQUE
);
CREATE INDEX audit_log_model ON audit_log (model_id, seq);
CREATE INDEX audit_log_subject ON audit_log (subject_id, seq);
CREATE INDEX audit_log_kind ON audit_log (kind, seq);
CREATE INDEX audit_log_blob ON audit_log (blob_digest);
CREATE INDEX audit_log_time ON audit_log (at_millis);

CREATE TABLE blobs (
    digest CHAR(64) NOT NULL PRIMARY KEY,
    bytes  BLOB     NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs are append-only'); END;
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs are append-only'); END;
