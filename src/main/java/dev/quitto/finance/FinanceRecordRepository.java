package dev.quitto.finance;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The finance_record table, in explicit SQL. */
@Repository
class FinanceRecordRepository {

    private final JdbcClient jdbc;

    FinanceRecordRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the record unless its appointment has one; the inserted row, or empty when one existed. */
    Optional<FinanceRecord> insert(UUID id, UUID appointmentId, BigDecimal totalPrice, Instant now) {
        return jdbc.sql("""
                        insert into finance_record (id, appointment_id, total_price, created_at) values (:id, :appointment, :price, :now)
                        on conflict (appointment_id) do nothing
                        returning id, appointment_id, total_price, created_at
                        """)
                .param("id", id).param("appointment", appointmentId).param("price", totalPrice).param("now", now.atOffset(ZoneOffset.UTC))
                .query(FinanceRecordRepository::map).optional();
    }

    Optional<FinanceRecord> findByAppointment(UUID appointmentId) {
        return jdbc.sql("select id, appointment_id, total_price, created_at from finance_record where appointment_id = :appointment")
                .param("appointment", appointmentId).query(FinanceRecordRepository::map).optional();
    }

    Optional<FinanceRecord> find(UUID id) {
        return jdbc.sql("select id, appointment_id, total_price, created_at from finance_record where id = :id")
                .param("id", id).query(FinanceRecordRepository::map).optional();
    }

    record Filter(@Nullable UUID appointmentId, @Nullable Instant createdFrom, @Nullable Instant createdTo) {
    }

    List<FinanceRecord> list(Filter filter, int limit, long offset) {
        return jdbc.sql("select id, appointment_id, total_price, created_at from finance_record" + where(filter)
                        + " order by created_at desc, id desc limit :limit offset :offset")
                .params(params(filter)).param("limit", limit).param("offset", offset).query(FinanceRecordRepository::map).list();
    }

    long count(Filter filter) {
        return jdbc.sql("select count(*) from finance_record" + where(filter)).params(params(filter)).query(Long.class).single();
    }

    private static String where(Filter filter) {
        return " where true"
                + (filter.appointmentId() == null ? "" : " and appointment_id = :appointment")
                + (filter.createdFrom() == null ? "" : " and created_at >= :from")
                + (filter.createdTo() == null ? "" : " and created_at < :to");
    }

    private static Map<String, Object> params(Filter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("appointment", filter.appointmentId());
        params.put("from", filter.createdFrom() == null ? null : filter.createdFrom().atOffset(ZoneOffset.UTC));
        params.put("to", filter.createdTo() == null ? null : filter.createdTo().atOffset(ZoneOffset.UTC));
        return params;
    }

    private static FinanceRecord map(ResultSet rs, int row) throws SQLException {
        return new FinanceRecord(rs.getObject("id", UUID.class), rs.getObject("appointment_id", UUID.class), rs.getBigDecimal("total_price"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
