package dev.quitto.platform.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A delivery as stored. {@code attempts} counts every attempt since enqueue; {@code inFlight} is true while a worker
 * holds a live lease on it.
 */
public record Delivery(UUID id, String destination, String businessKey, String method, String target, Map<String, String> headers,
                       @Nullable String payload, DeliveryState state, int attempts, Instant nextAttemptAt, Instant giveUpAt,
                       boolean inFlight, @Nullable Instant lastAttemptAt, @Nullable Integer lastStatusCode, @Nullable String lastError,
                       @Nullable DeadReason deadReason, @Nullable Instant deliveredAt, @Nullable String resultRef,
                       Instant createdAt, Instant updatedAt) {
}
