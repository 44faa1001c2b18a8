package dev.quitto.consultation;

import dev.quitto.platform.delivery.Delivery;
import dev.quitto.platform.time.BusinessTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** How a consultation is rendered: the seed's shape (snake_case, naive local time, price as a number) and the canonical one. */
final class ConsultationViews {

    private static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ConsultationViews() {
    }

    /** Exactly {@code id, start_date, end_date, physician_id, patient_id, price}, as the seed rendered them. */
    static Map<String, @Nullable Object> seed(Consultation c) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("id", c.id().toString());
        body.put("start_date", seedTime(c.startDate()));
        body.put("end_date", c.endDate() == null ? null : seedTime(c.endDate()));
        body.put("physician_id", c.physicianId().toString());
        body.put("patient_id", c.patientId().toString());
        body.put("price", c.price() == null ? null : c.price().setScale(2));
        return body;
    }

    static String seedTime(Instant instant) {
        return SEED_TIME.format(instant.atZone(BusinessTime.ZONE));
    }

    static OffsetDateTime render(Instant instant) {
        return BusinessTime.render(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static @Nullable OffsetDateTime renderOrNull(@Nullable Instant instant) {
        return instant == null ? null : render(instant);
    }

    record ChargeRef(UUID id, String status, int attempts) {
        static @Nullable ChargeRef of(Optional<Delivery> delivery) {
            return delivery.map(d -> new ChargeRef(d.id(), d.state().name(), d.attempts())).orElse(null);
        }
    }

    record View(UUID id, UUID physicianId, UUID patientId, String status, OffsetDateTime startDate, @Nullable OffsetDateTime endDate,
                @Nullable Long durationSeconds, @Nullable BigDecimal billedHours, @Nullable String pricePerHour, @Nullable String price,
                @Nullable ChargeRef charge) {

        static View of(Consultation c, Optional<Delivery> charge) {
            return new View(c.id(), c.physicianId(), c.patientId(), c.status().name(), render(c.startDate()), renderOrNull(c.endDate()),
                    c.durationSeconds(), c.billedHours() == null ? null : c.billedHours().setScale(2), money(c.pricePerHour()), money(c.price()),
                    c.endDate() == null ? null : ChargeRef.of(charge));
        }
    }

    static @Nullable String money(@Nullable BigDecimal amount) {
        return amount == null ? null : amount.setScale(2).toPlainString();
    }
}
