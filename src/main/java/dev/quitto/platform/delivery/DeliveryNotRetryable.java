package dev.quitto.platform.delivery;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A DELIVERED delivery is never sent again: 409 {@code delivery-not-retryable}. */
public final class DeliveryNotRetryable extends Refusal {

    public static final String CODE = "delivery-not-retryable";

    public DeliveryNotRetryable(UUID id, DeliveryState state) {
        super(HttpStatus.CONFLICT, CODE, "Delivery " + id + " is " + state + "; only a DEAD delivery can be retried.",
                Map.of("deliveryId", id.toString(), "state", state.name()));
    }
}
