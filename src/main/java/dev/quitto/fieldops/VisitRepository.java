package dev.quitto.fieldops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Visits and their dimensions in SQL; every write also moves the aggregates (through {@link Aggregates}). */
@Repository
class VisitRepository {

    private static final String SELECT = """
            select v.id, v.client_id, v.deadline, v.visit_date, v.visited_at, v.source, v.version, v.created_at, v.updated_at,
                   a.id as angel_id, a.name as angel_name, p.id as polo_id, p.name as polo_name, p.uf, p.city
            from fieldops_visit v join fieldops_angel a on a.id = v.angel_id join fieldops_polo p on p.id = v.polo_id
            """;

    private final JdbcClient jdbc;
    private final Aggregates aggregates;

    VisitRepository(JdbcClient jdbc, Aggregates aggregates) {
        this.jdbc = jdbc;
        this.aggregates = aggregates;
    }

    /** The angel named {@code name} (display form), created if missing; concurrent callers get the same row. */
    long angel(String name, Instant now) {
        String key = Names.key(name);
        jdbc.sql("insert into fieldops_angel (name, name_key, created_at) values (:name, :key, :now) on conflict (name_key) do nothing")
                .param("name", name).param("key", key).param("now", Timestamp.from(now)).update();
        return jdbc.sql("select id from fieldops_angel where name_key = :key").param("key", key).query(Long.class).single();
    }

    long polo(String name, Instant now) {
        String key = Names.key(name);
        Names.PoloParts parts = Names.poloParts(name);
        jdbc.sql("""
                        insert into fieldops_polo (name, name_key, uf, city, created_at) values (:name, :key, :uf, :city, :now)
                        on conflict (name_key) do nothing""")
                .param("name", name).param("key", key).param("uf", parts.uf()).param("city", parts.city())
                .param("now", Timestamp.from(now)).update();
        return jdbc.sql("select id from fieldops_polo where name_key = :key").param("key", key).query(Long.class).single();
    }

