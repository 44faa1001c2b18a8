package dev.quitto.fieldops;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What became of a visit (spec 4.3); the deadline day counts as on time, {@code asOf} splits pending from overdue. */
public enum Outcome {
    ON_TIME, LATE, PENDING, OVERDUE;

    static Outcome of(LocalDate deadline, @Nullable LocalDate visitDate, LocalDate asOf) {
        if (visitDate != null) {
            return visitDate.isAfter(deadline) ? LATE : ON_TIME;
        }
        return deadline.isBefore(asOf) ? OVERDUE : PENDING;
    }
}
