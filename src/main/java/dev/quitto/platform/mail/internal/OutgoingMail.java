package dev.quitto.platform.mail.internal;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A message ready for a transport: addressed, rendered. */
record OutgoingMail(UUID id, String messageId, String from, @Nullable String replyTo, List<String> to, String subject,
                    String text, @Nullable String html) {
}
