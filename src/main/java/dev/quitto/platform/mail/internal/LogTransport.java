package dev.quitto.platform.mail.internal;

import dev.quitto.platform.privacy.Masked;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without an SMTP server ({@code spring.mail.host} unset): each message is written to the log and counts as sent. The
 * recipients and any address in the subject or text are masked there; platform_mail keeps the message whole.
 */
final class LogTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(LogTransport.class);

    @Override
    public List<SendResult> send(List<OutgoingMail> mails) {
        for (OutgoingMail mail : mails) {
            log.info("Mail {} (no SMTP server configured, written to the log only) from {} to {}, subject \"{}\":\n{}",
                    mail.messageId(), mail.from(), Masked.emails(mail.to()), Masked.emailsIn(mail.subject()), Masked.emailsIn(mail.text()));
        }
        return Collections.nCopies(mails.size(), SendResult.SENT);
    }

    @Override
    public String describe() {
        return "no SMTP server configured (SPRING_MAIL_HOST): messages are written to the log and kept in platform_mail";
    }
}
