package dev.quitto.consultation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The consultation table, in explicit SQL. */
@Repository
class ConsultationRepository {

    private static final String COLUMNS = "id, physician_id, patient_id, start_date, end_date, price, price_per_hour, billed_hours, created_at, updated_at";

    private final JdbcClient jdbc;

    ConsultationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an open consultation unless the patient has one (the partial unique index decides); true when inserted. */
    /** The new open consultation, or empty when the patient already has one. */
    Optional<Consultation> insertOpen(UUID id, UUID physicianId, UUID patientId, Instant now) {
        return jdbc.sql("""
                        insert into consultation (id, physician_id, patient_id, start_date, created_at, updated_at)
                        values (:id, :physician, :patient, :now, :now, :now)
                        on conflict (patient_id) where end_date is null do nothing
                        returning\s""" + COLUMNS)
                .param("id", id).param("physician", physicianId).param("patient", patientId).param("now", at(now))
                .query(ConsultationRepository::map).optional();
    }

    Optional<UUID> openOf(UUID patientId) {
        return jdbc.sql("select id from consultation where patient_id = :patient and end_date is null")
                .param("patient", patientId).query(UUID.class).optional();
    }

    Optional<Consultation> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from consultation where id = :id").param("id", id).query(ConsultationRepository::map).optional();
    }

    /** The conditional finish (spec 4.3): changes the row only while it is open; the finished row, or empty when it was not open. */
    Optional<Consultation> finish(UUID id, Instant end, Pricing pricing, Instant now) {
        return jdbc.sql("""
                        update consultation
                        set end_date = :end, price = :price, price_per_hour = :rate, billed_hours = :hours, updated_at = :now
                        where id = :id and end_date is null
                        returning\s""" + COLUMNS)
                .param("id", id).param("end", at(end)).param("price", pricing.price().amount())
                .param("rate", pricing.pricePerHour().amount()).param("hours", pricing.billedHours()).param("now", at(now))
                .query(ConsultationRepository::map).optional();
    }

    record Filter(@Nullable UUID patientId, @Nullable UUID physicianId, Consultation.@Nullable Status status,
                  @Nullable Instant startedFrom, @Nullable Instant startedTo, boolean ascending) {
    }

    List<Consultation> list(Filter filter, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + " from consultation" + where(filter)
                        + " order by start_date " + (filter.ascending() ? "asc" : "desc") + ", id " + (filter.ascending() ? "asc" : "desc")
                        + " limit :limit offset :offset")
                .params(params(filter)).param("limit", limit).param("offset", offset)
                .query(ConsultationRepository::map).list();
    }

    long count(Filter filter) {
        return jdbc.sql("select count(*) from consultation" + where(filter)).params(params(filter)).query(Long.class).single();
    }

    private static String where(Filter filter) {
        StringBuilder where = new StringBuilder(" where true");
        if (filter.patientId() != null) {
            where.append(" and patient_id = :patient");
        }
        if (filter.physicianId() != null) {
            where.append(" and physician_id = :physician");
        }
        if (filter.status() != null) {
            where.append(filter.status() == Consultation.Status.OPEN ? " and end_date is null" : " and end_date is not null");
        }
        if (filter.startedFrom() != null) {
            where.append(" and start_date >= :from");
        }
        if (filter.startedTo() != null) {
            where.append(" and start_date < :to");
        }
        return where.toString();
    }

    private static java.util.Map<String, Object> params(Filter filter) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("patient", filter.patientId());
        params.put("physician", filter.physicianId());
        params.put("from", filter.startedFrom() == null ? null : at(filter.startedFrom()));
        params.put("to", filter.startedTo() == null ? null : at(filter.startedTo()));
        return params;
    }

    private static Consultation map(ResultSet rs, int row) throws SQLException {
        return new Consultation(rs.getObject("id", UUID.class), rs.getObject("physician_id", UUID.class), rs.getObject("patient_id", UUID.class),
                instant(rs, "start_date"), instantOrNull(rs, "end_date"), rs.getBigDecimal("price"), rs.getBigDecimal("price_per_hour"),
                rs.getBigDecimal("billed_hours"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
