package dev.quitto.fieldops;

import dev.quitto.platform.time.BusinessTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the dates of the CSV file and of the API (spec 4.2): normalizes the messy values of the original file
 * (surrounding and doubled whitespace, spaces around {@code /}, a missing slash in {@code dd/mmyyyy}), then accepts
 * ISO and day-first Brazilian forms in strict calendar mode. Never month-first: {@code 04/01/2022} is 4 January.
 */
public final class FieldDates {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:([ T])(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?: (\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern MISSING_SLASH = Pattern.compile("^(\\d{1,2})/(\\d{2})(\\d{4})(?=$| )");
    private static final Pattern INNER_WHITESPACE = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern SPACE_AT_SLASH = Pattern.compile(" ?/ ?");

    private FieldDates() {
    }

    /** A date, optionally with a time of day and an offset, as written (no zone conversion yet). */
    record Written(LocalDate date, @Nullable LocalTime time, @Nullable ZoneOffset offset, boolean shortYear) {
    }

    /** What a visit value says: not visited, visited on a date (time unknown), or visited at an instant. */
    public sealed interface Visit permits NotVisited, VisitedOn, VisitedAt {
        /** The local date of the visit in America/Sao_Paulo, null when not visited. */
        @Nullable LocalDate visitDate();

        /** The instant of the visit when a time was given. */
        @Nullable Instant visitedAt();
    }

    public record NotVisited() implements Visit {
        @Override
        public @Nullable LocalDate visitDate() {
            return null;
        }

        @Override
        public @Nullable Instant visitedAt() {
            return null;
        }
    }

    public record VisitedOn(LocalDate date) implements Visit {
        @Override
        public LocalDate visitDate() {
            return date;
        }

        @Override
        public @Nullable Instant visitedAt() {
            return null;
        }
    }

    public record VisitedAt(Instant instant) implements Visit {
        @Override
        public LocalDate visitDate() {
            return instant.atZone(BusinessTime.ZONE).toLocalDate();
        }

        @Override
        public Instant visitedAt() {
            return instant;
        }
    }

    /** Why a value is refused. */
    public enum Problem { INVALID, FUTURE }

    /** A visit value or the reason it is refused. */
    public record VisitResult(@Nullable Visit visit, @Nullable Problem problem) {
        static VisitResult ok(Visit visit) {
            return new VisitResult(visit, null);
        }

        static VisitResult refused(Problem problem) {
            return new VisitResult(null, problem);
        }
    }

    /**
     * Reads a visit value: {@code -} or empty is not visited; a date or date-time in one of the accepted forms is a
     * visit; anything else is {@link Problem#INVALID}, and a visit date after {@code today} is {@link Problem#FUTURE}.
     */
    public static VisitResult visit(@Nullable String raw, LocalDate today) {
        String value = normalize(raw == null ? "" : raw);
        if (value.isEmpty() || value.equals("-")) {
            return VisitResult.ok(new NotVisited());
        }
        Written written = fastIsoDateTime(value);
        if (written == null) {
            written = parse(value);
        }
        if (written == null) {
            return VisitResult.refused(Problem.INVALID);
        }
        Visit visit;
        if (written.time() == null) {
            visit = new VisitedOn(written.date());
        } else if (written.offset() != null) {
            visit = new VisitedAt(LocalDateTime.of(written.date(), written.time()).toInstant(written.offset()));
        } else {
            visit = new VisitedAt(BusinessTime.fromLocal(LocalDateTime.of(written.date(), written.time())));
        }
        LocalDate date = visit.visitDate();
        if (date != null && date.isAfter(today)) {
            return VisitResult.refused(Problem.FUTURE);
        }
        return VisitResult.ok(visit);
    }

    /**
     * Reads a deadline: {@code dd/MM/yyyy} or an ISO date; a time part, if any, must be valid and is ignored.
     * Null when the value is empty or invalid.
     */
    public static @Nullable LocalDate deadline(@Nullable String raw) {
        String value = normalize(raw == null ? "" : raw);
        if (value.isEmpty()) {
            return null;
        }
        Written written = fastDate(value);
        if (written == null) {
            written = parse(value);
        }
        return written == null || written.shortYear() ? null : written.date();
    }

    /**
     * Trims spaces, tabs and non-breaking spaces, collapses inner whitespace to one space, drops spaces next to
     * {@code /} and repairs a missing second slash ({@code 28/062021} to {@code 28/06/2021}).
     */
    static String normalize(String raw) {
        return needsNoRepair(raw) ? raw : repaired(raw);
    }

    /**
     * True when {@link #repaired} would return {@code value} unchanged (almost every value of the original file),
     * checked without regular expressions: no whitespace but single inner spaces, and either no slash or at least
     * two with no space beside them (a missing slash can only follow a value's first and only slash).
     */
    static boolean needsNoRepair(String value) {
        int length = value.length();
        int slashes = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == ' ') {
                if (i == 0 || i == length - 1 || value.charAt(i + 1) == ' ' || value.charAt(i + 1) == '/' || value.charAt(i - 1) == '/') {
                    return false;
                }
            } else if (c == '/') {
                slashes++;
            } else if (c == '\u00A0' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return false;
            }
        }
        return slashes == 0 || slashes >= 2;
    }

