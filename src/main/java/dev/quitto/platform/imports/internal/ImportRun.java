package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.ApplyResult;
import dev.quitto.platform.imports.ImportContext;
import dev.quitto.platform.imports.ImportKind;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt at one import, from the top of its spool file: a fresh UNLOGGED staging table, one streaming pass
 * of FastCSV + the kind's mapper + {@code COPY}, then the kind's apply step and the completion in one transaction.
 * Whatever happened in an earlier attempt (a crash anywhere) is discarded first, so a retry equals a first run.
 */
final class ImportRun {

    private static final Logger log = LoggerFactory.getLogger(ImportRun.class);
    private static final int CHECK_EVERY_ROWS = 8192;

    /** The database failed under the run; the import stays as it is and is retried once its lease expires. */
    static final class DatabaseTrouble extends RuntimeException {
        DatabaseTrouble(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** This instance no longer owns the import (its lease expired and another instance took it), or it is shutting down. */
    static final class Interrupted extends RuntimeException {
        Interrupted(String why) {
            super(why, null, false, false);
        }
    }

    /** The import cannot succeed however often it is tried: it becomes FAILED with this reason. */
    static final class Unrecoverable extends RuntimeException {
        Unrecoverable(String reason, Throwable cause) {
            super(reason, cause);
        }

        Unrecoverable(String reason) {
            super(reason);
        }
    }

    private final ImportRow row;
    private final ImportKind kind;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ImportRepository imports;
    private final TransactionTemplate transaction;
    private final ImportSettings settings;
    private final Clock clock;
    private final String owner;
    private final BooleanSupplier keepGoing;
    private final String stagingTable;

    ImportRun(ImportRow row, ImportKind kind, DataSource dataSource, JdbcClient jdbc, ImportRepository imports,
              TransactionTemplate transaction, ImportSettings settings, Clock clock, String owner, BooleanSupplier keepGoing) {
        this.row = row;
        this.kind = kind;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.imports = imports;
        this.transaction = transaction;
        this.settings = settings;
        this.clock = clock;
        this.owner = owner;
        this.keepGoing = keepGoing;
        this.stagingTable = stagingTable(row.id());
    }

    static String stagingTable(UUID id) {
        return "platform_import_stage_" + id.toString().replace("-", "");
    }

    void run() {
        Path spool = Path.of(row.spoolPath());
        if (!Files.isReadable(spool)) {
            throw new Unrecoverable("The spool file " + spool + " is gone; upload the file again.");
        }
        if (!imports.restartParsing(row.id(), owner)) {
            throw new Interrupted("lease lost before parsing");
        }
        long started = System.nanoTime();
        createStagingTable();
        Parsed parsed = parse(spool);
        jdbc.sql("analyze " + stagingTable).update();
        long parsedAt = System.nanoTime();
        if (!imports.parsed(row.id(), owner, row.sizeBytes(), parsed.rowsRead(), parsed.rejected(), parsed.errorEntries())) {
            throw new Interrupted("lease lost after parsing");
        }
        ApplyResult result = apply(parsed);
        long appliedAt = System.nanoTime();
        try {
            Files.deleteIfExists(spool);
        } catch (java.io.IOException e) {
            log.warn("Import {} completed; its spool file {} could not be deleted: {}", row.id(), spool, e.getMessage());
        }
        log.info("Import {} ({}) completed: {} rows read, {} accepted, {} duplicates, {} rejected; parse and COPY {} ms, apply {} ms",
                row.id(), kind.name(), parsed.rowsRead(), result.accepted(), result.duplicates(), parsed.rejected() + result.rejected(),
                (parsedAt - started) / 1_000_000, (appliedAt - parsedAt) / 1_000_000);
    }

    private void createStagingTable() {
        String columns = kind.stagingColumns().stream().map(column -> column.name() + " " + column.sqlType())
                .collect(Collectors.joining(", "));
        jdbc.sql("drop table if exists " + stagingTable).update();
        jdbc.sql("create unlogged table " + stagingTable + " (line_no bigint not null" + (columns.isEmpty() ? "" : ", " + columns)
                + ") with (autovacuum_enabled = false)").update();
    }

    record Parsed(long rowsRead, long rejected, long staged, long errorEntries, long errorsStored) {
    }

    private Parsed parse(Path spool) {
        Charset charset = Charset.forName(row.charset());
        HeaderLayout layout = readHeader(spool, charset);
        long rowsRead = 0;
        long rejected = 0;
        long staged;
        Instant lastProgress = clock.instant();
        try (Connection connection = dataSource.getConnection();
             ErrorReport report = new ErrorReport(dataSource, row.id(), settings.maxErrorEntries());
             CsvFile csv = CsvFile.open(spool, charset, layout.separator(), settings.maxRecordChars())) {
            CopyWriter staging = new CopyWriter(connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + stagingTable + " from stdin"), (int) settings.copyBuffer().toBytes());
            try {
                RecordView record = new RecordView(kind, layout);
                RowBuffer buffer = new RowBuffer(kind.stagingColumns().size(), report);
                boolean header = true;
                for (CsvFile.Row next = csv.next(); next != null; next = csv.next()) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    rowsRead++;
                    if (next.problem() != null) {
                        rejected++;
                        report.add(next.line(), null, next.problem().problem().name(), describe(next.problem(), next.line(), charset),
                                String.join(String.valueOf(layout.separator()), next.fields()));
                    } else if (next.fields().size() != layout.fieldCount()) {
                        rejected++;
                        report.add(next.line(), null, "WRONG_FIELD_COUNT", "expected " + layout.fieldCount()
                                + " fields as in the header, found " + next.fields().size(), String.join(String.valueOf(layout.separator()), next.fields()));
                    } else {
                        record.reset(next.line(), next.fields());
                        buffer.reset(next.line());
                        kind.map(record, buffer);
                        if (buffer.rejected()) {
                            rejected++;
                        } else {
                            buffer.writeTo(staging);
                        }
                    }
                    if (rowsRead % CHECK_EVERY_ROWS == 0) {
                        checkStillOurs();
                        Instant now = clock.instant();
                        if (!now.isBefore(lastProgress.plus(settings.progressInterval()))) {
                            if (!imports.progress(row.id(), owner, csv.bytesRead(), rowsRead, rejected)) {
                                throw new Interrupted("lease lost while parsing");
                            }
                            lastProgress = now;
                        }
                    }
                }
                checkStillOurs();
                staged = staging.finish();
                report.finish();
            } catch (RuntimeException e) {
                staging.cancel();
                throw e;
            }
            return new Parsed(rowsRead, rejected, staged, report.entries(), report.stored());
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                throw new Unrecoverable("The staging table refused a value of kind " + kind.name() + ": " + e.getMessage(), e);
            }
            throw new DatabaseTrouble(e);
        } catch (UncheckedIOException e) {
            throw new Unrecoverable("The spool file cannot be read: " + e.getCause().getMessage(), e);
        }
    }

    private HeaderLayout readHeader(Path spool, Charset charset) {
        try {
            return HeaderLayout.read(spool, charset, row.delimiter(), kind, settings.maxRecordChars());
        } catch (dev.quitto.platform.web.Refusal refusal) {
            throw new Unrecoverable("The header no longer fits kind " + kind.name() + ": " + refusal.getMessage(), refusal);
        }
    }

    private static String describe(RecordGuard.Flag flag, long line, Charset charset) {
        return switch (flag.problem()) {
            case INVALID_ENCODING -> "the record holds bytes that are not valid " + charset.name();
            case RECORD_TOO_LONG -> "the record is longer than the limit";
            case UNTERMINATED_QUOTE -> "the quote opened in the record starting on line " + line + " never closes; the "
                    + flag.linesAfter() + " line" + (flag.linesAfter() == 1 ? "" : "s") + " after it could not be read";
        };
    }

    private void checkStillOurs() {
        if (!keepGoing.getAsBoolean()) {
            throw new Interrupted("lease lost or instance stopping");
        }
    }

    private ApplyResult apply(Parsed parsed) {
        Instant now = clock.instant();
        ApplyResult result = transaction.execute(status -> {
            Context context = new Context(parsed, now);
            ApplyResult applied = kind.apply(context);
            if (applied.accepted() + applied.duplicates() + applied.rejected() != parsed.staged()) {
                log.warn("Import {}: kind {} accounted for {} of {} staged rows; rowsRead will not equal accepted + duplicates + rejected",
                        row.id(), kind.name(), applied.accepted() + applied.duplicates() + applied.rejected(), parsed.staged());
            }
            if (!imports.complete(row.id(), owner, applied.accepted(), applied.duplicates(), applied.rejected(), applied.extra(),
                    context.entries, now)) {
                throw new Interrupted("lease lost while applying");
            }
            jdbc.sql("drop table if exists " + stagingTable).update();
            return applied;
        });
        if (result == null) {
            throw new IllegalStateException("the apply transaction returned nothing");
        }
        return result;
    }

    /** What the kind's apply step sees; report entries it adds continue the parse's numbering and cap. */
    private final class Context implements ImportContext {

        private final Parsed parsed;
        private final Instant now;
        private long entries;
        private long stored;

        Context(Parsed parsed, Instant now) {
            this.parsed = parsed;
            this.now = now;
            this.entries = parsed.errorEntries();
            this.stored = parsed.errorsStored();
        }

        @Override
        public UUID importId() {
            return row.id();
        }

        @Override
        public String stagingTable() {
            return stagingTable;
        }

        @Override
        public long stagedRows() {
            return parsed.staged();
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public <T> T withIndexesRebuilt(List<String> tables, Supplier<T> load) {
            return SecondaryIndexes.of(jdbc, tables).rebuiltAround(load);
        }

        @Override
        public long reportErrors(String selectSql, Map<String, ?> params) {
            long room = Math.max(0, settings.maxErrorEntries() - stored);
            Long produced = jdbc.sql("""
                            with found (line_no, column_name, reason, message, value) as (%s),
                            numbered as (select found.*, row_number() over (order by line_no) as n from found),
                            stored as (
                                insert into platform_import_error (import_id, line_no, seq, column_name, reason, message, value)
                                select :importId, line_no, :base + n, column_name, reason, message, left(value, %d)
                                from numbered where n <= :room
                                returning 1
                            )
                            select count(*) from numbered
                            """.formatted(selectSql, ErrorReport.MAX_VALUE))
                    .params(params)
                    .param("importId", row.id()).param("base", entries).param("room", room)
                    .query(Long.class).single();
            long count = produced == null ? 0 : produced;
            entries += count;
            stored += Math.min(count, room);
            return count;
        }
    }
}
