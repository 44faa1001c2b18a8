package dev.quitto.platform.delivery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps every delivery event the worker publishes, for tests to look up by delivery id. */
@Component
class DeliveryEvents {

    private final List<DeliverySucceeded> succeeded = new CopyOnWriteArrayList<>();
    private final List<DeliveryDied> died = new CopyOnWriteArrayList<>();

    @EventListener
    void on(DeliverySucceeded event) {
        succeeded.add(event);
    }

    @EventListener
    void on(DeliveryDied event) {
        died.add(event);
    }

    List<DeliverySucceeded> succeeded(UUID id) {
        return succeeded.stream().filter(event -> event.id().equals(id)).toList();
    }

    Optional<DeliveryDied> died(UUID id) {
        return died.stream().filter(event -> event.id().equals(id)).findFirst();
    }
}
