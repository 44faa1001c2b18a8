package dev.quitto.consultation;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.PageQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Query parameters of the lists: pages, and {@code …From}/{@code …To} as a date or date-time (naive = America/Sao_Paulo). */
final class Listing {

    private Listing() {
    }

    /** {@code page} from 1, {@code size} 1..{@link PageQuery#MAX_SIZE} (default 50); anything else is 400 invalid-parameter. */
    static PageQuery page(@Nullable Integer page, @Nullable Integer size) {
        if (page != null && page < 1) {
            throw new Refusals.InvalidParameter("page", "must be 1 or more");
        }
        if (size != null && (size < 1 || size > PageQuery.MAX_SIZE)) {
            throw new Refusals.InvalidParameter("size", "must be between 1 and " + PageQuery.MAX_SIZE);
        }
        return PageQuery.of(page, size);
    }

    /** The first instant the bound covers; a date {@code to} covers that whole day (the bound is the next midnight). */
    static @Nullable Instant bound(@Nullable String value, String parameter, boolean upper) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (upper ? date.plusDays(1) : date).atStartOfDay(BusinessTime.ZONE).toInstant();
            }
            String iso = text.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.lastIndexOf('+') > 0 || iso.lastIndexOf('-') > 9) {
                return OffsetDateTime.parse(iso).toInstant();
            }
            return BusinessTime.fromLocal(LocalDateTime.parse(iso));
        } catch (DateTimeParseException e) {
            throw new Refusals.InvalidParameter(parameter, "must be a date (2021-08-02) or a date-time (2021-08-02T12:00:00)");
        }
    }

    /** {@code to} is the exclusive upper bound from {@link #bound}: a range that holds no instant is refused. */
    static void ordered(@Nullable Instant from, @Nullable Instant to, String fromName, String toName) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new Refusals.InvalidParameter(fromName, "must not be later than " + toName);
        }
    }

    static @Nullable UUID uuid(@Nullable String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        UUID id = Requests.uuid(value);
        if (id == null) {
            throw new Refusals.InvalidParameter(parameter, "must be a UUID");
        }
        return id;
    }
}
