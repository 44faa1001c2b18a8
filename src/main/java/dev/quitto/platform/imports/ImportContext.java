package dev.quitto.platform.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** What a kind's {@link ImportKind#apply} step gets: the import, its staging table, and a way to add report entries. */
public interface ImportContext {

    UUID importId();

    /** The staging table's name, safe to put into SQL as it is: {@code line_no} plus the kind's staging columns. */
    String stagingTable();

    /** Rows in the staging table (records read minus records rejected while parsing). */
    long stagedRows();

    /** The instant of this apply, from the injected clock: one value for every row the step writes. */
    Instant now();

    /**
     * Adds entries to the error report from a query, in the apply transaction, up to the report's cap. The
     * query returns the columns {@code line_no, column_name, reason, message, value} in that order and may use
     * named parameters from {@code params}. Returns the number of entries the query produced (stored or not).
     */
    long reportErrors(String selectSql, Map<String, ?> params);

    /**
     * Runs {@code load} with every index of {@code tables} other than their primary keys dropped, then builds them
     * again (unique constraints included, so a violation still fails the apply), all in the apply transaction. For a
     * load that at least doubles a table: one sorted index build per index is several times cheaper than a million
     * random insertions into each. The tables are locked exclusively until the apply commits, so readers wait.
     */
    <T> T withIndexesRebuilt(List<String> tables, Supplier<T> load);
}
