package dev.quitto.anticipation.anticipation;

import org.jspecify.annotations.Nullable;

/** Narrows a list of requests; null members do not filter; {@code supplierId} is intersected with the scope. */
public record AnticipationFilter(@Nullable AnticipationStatus status, @Nullable Long paymentId, @Nullable Long supplierId,
                                 @Nullable Boolean expired) {

    public static AnticipationFilter status(@Nullable AnticipationStatus status) {
        return new AnticipationFilter(status, null, null, null);
    }
}
