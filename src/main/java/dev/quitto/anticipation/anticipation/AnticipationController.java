package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.supplier.ActorRole;
import dev.quitto.anticipation.web.Canonical;
import dev.quitto.anticipation.web.Fields;
import dev.quitto.anticipation.web.InvalidStatusFilter;
import dev.quitto.anticipation.web.JsonBody;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.PathIds;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.Paged;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** Canonical anticipations: request, preview, history, list, detail, approve and deny. */
@RestController
@RequestMapping(Canonical.BASE)
class AnticipationController {

    private static final Set<String> CREATE_PROPERTIES = Set.of("newDueDate", "new_due_date");

    private final AnticipationRequests requests;
    private final AnticipationDecisions decisions;
    private final Anticipations anticipations;

    AnticipationController(AnticipationRequests requests, AnticipationDecisions decisions, Anticipations anticipations) {
        this.requests = requests;
        this.decisions = decisions;
        this.anticipations = anticipations;
    }

    @PostMapping("/payments/{paymentId}/anticipations")
    ResponseEntity<AnticipationView> request(CurrentUser caller, @PathVariable String paymentId,
                                             @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                             @RequestBody(required = false) @Nullable String body) {
        long payment = PathIds.parse(paymentId);
        ObjectNode json = JsonBody.read(contentType, body);
        List<FieldViolation> violations = new ArrayList<>(JsonBody.unknownProperties(json, CREATE_PROPERTIES));
        LocalDate newDueDate = Fields.date(json, json.has("new_due_date") ? "new_due_date" : "newDueDate", "newDueDate", violations);
        Anticipation created = requests.request(caller, new NewAnticipation(payment, newDueDate, violations, NewAnticipation.OutOfScope.NOT_FOUND));
        return ResponseEntity.created(URI.create(Canonical.BASE + "/anticipations/" + created.id()))
                .body(AnticipationView.of(created, anticipations.today()));
    }

    @GetMapping("/payments/{paymentId}/anticipation-preview")
    PreviewView preview(CurrentUser caller, @PathVariable String paymentId, @RequestParam(required = false) @Nullable String newDueDate) {
        long payment = PathIds.parse(paymentId);
        List<FieldViolation> violations = new ArrayList<>();
        LocalDate date = Fields.queryDate(newDueDate, "newDueDate", violations);
        if (newDueDate == null) {
            violations.add(new FieldViolation("newDueDate", Fields.REQUIRED, "required"));
        }
        Discount.Quote quote = requests.preview(caller, payment, new NewAnticipation(payment, date, violations, NewAnticipation.OutOfScope.NOT_FOUND));
        return PreviewView.of(payment, quote, requests.monthlyRate());
    }

    @GetMapping("/payments/{paymentId}/anticipations")
    List<AnticipationView> history(CurrentUser caller, @PathVariable String paymentId) {
        LocalDate today = anticipations.today();
        return anticipations.history(caller, PathIds.parse(paymentId)).stream().map(a -> AnticipationView.of(a, today)).toList();
    }

    @GetMapping("/anticipations")
    Paged<AnticipationView> list(CurrentUser caller, @RequestParam(required = false) @Nullable String status,
                                 @RequestParam(required = false) @Nullable Long paymentId, @RequestParam(required = false) @Nullable Long supplierId,
                                 @RequestParam(required = false) @Nullable Boolean expired,
                                 @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        AnticipationStatus parsed = status == null || status.equalsIgnoreCase("ALL") ? null
                : AnticipationStatus.parse(status).orElseThrow(() -> new InvalidStatusFilter(status.toUpperCase(Locale.ROOT), "PENDING, APPROVED, DENIED, ALL or PC, A, D"));
        PageSpec.Canonical spec = PageSpec.Canonical.of(page, size);
        LocalDate today = anticipations.today();
        return Canonical.paged(anticipations.list(caller, new AnticipationFilter(parsed, paymentId, supplierId, expired), spec)
                .map(a -> AnticipationView.of(a, today)), spec);
    }

    @GetMapping("/anticipations/{id}")
    AnticipationView get(CurrentUser caller, @PathVariable String id) {
        return AnticipationView.of(anticipations.get(caller, PathIds.parse(id)), anticipations.today());
    }

    @PostMapping("/anticipations/{id}/approve")
    AnticipationView approve(CurrentUser caller, @PathVariable String id) {
        return AnticipationView.of(decisions.decide(caller, PathIds.parse(id), Decision.APPROVE), anticipations.today());
    }

    @PostMapping("/anticipations/{id}/deny")
    AnticipationView deny(CurrentUser caller, @PathVariable String id) {
        return AnticipationView.of(decisions.decide(caller, PathIds.parse(id), Decision.DENY), anticipations.today());
    }

    record Actor(long userId, ActorRole role) {
    }

    record AnticipationView(long id, long paymentId, long supplierId, String status, LocalDate originalDueDate, String originalValue,
                            LocalDate newDueDate, String newValue, int daysInAdvance, String discount, String monthlyRate, boolean expired,
                            boolean approvable, Actor requestedBy, OffsetDateTime requestedAt, @Nullable Actor decidedBy,
                            @Nullable OffsetDateTime decidedAt) {

        static AnticipationView of(Anticipation a, LocalDate today) {
            return new AnticipationView(a.id(), a.paymentId(), a.supplierId(), a.status().name(), a.originalDueDate(), money(a.originalValue()),
                    a.newDueDate(), money(a.newValue()), a.daysInAdvance(), money(a.discount()), rate(a.monthlyRate()), a.expired(today),
                    a.approvable(today), new Actor(a.requestedBy(), a.requestedByRole()), BusinessTime.render(a.requestedAt()),
                    a.decidedBy() == null || a.decidedByRole() == null ? null : new Actor(a.decidedBy(), a.decidedByRole()),
                    a.decidedAt() == null ? null : BusinessTime.render(a.decidedAt()));
        }
    }

    /** What a request would store: no id, status, actors or times. */
    record PreviewView(long paymentId, LocalDate originalDueDate, String originalValue, LocalDate newDueDate, String newValue, long daysInAdvance,
                       String discount, String monthlyRate) {

        static PreviewView of(long paymentId, Discount.Quote quote, BigDecimal rate) {
            return new PreviewView(paymentId, quote.originalDueDate(), money(quote.originalValue()), quote.newDueDate(), money(quote.newValue()),
                    quote.daysInAdvance(), money(quote.discount()), rate(rate));
        }
    }

    private static String money(BigDecimal value) {
        return value.setScale(2).toPlainString();
    }

    private static String rate(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return (stripped.scale() < 2 ? rate.setScale(2) : stripped).toPlainString();
    }
}
