package dev.quitto.anticipation.payment;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** Narrows a payment list; null members do not filter. {@code supplierId} is intersected with the caller's scope. */
public record PaymentFilter(@Nullable PaymentStatus status, @Nullable Long supplierId, @Nullable LocalDate dueFrom, @Nullable LocalDate dueTo) {

    public static PaymentFilter status(@Nullable PaymentStatus status) {
        return new PaymentFilter(status, null, null, null);
    }
}
