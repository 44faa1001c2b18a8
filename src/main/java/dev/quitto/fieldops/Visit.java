package dev.quitto.fieldops;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A stored visit with its angel and polo. */
record Visit(long id, long clientId, Angel angel, Polo polo, LocalDate deadline, @Nullable LocalDate visitDate,
             @Nullable Instant visitedAt, String source, int version, Instant createdAt, Instant updatedAt) {

    record Angel(long id, String name) {
    }

    record Polo(long id, String name, @Nullable String uf, @Nullable String city) {
    }

    Outcome outcome(LocalDate asOf) {
        return Outcome.of(deadline, visitDate, asOf);
    }
}