    static String repaired(String raw) {
        String value = INNER_WHITESPACE.matcher(raw).replaceAll(" ").strip();
        if (value.indexOf('/') >= 0) {
            value = SPACE_AT_SLASH.matcher(value).replaceAll("/");
            Matcher missing = MISSING_SLASH.matcher(value);
            if (missing.find()) {
                value = missing.replaceFirst("$1/$2/$3");
            }
        }
        return value;
    }

    /** The common shape {@code yyyy-MM-dd HH:mm:ss} without regular expressions (95 % of the original file). */
    private static @Nullable Written fastIsoDateTime(String value) {
        if (value.length() != 19 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != ' '
                || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        int hour = digits(value, 11, 13);
        int minute = digits(value, 14, 16);
        int second = digits(value, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || year == 0) {
            return null;
        }
        try {
            return new Written(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second), null, false);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The two date-only shapes of deadlines, {@code dd/MM/yyyy} and {@code yyyy-MM-dd}, without regular expressions. */
    private static @Nullable Written fastDate(String value) {
        if (value.length() != 10) {
            return null;
        }
        int year;
        int month;
        int day;
        if (value.charAt(2) == '/' && value.charAt(5) == '/') {
            day = digits(value, 0, 2);
            month = digits(value, 3, 5);
            year = digits(value, 6, 10);
        } else if (value.charAt(4) == '-' && value.charAt(7) == '-') {
            year = digits(value, 0, 4);
            month = digits(value, 5, 7);
            day = digits(value, 8, 10);
        } else {
            return null;
        }
        if ((year | month | day) < 0 || year == 0) {
            return null;
        }
        try {
            return new Written(LocalDate.of(year, month, day), null, null, false);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String value, int from, int to) {
        int result = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    /**
     * A date in one of the accepted forms, or null. Year 0 is no date: {@link LocalDate} has it (1 BC), PostgreSQL
     * refuses it, and the staging table's {@code COPY} with it would fail the whole import.
     */
    static @Nullable Written parse(String value) {
        try {
            Matcher iso = ISO.matcher(value);
            if (iso.matches()) {
                LocalDate date = LocalDate.of(year(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
                if (iso.group(4) == null) {
                    return new Written(date, null, null, false);
                }
                if (iso.group(9) != null && !iso.group(4).equals("T")) {
                    return null;
                }
                if (iso.group(4).equals(" ") && iso.group(7) == null && iso.group(8) != null) {
                    return null;
                }
                LocalTime time = LocalTime.of(Integer.parseInt(iso.group(5)), Integer.parseInt(iso.group(6)),
                        iso.group(7) == null ? 0 : Integer.parseInt(iso.group(7)), nanos(iso.group(8)));
                ZoneOffset offset = iso.group(9) == null ? null : ZoneOffset.of(iso.group(9));
                return new Written(date, time, offset, false);
            }
            Matcher dayFirst = DAY_FIRST.matcher(value);
            if (dayFirst.matches()) {
                boolean shortYear = dayFirst.group(3).length() == 2;
                int year = shortYear ? 2000 + Integer.parseInt(dayFirst.group(3)) : year(dayFirst.group(3));
                LocalDate date = LocalDate.of(year, Integer.parseInt(dayFirst.group(2)), Integer.parseInt(dayFirst.group(1)));
                LocalTime time = dayFirst.group(4) == null ? null : LocalTime.of(Integer.parseInt(dayFirst.group(4)),
                        Integer.parseInt(dayFirst.group(5)), dayFirst.group(6) == null ? 0 : Integer.parseInt(dayFirst.group(6)));
                return new Written(date, time, null, shortYear);
            }
            return null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (year == 0) {
            throw new DateTimeException("year 0");
        }
        return year;
    }

    private static int nanos(@Nullable String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "000000000").substring(0, 9));
    }
}
