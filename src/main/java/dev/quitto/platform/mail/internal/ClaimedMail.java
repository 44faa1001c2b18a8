package dev.quitto.platform.mail.internal;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A message this instance claimed: SENDING under {@code leaseToken} until it records the outcome. */
record ClaimedMail(UUID id, String businessKey, List<String> recipients, String subject, @Nullable String template,
                   @Nullable String modelJson, @Nullable String text, @Nullable String html, String messageId, int attempts,
                   UUID leaseToken) {
}
