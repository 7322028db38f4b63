package io.zkml4j.server;

/** What an audit-log row records. A job's state is the kind of its latest row. */
public enum EventKind {
    /** A model was compiled and set up: detail names it, the blob is its verifying key. */
    MODEL_REGISTERED,
    /** A model's proving key spent its opening budget and was rotated: the blob is the {@code .zkrot}. */
    KEY_ROTATED,
    /** A proof request was accepted and queued: the blob is its input JSON. */
    JOB_ACCEPTED,
    /** A worker started proving a job (again, after a restart, if the detail says "resumed"). */
    JOB_STARTED,
    /** A job's proof was made and stored: the blob is the {@code .zkml} file. */
    PROOF_STORED,
    /** A job failed: the detail says why. */
    JOB_FAILED,
    /** A verification request and its verdict (ACCEPT or REJECT). */
    VERIFIED
}
