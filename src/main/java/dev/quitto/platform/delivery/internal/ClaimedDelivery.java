package dev.quitto.platform.delivery.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A delivery this instance ({@code owner}) holds a lease on: what to send, and the token that fences its outcome. */
record ClaimedDelivery(UUID id, String destination, String businessKey, String method, String target, Map<String, String> headers,
                       @Nullable String payload, UUID leaseToken, int attempts, int cycleAttempts, Instant giveUpAt, Instant claimedAt,
                       String owner) {
}
