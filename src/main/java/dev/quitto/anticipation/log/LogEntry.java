package dev.quitto.anticipation.log;

import dev.quitto.anticipation.supplier.ActorRole;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One row of the request log, self-contained: who acted and as what, when, the transition, and the payment's
 * original value and due date beside the request's new ones (the same on the R, A and D rows of one request).
 */
public record LogEntry(long id, long anticipationId, long paymentId, long supplierId, long actorUserId, ActorRole actorRole,
                       LogAction action, @Nullable String fromStatus, String toStatus, BigDecimal valueBefore, BigDecimal valueAfter,
                       LocalDate dueDateBefore, LocalDate dueDateAfter, Instant occurredAt) {
}
