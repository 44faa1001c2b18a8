package dev.quitto.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payments received from the bank, unique by idempotency key. */
@Repository("billingPaymentRepository")
class PaymentRepository {

    record PaymentRow(UUID id, String idempotencyKey, String keySource, String payloadSha256, String debtIdRaw, @Nullable Long debtPk,
                      OffsetDateTime paidAt, BigDecimal paidAmount, BigDecimal appliedAmount, BigDecimal excessAmount, String paidBy,
                      String status, OffsetDateTime receivedAt) {
    }

    record NewPayment(UUID id, String idempotencyKey, String keySource, String payloadSha256, String debtId, OffsetDateTime paidAt,
                      String paidAtRaw, BigDecimal paidAmount, String paidBy, String rawBody) {
    }

    private static final String COLUMNS = """
            id, idempotency_key, key_source, payload_sha256, debt_id_raw, debt_pk, paid_at, paid_amount, applied_amount, excess_amount,
            paid_by, status, received_at""";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the payment as UNMATCHED unless its key is stored (then empty); waits for a concurrent insert of the same
     * key to finish.
     */
    Optional<PaymentRow> insert(NewPayment payment, OffsetDateTime now) {
        return jdbc.sql("""
                        insert into billing_payment (id, idempotency_key, key_source, payload_sha256, debt_id_raw, paid_at, paid_at_raw,
                            paid_amount, paid_by, status, received_at, raw_body)
                        values (:id, :key, :source, :sha, :debtId, :paidAt, :paidAtRaw, :amount, :paidBy, 'UNMATCHED', :now, cast(:raw as jsonb))
                        on conflict (idempotency_key) do nothing
                        returning\s""" + COLUMNS)
                .param("id", payment.id()).param("key", payment.idempotencyKey()).param("source", payment.keySource())
                .param("sha", payment.payloadSha256()).param("debtId", payment.debtId()).param("paidAt", payment.paidAt())
                .param("paidAtRaw", payment.paidAtRaw()).param("amount", payment.paidAmount()).param("paidBy", payment.paidBy())
                .param("now", now).param("raw", payment.rawBody()).query(PaymentRow.class).optional();
    }

    Optional<PaymentRow> byKey(String key) {
        return jdbc.sql("select " + COLUMNS + " from billing_payment where idempotency_key = :key").param("key", key).query(PaymentRow.class).optional();
    }

    Optional<PaymentRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from billing_payment where id = :id").param("id", id).query(PaymentRow.class).optional();
    }

    PaymentRow applied(UUID id, long debtPk, BigDecimal applied, BigDecimal excess, OffsetDateTime now) {
        return jdbc.sql("""
                update billing_payment set status = 'APPLIED', debt_pk = :debtPk, applied_amount = :applied, excess_amount = :excess, applied_at = :now
                where id = :id
                returning\s""" + COLUMNS).param("debtPk", debtPk).param("applied", applied).param("excess", excess).param("now", now).param("id", id)
                .query(PaymentRow.class).single();
    }

    List<PaymentRow> ofDebt(long debtPk) {
        return jdbc.sql("select " + COLUMNS + " from billing_payment where debt_pk = :pk order by paid_at, received_at").param("pk", debtPk)
                .query(PaymentRow.class).list();
    }

    List<PaymentRow> list(@Nullable String status, @Nullable String debtId, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from billing_payment where (cast(:status as text) is null or status = :status) "
                        + "and (cast(:debtId as text) is null or debt_id_raw = :debtId) order by received_at desc, id desc limit :limit offset :offset")
                .param("status", status).param("debtId", debtId).param("limit", limit).param("offset", offset).query(PaymentRow.class).list();
    }

    long count(@Nullable String status, @Nullable String debtId) {
        return jdbc.sql("select count(*) from billing_payment where (cast(:status as text) is null or status = :status) "
                        + "and (cast(:debtId as text) is null or debt_id_raw = :debtId)")
                .param("status", status).param("debtId", debtId).query(Long.class).single();
    }

    /** UNMATCHED payments whose debt now exists, oldest paidAt first, locked (others' locked rows skipped). */
    List<PaymentRow> claimMatchable(int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from billing_payment p
                        where p.status = 'UNMATCHED' and exists (select 1 from billing_debt d where d.debt_id = p.debt_id_raw)
                        order by p.paid_at limit :limit for update of p skip locked""").param("limit", limit).query(PaymentRow.class).list();
    }
}
