package dev.quitto.platform.delivery;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** No delivery has this id: 404 {@code delivery-not-found}. */
public final class DeliveryNotFound extends Refusal {

    public static final String CODE = "delivery-not-found";

    public DeliveryNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, CODE, "Delivery " + id + " does not exist.", Map.of("deliveryId", id.toString()));
    }
}
