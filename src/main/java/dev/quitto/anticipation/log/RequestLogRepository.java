package dev.quitto.anticipation.log;

import dev.quitto.anticipation.supplier.ActorRole;
import dev.quitto.platform.time.BusinessTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RequestLogRepository {

    private static final String COLUMNS = """
            id, anticipation_id, payment_id, supplier_id, actor_user_id, actor_role, action, from_status, to_status,
            value_before, value_after, due_date_before, due_date_after, occurred_at""";

    private final JdbcClient jdbc;

    RequestLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<LogEntry> page(@Nullable Long scope, LogFilter filter, int limit, long offset) {
        Where where = where(scope, filter);
        return jdbc.sql("select " + COLUMNS + " from anticipation_request_log where " + where.sql() + " order by occurred_at desc, id desc limit :limit offset :offset")
                .params(where.params()).param("limit", limit).param("offset", offset).query(RequestLogRepository::map).list();
    }

    long count(@Nullable Long scope, LogFilter filter) {
        Where where = where(scope, filter);
        return jdbc.sql("select count(*) from anticipation_request_log where " + where.sql()).params(where.params()).query(Long.class).single();
    }

    private record Where(String sql, Map<String, @Nullable Object> params) {
    }

    private static Where where(@Nullable Long scope, LogFilter filter) {
        StringBuilder sql = new StringBuilder("true");
        Map<String, @Nullable Object> params = new HashMap<>();
        if (scope != null) {
            sql.append(" and supplier_id = :scope");
            params.put("scope", scope);
        }
        if (filter.anticipationId() != null) {
            sql.append(" and anticipation_id = :anticipationId");
            params.put("anticipationId", filter.anticipationId());
        }
        if (filter.paymentId() != null) {
            sql.append(" and payment_id = :paymentId");
            params.put("paymentId", filter.paymentId());
        }
        if (filter.action() != null) {
            sql.append(" and action = :action");
            params.put("action", filter.action().name());
        }
        if (filter.from() != null) {
            sql.append(" and occurred_at >= :from");
            params.put("from", Timestamp.from(startOf(filter.from())));
        }
        if (filter.to() != null) {
            sql.append(" and occurred_at < :to");
            params.put("to", Timestamp.from(startOf(filter.to().plusDays(1))));
        }
        return new Where(sql.toString(), params);
    }

    private static java.time.Instant startOf(LocalDate date) {
        return date.atStartOfDay(BusinessTime.ZONE).toInstant();
    }

    private static LogEntry map(ResultSet rs, int row) throws SQLException {
        return new LogEntry(rs.getLong("id"), rs.getLong("anticipation_id"), rs.getLong("payment_id"), rs.getLong("supplier_id"),
                rs.getLong("actor_user_id"), ActorRole.valueOf(rs.getString("actor_role")), LogAction.valueOf(rs.getString("action")),
                rs.getString("from_status"), rs.getString("to_status"), rs.getBigDecimal("value_before"), rs.getBigDecimal("value_after"),
                rs.getObject("due_date_before", LocalDate.class), rs.getObject("due_date_after", LocalDate.class),
                rs.getTimestamp("occurred_at").toInstant());
    }
}
