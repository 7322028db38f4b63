package io.zkml4j.server;

/** A row to append: its kind, model and subject, verdict, details (JSON) and the bytes it stores (or null). */
public record AuditEntry(EventKind kind, String modelId, String subjectId, String verdict, String detail, byte[] blob) {
    public AuditEntry {
        if (kind == null || detail == null) {
            throw new IllegalArgumentException("an audit entry needs a kind and a detail");
        }
    }

    public static AuditEntry of(EventKind kind, String modelId, String subjectId, String detail) {
        return new AuditEntry(kind, modelId, subjectId, null, detail, null);
    }

    public AuditEntry withBlob(byte[] bytes) {
        return new AuditEntry(kind, modelId, subjectId, verdict, detail, bytes);
    }

    public AuditEntry withVerdict(String v) {
        return new AuditEntry(kind, modelId, subjectId, v, detail, blob);
    }
}
