package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.log.LogAction;
import dev.quitto.anticipation.supplier.ActorRole;
import java.math.BigDecimal;
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
import org.postgresql.util.PSQLException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AnticipationRepository {

    static final String ONE_OPEN_PER_PAYMENT = "anticipation_request_one_open_per_payment";

    private static final String COLUMNS = """
            id, payment_id, supplier_id, status, original_value, original_due_date, new_due_date, new_value, days_in_advance,
            monthly_rate, requested_by, requested_by_role, requested_at, decided_by, decided_by_role, decided_at, updated_at""";

    /** The written request {@code r}'s columns, the supplier its e-mail goes to and the log row {@code l} of the action. */
    private static final String WITH_SUPPLIER = "select r.*, s.corporate_name as supplier_name, s.user_id as supplier_user_id, l.id as log_id";

    /** The action's row of the request log, selected from the request it wrote. */
    private static final String LOG = """
            insert into anticipation_request_log (anticipation_id, payment_id, supplier_id, actor_user_id, actor_role, action, from_status,
                to_status, value_before, value_after, due_date_before, due_date_after, occurred_at)
            """;

    private final JdbcClient jdbc;

    AnticipationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A new PENDING request, its payment's state and its R log row, in one statement: the payment is opened only if it
     * has no open request and is not due yet. Empty when it was not, and then the request and log rows the statement
     * wrote must go with the caller's transaction (it throws). A second open request on the payment breaks the partial
     * unique index: {@link AnticipationExists}. The payment's {@code anticipation_state} and
     * {@code current_anticipation_id} are this repository's to write: they copy the current request's status.
     */
    Optional<RequestWithSupplier> insertPending(long paymentId, long supplierId, BigDecimal originalValue, LocalDate originalDueDate,
                                                LocalDate newDueDate, BigDecimal newValue, long days, BigDecimal monthlyRate, int periodDays,
                                                long requestedBy, ActorRole role, Instant now, LocalDate today) {
        try {
            return jdbc.sql("""
                            with created as (
                                insert into anticipation_request (payment_id, supplier_id, status, original_value, original_due_date,
                                    new_due_date, new_value, days_in_advance, monthly_rate, period_days, requested_by, requested_by_role,
                                    requested_at, updated_at)
                                values (:paymentId, :supplierId, 'PENDING', :originalValue, :originalDueDate, :newDueDate, :newValue, :days,
                                    :monthlyRate, :periodDays, :requestedBy, :role, :now, :now)
                                returning\s""" + COLUMNS + """
                            ), opened as (
                                update anticipation_payment set anticipation_state = 'PENDING', current_anticipation_id = (select id from created)
                                where id = :paymentId and anticipation_state in ('NONE', 'DENIED') and due_date > :today
                                returning id
                            ), logged as (
                            """ + LOG + """
                                select id, payment_id, supplier_id, requested_by, requested_by_role, 'R', null, status, original_value, new_value,
                                    original_due_date, new_due_date, requested_at
                                from created
                                returning id
                            )
                            """ + WITH_SUPPLIER + """
                             from created r join anticipation_supplier s on s.id = r.supplier_id cross join logged l
                            where exists (select from opened)""")
                    .param("paymentId", paymentId).param("supplierId", supplierId).param("originalValue", originalValue)
                    .param("originalDueDate", originalDueDate).param("newDueDate", newDueDate).param("newValue", newValue)
                    .param("days", (int) days).param("monthlyRate", monthlyRate).param("periodDays", periodDays)
                    .param("requestedBy", requestedBy).param("role", role.name()).param("now", Timestamp.from(now)).param("today", today)
                    .query(AnticipationRepository::withSupplier).optional();
        } catch (DuplicateKeyException e) {
            if (e.getMostSpecificCause() instanceof PSQLException psql && psql.getServerErrorMessage() != null
                    && ONE_OPEN_PER_PAYMENT.equals(psql.getServerErrorMessage().getConstraint())) {
                throw new AnticipationExists();
            }
            throw e;
        }
    }

    /**
     * Decides a request if it is still PENDING (and, to approve, its new due date is not before {@code notBefore}),
     * copying the decision onto its payment and writing its A or D log row in the same statement: the conditional
     * update lets exactly one of concurrent deciders win. Empty when this caller lost (nothing written).
     */
    Optional<RequestWithSupplier> decide(long id, AnticipationStatus to, LogAction action, long decidedBy, Instant now, @Nullable LocalDate notBefore) {
        return jdbc.sql("""
                        with decided as (
                            update anticipation_request set status = :to, decided_by = :decidedBy, decided_by_role = 'OPERATOR',
                                decided_at = :now, updated_at = :now
                            where id = :id and status = 'PENDING' and (cast(:notBefore as date) is null or new_due_date >= :notBefore)
                            returning\s""" + COLUMNS + """
                        ), copied as (
                            update anticipation_payment p set anticipation_state = :to
                            from decided where p.id = decided.payment_id and p.current_anticipation_id = decided.id
                        ), logged as (
                        """ + LOG + """
                            select id, payment_id, supplier_id, decided_by, decided_by_role, :action, 'PENDING', status, original_value, new_value,
                                original_due_date, new_due_date, decided_at
                            from decided
                            returning id
                        )
                        """ + WITH_SUPPLIER + " from decided r join anticipation_supplier s on s.id = r.supplier_id cross join logged l")
                .param("id", id).param("to", to.asPaymentState().name()).param("action", action.name()).param("decidedBy", decidedBy)
                .param("now", Timestamp.from(now)).param("notBefore", notBefore)
                .query(AnticipationRepository::withSupplier).optional();
    }

    Optional<Anticipation> findInScope(long id, @Nullable Long supplierId) {
        return jdbc.sql("select " + COLUMNS + " from anticipation_request where id = :id and (cast(:supplierId as bigint) is null or supplier_id = :supplierId)")
                .param("id", id).param("supplierId", supplierId).query(AnticipationRepository::map).optional();
    }

    List<Anticipation> page(@Nullable Long scope, AnticipationFilter filter, LocalDate today, int limit, long offset) {
        Where where = where(scope, filter, today);
        return jdbc.sql("select " + COLUMNS + " from anticipation_request where " + where.sql() + " order by requested_at desc, id desc limit :limit offset :offset")
                .params(where.params()).param("limit", limit).param("offset", offset).query(AnticipationRepository::map).list();
    }

    long count(@Nullable Long scope, AnticipationFilter filter, LocalDate today) {
        Where where = where(scope, filter, today);
        return jdbc.sql("select count(*) from anticipation_request where " + where.sql()).params(where.params()).query(Long.class).single();
    }

    private record Where(String sql, Map<String, @Nullable Object> params) {
    }

    private static Where where(@Nullable Long scope, AnticipationFilter filter, LocalDate today) {
        StringBuilder sql = new StringBuilder("true");
        Map<String, @Nullable Object> params = new HashMap<>();
        if (scope != null) {
            sql.append(" and supplier_id = :scope");
            params.put("scope", scope);
        }
        if (filter.status() != null) {
            sql.append(" and status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.paymentId() != null) {
            sql.append(" and payment_id = :paymentId");
            params.put("paymentId", filter.paymentId());
        }
        if (filter.supplierId() != null) {
            sql.append(" and supplier_id = :supplierId");
            params.put("supplierId", filter.supplierId());
        }
        if (filter.expired() != null) {
            sql.append(filter.expired() ? " and status = 'PENDING' and new_due_date < :today" : " and not (status = 'PENDING' and new_due_date < :today)");
            params.put("today", today);
        }
        return new Where(sql.toString(), params);
    }

    private static RequestWithSupplier withSupplier(ResultSet rs, int row) throws SQLException {
        return new RequestWithSupplier(map(rs, row), rs.getString("supplier_name"), rs.getLong("supplier_user_id"), rs.getLong("log_id"));
    }

    private static Anticipation map(ResultSet rs, int row) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        String decidedByRole = rs.getString("decided_by_role");
        return new Anticipation(rs.getLong("id"), rs.getLong("payment_id"), rs.getLong("supplier_id"),
                AnticipationStatus.valueOf(rs.getString("status")), rs.getBigDecimal("original_value"),
                rs.getObject("original_due_date", LocalDate.class), rs.getObject("new_due_date", LocalDate.class),
                rs.getBigDecimal("new_value"), rs.getInt("days_in_advance"), rs.getBigDecimal("monthly_rate"),
                rs.getLong("requested_by"), ActorRole.valueOf(rs.getString("requested_by_role")), rs.getTimestamp("requested_at").toInstant(),
                rs.getObject("decided_by", Long.class), decidedByRole == null ? null : ActorRole.valueOf(decidedByRole),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
