package dev.quitto.platform.delivery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a delivery. {@code outcome}: {@code SUCCESS} (2xx), {@code RETRYABLE} (network error, timeout, 408,
 * 429, 5xx), {@code PERMANENT} (any other answer), {@code INTERRUPTED} (the sender's lease expired before it recorded
 * an outcome, e.g. the instance died). {@code worker} is the instance that made the attempt (null for attempts made before
 * it was recorded).
 */
public record DeliveryAttempt(int attempt, Instant at, @Nullable Integer statusCode, @Nullable Integer latencyMs, String outcome,
                              @Nullable String error, @Nullable String bodyExcerpt, @Nullable String worker) {
}
