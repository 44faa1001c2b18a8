package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.ImportErrorView;
import dev.quitto.platform.imports.ImportStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code platform_import} and {@code platform_import_error}. Leases are kept in the database's time
 * ({@code now()}), the one clock every instance shares; the recorded instants come from the injected clock.
 */
@Repository
class ImportRepository {

    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ImportRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, String kind, String fileName, long sizeBytes, String sha256, String spoolPath, char delimiter,
                String charset, @Nullable String uploadedBy, Instant createdAt, List<String> ignoredColumns) {
        jdbc.sql("""
                        insert into platform_import (id, kind, status, file_name, size_bytes, sha256, spool_path, delimiter, charset,
                                                     uploaded_by, created_at, ignored_columns)
                        values (:id, :kind, 'QUEUED', :fileName, :size, :sha256, :spool, :delimiter, :charset, :uploadedBy, :createdAt, :ignored)
                        """)
                .param("id", id).param("kind", kind).param("fileName", fileName).param("size", sizeBytes).param("sha256", sha256)
                .param("spool", spoolPath).param("delimiter", String.valueOf(delimiter)).param("charset", charset)
                .param("uploadedBy", uploadedBy).param("createdAt", Timestamp.from(createdAt))
                .param("ignored", ignoredColumns.toArray(String[]::new))
                .update();
    }

    Optional<ImportRow> find(UUID id) {
        return jdbc.sql("select * from platform_import where id = :id").param("id", id).query(this::row).optional();
    }

    List<ImportRow> list(@Nullable String kind, @Nullable ImportStatus status, long offset, int limit) {
        return jdbc.sql("""
                        select * from platform_import
                        where (cast(:kind as varchar) is null or kind = :kind) and (cast(:status as varchar) is null or status = :status)
                        order by created_at desc, queue_no desc
                        offset :offset limit :limit
                        """)
                .param("kind", kind).param("status", status == null ? null : status.name())
                .param("offset", offset).param("limit", limit)
                .query(this::row).list();
    }

    long count(@Nullable String kind, @Nullable ImportStatus status) {
        return jdbc.sql("""
                        select count(*) from platform_import
                        where (cast(:kind as varchar) is null or kind = :kind) and (cast(:status as varchar) is null or status = :status)
                        """)
                .param("kind", kind).param("status", status == null ? null : status.name())
                .query(Long.class).single();
    }

    List<ImportErrorView> errors(UUID id, long offset, int limit) {
        return jdbc.sql("""
                        select line_no, column_name, reason, message, value from platform_import_error
                        where import_id = :id order by line_no, seq offset :offset limit :limit
                        """)
                .param("id", id).param("offset", offset).param("limit", limit)
                .query(ImportRepository::error).list();
    }

    long countErrors(UUID id) {
        return jdbc.sql("select count(*) from platform_import_error where import_id = :id").param("id", id).query(Long.class).single();
    }

    /** Stored error entries by reason, most frequent first. */
    Map<String, Long> countErrorsByReason(UUID id) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select reason, count(*) as entries from platform_import_error where import_id = :id group by reason order by entries desc, reason")
                .param("id", id).query(rs -> {
                    counts.put(rs.getString("reason"), rs.getLong("entries"));
                });
        return counts;
    }

    /** Hands every stored entry to {@code consumer} in report order, row by row from the server. */
    void eachError(UUID id, Consumer<ImportErrorView> consumer) {
        jdbc.sql("""
                        select line_no, column_name, reason, message, value from platform_import_error
                        where import_id = :id order by line_no, seq
                        """)
                .withFetchSize(1000)
                .param("id", id)
                .query(rs -> {
                    consumer.accept(error(rs, 0));
                });
    }

    /** Kinds among {@code kinds} that have an import waiting: queued, or running under an expired lease. */
    List<String> kindsWithWork(Collection<String> kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct kind from platform_import
                        where kind in (:kinds)
                          and (status = 'QUEUED' or (status in ('PARSING', 'APPLYING') and lease_until < now()))
                        """)
                .param("kinds", kinds).query(String.class).list();
    }

    /**
     * Takes the oldest unfinished import of {@code kind} if it is queued or its lease expired, and marks it
     * {@code PARSING} under this owner's lease. Called while holding the kind's advisory lock; an import still
     * under another owner's live lease is waited for, so the oldest always goes first.
     */
    Optional<ImportRow> claim(String kind, String owner, Duration lease, Instant now) {
        return jdbc.sql("""
                        with oldest as (
                            select id, status, lease_until from platform_import
                            where kind = :kind and status in ('QUEUED', 'PARSING', 'APPLYING')
                            order by queue_no limit 1
                            for update skip locked
                        )
                        update platform_import i
                        set status = 'PARSING', lease_owner = :owner, lease_until = now() + make_interval(secs => :leaseSeconds),
                            started_at = coalesce(i.started_at, :now), attempts = i.attempts + 1
                        from oldest
                        where i.id = oldest.id and (oldest.status = 'QUEUED' or oldest.lease_until < now())
                        returning i.*
                        """)
                .param("kind", kind).param("owner", owner).param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("now", Timestamp.from(now))
                .query(this::row).optional();
    }

    boolean heartbeat(UUID id, String owner, Duration lease) {
        return jdbc.sql("""
                        update platform_import set lease_until = now() + make_interval(secs => :leaseSeconds)
                        where id = :id and lease_owner = :owner and status in ('PARSING', 'APPLYING')
                        """)
                .param("id", id).param("owner", owner).param("leaseSeconds", lease.toMillis() / 1000.0).update() == 1;
    }

    /** Starts (again) from the beginning of the file: counters back to zero, earlier report entries gone. */
    boolean restartParsing(UUID id, String owner) {
        jdbc.sql("delete from platform_import_error where import_id = :id").param("id", id).update();
        return jdbc.sql("""
                        update platform_import
                        set status = 'PARSING', bytes_read = 0, rows_read = 0, accepted = 0, duplicates = 0, rejected = 0,
                            error_entries = 0, extra_counts = '{}'
                        where id = :id and lease_owner = :owner
                        """)
                .param("id", id).param("owner", owner).update() == 1;
    }

    boolean progress(UUID id, String owner, long bytesRead, long rowsRead, long rejected) {
        return jdbc.sql("""
                        update platform_import set bytes_read = :bytes, rows_read = :rows, rejected = :rejected
                        where id = :id and lease_owner = :owner and status = 'PARSING'
                        """)
                .param("id", id).param("owner", owner).param("bytes", bytesRead).param("rows", rowsRead).param("rejected", rejected)
                .update() == 1;
    }

    boolean parsed(UUID id, String owner, long bytesRead, long rowsRead, long rejected, long errorEntries) {
        return jdbc.sql("""
                        update platform_import
                        set status = 'APPLYING', bytes_read = :bytes, rows_read = :rows, rejected = :rejected, error_entries = :entries
                        where id = :id and lease_owner = :owner and status = 'PARSING'
                        """)
                .param("id", id).param("owner", owner).param("bytes", bytesRead).param("rows", rowsRead)
                .param("rejected", rejected).param("entries", errorEntries)
                .update() == 1;
    }

    /** Completes the import in the apply transaction; false when this owner lost the import meanwhile. */
    boolean complete(UUID id, String owner, long accepted, long duplicates, long applyRejected, Map<String, Long> extra,
                     long errorEntries, Instant now) {
        return jdbc.sql("""
                        update platform_import
                        set status = 'COMPLETED', accepted = :accepted, duplicates = :duplicates, rejected = rejected + :rejected,
                            extra_counts = cast(:extra as jsonb), error_entries = :entries, bytes_read = size_bytes,
                            finished_at = :now, lease_owner = null, lease_until = null
                        where id = :id and lease_owner = :owner and status = 'APPLYING'
                        """)
                .param("id", id).param("owner", owner).param("accepted", accepted).param("duplicates", duplicates)
                .param("rejected", applyRejected).param("extra", json.writeValueAsString(extra)).param("entries", errorEntries)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    void fail(UUID id, String reason, Instant now) {
        jdbc.sql("""
                        update platform_import set status = 'FAILED', failure_reason = :reason, finished_at = :now,
                                                   lease_owner = null, lease_until = null
                        where id = :id and status <> 'COMPLETED'
                        """)
                .param("id", id).param("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .param("now", Timestamp.from(now)).update();
    }

    /**
     * Deletes the error reports of imports that finished before {@code cutoff} and marks each import purged at {@code now};
     * answers how many imports lost their report. One statement, so an import is never marked without its entries gone.
     */
    int purgeErrorReports(Instant cutoff, Instant now) {
        return jdbc.sql("""
                        with purged as (
                            update platform_import set error_report_purged_at = :now
                            where status in ('COMPLETED', 'FAILED') and finished_at < :cutoff and error_report_purged_at is null
                              and error_entries > 0
                            returning id),
                        deleted as (
                            delete from platform_import_error e using purged p where e.import_id = p.id)
                        select count(*) from purged
                        """)
                .param("cutoff", Timestamp.from(cutoff)).param("now", Timestamp.from(now)).query(Integer.class).single();
    }

    /** Gives the import back at once (this instance stops), so that any instance may take it over without waiting for the lease. */
    void release(UUID id, String owner) {
        jdbc.sql("update platform_import set lease_until = now() where id = :id and lease_owner = :owner and status in ('PARSING', 'APPLYING')")
                .param("id", id).param("owner", owner).update();
    }

    /** Spool files left behind by imports that are finished (the instance stopped between commit and delete). */
    List<String> finishedSpoolPaths(Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select spool_path from platform_import where spool_path in (:paths) and status in ('COMPLETED', 'FAILED')")
                .param("paths", candidates).query(String.class).list();
    }

    private ImportRow row(ResultSet rs, int rowNum) throws SQLException {
        return new ImportRow(
                rs.getObject("id", UUID.class), rs.getString("kind"), ImportStatus.valueOf(rs.getString("status")),
                rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("spool_path"),
                rs.getString("delimiter").charAt(0), rs.getString("charset"), rs.getString("uploaded_by"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                rs.getLong("bytes_read"), rs.getLong("rows_read"), rs.getLong("accepted"), rs.getLong("duplicates"), rs.getLong("rejected"),
                json.readValue(rs.getString("extra_counts"), COUNTS), rs.getLong("error_entries"), strings(rs.getArray("ignored_columns")),
                rs.getInt("attempts"), rs.getString("lease_owner"), rs.getString("failure_reason"),
                instant(rs.getTimestamp("error_report_purged_at")));
    }

    private static ImportErrorView error(ResultSet rs, int rowNum) throws SQLException {
        return new ImportErrorView(rs.getLong("line_no"), rs.getString("column_name"), rs.getString("reason"),
                rs.getString("message"), rs.getString("value"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
