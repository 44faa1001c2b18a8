package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldopsRefusals.InvalidParameter;
import dev.quitto.fieldops.FieldopsRefusals.NotAcceptable;
import dev.quitto.fieldops.Indicators.By;
import dev.quitto.fieldops.Indicators.Order;
import dev.quitto.fieldops.Indicators.Sort;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The indicators (spec 4.4, 4.5) from a query as the API receives it: SLA and productivity as a JSON body or a CSV file,
 * the business-day calendar, and the seed's two indicator answers. The API ({@link IndicatorController}) and the web
 * console ({@link FieldopsPortal}) both answer from here, so a dashboard, its CSV and the API can never disagree on a
 * number, a default period or a rounding.
 */
@Component
class IndicatorReports {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** An indicator answer: a JSON body, or a CSV file with the name the API gives it. */
    sealed interface Report {
    }

    record Json(Map<String, Object> body) implements Report {
    }

    record Csv(String fileName, byte[] content) implements Report {
    }

    private final Indicators indicators;
    private final BusinessCalendar calendar;
    private final Visits visits;

    IndicatorReports(Indicators indicators, BusinessCalendar calendar, Visits visits) {
        this.indicators = indicators;
        this.calendar = calendar;
        this.visits = visits;
    }

    static boolean wantsCsv(@Nullable String format, @Nullable String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidParameter("format", "must be json or csv");
            };
        }
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            throw new NotAcceptable(accept);
        }
        org.springframework.util.MimeTypeUtils.sortBySpecificity(types);
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatibleWith(TEXT_CSV) && !type.isWildcardType()) {
                return true;
            }
            if (type.isWildcardType() || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                return false;
            }
        }
        throw new NotAcceptable(accept);
    }

    private static By by(@Nullable String by) {
        if (by == null) {
            throw new InvalidParameter("by", "is required: angel or polo");
        }
        return switch (by.toLowerCase(Locale.ROOT)) {
            case "angel" -> By.ANGEL;
            case "polo" -> By.POLO;
            default -> throw new InvalidParameter("by", "must be angel or polo");
        };
    }

    private static Order order(@Nullable String sort, boolean productivity) {
        if (sort == null) {
            return new Order(Sort.NAME, false);
        }
        String[] parts = sort.split(",", -1);
        String direction = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
        Sort field = switch (parts[0].strip()) {
            case "name" -> Sort.NAME;
            case "sla" -> productivity ? null : Sort.SLA;
            case "productivity" -> productivity ? Sort.PRODUCTIVITY : null;
            case "visited", "visits" -> Sort.VISITED;
            default -> null;
        };
        if (field == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw new InvalidParameter("sort", productivity ? "must be name, productivity or visits, optionally with ,asc or ,desc"
                    : "must be name, sla or visited, optionally with ,asc or ,desc");
        }
        return new Order(field, direction.equals("desc"));
    }

    /** A filter whose deadline range is also narrowed by {@code from}/{@code to}. */
    private static VisitFilter slaFilter(VisitFilter filter, @Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate deadlineFrom = later(filter.deadlineFrom(), from);
        LocalDate deadlineTo = earlier(filter.deadlineTo(), to);
        return new VisitFilter(filter.angelKey(), filter.angelId(), filter.poloKey(), filter.poloId(), filter.uf(), filter.clientId(),
                deadlineFrom, deadlineTo, filter.visitFrom(), filter.visitTo(), filter.statuses(), filter.asOf());
    }

    private static @Nullable LocalDate later(@Nullable LocalDate a, @Nullable LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static @Nullable LocalDate earlier(@Nullable LocalDate a, @Nullable LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** What SLA and productivity are both asked: the answer's format, the grouping, the period and the page. */
    private record IndicatorQuery(Params params, boolean csv, By by, @Nullable LocalDate from, @Nullable LocalDate to, int page, int size) {

        static IndicatorQuery parse(Map<String, String> query, @Nullable String accept) {
            Params params = new Params(query);
            boolean csv = wantsCsv(params.text("format"), accept);
            By by = IndicatorReports.by(params.text("by"));
            LocalDate from = params.date("from");
            LocalDate to = params.date("to");
            Params.range("from", from, "to", to);
            int page = csv ? 1 : params.integer("page", 1, 1, Integer.MAX_VALUE);
            int size = csv ? Integer.MAX_VALUE : params.integer("size", 100, 1, 5000);
            return new IndicatorQuery(params, csv, by, from, to, page, size);
        }

        /** A CSV file holds every group; JSON one page of them. */
        long offset() {
            return csv ? 0 : (long) (page - 1) * size;
        }

        String csvName(String indicator) {
            return indicator + "_by_" + by.name().toLowerCase(Locale.ROOT);
        }
    }

    Report sla(Map<String, String> query, @Nullable String accept) {
        IndicatorQuery q = IndicatorQuery.parse(query, accept);
        Params params = q.params();
        boolean includeOverdue = params.bool("includeOverdue", false);
        VisitFilter filter = slaFilter(params.filter(visits.today()), q.from(), q.to());
        Order order = order(params.text("sort"), false);
        Indicators.SlaResult result = indicators.sla(q.by(), filter, includeOverdue, order, q.offset(), q.size());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Indicators.SlaItem item : result.items()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", item.id());
            row.put("name", item.name());
            putCounts(row, item.counts(), includeOverdue);
            items.add(row);
        }
        if (q.csv()) {
            return csv(q.csvName("sla"), q.from(), q.to(), List.of("id", "name", "onTime", "late", "overdue", "pending", "visited", "sla"),
                    items, params.text("decimalSeparator"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by", q.by().name().toLowerCase(Locale.ROOT));
        body.put("from", q.from());
        body.put("to", q.to());
        body.put("periodField", "deadline");
        body.put("asOf", filter.asOf());
        body.put("includeOverdue", includeOverdue);
        Map<String, Object> totals = new LinkedHashMap<>();
        putCounts(totals, result.totals(), includeOverdue);
        body.put("totals", totals);
        paging(body, items, q.page(), q.size(), result.totalItems());
        return new Json(body);
    }

    private static void putCounts(Map<String, Object> row, Indicators.SlaCounts counts, boolean includeOverdue) {
        row.put("onTime", counts.onTime());
        row.put("late", counts.late());
        row.put("overdue", counts.overdue());
        row.put("pending", counts.pending());
        row.put("visited", counts.visited());
        row.put("sla", counts.sla(includeOverdue));
    }

    private static void paging(Map<String, Object> body, List<Map<String, Object>> items, int page, int size, long totalItems) {
        body.put("items", items);
        body.put("page", page);
        body.put("size", size);
        body.put("totalItems", totalItems);
        body.put("totalPages", Math.max(1, (totalItems + size - 1) / size));
    }

    /** Productivity over a visit-date range; the range defaults to the data's first and last visit dates. */
    private record Period(LocalDate from, LocalDate to) {
    }

    private Period period(@Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate today = visits.today();
        if (from != null && to != null) {
            return new Period(from, to);
        }
        LocalDate[] data = indicators.visitDateRange(today);
        LocalDate start = from != null ? from : data != null ? data[0] : (to != null ? to : today);
        LocalDate end = to != null ? to : data != null ? data[1] : today;
        if (start.isAfter(end)) {
            end = start;
        }
        Params.range("from", start, "to", end);
        return new Period(start, end);
    }

    Report productivity(Map<String, String> query, @Nullable String accept) {
        IndicatorQuery q = IndicatorQuery.parse(query, accept);
        Params params = q.params();
        VisitFilter given = params.filter(visits.today());
        Period period = period(later(q.from(), given.visitFrom()), earlier(q.to(), given.visitTo()));
        VisitFilter filter = new VisitFilter(given.angelKey(), given.angelId(), given.poloKey(), given.poloId(), given.uf(), given.clientId(),
                given.deadlineFrom(), given.deadlineTo(), period.from(), period.to(), given.statuses(), given.asOf());
        Order order = order(params.text("sort"), true);
        Indicators.ProductivityResult result = indicators.productivity(q.by(), filter, order, q.offset(), q.size());
        long businessDays = calendar.businessDays(period.from(), period.to());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Indicators.ProductivityItem item : result.items()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", item.id());
            row.put("name", item.name());
            row.put("visits", item.visits());
            row.put("activeDays", item.activeDays());
            row.put("productivity", Indicators.productivity(item.visits(), businessDays));
            items.add(row);
        }
        if (q.csv()) {
            return csv(q.csvName("productivity"), q.from(), q.to(), List.of("id", "name", "visits", "activeDays", "productivity"), items,
                    params.text("decimalSeparator"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by", q.by().name().toLowerCase(Locale.ROOT));
        body.put("from", period.from());
        body.put("to", period.to());
        body.put("businessDays", businessDays);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("visits", result.visits());
        totals.put("withVisits", result.withVisits());
        totals.put("averageProductivity", result.withVisits() == 0 || businessDays == 0 ? null
                : BigDecimal.valueOf(result.visits()).divide(BigDecimal.valueOf(businessDays * result.withVisits()), 4, java.math.RoundingMode.HALF_UP));
        body.put("totals", totals);
        paging(body, items, q.page(), q.size(), result.totalItems());
        return new Json(body);
    }

    /** Every group as {@code ;}-separated UTF-8 with a BOM; {@code decimalSeparator=comma} writes {@code 100,00}. */
    private static Csv csv(String name, @Nullable LocalDate from, @Nullable LocalDate to, List<String> columns,
                                              List<Map<String, Object>> items, @Nullable String decimalSeparator) {
        boolean comma;
        if (decimalSeparator == null || decimalSeparator.equalsIgnoreCase("point") || decimalSeparator.equals(".")) {
            comma = false;
        } else if (decimalSeparator.equalsIgnoreCase("comma") || decimalSeparator.equals(",")) {
            comma = true;
        } else {
            throw new InvalidParameter("decimalSeparator", "must be point or comma");
        }
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(";", columns)).append("\r\n");
        for (Map<String, Object> item : items) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                Object value = item.get(column);
                String cell = value == null ? "" : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
                if (comma && value instanceof BigDecimal) {
                    cell = cell.replace('.', ',');
                }
                if (cell.contains(";") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                    cell = "\"" + cell.replace("\"", "\"\"") + "\"";
                }
                cells.add(cell);
            }
            out.append(String.join(";", cells)).append("\r\n");
        }
        String fileName = name + "_" + (from == null ? "all" : from.toString()) + "_" + (to == null ? "all" : to.toString()) + ".csv";
        return new Csv(fileName, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    Map<String, Object> businessDays(Map<String, String> query) {
        Params params = new Params(query);
        LocalDate from = params.date("from");
        LocalDate to = params.date("to");
        if (from == null || to == null) {
            throw new InvalidParameter(from == null ? "from" : "to", "is required");
        }
        Params.range("from", from, "to", to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("businessDays", calendar.businessDays(from, to));
        body.put("holidays", calendar.holidays(from, to));
        return body;
    }

    /** What the seed's two indicator answers are asked: how many groups at most, and the period. */
    private record SeedQuery(int atMost, @Nullable LocalDate from, @Nullable LocalDate to) {

        static SeedQuery parse(Map<String, String> query) {
            Params params = new Params(query);
            int atMost = params.integer("at_most", 100, 1, 10_000);
            LocalDate from = params.date("from");
            LocalDate to = params.date("to");
            Params.range("from", from, "to", to);
            return new SeedQuery(atMost, from, to);
        }
    }

    /** The seed's {@code angel_productivity}: SLA and productivity per angel, best SLA first. */
    Map<String, Object> seedAngels(Map<String, String> query) {
        SeedQuery q = SeedQuery.parse(query);
        int atMost = q.atMost();
        LocalDate from = q.from();
        LocalDate to = q.to();
        LocalDate today = visits.today();
        VisitFilter all = slaFilter(VisitFilter.none(today), from, to);
        Indicators.SlaResult sla = indicators.sla(By.ANGEL, all, false, new Order(Sort.NAME, false), 0, Integer.MAX_VALUE);
        Period period = period(from, to);
        VisitFilter visited = new VisitFilter(null, null, null, null, null, null, null, null, period.from(), period.to(), java.util.Set.of(), today);
        Map<Long, Long> visitsInPeriod = new java.util.HashMap<>();
        indicators.productivity(By.ANGEL, visited, new Order(Sort.NAME, false), 0, Integer.MAX_VALUE).items()
                .forEach(item -> visitsInPeriod.put(item.id(), item.visits()));
        long businessDays = calendar.businessDays(period.from(), period.to());
        List<Map<String, Object>> data = new ArrayList<>();
        List<Indicators.SlaItem> sorted = new ArrayList<>(sla.items());
        sorted.sort(Comparator.comparing((Indicators.SlaItem item) -> item.counts().sla(false), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Indicators.SlaItem::name).thenComparing(Indicators.SlaItem::id));
        for (Indicators.SlaItem item : sorted.subList(0, Math.min(atMost, sorted.size()))) {
            long inPeriod = visitsInPeriod.getOrDefault(item.id(), 0L);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("angel", item.name());
            row.put("total_deliveries", item.counts().visited());
            row.put("on_time_deliveries", item.counts().onTime());
            row.put("late_deliveries", item.counts().late());
            row.put("on_time_percentage", item.counts().sla(false));
            row.put("visits_in_period", inPeriod);
            row.put("business_days", businessDays);
            row.put("productivity", Indicators.productivity(inPeriod, businessDays));
            data.add(row);
        }
        return Map.of("total", data.size(), "data", data);
    }

    /** The seed's {@code polo_productivity}: SLA per polo, most visits first. */
    Map<String, Object> seedPolos(Map<String, String> query) {
        SeedQuery q = SeedQuery.parse(query);
        VisitFilter all = slaFilter(VisitFilter.none(visits.today()), q.from(), q.to());
        Indicators.SlaResult sla = indicators.sla(By.POLO, all, false, new Order(Sort.VISITED, true), 0, q.atMost());
        List<Map<String, Object>> data = new ArrayList<>();
        for (Indicators.SlaItem item : sla.items()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("polo", item.name());
            row.put("total_deliveries", item.counts().visited());
            row.put("on_time_deliveries", item.counts().onTime());
            row.put("late_deliveries", item.counts().late());
            row.put("on_time_percentage", item.counts().sla(false));
            data.add(row);
        }
        return Map.of("total", data.size(), "data", data);
    }
}
