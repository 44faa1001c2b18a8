package dev.quitto.anticipation;

import dev.quitto.anticipation.anticipation.Anticipation;
import dev.quitto.anticipation.anticipation.AnticipationDecisions;
import dev.quitto.anticipation.anticipation.AnticipationFilter;
import dev.quitto.anticipation.anticipation.AnticipationRequests;
import dev.quitto.anticipation.anticipation.AnticipationStatus;
import dev.quitto.anticipation.anticipation.Anticipations;
import dev.quitto.anticipation.anticipation.Decision;
import dev.quitto.anticipation.anticipation.Discount;
import dev.quitto.anticipation.anticipation.NewAnticipation;
import dev.quitto.anticipation.log.LogEntry;
import dev.quitto.anticipation.log.LogFilter;
import dev.quitto.anticipation.log.RequestLog;
import dev.quitto.anticipation.payment.PaymentFilter;
import dev.quitto.anticipation.payment.PaymentRow;
import dev.quitto.anticipation.payment.PaymentStatus;
import dev.quitto.anticipation.payment.Payments;
import dev.quitto.anticipation.supplier.Supplier;
import dev.quitto.anticipation.supplier.Suppliers;
import dev.quitto.anticipation.web.Fields;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.Slice;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.PageQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The module's use cases for another module's screens (the web console), in the module's own words and types: the
 * caller's payments by state, a preview with the module's discount formula, a request, an operator's decision, the
 * requests and the log. Every call runs the same service, scope and checks as the HTTP API: another supplier's row is
 * 404, bad input is 400 naming the field.
 */
@Service
public class AnticipationPortal {

    private static final int MAX_PAGE = 100;

    private final Payments payments;
    private final Anticipations anticipations;
    private final AnticipationRequests requests;
    private final AnticipationDecisions decisions;
    private final RequestLog log;
    private final Suppliers suppliers;

    AnticipationPortal(Payments payments, Anticipations anticipations, AnticipationRequests requests, AnticipationDecisions decisions,
                       RequestLog log, Suppliers suppliers) {
        this.payments = payments;
        this.anticipations = anticipations;
        this.requests = requests;
        this.decisions = decisions;
        this.log = log;
        this.suppliers = suppliers;
    }

    /** The five states a payment is in, from the caller's point of view. */
    public enum PaymentState {
        AVAILABLE, UNAVAILABLE, PENDING_CONFIRMATION, ANTICIPATED, DENIED
    }

    public enum RequestStatus {
        PENDING, APPROVED, DENIED
    }

    public record PaymentView(long id, String supplierName, String supplierCnpj, LocalDate issueDate, LocalDate dueDate, BigDecimal value,
                              PaymentState state, boolean canRequestAnticipation, @Nullable Long latestRequestId) {
    }

    public record RequestView(long id, long paymentId, long supplierId, String supplierName, RequestStatus status, BigDecimal originalValue,
                              LocalDate originalDueDate, LocalDate newDueDate, BigDecimal newValue, BigDecimal discount, int daysInAdvance,
                              BigDecimal monthlyRate, Instant requestedAt, @Nullable Instant decidedAt, boolean approvable) {
    }

    /** What a request for {@code newDueDate} would give, with the module's discount formula (half-even to the cent). */
    public record Quote(long paymentId, BigDecimal originalValue, LocalDate originalDueDate, LocalDate newDueDate, long daysInAdvance,
                       BigDecimal newValue, BigDecimal discount, BigDecimal monthlyRate) {
    }