    void client(long id, Instant now) {
        jdbc.sql("insert into fieldops_client (id, created_at) values (:id, :now) on conflict (id) do nothing")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    long nextId() {
        return jdbc.sql("select nextval('fieldops_visit_id_seq')").query(Long.class).single();
    }

    /** The state a write stores; the dimension ids already exist. */
    record Row(long clientId, long angelId, long poloId, LocalDate deadline, @Nullable LocalDate visitDate, @Nullable Instant visitedAt) {
    }

    /** Inserts a visit and its contribution; false when the id exists. */
    boolean insert(long id, Row row, Instant now) {
        int inserted = jdbc.sql("""
                        insert into fieldops_visit (id, client_id, angel_id, polo_id, deadline, visit_date, visited_at, source, version,
                                                    created_at, updated_at)
                        values (:id, :client, :angel, :polo, :deadline, :visitDate, :visitedAt, 'API', 1, :now, :now)
                        on conflict (id) do nothing""")
                .param("id", id).param("client", row.clientId()).param("angel", row.angelId()).param("polo", row.poloId())
                .param("deadline", row.deadline()).param("visitDate", row.visitDate())
                .param("visitedAt", row.visitedAt() == null ? null : Timestamp.from(row.visitedAt())).param("now", Timestamp.from(now))
                .update();
        if (inserted == 1) {
            moveAggregates(null, row);
        }
        return inserted == 1;
    }

    /** The visit's stored state under a row lock, for an update in this transaction. */
    Optional<Locked> lock(long id) {
        return jdbc.sql("""
                        select client_id, angel_id, polo_id, deadline, visit_date, visited_at, version
                        from fieldops_visit where id = :id for update""")
                .param("id", id)
                .query((rs, n) -> new Locked(new Row(rs.getLong("client_id"), rs.getLong("angel_id"), rs.getLong("polo_id"),
                        rs.getObject("deadline", LocalDate.class), rs.getObject("visit_date", LocalDate.class), instant(rs, "visited_at")),
                        rs.getInt("version")))
                .optional();
    }

    record Locked(Row row, int version) {
    }

    /** Writes the new state of a locked visit (when it differs) and moves its contribution. */
    void update(long id, Row old, Row changed, Instant now) {
        if (old.equals(changed)) {
            return;
        }
        jdbc.sql("""
                        update fieldops_visit set client_id = :client, angel_id = :angel, polo_id = :polo, deadline = :deadline,
                            visit_date = :visitDate, visited_at = :visitedAt, source = 'API', version = version + 1, updated_at = :now
                        where id = :id""")
                .param("id", id).param("client", changed.clientId()).param("angel", changed.angelId()).param("polo", changed.poloId())
                .param("deadline", changed.deadline()).param("visitDate", changed.visitDate())
                .param("visitedAt", changed.visitedAt() == null ? null : Timestamp.from(changed.visitedAt()))
                .param("now", Timestamp.from(now)).update();
        moveAggregates(old, changed);
    }

    private void moveAggregates(@Nullable Row old, Row changed) {
        Map<String, Object> params = new HashMap<>();
        List<String> rows = new ArrayList<>();
        if (old != null) {
            rows.add(deltaRow("o", old, -1, params));
        }
        rows.add(deltaRow("n", changed, 1, params));
        aggregates.apply("values " + String.join(", ", rows), params);
    }

    private static String deltaRow(String prefix, Row row, int sign, Map<String, Object> params) {
        params.put(prefix + "a", row.angelId());
        params.put(prefix + "p", row.poloId());
        params.put(prefix + "d", row.deadline());
        params.put(prefix + "v", row.visitDate());
        return "(cast(:%1$sa as bigint), cast(:%1$sp as bigint), cast(:%1$sd as date), cast(:%1$sv as date), %2$d)".formatted(prefix, sign);
    }

    Optional<Visit> find(long id) {
        return jdbc.sql(SELECT + " where v.id = :id").param("id", id).query(VisitRepository::visit).optional();
    }

    List<Visit> list(VisitFilter filter, String orderBy, long offset, int limit) {
        Where where = where(filter);
        return jdbc.sql(SELECT + where.sql() + " order by " + orderBy + " limit :limit offset :offset")
                .params(where.params()).param("limit", limit).param("offset", offset)
                .query(VisitRepository::visit).list();
    }

    /** Whether a row exists after {@code offset} (the seed's {@code next} link). */
    long count(VisitFilter filter) {
        Where where = where(filter);
        return jdbc.sql("select count(*) from fieldops_visit v join fieldops_angel a on a.id = v.angel_id join fieldops_polo p on p.id = v.polo_id"
                + where.sql()).params(where.params()).query(Long.class).single();
    }

    record Where(String sql, Map<String, Object> params) {
    }

    /** The SQL condition of a filter over {@code v} (visits), {@code a} (angels) and {@code p} (polos). */
    static Where where(VisitFilter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (filter.angelKey() != null) {
            conditions.add("a.name_key = :angelKey");
            params.put("angelKey", filter.angelKey());
        }
        if (filter.angelId() != null) {
            conditions.add("v.angel_id = :angelId");
            params.put("angelId", filter.angelId());
        }
        if (filter.poloKey() != null) {
            conditions.add("p.name_key = :poloKey");
            params.put("poloKey", filter.poloKey());
        }
        if (filter.poloId() != null) {
            conditions.add("v.polo_id = :poloId");
            params.put("poloId", filter.poloId());
        }
        if (filter.uf() != null) {
            conditions.add("p.uf = :uf");
            params.put("uf", filter.uf());
        }
        if (filter.clientId() != null) {
            conditions.add("v.client_id = :clientId");
            params.put("clientId", filter.clientId());
        }
        range(conditions, params, "v.deadline", "deadline", filter.deadlineFrom(), filter.deadlineTo());
        range(conditions, params, "v.visit_date", "visit", filter.visitFrom(), filter.visitTo());
        if (!filter.statuses().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (Outcome outcome : filter.statuses()) {
                any.add(switch (outcome) {
                    case ON_TIME -> "v.visit_date <= v.deadline";
                    case LATE -> "v.visit_date > v.deadline";
                    case OVERDUE -> "(v.visit_date is null and v.deadline < :asOf)";
                    case PENDING -> "(v.visit_date is null and v.deadline >= :asOf)";
                });
            }
            conditions.add("(" + String.join(" or ", any) + ")");
            params.put("asOf", filter.asOf());
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
    }

    private static void range(List<String> conditions, Map<String, Object> params, String column, String name,
                              @Nullable LocalDate from, @Nullable LocalDate to) {
        if (from != null) {
            conditions.add(column + " >= :" + name + "From");
            params.put(name + "From", from);
        }
        if (to != null) {
            conditions.add(column + " <= :" + name + "To");
            params.put(name + "To", to);
        }
    }

    private static Visit visit(ResultSet rs, int n) throws SQLException {
        return new Visit(rs.getLong("id"), rs.getLong("client_id"), new Visit.Angel(rs.getLong("angel_id"), rs.getString("angel_name")),
                new Visit.Polo(rs.getLong("polo_id"), rs.getString("polo_name"), rs.getString("uf"), rs.getString("city")),
                rs.getObject("deadline", LocalDate.class), rs.getObject("visit_date", LocalDate.class), instant(rs, "visited_at"),
                rs.getString("source"), rs.getInt("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
