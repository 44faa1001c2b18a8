/**
 * Outbound deliveries, the one way Quitto calls another system: {@link dev.quitto.platform.delivery.Deliveries#enqueue}
 * writes a delivery in the caller's transaction (a transactional outbox); workers on any instance claim due rows with
 * a lease, send them with timeouts, backoff and a circuit breaker per destination, and publish
 * {@link dev.quitto.platform.delivery.DeliverySucceeded} or {@link dev.quitto.platform.delivery.DeliveryDied}.
 */
@NamedInterface("delivery")
@NullMarked
package dev.quitto.platform.delivery;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
