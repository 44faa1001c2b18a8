package dev.quitto.platform.mail.internal;

import dev.quitto.platform.mail.MailStatus;
import dev.quitto.platform.web.Refusal;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Only an UNKNOWN or FAILED message may be sent again; a PENDING, SENDING or SENT one may not. */
final class MailNotResendable extends Refusal {

    static final String CODE = "mail-not-resendable";

    MailNotResendable(UUID id, MailStatus status) {
        super(HttpStatus.CONFLICT, CODE, "E-mail " + id + " is " + status + "; only UNKNOWN or FAILED e-mails can be resent.",
                Map.of("mailId", id.toString(), "status", status.name()));
    }
}
