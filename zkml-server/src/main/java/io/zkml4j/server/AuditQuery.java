package io.zkml4j.server;

/**
 * A filter on the audit log (each part optional: null) and a page of it, newest rows first.
 *
 * @param fromMillis first time included; {@code toMillis}: first time excluded
 */
public record AuditQuery(String modelId, EventKind kind, String verdict, Long fromMillis, Long toMillis, int page, int size) {
    public static final int MAX_PAGE_SIZE = 500;

    public AuditQuery {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size 1.." + MAX_PAGE_SIZE);
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, 0, MAX_PAGE_SIZE);
    }
}
