-- The audit log: one append-only table of events, each row chained to the one before by its hash
-- (see docs/ARCHITECTURE.md, "zkml-server"), and the bytes the events name, stored by their SHA-256.
-- One file for SQLite and PostgreSQL: ${blob_type} is BLOB or BYTEA; V2 in the dialect's folder adds the
-- triggers that refuse updates and deletes.
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
    bytes  ${blob_type} NOT NULL
);
