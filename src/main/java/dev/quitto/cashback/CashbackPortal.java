package dev.quitto.cashback;

import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.DeliveryAttempt;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sales use cases for another module's screens (the web console), in the module's own words and public types: sales
 * by status with their delivery attempts and events, and the ADMIN's retry of a FAILED sale. Every call runs the
 * service, scope and checks of the HTTP API ({@code /api/v1/cashback/sales}): an ERP client sees only its own sales,
 * a retry is ADMIN only and refused with 409 for a sale that is not FAILED, bad filters are 400 naming the field.
 */
@Service
public class CashbackPortal {

    private static final int MAX_PAGE = 100;

    private final Sales sales;
    private final Deliveries deliveries;

    CashbackPortal(Sales sales, Deliveries deliveries) {
        this.sales = sales;
        this.deliveries = deliveries;
    }

    /** Where a sale stands (cashback.md 4.5): RETRYING is a PENDING sale whose delivery was tried at least once. */
    public enum Status {
        PENDING, RETRYING, DELIVERED, FAILED, SKIPPED
    }

    /** One call to the provider: {@code outcome} SUCCESS, RETRYABLE, PERMANENT or INTERRUPTED. */
    public record Attempt(int no, Instant at, @Nullable Integer latencyMs, String outcome, @Nullable Integer httpStatus, @Nullable String error,
                         @Nullable String responseExcerpt) {
    }

    /** What happened to a sale besides attempts: SKIPPED, FAILED, MANUAL_RETRY (with the actor), DELIVERED. */
    public record Event(String type, Instant at, @Nullable String actor, @Nullable String detail) {
    }

    /**
     * A sale as stored, with its delivery: {@code attempts} counts every attempt (all cycles), {@code attemptLog} lists
     * them first to last.
     */
    public record SaleView(long id, String clientId, Status status, Instant receivedAt, Instant soldAt, String document, String customerName,
                           BigDecimal total, BigDecimal cashback, int attempts, @Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt,
                           @Nullable String providerId, @Nullable String providerMessage, boolean echoMismatch, @Nullable String lastError,
                           List<Attempt> attemptLog, List<Event> events) {

        public SaleView {
            attemptLog = List.copyOf(attemptLog);
            events = List.copyOf(events);
        }

        /** Only a FAILED sale can be sent again. */
        public boolean retryable() {
            return status == Status.FAILED;
        }
    }

    /** One page of a list, pages from 1, and the exact total. */
    public record Listing<T>(List<T> items, int page, int size, long total) {

        public Listing {
            items = List.copyOf(items);
        }

        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    /**
     * Sales newest first (by reception), narrowed by status, by the day of {@code soldAt} in Sao Paulo and by the
     * customer's CPF (masked or not). {@code from} after {@code to}, or a document that is not a valid CPF, is 400
     * naming the field.
     */
    @Transactional(readOnly = true)
    public Listing<SaleView> sales(CurrentUser caller, @Nullable Status status, @Nullable LocalDate from, @Nullable LocalDate to,
                                   @Nullable String document, PageQuery page) {
        requireReader(caller);
        List<FieldViolation> violations = new ArrayList<>();
        if (from != null && to != null && from.isAfter(to)) {
            violations.add(new FieldViolation("from", "The start date must not be after the end date.", "invalid-range"));
        }
        String cpf = null;
        if (document != null && !document.isBlank()) {
            cpf = Cpf.normalize(document.strip()).orElse(null);
            if (cpf == null) {
                violations.add(new FieldViolation("document", "Enter a valid CPF: 11 digits, with or without dots and dash.", "INVALID_CPF"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        SaleFilter filter = new SaleFilter(status == null ? Set.of() : Set.of(SaleStatus.valueOf(status.name())), from, to, cpf, null);
        int size = Math.min(page.size(), MAX_PAGE);
        long total = sales.count(caller, filter);
        List<SaleView> items = sales.list(caller, filter, size, (long) (page.page() - 1) * size).stream().map(this::view).toList();
        return new Listing<>(items, page.page(), size, total);
    }

    /** One sale with its attempts and events; 404 when it does not exist or is another ERP client's. */
    @Transactional(readOnly = true)
    public SaleView sale(CurrentUser caller, long id) {
        requireReader(caller);
        return view(sales.get(caller, id));
    }

    /**
     * ADMIN only (403 otherwise): a FAILED sale back to PENDING, its delivery in a new cycle; 409 for any other status.
     * Returns the sale as the retry left it (PENDING), whatever the dispatcher has done since.
     */
    public SaleView retry(CurrentUser caller, long id) {
        if (!caller.may(Role.ADMIN)) {
            throw new Refusal(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Only an ADMIN can retry the delivery of a sale.");
        }
        return view(sales.retry(caller, id));
    }

    private static void requireReader(CurrentUser caller) {
        if (!caller.may(Role.ERP) && !caller.may(Role.AUDITOR)) {
            throw new Refusal(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Sales are read by ERP clients (their own), ADMIN and AUDITOR.");
        }
    }

    private SaleView view(Sale sale) {
        List<Attempt> attempts = deliveries.findByBusinessKey(CashbackSettings.DESTINATION, SaleRepository.KEY_PREFIX + sale.id())
                .map(delivery -> deliveries.attempts(delivery.id()).stream().map(CashbackPortal::attempt).toList())
                .orElse(List.of());
        List<Event> events = sales.events(sale.id()).stream().map(e -> new Event(e.type(), e.at(), e.actor(), e.detail())).toList();
        return new SaleView(sale.id(), sale.clientId(), Status.valueOf(sale.status().name()), sale.receivedAt(), sale.soldAt(), sale.document(),
                sale.customerName(), sale.total(), sale.cashback(), sale.attempts(), sale.nextAttemptAt(), sale.deliveredAt(), sale.providerId(),
                sale.providerMessage(), sale.echoMismatch(), sale.lastError(), attempts, events);
    }

    private static Attempt attempt(DeliveryAttempt a) {
        return new Attempt(a.attempt(), a.at(), a.latencyMs(), a.outcome(), a.statusCode(), a.error(), a.bodyExcerpt());
    }
}
