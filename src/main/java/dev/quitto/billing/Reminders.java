package dev.quitto.billing;

import dev.quitto.platform.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reminder run (billing.md 4.7): for each step (default −3, 0, +7 days from the due date) one set-based
 * {@code INSERT … SELECT … ON CONFLICT DO NOTHING} of e-mail jobs for open invoices of unpaid debts whose INVOICE e-mail
 * went to the mail sender, when step date ≤ today ≤ step date + catch-up and the step date is not before the invoice's
 * issue date. The unique (invoice, kind) makes "never twice" structural.
 */
@Component("billingReminders")
class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    private final JdbcClient jdbc;
    private final BillingSettings settings;
    private final Clock clock;

    Reminders(JdbcClient jdbc, BillingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    static String kind(int step) {
        return "REMINDER_D" + (step < 0 ? "-" : "+") + Math.abs(step);
    }

    @Transactional
    public int enqueueDue() {
        LocalDate today = BusinessTime.today(clock);
        int total = 0;
        for (int step : settings.reminders().steps()) {
            // step date = due + step, so today - catchUp <= due + step <= today  <=>  due between today - step - catchUp and today - step
            total += jdbc.sql("""
                            insert into billing_email (invoice_id, kind, status, next_attempt_at, created_at)
                            select i.id, :kind, 'PENDING', :now, :now
                            from billing_invoice i
                            join billing_debt d on d.id = i.debt_pk
                            join billing_email sent on sent.invoice_id = i.id and sent.kind = 'INVOICE' and sent.status = 'HANDED'
                            where i.status = 'OPEN' and d.status <> 'PAID'
                              and i.due_date between :fromDue and :toDue
                              and i.due_date + :step >= (i.issued_at at time zone 'America/Sao_Paulo')::date
                            on conflict (invoice_id, kind) do nothing""")
                    .param("kind", kind(step)).param("now", DebtRepository.utc(clock.instant())).param("step", step)
                    .param("fromDue", today.minusDays(step + (long) settings.reminders().catchUpDays())).param("toDue", today.minusDays(step))
                    .update();
        }
        if (total > 0) {
            log.info("Reminder run of {} enqueued {} reminder e-mails", today, total);
        }
        return total;
    }
}
