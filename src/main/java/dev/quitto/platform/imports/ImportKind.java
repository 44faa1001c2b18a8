package dev.quitto.platform.imports;

import java.util.List;

/**
 * What a module imports: the SPI one bean per file type implements (billing's debts, fieldops' visits).
 * <p>
 * The platform reads the header (names trimmed and matched case-insensitively, in any order), calls
 * {@link #map} once per record on the import thread, {@code COPY}s every row that {@link #map} did not reject
 * into an UNLOGGED staging table made of {@code line_no bigint} followed by {@link #stagingColumns()}, and
 * finally calls {@link #apply} in one transaction, which also marks the import {@code COMPLETED}. After a crash
 * the staging table is rebuilt from the spool file, so {@link #map} must be deterministic and {@link #apply}
 * must only write inside its transaction.
 */
public interface ImportKind {

    /** The kind's name, unique in the service, kebab-case ({@code billing-debts}). */
    String name();

    /** The header columns this kind reads, required ones first is customary; {@link ImportRecord#value(int)} indexes this list. */
    List<ImportColumn> columns();

    /** The staging table's columns after {@code line_no}, in the order {@link StagingRow#set} indexes them. */
    List<StagingColumn> stagingColumns();

    /**
     * Turns one parsed record into staging values, or rejects it: every failing field is reported with
     * {@link StagingRow#reject}, and a row with at least one rejection is not staged. Bad rows are data,
     * never exceptions. Called on one thread, in file order.
     */
    void map(ImportRecord record, StagingRow row);

    /**
     * The set-based apply step: reads {@link ImportContext#stagingTable()}, writes the module's tables and
     * returns what happened to the staged rows. Runs in the one transaction that also completes the import.
     */
    ApplyResult apply(ImportContext context);

    /**
     * The largest file of this kind, in bytes, for a module with a size setting of its own; the platform's
     * {@code quitto.imports.max-size} applies whichever is smaller. Larger gets 413 {@code file-too-large}.
     */
    default long maxSizeBytes() {
        return Long.MAX_VALUE;
    }
}
