package dev.quitto.platform.delivery;

import java.util.List;

/** One page of deliveries, newest first, and how many match in all. */
public record DeliveryPage(List<Delivery> items, long totalItems) {

    public DeliveryPage {
        items = List.copyOf(items);
    }
}
