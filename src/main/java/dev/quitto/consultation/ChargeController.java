package dev.quitto.consultation;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.Delivery;
import dev.quitto.platform.delivery.DeliveryAttempt;
import dev.quitto.platform.delivery.DeliveryNotFound;
import dev.quitto.platform.delivery.DeliveryNotRetryable;
import dev.quitto.platform.delivery.DeliveryPage;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The charge hand-off as operators see it (spec section 3): the platform deliveries of destination {@code finance},
 * one per finished consultation. AUDITOR and OPERATOR read; OPERATOR re-arms.
 */
@RestController
@Profile("!finance-only")
@RequestMapping("/api/v1/consultation/charges")
class ChargeController {

    private static final String READERS = "hasAnyRole('OPERATOR', 'AUDITOR')";
    private static final int ATTEMPTS_SHOWN = 20;

    private final Deliveries deliveries;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Clock clock;

    ChargeController(Deliveries deliveries, MeterRegistry meters, JsonMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.meters = meters;
        this.json = json;
        this.clock = clock;
    }

    record ChargeView(UUID id, String consultationId, @Nullable String amount, String destination, String status, int attempts,
                      @Nullable OffsetDateTime lastAttemptAt, @Nullable Integer lastStatusCode, @Nullable String lastError,
                      OffsetDateTime nextAttemptAt, boolean inFlight, OffsetDateTime giveUpAt, @Nullable String deadReason,
                      @Nullable OffsetDateTime deliveredAt, @Nullable String financeRecordId, OffsetDateTime createdAt) {
    }

    record AttemptView(int attempt, OffsetDateTime at, @Nullable Integer statusCode, @Nullable Integer latencyMs, String outcome,
                       @Nullable String error, @Nullable String bodyExcerpt) {
    }

    record ChargeDetail(ChargeView charge, List<AttemptView> recentAttempts) {
    }

    record Summary(long pending, long delivered, long dead, @Nullable Long oldestPendingAgeSeconds, String breakerState) {
    }

    @GetMapping
    @PreAuthorize(READERS)
    Paged<ChargeView> list(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String deadReason,
                           @RequestParam(required = false) @Nullable String consultationId,
                           @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        PageQuery query = Listing.page(page, size);
        DeliveryState state = state(status);
        DeadReason reason = reason(deadReason);
        UUID consultation = Listing.uuid(consultationId, "consultationId");
        if (consultation != null) {
            List<ChargeView> one = deliveries.findByBusinessKey(Consultations.FINANCE, consultation.toString())
                    .filter(d -> (state == null || d.state() == state) && (reason == null || reason.equals(d.deadReason())))
                    .map(this::view).stream().toList();
            return Paged.of(query.page() == 1 ? one : List.of(), query, one.size(), ServletUriComponentsBuilder.fromCurrentRequest());
        }
        DeliveryPage found = deliveries.list(state, Consultations.FINANCE, reason, query.size(), query.offset());
        return Paged.of(found.items().stream().map(this::view).toList(), query, found.totalItems(), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping("/summary")
    @PreAuthorize(READERS)
    Summary summary() {
        long pending = count(DeliveryState.PENDING);
        Long oldestAge = null;
        if (pending > 0) {
            List<Delivery> oldest = deliveries.list(DeliveryState.PENDING, Consultations.FINANCE, null, 1, pending - 1).items();
            if (!oldest.isEmpty()) {
                oldestAge = Math.max(0, Duration.between(oldest.getFirst().createdAt(), clock.instant()).getSeconds());
            }
        }
        return new Summary(pending, count(DeliveryState.DELIVERED), count(DeliveryState.DEAD), oldestAge, breakerState());
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    ChargeDetail get(@PathVariable String id) {
        Delivery charge = charge(Refusals.pathId(id));
        List<DeliveryAttempt> attempts = deliveries.attempts(charge.id());
        List<AttemptView> recent = attempts.subList(Math.max(0, attempts.size() - ATTEMPTS_SHOWN), attempts.size()).stream()
                .map(a -> new AttemptView(a.attempt(), ConsultationViews.render(a.at()), a.statusCode(), a.latencyMs(), a.outcome(), a.error(),
                        a.bodyExcerpt()))
                .toList();
        return new ChargeDetail(view(charge), recent);
    }

    @PostMapping("/{id}/retry")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<ChargeView> retry(@PathVariable String id) {
        UUID chargeId = Refusals.pathId(id);
        charge(chargeId);
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(deliveries.retry(chargeId)));
        } catch (DeliveryNotRetryable delivered) {
            throw new Refusals.ChargeNotRetryable(chargeId);
        } catch (DeliveryNotFound missing) {
            throw new Refusals.NotFound("Charge " + chargeId);
        }
    }

    @PostMapping("/retry")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<Map<String, Integer>> retryAll(@RequestParam(required = false) @Nullable String deadReason) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("rearmed", deliveries.retryAll(Consultations.FINANCE, reason(deadReason))));
    }

    private Delivery charge(UUID id) {
        return deliveries.find(id).filter(d -> d.destination().equals(Consultations.FINANCE))
                .orElseThrow(() -> new Refusals.NotFound("Charge " + id));
    }

    private long count(DeliveryState state) {
        return deliveries.list(state, Consultations.FINANCE, null, 1, 0).totalItems();
    }

    private String breakerState() {
        Gauge gauge = meters.find("quitto.delivery.breaker.state").tag("destination", Consultations.FINANCE).gauge();
        if (gauge == null) {
            return "NOT_RUNNING";
        }
        return switch ((int) gauge.value()) {
            case 0 -> "CLOSED";
            case 1 -> "HALF_OPEN";
            default -> "OPEN";
        };
    }

    private ChargeView view(Delivery d) {
        return new ChargeView(d.id(), d.businessKey(), amount(d.payload()), d.destination(), d.state().name(), d.attempts(),
                ConsultationViews.renderOrNull(d.lastAttemptAt()), d.lastStatusCode(), d.lastError(), ConsultationViews.render(d.nextAttemptAt()),
                d.inFlight(), ConsultationViews.render(d.giveUpAt()), d.deadReason() == null ? null : d.deadReason().name(),
                ConsultationViews.renderOrNull(d.deliveredAt()), d.resultRef(), ConsultationViews.render(d.createdAt()));
    }

    private @Nullable String amount(@Nullable String payload) {
        if (payload == null) {
            return null;
        }
        JsonNode price = json.readTree(payload).get("total_price");
        return price == null ? null : price.asString();
    }

    private static @Nullable DeliveryState state(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryState.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refusals.InvalidParameter("status", "must be PENDING, DELIVERED or DEAD");
        }
    }

    private static @Nullable DeadReason reason(@Nullable String deadReason) {
        if (deadReason == null || deadReason.isBlank()) {
            return null;
        }
        return switch (deadReason.trim().toUpperCase(Locale.ROOT)) {
            case "AMOUNT_CONFLICT", "REJECTED", "EXPIRED", "MAX_ATTEMPTS" -> DeadReason.of(deadReason.trim().toUpperCase(Locale.ROOT));
            default -> throw new Refusals.InvalidParameter("deadReason", "must be AMOUNT_CONFLICT, REJECTED, EXPIRED or MAX_ATTEMPTS");
        };
    }
}
