package dev.quitto.billing;

import dev.quitto.platform.mail.Mail;
import dev.quitto.platform.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reminder run (billing.md 4.7): for each step (default −3, 0, +7 days from the due date) the open invoices of
 * unpaid debts whose step date ≤ today ≤ step date + catch-up and is not before the invoice's issue date, kept only if
 * their INVOICE e-mail was SENT (asked of the platform's mail, which owns that outcome: a bounced address gets no
 * reminders), then one set-based {@code INSERT … SELECT … ON CONFLICT DO NOTHING} of their jobs. The unique
 * (invoice, kind) makes "never twice" structural.
 */
@Component("billingReminders")
class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    private final JdbcClient jdbc;
    private final Mail mail;
    private final BillingSettings settings;
    private final Clock clock;

    Reminders(JdbcClient jdbc, Mail mail, BillingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
    }

    static String kind(int step) {
        return "REMINDER_D" + (step < 0 ? "-" : "+") + Math.abs(step);
    }

    @Transactional
    public int enqueueDue() {
        LocalDate today = BusinessTime.today(clock);
        OffsetDateTime now = DebtRepository.utc(clock.instant());
        int total = 0;
        for (int step : settings.reminders().steps()) {
            // step date = due + step, so today - catchUp <= due + step <= today  <=>  due between today - step - catchUp and today - step
            List<UUID> due = jdbc.sql("""
                            select i.id
                            from billing_invoice i
                            join billing_debt d on d.id = i.debt_pk
                            join billing_email sent on sent.invoice_id = i.id and sent.kind = 'INVOICE' and sent.status = 'HANDED'
                            where i.status = 'OPEN' and d.status <> 'PAID'
                              and i.due_date between :fromDue and :toDue
                              and i.due_date + :step >= (i.issued_at at time zone 'America/Sao_Paulo')::date
                              and not exists (select 1 from billing_email r where r.invoice_id = i.id and r.kind = :kind)""")
                    .param("kind", kind(step)).param("step", step)
                    .param("fromDue", today.minusDays(step + (long) settings.reminders().catchUpDays())).param("toDue", today.minusDays(step))
                    .query(UUID.class).list();
            List<UUID> mailed = invoiceMailSent(due);
            if (mailed.isEmpty()) {
                continue;
            }
            total += jdbc.sql("""
                            insert into billing_email (invoice_id, kind, status, next_attempt_at, created_at)
                            select invoice_id, :kind, 'PENDING', :now, :now from unnest(:invoices) as invoice_id
                            on conflict (invoice_id, kind) do nothing""")
                    .param("kind", kind(step)).param("now", now).param("invoices", mailed.toArray(UUID[]::new)).update();
        }
        if (total > 0) {
            log.info("Reminder run of {} enqueued {} reminder e-mails", today, total);
        }
        return total;
    }

    /** Those of {@code invoices} whose INVOICE e-mail the debtor's mail server accepted. */
    private List<UUID> invoiceMailSent(List<UUID> invoices) {
        if (invoices.isEmpty()) {
            return invoices;
        }
        Set<String> sent = mail.sentAmong(invoices.stream().map(invoice -> BillingMail.businessKey(invoice, "INVOICE")).toList());
        return invoices.stream().filter(invoice -> sent.contains(BillingMail.businessKey(invoice, "INVOICE"))).toList();
    }
}
