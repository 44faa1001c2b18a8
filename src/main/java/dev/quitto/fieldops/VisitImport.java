package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldDates.VisitResult;
import dev.quitto.platform.imports.ApplyResult;
import dev.quitto.platform.imports.ImportColumn;
import dev.quitto.platform.imports.ImportContext;
import dev.quitto.platform.imports.ImportKind;
import dev.quitto.platform.imports.ImportRecord;
import dev.quitto.platform.imports.StagingColumn;
import dev.quitto.platform.imports.StagingRow;
import dev.quitto.platform.time.BusinessTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The historical file {@code bd_desafio.csv} and its corrections (spec 4.8) as a platform import kind: each record is
 * validated and normalized on the way to the staging table, then one set-based transaction creates the missing
 * angels, polos and clients, upserts the visits by {@code id_atendimento} (last line wins, unchanged rows not
 * written) and moves the aggregates by the old and new contributions of the rows that changed.
 */
@Component
class VisitImport implements ImportKind {

    static final String NAME = "fieldops-visits";
    static final int ID = 0;
    static final int CLIENT = 1;
    static final int ANGEL = 2;
    static final int POLO = 3;
    static final int DEADLINE = 4;
    static final int VISIT = 5;

    private static final List<ImportColumn> COLUMNS = List.of(ImportColumn.required("id_atendimento"), ImportColumn.required("id_cliente"),
            ImportColumn.required("angel"), ImportColumn.required("polo"), ImportColumn.required("data_limite"),
            ImportColumn.required("data_de_atendimento"));
    private static final List<StagingColumn> STAGING = List.of(new StagingColumn("id", "bigint"), new StagingColumn("client_id", "bigint"),
            new StagingColumn("angel_name", "text"), new StagingColumn("angel_key", "text"), new StagingColumn("polo_name", "text"),
            new StagingColumn("polo_key", "text"), new StagingColumn("uf", "text"), new StagingColumn("city", "text"),
            new StagingColumn("deadline", "date"), new StagingColumn("visit_date", "date"), new StagingColumn("visited_at", "timestamptz"));

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VisitImport.class);

    /** The visits and their indicator cells: what a bulk import writes with the secondary indexes dropped. */
    private static final List<String> BULK_TABLES = List.of("fieldops_visit", "fieldops_sla_day", "fieldops_sla_total", "fieldops_visit_day");

    private final JdbcClient jdbc;
    private final Aggregates aggregates;
    private final Clock clock;
    private final long maxSizeBytes;

    VisitImport(JdbcClient jdbc, Aggregates aggregates, Clock clock, FieldopsSettings settings) {
        this.jdbc = jdbc;
        this.aggregates = aggregates;
        this.clock = clock;
        this.maxSizeBytes = settings.visitFile().maxSize().toBytes();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<StagingColumn> stagingColumns() {
        return STAGING;
    }

    /** {@code quitto.fieldops.import.max-size}. */
    @Override
    public long maxSizeBytes() {
        return maxSizeBytes;
    }

    @Override
    public void map(ImportRecord record, StagingRow row) {
        String id = positiveLong(record, ID, "INVALID_ID", row);
        String client = positiveLong(record, CLIENT, "INVALID_CLIENT_ID", row);
        String angel = name(record, ANGEL, row);
        String polo = name(record, POLO, row);
        String deadlineText = record.value(DEADLINE);
        LocalDate deadline = null;
        if (deadlineText.isEmpty()) {
            row.reject(record.columnName(DEADLINE), "MISSING_VALUE", "data_limite is required", deadlineText);
        } else {
            deadline = FieldDates.deadline(deadlineText);
            if (deadline == null) {
                row.reject(record.columnName(DEADLINE), "INVALID_DEADLINE",
                        "data_limite must be a date dd/MM/yyyy or yyyy-MM-dd", deadlineText);
            }
        }
        String visitText = record.value(VISIT);
        VisitResult visit = FieldDates.visit(visitText, BusinessTime.today(clock));
        if (visit.problem() != null) {
            switch (visit.problem()) {
                case INVALID -> row.reject(record.columnName(VISIT), "INVALID_VISIT_DATE",
                        "data_de_atendimento is neither a date (day first or ISO) nor - for not visited", visitText);
                case FUTURE -> row.reject(record.columnName(VISIT), "FUTURE_VISIT", "data_de_atendimento is after today", visitText);
            }
            return;
        }
        if (id == null || client == null || angel == null || polo == null || deadline == null) {
            return;
        }
        Names.PoloParts parts = Names.poloParts(polo);
        LocalDate visitDate = visit.visit().visitDate();
        Instant visitedAt = visit.visit().visitedAt();
        row.set(0, id).set(1, client).set(2, angel).set(3, angel.toLowerCase(java.util.Locale.ROOT))
                .set(4, polo).set(5, polo.toLowerCase(java.util.Locale.ROOT)).set(6, parts.uf()).set(7, parts.city())
                .set(8, deadline.toString()).set(9, visitDate == null ? null : visitDate.toString())
                .set(10, visitedAt == null ? null : visitedAt.toString());
    }

    private static @Nullable String positiveLong(ImportRecord record, int column, String reason, StagingRow row) {
        String value = record.value(column);
        if (value.isEmpty()) {
            row.reject(record.columnName(column), "MISSING_VALUE", record.columnName(column) + " is required", value);
            return null;
        }
        if (!isPositiveLong(value)) {
            row.reject(record.columnName(column), reason, record.columnName(column) + " must be a whole number from 1 to 9223372036854775807", value);
            return null;
        }
        return value;
    }

    static boolean isPositiveLong(String value) {
        if (value.isEmpty() || value.length() > 19) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        try {
            return Long.parseLong(value) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static @Nullable String name(ImportRecord record, int column, StagingRow row) {
        String value = Names.display(record.value(column));
        if (value.isEmpty()) {
            row.reject(record.columnName(column), "MISSING_VALUE", record.columnName(column) + " is required", value);
            return null;
        }
        if (value.length() > Names.MAX_LENGTH) {
            row.reject(record.columnName(column), "VALUE_TOO_LONG", record.columnName(column) + " must have at most 255 characters", value);
            return null;
        }
        return value;
    }

    @Override
    public ApplyResult apply(ImportContext context) {
        String stage = context.stagingTable();
        Timestamp now = Timestamp.from(context.now());
        // Sorts and hash aggregates over a million staged rows stay in memory for this transaction only.
        jdbc.sql("set local work_mem = '256MB'").update();
        long started = System.nanoTime();
        // An import that may at least double the visits keeps other writers (the visits API) out from here, so the
        // new/changed split below stays exact; if it does double them, the visits are loaded with their indexes dropped
        // and the indicator cells are computed again from all visits.
        long stored = storedVisitsUpTo(context.stagedRows());
        boolean locked = stored < context.stagedRows();
        if (locked) {
            jdbc.sql("lock table fieldops_visit in exclusive mode").update();
        }
        // Ids that appear more than once: the last line wins, the others are duplicates reported as warnings.
        jdbc.sql("create temp table fo_dup on commit drop as select id, max(line_no) as winner from %s group by id having count(*) > 1"
                .formatted(stage)).update();
        long duplicates = context.reportErrors("""
                select s.line_no, 'id_atendimento', 'DUPLICATE_IN_FILE',
                       'id ' || s.id || ' appears again on line ' || d.winner || ', which wins', s.id::text
                from %s s join fo_dup d on d.id = s.id and s.line_no <> d.winner""".formatted(stage), Map.of());
        long[] marks = new long[6];
        marks[0] = System.nanoTime();
        long angelsCreated = jdbc.sql("""
                insert into fieldops_angel (name, name_key, created_at)
                select s.angel_name, s.angel_key, :now
                from (select angel_key, min(line_no) as first_line from %1$s s
                      where not exists (select 1 from fieldops_angel a where a.name_key = s.angel_key) group by angel_key) f
                join %1$s s on s.line_no = f.first_line
                order by s.line_no
                on conflict (name_key) do nothing""".formatted(stage)).param("now", now).update();
        long polosCreated = jdbc.sql("""
                insert into fieldops_polo (name, name_key, uf, city, created_at)
                select s.polo_name, s.polo_key, s.uf, s.city, :now
                from (select polo_key, min(line_no) as first_line from %1$s s
                      where not exists (select 1 from fieldops_polo p where p.name_key = s.polo_key) group by polo_key) f
                join %1$s s on s.line_no = f.first_line
                order by s.line_no
                on conflict (name_key) do nothing""".formatted(stage)).param("now", now).update();
        long clientsCreated = jdbc.sql("""
                insert into fieldops_client (id, created_at)
                select distinct s.client_id, cast(:now as timestamptz) from %s s
                where not exists (select 1 from fieldops_client c where c.id = s.client_id)
                on conflict (id) do nothing""".formatted(stage)).param("now", now).update();
        marks[1] = System.nanoTime();
        // Every staged line that is not a duplicate's loser is accepted: its angel and polo exist now. Of those winning
        // lines, with their dimension ids, only the new ones and those that differ from the stored visit are kept.
        long accepted = context.stagedRows() - duplicates;
        jdbc.sql("""
                create temp table fo_write on commit drop as
                select r.*, v.id is null as is_new
                from (select s.id, s.client_id, a.id as angel_id, p.id as polo_id, s.deadline, s.visit_date, s.visited_at
                      from %s s
                      join fieldops_angel a on a.name_key = s.angel_key
                      join fieldops_polo p on p.name_key = s.polo_key
                      where not exists (select 1 from fo_dup d where d.id = s.id and d.winner <> s.line_no)) r
                left join fieldops_visit v on v.id = r.id
                where v.id is null
                   or (v.client_id, v.angel_id, v.polo_id, v.deadline, v.visit_date, v.visited_at)
                      is distinct from (r.client_id, r.angel_id, r.polo_id, r.deadline, r.visit_date, r.visited_at)""".formatted(stage)).update();
        jdbc.sql("analyze fo_write").update();
        marks[2] = System.nanoTime();
        // The old contribution of every visit that will change, read under its row lock (key order: no deadlocks).
        jdbc.sql("""
                create temp table fo_old on commit drop as
                select v.angel_id, v.polo_id, v.deadline, v.visit_date
                from fieldops_visit v where v.id in (select id from fo_write where not is_new)
                order by v.id for update""").update();
        marks[3] = System.nanoTime();
        long news = jdbc.sql("select count(*) from fo_write where is_new").query(Long.class).single();
        boolean bulk = locked && news >= stored;
        Written written = bulk ? context.withIndexesRebuilt(BULK_TABLES, () -> {
                    Written loaded = writeVisitsWithoutConflicts(context, now);
                    aggregates.rebuildAll();
                    return loaded;
                })
                : upsertVisits(context, now);
        marks[4] = System.nanoTime();
        if (!bulk && written.inserted() + written.updated() > 0) {
            aggregates.apply("""
                    select angel_id, polo_id, deadline, visit_date, 1 as sign from fo_write
                    union all
                    select angel_id, polo_id, deadline, visit_date, -1 as sign from fo_old""", Map.of());
        }
        marks[5] = System.nanoTime();
        log.info("Import {}: apply steps (ms) duplicates {}, dimensions {}, resolve + diff {}, lock old {}, {} {}, aggregates {}",
                context.importId(), (marks[0] - started) / 1_000_000, (marks[1] - marks[0]) / 1_000_000, (marks[2] - marks[1]) / 1_000_000,
                (marks[3] - marks[2]) / 1_000_000, bulk ? "bulk-load visits + indicator cells" : "upsert visits", (marks[4] - marks[3]) / 1_000_000, (marks[5] - marks[4]) / 1_000_000);
        long inserted = written.inserted();
        long updated = written.updated();
        Map<String, Long> extra = new LinkedHashMap<>();
        extra.put("inserted", inserted);
        extra.put("updated", updated);
        extra.put("unchanged", accepted - inserted - updated);
        extra.put("angelsCreated", angelsCreated);
        extra.put("polosCreated", polosCreated);
        extra.put("clientsCreated", clientsCreated);
        return new ApplyResult(accepted, duplicates, 0, extra);
    }

    private Written upsertVisits(ImportContext context, Timestamp now) {
        return jdbc.sql("""
                with up as (
                    insert into fieldops_visit (id, client_id, angel_id, polo_id, deadline, visit_date, visited_at, source, import_id,
                                                version, created_at, updated_at)
                    select id, client_id, angel_id, polo_id, deadline, visit_date, visited_at, 'IMPORT', :importId, 1, :now, :now
                    from fo_write order by id
                    on conflict (id) do update set client_id = excluded.client_id, angel_id = excluded.angel_id,
                        polo_id = excluded.polo_id, deadline = excluded.deadline, visit_date = excluded.visit_date,
                        visited_at = excluded.visited_at, source = 'IMPORT', import_id = excluded.import_id,
                        version = fieldops_visit.version + 1, updated_at = excluded.updated_at
                    where (fieldops_visit.client_id, fieldops_visit.angel_id, fieldops_visit.polo_id, fieldops_visit.deadline,
                           fieldops_visit.visit_date, fieldops_visit.visited_at)
                          is distinct from (excluded.client_id, excluded.angel_id, excluded.polo_id, excluded.deadline,
                           excluded.visit_date, excluded.visited_at)
                    returning (xmax = 0) as inserted)
                select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from up""")
                .param("importId", context.importId()).param("now", now).query(Written.class).single();
    }

    /** Under the table lock nothing else writes visits, so the changed rows are plain updates and the new ones plain inserts. */
    private Written writeVisitsWithoutConflicts(ImportContext context, Timestamp now) {
        long updated = jdbc.sql("""
                update fieldops_visit v set client_id = w.client_id, angel_id = w.angel_id, polo_id = w.polo_id, deadline = w.deadline,
                    visit_date = w.visit_date, visited_at = w.visited_at, source = 'IMPORT', import_id = :importId,
                    version = v.version + 1, updated_at = :now
                from fo_write w where w.id = v.id and not w.is_new""")
                .param("importId", context.importId()).param("now", now).update();
        long inserted = jdbc.sql("""
                insert into fieldops_visit (id, client_id, angel_id, polo_id, deadline, visit_date, visited_at, source, import_id,
                                            version, created_at, updated_at)
                select id, client_id, angel_id, polo_id, deadline, visit_date, visited_at, 'IMPORT', :importId, 1, :now, :now
                from fo_write where is_new""")
                .param("importId", context.importId()).param("now", now).update();
        return new Written(inserted, updated);
    }

    private long storedVisitsUpTo(long rows) {
        return jdbc.sql("select count(*) from (select 1 from fieldops_visit limit :rows) v").param("rows", rows).query(Long.class).single();
    }

    private record Written(long inserted, long updated) {
    }
}
