package dev.quitto.platform.imports;

import org.jspecify.annotations.Nullable;

/** Where a kind's mapper puts one record: staging values, or the reasons the record is rejected. */
public interface StagingRow {

    /** Sets staging column {@code column} (index into {@link ImportKind#stagingColumns()}); null is SQL NULL. Unset columns are NULL. */
    StagingRow set(int column, @Nullable CharSequence value);

    /**
     * Rejects the record for one failing field: an entry of the error report (line, column, reason, message,
     * value cut to 200 characters). Call once per failing field; the record is then counted as rejected and not staged.
     */
    void reject(String column, String reason, String message, @Nullable String value);
}
