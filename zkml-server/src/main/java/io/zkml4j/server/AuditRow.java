package io.zkml4j.server;

/**
 * One row of the audit log as stored: its place in the chain, when, what, about which model and subject
 * (job, proof or verification id), the verdict of a verification, the details as JSON, the digest of the
 * bytes it stores (if any), and the hashes that chain it to the row before.
 */
public record AuditRow(long seq, long atMillis, EventKind kind, String modelId, String subjectId, String verdict,
                       String detail, String blobDigest, String prevHash, String rowHash) {
}
