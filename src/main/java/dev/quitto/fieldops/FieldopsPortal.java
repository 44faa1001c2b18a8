package dev.quitto.fieldops;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * The indicators (spec 4.4, 4.5) for another module's screens (the web console): SLA per polo or per angel over a
 * deadline period, productivity per angel or per polo over a visit-date period, and their CSV export. Each call asks
 * {@link IndicatorReports}, which also answers the API ({@code /api/v1/fieldops/indicators/…}), with the query the API
 * would receive, so a dashboard, its CSV and the API can never disagree on a number, a default period or a rounding. Readers are OPERATOR
 * and AUDITOR (403 otherwise); bad periods are 400 naming the field.
 */
@Service
public class FieldopsPortal {

    private final IndicatorReports indicators;

    FieldopsPortal(IndicatorReports indicators) {
        this.indicators = indicators;
    }

    /** What the indicators are grouped by. */
    public enum Group {
        ANGEL, POLO
    }

    /** The order of the groups: by name, by volume (visits) or by the indicator itself, the last two largest first. */
    public enum Ranking {
        NAME, VOLUME, INDICATOR
    }

    /** One group's SLA: counts, and {@code sla} in percent (2 decimals, HALF_UP), null when nothing counts towards it. */
    public record SlaRow(long id, String name, long onTime, long late, long overdue, long pending, long visited, @Nullable BigDecimal sla) {
    }

    /**
     * SLA of the visits whose deadline is in {@code [from, to]} (either bound open), {@code asOf} deciding overdue and
     * pending; {@code totals} has id 0; {@code items} are the first groups of {@code totalItems}.
     */
    public record SlaReport(Group by, @Nullable LocalDate from, @Nullable LocalDate to, LocalDate asOf, boolean includeOverdue, SlaRow totals,
                            List<SlaRow> items, long totalItems) {

        public SlaReport {
            items = List.copyOf(items);
        }
    }

    /** One group's visits in the period, its distinct visit dates, and visits per business day (4 decimals, HALF_UP). */
    public record ProductivityRow(long id, String name, long visits, long activeDays, @Nullable BigDecimal productivity) {
    }

    /**
     * Productivity over the visit dates {@code [from, to]} (defaults: the data's first and last visit dates), with the
     * period's business days; {@code items} are the first groups of {@code totalItems}.
     */
    public record ProductivityReport(Group by, LocalDate from, LocalDate to, long businessDays, long visits, long withVisits,
                                     @Nullable BigDecimal averageProductivity, List<ProductivityRow> items, long totalItems) {

        public ProductivityReport {
            items = List.copyOf(items);
        }
    }

    /** An export as the API serves it: {@code ;}-separated UTF-8 with a BOM, every group, and the API's file name. */
    public record CsvExport(String fileName, MediaType contentType, byte[] content) {
    }

    /** SLA per group, the first {@code limit} (1..5,000) groups in the {@code ranking}'s order. */
    public SlaReport sla(CurrentUser caller, Group by, @Nullable LocalDate from, @Nullable LocalDate to, boolean includeOverdue, Ranking ranking,
                         int limit) {
        Map<String, String> query = query(caller, by, from, to);
        query.put("includeOverdue", Boolean.toString(includeOverdue));
        query.put("sort", switch (ranking) {
            case NAME -> "name";
            case VOLUME -> "visited,desc";
            case INDICATOR -> "sla,desc";
        });
        query.put("size", Integer.toString(limit));
        Map<String, Object> body = json(run(() -> indicators.sla(query, MediaType.APPLICATION_JSON_VALUE)));
        Map<String, Object> totals = map(body.get("totals"));
        return new SlaReport(by, from, to, (LocalDate) body.get("asOf"), includeOverdue, slaRow(0, "All", totals),
                items(body).stream().map(item -> slaRow(number(item, "id"), (String) item.get("name"), item)).toList(), number(body, "totalItems"));
    }

