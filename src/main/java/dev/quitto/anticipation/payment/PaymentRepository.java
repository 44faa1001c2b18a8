package dev.quitto.anticipation.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

    private static final String COLUMNS = """
            p.id, p.supplier_id, p.issue_date, p.due_date, p.value, p.created_at, p.anticipation_state, p.current_anticipation_id""";

    private static final String ROW = "select " + COLUMNS + """
            , s.corporate_name, s.cnpj, a.id as a_id, a.status as a_status, a.new_due_date as a_new_due_date,
              a.new_value as a_new_value, a.requested_at as a_requested_at, a.decided_at as a_decided_at
            from anticipation_payment p
            join anticipation_supplier s on s.id = p.supplier_id
            left join anticipation_request a on a.id = p.current_anticipation_id
            """;

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Payment insert(long supplierId, LocalDate issueDate, LocalDate dueDate, java.math.BigDecimal value, Instant createdAt) {
        return jdbc.sql("""
                        insert into anticipation_payment as p (supplier_id, issue_date, due_date, value, created_at)
                        values (:supplierId, :issueDate, :dueDate, :value, :createdAt) returning\s""" + COLUMNS)
                .param("supplierId", supplierId).param("issueDate", issueDate).param("dueDate", dueDate).param("value", value)
                .param("createdAt", Timestamp.from(createdAt))
                .query(PaymentRepository::payment).single();
    }

    /** The payment if it exists and belongs to {@code supplierId} (any supplier when null). */
    Optional<Payment> findInScope(long id, @Nullable Long supplierId) {
        return jdbc.sql("select " + COLUMNS + " from anticipation_payment p where p.id = :id and (cast(:supplierId as bigint) is null or p.supplier_id = :supplierId)")
                .param("id", id).param("supplierId", supplierId).query(PaymentRepository::payment).optional();
    }

    Optional<PaymentRow> findRowInScope(long id, @Nullable Long supplierId) {
        return jdbc.sql(ROW + " where p.id = :id and (cast(:supplierId as bigint) is null or p.supplier_id = :supplierId)")
                .param("id", id).param("supplierId", supplierId).query(PaymentRepository::row).optional();
    }

    List<Payment> page(@Nullable Long scope, PaymentFilter filter, LocalDate today, int limit, long offset) {
        Where where = where(scope, filter, today);
        return jdbc.sql("select " + COLUMNS + " from anticipation_payment p where " + where.sql() + " order by p.created_at desc, p.id desc limit :limit offset :offset")
                .params(where.params()).param("limit", limit).param("offset", offset).query(PaymentRepository::payment).list();
    }

    List<PaymentRow> rows(@Nullable Long scope, PaymentFilter filter, LocalDate today, int limit, long offset) {
        Where where = where(scope, filter, today);
        return jdbc.sql(ROW + " where " + where.sql() + " order by p.created_at desc, p.id desc limit :limit offset :offset")
                .params(where.params()).param("limit", limit).param("offset", offset).query(PaymentRepository::row).list();
    }

    long count(@Nullable Long scope, PaymentFilter filter, LocalDate today) {
        Where where = where(scope, filter, today);
        return jdbc.sql("select count(*) from anticipation_payment p where " + where.sql()).params(where.params()).query(Long.class).single();
    }

    private record Where(String sql, Map<String, @Nullable Object> params) {
    }

    /** The filter as SQL; every status is an index range over (anticipation_state, due_date), per supplier or overall. */
    private static Where where(@Nullable Long scope, PaymentFilter filter, LocalDate today) {
        StringBuilder sql = new StringBuilder("true");
        Map<String, @Nullable Object> params = new HashMap<>();
        if (scope != null) {
            sql.append(" and p.supplier_id = :scope");
            params.put("scope", scope);
        }
        if (filter.supplierId() != null) {
            sql.append(" and p.supplier_id = :supplierId");
            params.put("supplierId", filter.supplierId());
        }
        if (filter.dueFrom() != null) {
            sql.append(" and p.due_date >= :dueFrom");
            params.put("dueFrom", filter.dueFrom());
        }
        if (filter.dueTo() != null) {
            sql.append(" and p.due_date <= :dueTo");
            params.put("dueTo", filter.dueTo());
        }
        if (filter.status() != null) {
            sql.append(switch (filter.status()) {
                case AVAILABLE -> " and p.anticipation_state = 'NONE' and p.due_date > :today";
                case UNAVAILABLE -> " and p.anticipation_state in ('NONE', 'PENDING') and p.due_date <= :today";
                case PENDING_CONFIRMATION -> " and p.anticipation_state = 'PENDING' and p.due_date > :today";
                case ANTICIPATED -> " and p.anticipation_state = 'APPROVED'";
                case DENIED -> " and p.anticipation_state = 'DENIED'";
            });
            params.put("today", today);
        }
        return new Where(sql.toString(), params);
    }

    private static Payment payment(ResultSet rs, int row) throws SQLException {
        Long current = rs.getObject("current_anticipation_id", Long.class);
        return new Payment(rs.getLong("id"), rs.getLong("supplier_id"), rs.getObject("issue_date", LocalDate.class),
                rs.getObject("due_date", LocalDate.class), rs.getBigDecimal("value"), rs.getTimestamp("created_at").toInstant(),
                AnticipationState.valueOf(rs.getString("anticipation_state")), current);
    }

    private static PaymentRow row(ResultSet rs, int row) throws SQLException {
        Long latestId = rs.getObject("a_id", Long.class);
        PaymentRow.Latest latest = latestId == null ? null : new PaymentRow.Latest(latestId, rs.getString("a_status"),
                rs.getObject("a_new_due_date", LocalDate.class), rs.getBigDecimal("a_new_value"),
                rs.getTimestamp("a_requested_at").toInstant(),
                rs.getTimestamp("a_decided_at") == null ? null : rs.getTimestamp("a_decided_at").toInstant());
        return new PaymentRow(payment(rs, row), rs.getString("corporate_name"), rs.getString("cnpj"), latest);
    }
}
