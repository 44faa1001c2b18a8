package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldopsRefusals.InvalidParameter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Query parameters of the field-ops endpoints, read strictly: anything out of range is 400 {@code invalid-parameter}. */
final class Params {

    static final long MAX_RANGE_DAYS = 3660;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Map<String, String> values;

    Params(Map<String, String> values) {
        this.values = values;
    }

    @Nullable String text(String... names) {
        for (String name : names) {
            String value = values.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /**
     * A date {@code yyyy-MM-dd} with a year from 1 to 9999: ISO's signed years beyond them ({@code +5874898-01-01})
     * or year 0 would reach PostgreSQL as dates it cannot hold.
     */
    @Nullable LocalDate date(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        if (DATE.matcher(value).matches() && !value.startsWith("0000")) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                // 2021-02-30: refused below like any other non-date
            }
        }
        throw new InvalidParameter(name, "must be a date yyyy-MM-dd, got \"" + FieldopsRefusals.abbreviate(value) + "\"");
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new InvalidParameter(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, "must be between " + min + " and " + max);
        }
    }

    @Nullable Long id(String... names) {
        String value = text(names);
        if (value == null) {
            return null;
        }
        if (!VisitImport.isPositiveLong(value)) {
            throw new InvalidParameter(names[0], "must be a positive integer");
        }
        return Long.parseLong(value);
    }

    boolean bool(String name, boolean defaultValue) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidParameter(name, "must be true or false");
        };
    }

    /** Checks {@code from <= to} and at most 3,660 days apart. */
    static void range(String fromName, @Nullable LocalDate from, String toName, @Nullable LocalDate to) {
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                throw new InvalidParameter(fromName, "must not be after " + toName);
            }
            if (to.toEpochDay() - from.toEpochDay() > MAX_RANGE_DAYS) {
                throw new InvalidParameter(toName, "must be at most " + MAX_RANGE_DAYS + " days after " + fromName);
            }
        }
    }

    /** The filters of spec 3.2, with {@code asOf} defaulting to today. */
    VisitFilter filter(LocalDate today) {
        String angel = text("angel");
        String polo = text("polo");
        String uf = text("uf");
        LocalDate deadlineFrom = date("deadlineFrom");
        LocalDate deadlineTo = date("deadlineTo");
        LocalDate visitFrom = date("visitFrom");
        LocalDate visitTo = date("visitTo");
        range("deadlineFrom", deadlineFrom, "deadlineTo", deadlineTo);
        range("visitFrom", visitFrom, "visitTo", visitTo);
        Set<Outcome> statuses = EnumSet.noneOf(Outcome.class);
        String status = text("status");
        if (status != null) {
            for (String part : status.split(",")) {
                try {
                    statuses.add(Outcome.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameter("status", "must be a comma list of ON_TIME, LATE, PENDING, OVERDUE");
                }
            }
        }
        String onTime = text("onTime");
        if (onTime != null) {
            statuses.add(bool("onTime", true) ? Outcome.ON_TIME : Outcome.LATE);
        }
        LocalDate asOf = date("asOf");
        return new VisitFilter(angel == null ? null : Names.key(angel), id("angelId"), polo == null ? null : Names.key(polo), id("poloId"),
                uf == null ? null : uf.toUpperCase(Locale.ROOT), id("clientId", "client", "id_cliente"), deadlineFrom, deadlineTo,
                visitFrom, visitTo, statuses, asOf == null ? today : asOf);
    }
}
