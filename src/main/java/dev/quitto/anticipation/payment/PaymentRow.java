package dev.quitto.anticipation.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A payment with its supplier and its latest request, as lists and details show it. */
public record PaymentRow(Payment payment, String supplierName, String supplierCnpj, @Nullable Latest latest) {

    /** The payment's latest anticipation request. */
    public record Latest(long id, String status, LocalDate newDueDate, BigDecimal newValue, Instant requestedAt, @Nullable Instant decidedAt) {
    }
}
