package dev.quitto.platform.delivery.internal;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.DeliveryState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt came to, ready to be written with a fenced update: the delivery's new state and the attempt's
 * log row. {@code responseBody} is kept for the {@code DeliverySucceeded} event only.
 */
record Outcome(ClaimedDelivery delivery, DeliveryState state, @Nullable Instant nextAttemptAt, @Nullable DeadReason deadReason,
               @Nullable Integer statusCode, @Nullable String error, @Nullable String lastError, int latencyMs, AttemptOutcome attemptOutcome,
               @Nullable String bodyExcerpt, @Nullable String responseBody, @Nullable String resultRef, Instant decidedAt) {

    enum AttemptOutcome { SUCCESS, RETRYABLE, PERMANENT, INTERRUPTED }
}
