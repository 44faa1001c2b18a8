package dev.quitto.platform.jobs.internal;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event publication whose listener failed. {@code givenUpAt} is set once it ran out of attempts; until then
 * the resubmission job retries it. Times are rendered in America/Sao_Paulo.
 */
record FailedEventView(UUID id, String listenerId, String eventType, OffsetDateTime publishedAt, int attempts,
                       OffsetDateTime lastAttemptAt, @Nullable OffsetDateTime givenUpAt) {
}
