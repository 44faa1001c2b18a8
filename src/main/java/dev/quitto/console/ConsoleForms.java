package dev.quitto.console;

import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reading form and query values the way the API reads JSON: a bad value is a field error, never a 500. */
public final class ConsoleForms {

    public static final int PAGE_SIZE = 20;

    private ConsoleForms() {
    }

    /** An ISO date ({@code 2026-12-01}, what {@code <input type="date">} sends); blank is null. */
    public static @Nullable LocalDate date(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "Enter a date as YYYY-MM-DD.", "invalid-date");
        }
    }

    /**
     * As {@link #date(String, String)}, but a bad date is added to {@code errors} (field to message) and read as null, so
     * that a form shows every bad field at once.
     */
    public static @Nullable LocalDate date(String field, @Nullable String value, Map<String, String> errors) {
        try {
            return date(field, value);
        } catch (InvalidInput invalid) {
            errors.putAll(errors(invalid));
            return null;
        }
    }

    /** {@code ?page=} of a console list, from 1; anything else is page 1. */
    public static PageQuery page(@Nullable String value) {
        int page = 1;
        if (value != null && value.length() < 7 && value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            page = Math.max(1, Integer.parseInt(value));
        }
        return new PageQuery(page, PAGE_SIZE);
    }

    /** The violations of a refused form by field, as the templates show them beside the inputs. */
    public static Map<String, String> errors(InvalidInput invalid) {
        return ConsoleController.byField(invalid.violations());
    }
}
