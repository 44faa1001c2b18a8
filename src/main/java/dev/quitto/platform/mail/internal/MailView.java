package dev.quitto.platform.mail.internal;

import dev.quitto.platform.mail.MailStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A message as operators see it (bodies left out). Times are rendered in America/Sao_Paulo. */
public record MailView(UUID id, String businessKey, List<String> recipients, String subject, @Nullable String template,
                MailStatus status, int attempts, OffsetDateTime nextAttemptAt, @Nullable OffsetDateTime sentAt,
                String messageId, @Nullable String lastError, @Nullable String claimedBy, OffsetDateTime createdAt,
                OffsetDateTime updatedAt) {
}
