package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.supplier.ActorRole;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A request to be paid early. {@code newValue} and {@code monthlyRate} are fixed when it is made; only an operator's
 * decision changes its status, once.
 */
public record Anticipation(long id, long paymentId, long supplierId, AnticipationStatus status, BigDecimal originalValue,
                           LocalDate originalDueDate, LocalDate newDueDate, BigDecimal newValue, int daysInAdvance,
                           BigDecimal monthlyRate, long requestedBy, ActorRole requestedByRole, Instant requestedAt,
                           @Nullable Long decidedBy, @Nullable ActorRole decidedByRole, @Nullable Instant decidedAt, Instant updatedAt) {

    /** Pending, and its new due date has passed: it can only be denied. */
    public boolean expired(LocalDate today) {
        return status == AnticipationStatus.PENDING && newDueDate.isBefore(today);
    }

    public boolean approvable(LocalDate today) {
        return status == AnticipationStatus.PENDING && !expired(today);
    }

    public BigDecimal discount() {
        return originalValue.subtract(newValue);
    }
}
