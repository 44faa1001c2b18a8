package dev.quitto.anticipation.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A payment owed to a supplier; immutable once created. {@code state} follows its latest anticipation request. */
public record Payment(long id, long supplierId, LocalDate issueDate, LocalDate dueDate, BigDecimal value, Instant createdAt,
                      AnticipationState state, @Nullable Long currentAnticipationId) {

    public PaymentStatus status(LocalDate today) {
        return PaymentStatus.of(state, dueDate, today);
    }

    public boolean canRequestAnticipation(LocalDate today) {
        return PaymentStatus.canRequestAnticipation(state, dueDate, today);
    }
}
