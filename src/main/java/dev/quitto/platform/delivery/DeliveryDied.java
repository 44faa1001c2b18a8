package dev.quitto.platform.delivery;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A delivery became DEAD: rejected, expired, out of attempts, or a destination's own reason. Published in the
 * transaction that records it. An operator may still retry it.
 *
 * @param responseExcerpt the start of the last answer's body, when the last attempt got one
 */
public record DeliveryDied(UUID id, String destination, String businessKey, DeadReason reason, @Nullable Integer lastStatusCode,
                           @Nullable String lastError, @Nullable String responseExcerpt, int attempts) {
}
