package dev.quitto.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Debts, their invoices and payments as stored; SQL per aggregate. */
@Repository("billingDebtRepository")
class DebtRepository {

    record DebtRow(long pk, String debtId, String name, String governmentId, String email, BigDecimal amount, LocalDate dueDate,
                   String status, BigDecimal paidTotal, BigDecimal excess, @Nullable UUID importId, OffsetDateTime createdAt) {

        BigDecimal balance() {
            return amount.subtract(paidTotal).max(BigDecimal.ZERO);
        }
    }

    record InvoiceRow(UUID id, long debtPk, String debtId, long nossoNumero, BigDecimal amount, LocalDate dueDate, String barcode,
                      String digitableLine, String pixPayload, String status, OffsetDateTime issuedAt, @Nullable UUID supersededBy,
                      String name, String governmentId, String email, BigDecimal debtAmount, BigDecimal paidTotal) {
    }

    record Filter(List<String> statuses, @Nullable Boolean overdue, @Nullable LocalDate dueFrom, @Nullable LocalDate dueTo,
                  @Nullable UUID importId, @Nullable String governmentId, @Nullable Boolean hasExcess, String sort, boolean descending) {
    }

    private static final String DEBT_COLUMNS = """
            id as pk, debt_id, name, government_id, email, amount, due_date, status, paid_total, excess, import_id, created_at""";
    private static final String INVOICE_COLUMNS = """
            i.id, i.debt_pk, d.debt_id, i.nosso_numero, i.amount, i.due_date, i.barcode, i.digitable_line, i.pix_payload, i.status,
            i.issued_at, i.superseded_by, d.name, d.government_id, d.email, d.amount as debt_amount, d.paid_total""";

    private final JdbcClient jdbc;

    DebtRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DebtRow> find(String debtId) {
        return jdbc.sql("select " + DEBT_COLUMNS + " from billing_debt where debt_id = :debtId").param("debtId", debtId)
                .query(DebtRow.class).optional();
    }

    /** The debt locked for the rest of the transaction (payments on one debt apply one after the other). */
    Optional<DebtRow> lock(String debtId) {
        return jdbc.sql("select " + DEBT_COLUMNS + " from billing_debt where debt_id = :debtId for update").param("debtId", debtId)
                .query(DebtRow.class).optional();
    }

    DebtRow settle(long pk, BigDecimal paidTotal, BigDecimal excess, String status, OffsetDateTime now) {
        return jdbc.sql("""
                update billing_debt set paid_total = :paidTotal, excess = :excess, status = :status, updated_at = :now, version = version + 1
                where id = :pk
                returning\s""" + DEBT_COLUMNS).param("paidTotal", paidTotal).param("excess", excess).param("status", status).param("now", now)
                .param("pk", pk).query(DebtRow.class).single();
    }

    List<DebtRow> list(Filter filter, LocalDate today, long offset, int limit) {
        Where where = where(filter, today);
        String order = switch (filter.sort()) {
            case "createdAt" -> "created_at" + (filter.descending() ? " desc" : "") + ", id";
            default -> "due_date" + (filter.descending() ? " desc" : "") + ", id";
        };
        return where.bind(jdbc.sql("select " + DEBT_COLUMNS + " from billing_debt" + where.sql + " order by " + order
                        + " limit :limit offset :offset"))
                .param("limit", limit).param("offset", offset).query(DebtRow.class).list();
    }

    long count(Filter filter, LocalDate today) {
        Where where = where(filter, today);
        return where.bind(jdbc.sql("select count(*) from billing_debt" + where.sql)).query(Long.class).single();
    }

    private record Where(String sql, Filter filter, LocalDate today) {
        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            spec = spec.param("today", today);
            if (!filter.statuses().isEmpty()) {
                spec = spec.param("statuses", filter.statuses());
            }
            if (filter.dueFrom() != null) {
                spec = spec.param("dueFrom", filter.dueFrom());
            }
            if (filter.dueTo() != null) {
                spec = spec.param("dueTo", filter.dueTo());
            }
            if (filter.importId() != null) {
                spec = spec.param("importId", filter.importId());
            }
            if (filter.governmentId() != null) {
                spec = spec.param("governmentId", filter.governmentId());
            }
            return spec;
        }
    }

    private static Where where(Filter filter, LocalDate today) {
        List<String> conditions = new ArrayList<>();
        if (!filter.statuses().isEmpty()) {
            conditions.add("status in (:statuses)");
        }
        if (filter.overdue() != null) {
            conditions.add(filter.overdue() ? "(status <> 'PAID' and due_date < :today)" : "not (status <> 'PAID' and due_date < :today)");
        }
        if (filter.dueFrom() != null) {
            conditions.add("due_date >= :dueFrom");
        }
        if (filter.dueTo() != null) {
            conditions.add("due_date <= :dueTo");
        }
        if (filter.importId() != null) {
            conditions.add("import_id = :importId");
        }
        if (filter.governmentId() != null) {
            conditions.add("government_id = :governmentId");
        }
        if (filter.hasExcess() != null) {
            conditions.add(filter.hasExcess() ? "excess > 0" : "excess = 0");
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), filter, today);
    }

    List<InvoiceRow> invoicesOf(long debtPk) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from billing_invoice i join billing_debt d on d.id = i.debt_pk where i.debt_pk = :pk "
                + "order by i.issued_at, i.nosso_numero").param("pk", debtPk).query(InvoiceRow.class).list();
    }

    Optional<InvoiceRow> invoice(UUID id) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from billing_invoice i join billing_debt d on d.id = i.debt_pk where i.id = :id")
                .param("id", id).query(InvoiceRow.class).optional();
    }

    Optional<InvoiceRow> openInvoice(long debtPk) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from billing_invoice i join billing_debt d on d.id = i.debt_pk "
                + "where i.debt_pk = :pk and i.status = 'OPEN'").param("pk", debtPk).query(InvoiceRow.class).optional();
    }

    void closeInvoice(UUID id, String status, @Nullable UUID supersededBy) {
        jdbc.sql("update billing_invoice set status = :status, superseded_by = :by where id = :id")
                .param("status", status).param("by", supersededBy).param("id", id).update();
    }

    /** A new OPEN invoice with its INVOICE e-mail job, in the caller's transaction. */
    void issueInvoice(UUID id, long debtPk, long nossoNumero, BigDecimal amount, LocalDate dueDate, String barcode, String digitableLine,
                      String pix, OffsetDateTime now) {
        jdbc.sql("""
                insert into billing_invoice (id, debt_pk, nosso_numero, amount, due_date, barcode, digitable_line, pix_payload, status, issued_at)
                values (:id, :debtPk, :nossoNumero, :amount, :dueDate, :barcode, :line, :pix, 'OPEN', :now)""")
                .param("id", id).param("debtPk", debtPk).param("nossoNumero", nossoNumero).param("amount", amount).param("dueDate", dueDate)
                .param("barcode", barcode).param("line", digitableLine).param("pix", pix).param("now", now).update();
        jdbc.sql("""
                insert into billing_email (invoice_id, kind, status, next_attempt_at, created_at) values (:id, 'INVOICE', 'PENDING', :now, :now)
                on conflict do nothing""").param("id", id).param("now", now).update();
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
