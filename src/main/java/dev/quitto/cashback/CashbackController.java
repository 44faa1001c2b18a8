package dev.quitto.cashback;

import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** The canonical cashback API, {@code /api/v1/cashback} (cashback.md 3). */
@RestController
@RequestMapping(Views.CANONICAL)
class CashbackController {

    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_RANGE_DAYS = 366;

    private final SaleIntake intake;
    private final Sales sales;
    private final Rates rates;
    private final Rejections rejections;
    private final Reconciliation reconciliation;
    private final Deliveries deliveries;

    CashbackController(SaleIntake intake, Sales sales, Rates rates, Rejections rejections, Reconciliation reconciliation, Deliveries deliveries) {
        this.intake = intake;
        this.sales = sales;
        this.rates = rates;
        this.rejections = rejections;
        this.reconciliation = reconciliation;
        this.deliveries = deliveries;
    }

    @PostMapping("/sales")
    @PreAuthorize("hasRole('ERP')")
    ResponseEntity<Views.SaleView> create(CurrentUser caller, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                          @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                                          @RequestBody(required = false) @Nullable String body) {
        Sales.Accepted accepted = intake.accept(caller, Views.CANONICAL + "/sales", contentType, key, body);
        Views.SaleView view = Views.SaleView.of(accepted.sale());
        return accepted.created()
                ? ResponseEntity.created(URI.create(Views.CANONICAL + "/sales/" + accepted.sale().id())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping("/sales")
    @PreAuthorize("hasAnyRole('ERP', 'AUDITOR')")
    Page<Views.SaleView> list(CurrentUser caller, @RequestParam(required = false) @Nullable String status,
                              @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
                              @RequestParam(required = false) @Nullable String document, @RequestParam(required = false) @Nullable String clientId,
                              @RequestParam(required = false) @Nullable String page, @RequestParam(required = false) @Nullable String size) {
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new InvalidParameter("from", "must not be after to");
        }
        String cpf = null;
        if (document != null) {
            cpf = Cpf.normalize(document).orElseThrow(() -> new InvalidParameter("document", "must be a valid CPF"));
        }
        SaleFilter filter = new SaleFilter(statuses(status), fromDate, toDate, cpf, clientId);
        int pageNo = intParam("page", page, 1, 1, 1_000_000);
        int pageSize = intParam("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        long total = sales.count(caller, filter);
        List<Views.SaleView> items = sales.list(caller, filter, pageSize, (long) (pageNo - 1) * pageSize).stream().map(Views.SaleView::of).toList();
        return Page.of(items, pageNo, pageSize, total);
    }

    @GetMapping("/sales/{id}")
    @PreAuthorize("hasAnyRole('ERP', 'AUDITOR')")
    Views.SaleView get(CurrentUser caller, @PathVariable String id) {
        Sale sale = sales.get(caller, InvalidSaleId.parse(id));
        List<Views.AttemptView> attempts = deliveries.findByBusinessKey(CashbackSettings.DESTINATION, SaleRepository.KEY_PREFIX + sale.id())
                .map(delivery -> deliveries.attempts(delivery.id()).stream().map(Views.AttemptView::of).toList()).orElse(List.of());
        return Views.SaleView.of(sale, attempts, sales.events(sale.id()).stream().map(Views.EventView::of).toList());
    }

    @PostMapping("/sales/{id}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Views.SaleView> retry(CurrentUser caller, @PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Views.SaleView.of(sales.retry(caller, InvalidSaleId.parse(id))));
    }

    @GetMapping("/rates")
    ResponseEntity<Views.RatesView> currentRates() {
        RateVersion current = rates.current();
        return ResponseEntity.ok().eTag("\"" + current.version() + "\"").body(Views.RatesView.of(current));
    }

    @GetMapping("/rates/history")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    Map<String, List<Views.RatesView>> rateHistory() {
        return Map.of("items", rates.history().stream().map(Views.RatesView::of).toList());
    }

    @PutMapping("/rates")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Views.RatesView> replaceRates(CurrentUser caller, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                                 @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                                 @RequestBody(required = false) @Nullable String body) {
        JsonNode json = SaleReader.parse(contentType, body);
        Rates.Replaced replaced = rates.replace(caller, json, ifMatch == null ? null : version(ifMatch));
        return ResponseEntity.ok().eTag("\"" + replaced.version().version() + "\"").body(Views.RatesView.of(replaced.version()));
    }

    @GetMapping("/reconciliation")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    Map<String, Object> reconcile(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
                                  @RequestParam(required = false) @Nullable String basis, @RequestParam(required = false) @Nullable String clientId) {
        LocalDate[] range = range(from, to);
        String column = switch (basis == null ? "soldAt" : basis) {
            case "soldAt" -> "sold_at";
            case "receivedAt" -> "received_at";
            default -> throw new InvalidParameter("basis", "must be soldAt or receivedAt");
        };
        return reconciliation.report(range[0], range[1], basis == null ? "soldAt" : basis, column, clientId);
    }

    @GetMapping("/rejections")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    Page<Views.RejectionView> rejections(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
                                         @RequestParam(required = false) @Nullable String clientId, @RequestParam(required = false) @Nullable String page,
                                         @RequestParam(required = false) @Nullable String size) {
        LocalDate[] range = range(from, to);
        int pageNo = intParam("page", page, 1, 1, 1_000_000);
        int pageSize = intParam("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        var start = range[0].atStartOfDay(BusinessTime.ZONE).toInstant();
        var end = range[1].plusDays(1).atStartOfDay(BusinessTime.ZONE).toInstant();
        long total = rejections.count(start, end, clientId);
        return Page.of(rejections.list(start, end, clientId, pageSize, (long) (pageNo - 1) * pageSize).stream().map(Views.RejectionView::of).toList(),
                pageNo, pageSize, total);
    }

    /** from/to as dates, both required, from ≤ to, at most 366 days. */
    private static LocalDate[] range(@Nullable String from, @Nullable String to) {
        if (from == null) {
            throw new InvalidParameter("from", "is required (yyyy-MM-dd)");
        }
        if (to == null) {
            throw new InvalidParameter("to", "is required (yyyy-MM-dd)");
        }
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (start.isAfter(end)) {
            throw new InvalidParameter("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_RANGE_DAYS) {
            throw new InvalidParameter("to", "must be at most " + MAX_RANGE_DAYS + " days after from");
        }
        return new LocalDate[]{start, end};
    }

    static @Nullable LocalDate date(String name, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() != 10) {
                throw new DateTimeParseException("not yyyy-MM-dd", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, "must be a date written yyyy-MM-dd");
        }
    }

    static int intParam(String name, @Nullable String text, int fallback, int min, int max) {
        if (text == null) {
            return fallback;
        }
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidParameter(name, "must be an integer from " + min + " to " + max);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new InvalidParameter(name, "must be an integer from " + min + " to " + max);
        }
        return value;
    }

    private static Set<SaleStatus> statuses(@Nullable String text) {
        Set<SaleStatus> statuses = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return statuses;
        }
        for (String part : text.split(",")) {
            try {
                statuses.add(SaleStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("status", "takes PENDING, RETRYING, DELIVERED, FAILED or SKIPPED, separated by commas");
            }
        }
        return statuses;
    }

    private static int version(String ifMatch) {
        String text = ifMatch.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        text = text.replace("\"", "");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput(List.of(new FieldViolation("If-Match", "must be a rate version such as \"1\"", "INVALID_VERSION")));
        }
    }

    /** The canonical list shape, pages from 1 and sizes up to 500. */
    record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages, Map<String, String> links) {

        static <T> Page<T> of(List<T> items, int page, int size, long totalItems) {
            long totalPages = Math.max(1, (totalItems + size - 1) / size);
            var self = ServletUriComponentsBuilder.fromCurrentRequest();
            Map<String, String> links = new LinkedHashMap<>();
            java.util.function.LongFunction<String> link = p -> self.cloneBuilder().replaceQueryParam("page", p).replaceQueryParam("size", size)
                    .build().toUriString();
            links.put("self", link.apply(page));
            links.put("first", link.apply(1));
            if (page > 1) {
                links.put("prev", link.apply(page - 1));
            }
            if (page < totalPages) {
                links.put("next", link.apply(page + 1));
            }
            links.put("last", link.apply(totalPages));
            return new Page<>(items, page, size, totalItems, totalPages, links);
        }
    }

    /** One status's count and sums in a reconciliation. */
    record Sums(long count, String total, String cashback) {

        static Sums of(long count, BigDecimal total, BigDecimal cashback) {
            return new Sums(count, Views.money(total), Views.money(cashback));
        }
    }

}
