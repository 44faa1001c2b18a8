package dev.quitto.platform.mail;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A queued or sent message as an operator sees it (bodies left out); times in America/Sao_Paulo. */
public record SentMail(UUID id, String businessKey, List<String> recipients, String subject, @Nullable String template,
                       MailStatus status, int attempts, OffsetDateTime nextAttemptAt, @Nullable OffsetDateTime sentAt,
                       @Nullable String lastError, OffsetDateTime createdAt) {

    public SentMail {
        recipients = List.copyOf(recipients);
    }

    /** Only a message that did not (surely) go out may be sent again. */
    public boolean resendable() {
        return status == MailStatus.FAILED || status == MailStatus.UNKNOWN;
    }
}
