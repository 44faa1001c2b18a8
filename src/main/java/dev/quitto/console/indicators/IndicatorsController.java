package dev.quitto.console.indicators;

import dev.quitto.console.ConsoleForms;
import dev.quitto.fieldops.FieldopsPortal;
import dev.quitto.fieldops.FieldopsPortal.Group;
import dev.quitto.fieldops.FieldopsPortal.Ranking;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The field-ops dashboard through {@link FieldopsPortal}: SLA per polo and per angel over a deadline period (overdue
 * visits counted in on demand), productivity per angel over the same dates as visit dates; each as a bar chart of the
 * groups with the most visits, the same values as a table under it, and the API's CSV export of every group.
 */
@Controller("consoleIndicatorsController")
@RequestMapping(IndicatorsArea.BASE)
class IndicatorsController {

    static final List<Integer> TOPS = List.of(10, 25, 50, 100);
    private static final int DEFAULT_TOP = 25;

    private final FieldopsPortal fieldops;
    private final JsonMapper json;

    IndicatorsController(FieldopsPortal fieldops, JsonMapper json) {
        this.fieldops = fieldops;
        this.json = json;
    }

    /** A filter as typed, with its field errors. */
    private record Period(@Nullable LocalDate from, @Nullable LocalDate to, boolean includeOverdue, int top, Map<String, String> errors) {
    }

    @GetMapping
    String dashboard(CurrentUser user, @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
                     @RequestParam(required = false) @Nullable String includeOverdue, @RequestParam(required = false) @Nullable String top,
                     HttpServletResponse response, Model model) {
        Period period = period(from, to, includeOverdue, top);
        Map<String, String> errors = new LinkedHashMap<>(period.errors());
        if (errors.isEmpty()) {
            try {
                var slaByPolo = fieldops.sla(user, Group.POLO, period.from(), period.to(), period.includeOverdue(), Ranking.VOLUME, period.top());
                var slaByAngel = fieldops.sla(user, Group.ANGEL, period.from(), period.to(), period.includeOverdue(), Ranking.VOLUME, period.top());
                model.addAttribute("slaByPolo", slaByPolo);
                model.addAttribute("slaByAngel", slaByAngel);
                model.addAttribute("slaByPoloChart", chart("SLA (%)", slaByPolo.items(), FieldopsPortal.SlaRow::name, FieldopsPortal.SlaRow::sla, 100));
                model.addAttribute("slaByAngelChart", chart("SLA (%)", slaByAngel.items(), FieldopsPortal.SlaRow::name, FieldopsPortal.SlaRow::sla, 100));
            } catch (InvalidInput invalid) {
                errors.putAll(ConsoleForms.errors(invalid));
            }
        }
        if (errors.isEmpty()) {
            try {
                var productivity = fieldops.productivity(user, Group.ANGEL, period.from(), period.to(), Ranking.VOLUME, period.top());
                model.addAttribute("productivity", productivity);
                model.addAttribute("productivityChart", chart("Visits per business day", productivity.items(), FieldopsPortal.ProductivityRow::name,
                        FieldopsPortal.ProductivityRow::productivity, null));
            } catch (InvalidInput invalid) {
                // An open bound takes the data's first or last visit date, which can lie further off than the module allows:
                // that is no mistake in what was typed, so the section says it instead of marking a field.
                model.addAttribute("productivityError", "The visit dates span more days than productivity is computed over: choose the dates.");
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("title", "Field-ops indicators");
        model.addAttribute("charts", errors.isEmpty());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("includeOverdue", period.includeOverdue());
        model.addAttribute("top", period.top());
        model.addAttribute("tops", TOPS);
        model.addAttribute("errors", errors);
        model.addAttribute("query", csvQuery(period, false));
        model.addAttribute("commaQuery", csvQuery(period, true));
        return "console/indicators/dashboard";
    }

    @GetMapping("/sla-polo.csv")
    ResponseEntity<byte[]> slaByPoloCsv(CurrentUser user, @RequestParam(required = false) @Nullable String from,
                                        @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String includeOverdue,
                                        @RequestParam(required = false) @Nullable String decimal) {
        Period period = valid(from, to, includeOverdue);
        return csv(fieldops.slaCsv(user, Group.POLO, period.from(), period.to(), period.includeOverdue(), comma(decimal)));
    }

    @GetMapping("/sla-angel.csv")
    ResponseEntity<byte[]> slaByAngelCsv(CurrentUser user, @RequestParam(required = false) @Nullable String from,
                                         @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String includeOverdue,
                                         @RequestParam(required = false) @Nullable String decimal) {
        Period period = valid(from, to, includeOverdue);
        return csv(fieldops.slaCsv(user, Group.ANGEL, period.from(), period.to(), period.includeOverdue(), comma(decimal)));
    }

    @GetMapping("/productivity-angel.csv")
    ResponseEntity<byte[]> productivityByAngelCsv(CurrentUser user, @RequestParam(required = false) @Nullable String from,
                                                  @RequestParam(required = false) @Nullable String to,
                                                  @RequestParam(required = false) @Nullable String decimal) {
        Period period = valid(from, to, null);
        return csv(fieldops.productivityCsv(user, Group.ANGEL, period.from(), period.to(), comma(decimal)));
    }

    private static Period period(@Nullable String from, @Nullable String to, @Nullable String includeOverdue, @Nullable String top) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate fromDate = ConsoleForms.date("from", from, errors);
        LocalDate toDate = ConsoleForms.date("to", to, errors);
        boolean overdue = false;
        if (includeOverdue != null && !includeOverdue.isBlank()) {
            switch (includeOverdue.strip().toLowerCase(Locale.ROOT)) {
                case "true", "on" -> overdue = true;
                case "false" -> overdue = false;
                default -> errors.put("includeOverdue", "Tick the box or leave it empty.");
            }
        }
        int shown = DEFAULT_TOP;
        if (top != null && !top.isBlank()) {
            Optional<Integer> known = TOPS.stream().filter(t -> t.toString().equals(top.strip())).findFirst();
            if (known.isEmpty()) {
                errors.put("top", "Choose 10, 25, 50 or 100.");
            }
            shown = known.orElse(DEFAULT_TOP);
        }
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            errors.put("from", "The start date must not be after the end date.");
        }
        return new Period(fromDate, toDate, overdue, shown, errors);
    }

