package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.supplier.ActorRole;
import dev.quitto.platform.mail.Mail;
import dev.quitto.platform.mail.MailContent;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The supplier's e-mail of an action, in the transaction of its log row: handed to the platform mail sender under the
 * key {@code anticipation:log:<log id>}, so it is sent after commit, at most once, and a rollback leaves no e-mail.
 * Always to the supplier's user, whoever acted; a supplier user without an e-mail address gets none.
 */
@Component
class ActionMails {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final Logger log = LoggerFactory.getLogger(ActionMails.class);

    private final Mail mail;

    ActionMails(Mail mail) {
        this.mail = mail;
    }

    void write(MailKind kind, RequestWithSupplier written, ActorRole actorRole) {
        Anticipation anticipation = written.anticipation();
        String actor = actorRole == ActorRole.SUPPLIER ? "you" : "an operator on your behalf";
        String verb = switch (kind) {
            case REQUESTED -> "requested by " + actor;
            case APPROVED -> "approved by " + actor;
            case DENIED -> "denied by " + actor;
        };
        String text = """
                Hello, %s.

                The anticipation %d of payment %d was %s.

                Original value: %s, due %s.
                New value: %s, due %s (%d days in advance).
                Status: %s.
                """.formatted(written.supplierName(), anticipation.id(), anticipation.paymentId(), verb,
                money(anticipation.originalValue()), date(anticipation.originalDueDate()),
                money(anticipation.newValue()), date(anticipation.newDueDate()), anticipation.daysInAdvance(),
                anticipation.status().name());
        String html = "<html><body>" + text.lines().map(line -> line.isEmpty() ? "" : "<p>" + HtmlUtils.htmlEscape(line) + "</p>")
                .reduce("", String::concat) + "</body></html>";
        if (!mail.enqueueToUser(written.supplierUserId(), "anticipation:log:" + written.logId(), kind.subject(), new MailContent.Text(text, html))) {
            log.warn("Anticipation {}: supplier user {} has no e-mail address; no {} e-mail", anticipation.id(), written.supplierUserId(), kind);
        }
    }

    private static String money(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(PT_BR));
        return "R$ " + format.format(value);
    }

    private static String date(LocalDate date) {
        return DATE.format(date);
    }
}
