package dev.quitto.finance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One financial entry: the charge of one appointment. */
record FinanceRecord(UUID id, UUID appointmentId, BigDecimal totalPrice, Instant createdAt) {
}
