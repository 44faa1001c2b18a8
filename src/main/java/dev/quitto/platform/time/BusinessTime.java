package dev.quitto.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The business zone and the conversions every module needs; the instant always comes from the injected clock. */
public final class BusinessTime {

    public static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");

    private BusinessTime() {
    }

    /** Today in Sao Paulo, read from {@code clock}. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** A naive local time, as clients send it, read in the business zone. */
    public static Instant fromLocal(LocalDateTime local) {
        return local.atZone(ZONE).toInstant();
    }

    /** An instant as the API renders it: ISO-8601 with the Sao Paulo offset. */
    public static OffsetDateTime render(Instant instant) {
        return instant.atZone(ZONE).toOffsetDateTime();
    }
}