    /** One row of the request log: R requested, A approved, D denied. */
    public record LogLine(long id, long anticipationId, long paymentId, String action, String actorRole, @Nullable String fromStatus,
                          String toStatus, BigDecimal valueBefore, BigDecimal valueAfter, LocalDate dueDateBefore, LocalDate dueDateAfter,
                          Instant occurredAt) {
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

    public LocalDate today() {
        return anticipations.today();
    }

    @Transactional(readOnly = true)
    public Listing<PaymentView> payments(CurrentUser caller, PaymentState state, PageQuery page) {
        PageSpec.Canonical spec = spec(page);
        LocalDate today = payments.today();
        Slice<PaymentRow> rows = payments.rows(caller, PaymentFilter.status(PaymentStatus.valueOf(state.name())), spec);
        return new Listing<>(rows.items().stream().map(row -> payment(row, today)).toList(), rows.page(), spec.size(), rows.total());
    }

    /** 404 for a payment that does not exist or is another supplier's. */
    @Transactional(readOnly = true)
    public PaymentView payment(CurrentUser caller, long id) {
        return payment(payments.row(caller, id), payments.today());
    }

    /** Every request made on the payment, newest first; 404 as {@link #payment}. */
    @Transactional(readOnly = true)
    public List<RequestView> requestsOf(CurrentUser caller, long paymentId) {
        LocalDate today = today();
        Map<Long, String> names = new HashMap<>();
        return anticipations.history(caller, paymentId).stream().map(a -> request(a, today, names)).toList();
    }

    @Transactional(readOnly = true)
    public Quote preview(CurrentUser caller, long paymentId, @Nullable LocalDate newDueDate) {
        Discount.Quote quote = requests.preview(caller, paymentId, input(paymentId, newDueDate));
        return new Quote(paymentId, quote.originalValue(), quote.originalDueDate(), quote.newDueDate(), quote.daysInAdvance(), quote.newValue(),
                quote.discount(), requests.monthlyRate());
    }

    public RequestView request(CurrentUser caller, long paymentId, @Nullable LocalDate newDueDate) {
        return request(requests.request(caller, input(paymentId, newDueDate)), today(), new HashMap<>());
    }

    /** Newest first; {@code supplierId} narrows an operator's list (a supplier sees only its own whatever it asks). */
    @Transactional(readOnly = true)
    public Listing<RequestView> requests(CurrentUser caller, @Nullable RequestStatus status, @Nullable Long supplierId, PageQuery page) {
        PageSpec.Canonical spec = spec(page);
        LocalDate today = today();
        Map<Long, String> names = new HashMap<>();
        Slice<Anticipation> slice = anticipations.list(caller,
                new AnticipationFilter(status == null ? null : AnticipationStatus.valueOf(status.name()), null, supplierId, null), spec);
        return new Listing<>(slice.items().stream().map(a -> request(a, today, names)).toList(), slice.page(), spec.size(), slice.total());
    }

    /** Operators only (403 otherwise); 409 for a request that is no longer pending. */
    public RequestView approve(CurrentUser caller, long id) {
        return request(decisions.decide(caller, id, Decision.APPROVE), today(), new HashMap<>());
    }

    public RequestView deny(CurrentUser caller, long id) {
        return request(decisions.decide(caller, id, Decision.DENY), today(), new HashMap<>());
    }

    @Transactional(readOnly = true)
    public Listing<LogLine> log(CurrentUser caller, PageQuery page) {
        PageSpec.Canonical spec = spec(page);
        Slice<LogEntry> slice = log.list(caller, LogFilter.ALL, spec);
        return new Listing<>(slice.items().stream().map(AnticipationPortal::line).toList(), slice.page(), spec.size(), slice.total());
    }

    private static PageSpec.Canonical spec(PageQuery page) {
        return PageSpec.Canonical.of(page.page(), Math.min(page.size(), MAX_PAGE));
    }

    private static NewAnticipation input(long paymentId, @Nullable LocalDate newDueDate) {
        List<FieldViolation> violations = newDueDate == null ? List.of(new FieldViolation("newDueDate", Fields.REQUIRED, "required")) : List.of();
        return new NewAnticipation(paymentId, newDueDate, violations, NewAnticipation.OutOfScope.NOT_FOUND);
    }

    private static PaymentView payment(PaymentRow row, LocalDate today) {
        var payment = row.payment();
        return new PaymentView(payment.id(), row.supplierName(), row.supplierCnpj(), payment.issueDate(), payment.dueDate(), payment.value(),
                PaymentState.valueOf(payment.status(today).name()), payment.canRequestAnticipation(today),
                row.latest() == null ? null : row.latest().id());
    }

    private RequestView request(Anticipation a, LocalDate today, Map<Long, String> names) {
        String supplier = names.computeIfAbsent(a.supplierId(), id -> suppliers.find(id).map(Supplier::corporateName).orElse(""));
        return new RequestView(a.id(), a.paymentId(), a.supplierId(), supplier, RequestStatus.valueOf(a.status().name()), a.originalValue(), a.originalDueDate(),
                a.newDueDate(), a.newValue(), a.discount(), a.daysInAdvance(), a.monthlyRate(), a.requestedAt(), a.decidedAt(), a.approvable(today));
    }

    private static LogLine line(LogEntry entry) {
        return new LogLine(entry.id(), entry.anticipationId(), entry.paymentId(), entry.action().name(), entry.actorRole().name(),
                entry.fromStatus(), entry.toStatus(), entry.valueBefore(), entry.valueAfter(), entry.dueDateBefore(), entry.dueDateAfter(),
                entry.occurredAt());
    }
}
