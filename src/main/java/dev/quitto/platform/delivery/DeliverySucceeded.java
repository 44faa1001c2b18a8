package dev.quitto.platform.delivery;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A destination answered 2xx; the delivery is DELIVERED. Published in the transaction that records it, so an
 * {@code @ApplicationModuleListener} sees it once that commits (consultation stores finance's record id from here,
 * cashback the provider's reply).
 *
 * @param responseBody the answer's body, at most 64 KiB of it
 * @param resultRef    the value at the destination's {@code result-ref-pointer} in the body, when one is configured
 */
public record DeliverySucceeded(UUID id, String destination, String businessKey, int statusCode, String responseBody,
                                @Nullable String resultRef, int attempts) {
}
