package dev.quitto.anticipation.supplier;

import java.time.Instant;

/** A company the business pays, linked 1:1 to the user who acts for it. */
public record Supplier(long id, long userId, String corporateName, String cnpj, Instant createdAt) {
}
