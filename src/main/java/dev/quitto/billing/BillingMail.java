package dev.quitto.billing;

import dev.quitto.platform.mail.Mail;
import dev.quitto.platform.mail.MailContent;
import dev.quitto.platform.mail.MailMessage;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands billing's e-mail jobs ({@code billing_email}, filled set-based by the import, the webhook and the reminder run)
 * to the platform mail sender, which sends them after commit, at most once per business key
 * {@code billing:<invoice id>:<kind>}, rate-limited, with the deterministic {@code Message-ID <invoiceId.kind@domain>}.
 * A job whose invoice is no longer OPEN is SKIPPED. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so any number
 * of instances can run it. Jobs of a debt that has an UNMATCHED payment wait until the matcher has applied it.
 */
@org.springframework.stereotype.Component("billingMail")
class BillingMail {

    private static final Logger log = LoggerFactory.getLogger(BillingMail.class);
    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    record Job(long id, UUID invoiceId, String kind, String invoiceStatus, BigDecimal amount, LocalDate dueDate, String digitableLine,
               String pixPayload, String name, String email) {
    }

    private final JdbcClient jdbc;
    private final Mail mail;
    private final InvoiceLinks links;
    private final BillingSettings settings;
    private final Clock clock;
    private final TransactionTemplate transaction;

    BillingMail(JdbcClient jdbc, Mail mail, InvoiceLinks links, BillingSettings settings, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.links = links;
        this.settings = settings;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Hands over every due job, batch by batch; returns how many were handed over (not counting skipped ones). */
    int handOverDue() {
        int total = 0;
        while (true) {
            int[] batch = transaction.execute(status -> handOverBatch());
            if (batch == null || batch[0] + batch[1] == 0) {
                return total;
            }
            total += batch[0];
        }
    }

    private int[] handOverBatch() {
        OffsetDateTime now = DebtRepository.utc(clock.instant());
        List<Job> jobs = jdbc.sql("""
                        select e.id, e.invoice_id, e.kind, i.status as invoice_status, i.amount, i.due_date, i.digitable_line, i.pix_payload,
                               d.name, d.email
                        from billing_email e join billing_invoice i on i.id = e.invoice_id join billing_debt d on d.id = i.debt_pk
                        where e.status = 'PENDING' and e.next_attempt_at <= :now
                          and not exists (select 1 from billing_payment p where p.status = 'UNMATCHED' and p.debt_id_raw = d.debt_id)
                        order by e.id limit :limit
                        for update of e skip locked""")
                .param("now", now).param("limit", settings.mail().batchSize()).query(Job.class).list();
        List<MailMessage> messages = new ArrayList<>();
        List<Long> handed = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        for (Job job : jobs) {
            if (!"OPEN".equals(job.invoiceStatus())) {
                skipped.add(job.id());
                continue;
            }
            messages.add(message(job));
            handed.add(job.id());
        }
        if (!messages.isEmpty()) {
            mail.enqueueAll(messages);
            mark(handed, "HANDED", now);
        }
        if (!skipped.isEmpty()) {
            mark(skipped, "SKIPPED", now);
            log.info("{} billing e-mail jobs skipped: their invoices are no longer open", skipped.size());
        }
        return new int[] {handed.size(), skipped.size()};
    }

    private void mark(List<Long> ids, String status, OffsetDateTime now) {
        jdbc.sql("update billing_email set status = :status, handed_at = :now where id in (:ids)")
                .param("status", status).param("now", now).param("ids", ids).update();
    }

    /** The platform mail's business key of an invoice's e-mail of one kind (INVOICE, REMINDER_D-3, ...). */
    static String businessKey(UUID invoice, String kind) {
        return "billing:" + invoice + ":" + kind;
    }

    MailMessage message(Job job) {
        String amount = money(job.amount());
        String due = DATE.format(job.dueDate());
        String subject;
        String intro;
        if ("INVOICE".equals(job.kind())) {
            subject = "Sua fatura de " + amount + " vence em " + due;
            intro = "Sua fatura está disponível. Pague pelo boleto ou pelo PIX abaixo.";
        } else {
            int days = Integer.parseInt(job.kind().substring("REMINDER_D".length()).replace("+", ""));
            subject = days < 0 ? "Lembrete: sua fatura de " + amount + " vence em " + due
                    : days == 0 ? "Lembrete: sua fatura de " + amount + " vence hoje"
                    : "Lembrete: sua fatura de " + amount + " venceu em " + due;
            intro = days < 0 ? "Lembrete: sua fatura vence em " + -days + " dias." : days == 0 ? "Lembrete: sua fatura vence hoje."
                    : "Lembrete: sua fatura venceu há " + days + " dias e ainda está em aberto.";
        }
        Map<String, Object> model = Map.of("name", job.name(), "intro", intro, "amount", amount, "dueDate", due,
                "digitableLine", Boleto.formatted(job.digitableLine()), "pix", job.pixPayload(), "pdfLink", links.signedPdfLink(job.invoiceId()));
        return new MailMessage(businessKey(job.invoiceId(), job.kind()), List.of(job.email()), subject,
                new MailContent.Template("billing/invoice", model), "<" + job.invoiceId() + "." + job.kind() + "@" + settings.mail().messageIdDomain() + ">");
    }

    static String money(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(PT_BR));
        return "R$ " + format.format(value);
    }
}