    /** Productivity per group, the first {@code limit} (1..5,000) groups in the {@code ranking}'s order. */
    public ProductivityReport productivity(CurrentUser caller, Group by, @Nullable LocalDate from, @Nullable LocalDate to, Ranking ranking,
                                           int limit) {
        Map<String, String> query = query(caller, by, from, to);
        query.put("sort", switch (ranking) {
            case NAME -> "name";
            case VOLUME -> "visits,desc";
            case INDICATOR -> "productivity,desc";
        });
        query.put("size", Integer.toString(limit));
        Map<String, Object> body = json(run(() -> indicators.productivity(query, MediaType.APPLICATION_JSON_VALUE)));
        Map<String, Object> totals = map(body.get("totals"));
        return new ProductivityReport(by, (LocalDate) body.get("from"), (LocalDate) body.get("to"), number(body, "businessDays"),
                number(totals, "visits"), number(totals, "withVisits"), (BigDecimal) totals.get("averageProductivity"),
                items(body).stream().map(item -> new ProductivityRow(number(item, "id"), (String) item.get("name"), number(item, "visits"),
                        number(item, "activeDays"), (BigDecimal) item.get("productivity"))).toList(),
                number(body, "totalItems"));
    }

    /** The API's CSV export of the SLA (every group); {@code decimalComma} writes {@code 100,00} for spreadsheets in Portuguese. */
    public CsvExport slaCsv(CurrentUser caller, Group by, @Nullable LocalDate from, @Nullable LocalDate to, boolean includeOverdue,
                            boolean decimalComma) {
        Map<String, String> query = query(caller, by, from, to);
        query.put("includeOverdue", Boolean.toString(includeOverdue));
        return csv(query, decimalComma, true);
    }

    /** The API's CSV export of the productivity (every group). */
    public CsvExport productivityCsv(CurrentUser caller, Group by, @Nullable LocalDate from, @Nullable LocalDate to, boolean decimalComma) {
        return csv(query(caller, by, from, to), decimalComma, false);
    }

    private CsvExport csv(Map<String, String> query, boolean decimalComma, boolean sla) {
        query.put("format", "csv");
        query.put("decimalSeparator", decimalComma ? "comma" : "point");
        if (run(() -> sla ? indicators.sla(query, null) : indicators.productivity(query, null)) instanceof IndicatorReports.Csv csv) {
            return new CsvExport(csv.fileName(), IndicatorReports.TEXT_CSV, csv.content());
        }
        throw new IllegalStateException("format=csv answered without a CSV file");
    }

    /** The query both endpoints share, after the caller's roles and the period are checked. */
    private static Map<String, String> query(CurrentUser caller, Group by, @Nullable LocalDate from, @Nullable LocalDate to) {
        if (!caller.may(Role.OPERATOR) && !caller.may(Role.AUDITOR)) {
            throw new Refusal(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "The indicators are read by OPERATOR and AUDITOR.");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInput("from", "The start date must not be after the end date.", "invalid-range");
        }
        if (from != null && to != null && to.toEpochDay() - from.toEpochDay() > Params.MAX_RANGE_DAYS) {
            throw new InvalidInput("to", "The period must be at most " + Params.MAX_RANGE_DAYS + " days long.", "invalid-range");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("by", by.name().toLowerCase(Locale.ROOT));
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
        }
        return query;
    }

    /** The endpoints' own refusal of a parameter, as the field violation every other module's API gives. */
    private static IndicatorReports.Report run(Supplier<IndicatorReports.Report> call) {
        try {
            return call.get();
        } catch (FieldopsRefusals.InvalidParameter invalid) {
            throw new InvalidInput(List.of(new FieldViolation(invalid.parameter(), invalid.getMessage(), "invalid-parameter")));
        }
    }

    private static SlaRow slaRow(long id, String name, Map<String, Object> counts) {
        return new SlaRow(id, name, number(counts, "onTime"), number(counts, "late"), number(counts, "overdue"), number(counts, "pending"),
                number(counts, "visited"), (BigDecimal) counts.get("sla"));
    }

    private static Map<String, Object> json(IndicatorReports.Report answer) {
        if (answer instanceof IndicatorReports.Json json) {
            return json.body();
        }
        throw new IllegalStateException("A JSON indicator query answered with a CSV file");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(@Nullable Object value) {
        return (Map<String, Object>) Objects.requireNonNull(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) Objects.requireNonNull(body.get("items"));
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) Objects.requireNonNull(map.get(key), key)).longValue();
    }
}
