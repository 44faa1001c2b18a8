package dev.quitto.platform.mail.internal;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

final class MailNotFound extends Refusal {

    static final String CODE = "mail-not-found";

    MailNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, CODE, "No e-mail " + id + ".", Map.of("mailId", id.toString()));
    }
}
