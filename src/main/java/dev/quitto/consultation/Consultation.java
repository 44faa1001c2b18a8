package dev.quitto.consultation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A consultation as stored: OPEN while {@code endDate} is null, FINISHED (priced) after. */
record Consultation(UUID id, UUID physicianId, UUID patientId, Instant startDate, @Nullable Instant endDate,
                    @Nullable BigDecimal price, @Nullable BigDecimal pricePerHour, @Nullable BigDecimal billedHours,
                    Instant createdAt, Instant updatedAt) {

    enum Status { OPEN, FINISHED }

    Status status() {
        return endDate == null ? Status.OPEN : Status.FINISHED;
    }

    @Nullable Long durationSeconds() {
        return endDate == null ? null : Duration.between(startDate, endDate).getSeconds();
    }
}