    /** The period of a CSV link; a bad one is the 400 page (the dashboard's form shows the same errors beside its fields). */
    private static Period valid(@Nullable String from, @Nullable String to, @Nullable String includeOverdue) {
        Period period = period(from, to, includeOverdue, null);
        if (!period.errors().isEmpty()) {
            throw new InvalidInput(period.errors().entrySet().stream()
                    .map(e -> new FieldViolation(e.getKey(), e.getValue(), "invalid")).toList());
        }
        return period;
    }

    private static boolean comma(@Nullable String decimal) {
        return "comma".equalsIgnoreCase(decimal);
    }

    /** The period of the dashboard as the query of its CSV links ({@code ?from=…}, or empty). */
    private static String csvQuery(Period period, boolean decimalComma) {
        return UriComponentsBuilder.newInstance()
                .queryParamIfPresent("from", Optional.ofNullable(period.from()))
                .queryParamIfPresent("to", Optional.ofNullable(period.to()))
                .queryParamIfPresent("includeOverdue", period.includeOverdue() ? Optional.of("true") : Optional.empty())
                .queryParamIfPresent("decimal", decimalComma ? Optional.of("comma") : Optional.empty())
                .build().encode().toUriString();
    }

    private static ResponseEntity<byte[]> csv(FieldopsPortal.CsvExport export) {
        return ResponseEntity.ok().contentType(export.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName()).build().toString())
                .body(export.content());
    }

    /** What console.js draws: one bar per group, in the table's order; a null value (no SLA) is a gap, never a zero. */
    private <T> String chart(String label, List<T> rows, Function<T, String> name, Function<T, @Nullable BigDecimal> value, @Nullable Integer max) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "bar");
        chart.put("label", label);
        chart.put("labels", rows.stream().map(name).toList());
        chart.put("values", rows.stream().map(value).toList());
        if (max != null) {
            chart.put("max", max);
        }
        return json.writeValueAsString(chart);
    }
}
