package dev.quitto.platform.imports;

/** {@code QUEUED -> PARSING -> APPLYING -> COMPLETED}, or {@code FAILED} only when the spool file is lost or unreadable. */
public enum ImportStatus {
    QUEUED, PARSING, APPLYING, COMPLETED, FAILED
}
