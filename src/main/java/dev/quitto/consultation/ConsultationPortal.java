package dev.quitto.consultation;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.Delivery;
import dev.quitto.platform.delivery.DeliveryAttempt;
import dev.quitto.platform.delivery.DeliveryNotFound;
import dev.quitto.platform.delivery.DeliveryNotRetryable;
import dev.quitto.platform.delivery.DeliveryPage;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The charge hand-off for another module's screens (the web console), as the charges API shows it
 * ({@code /api/v1/consultation/charges}): each finished consultation's charge to finance with its delivery state and
 * attempts, counts per state, and the OPERATOR's re-arm of a dead charge (one, or all of a dead reason). Readers are
 * OPERATOR and AUDITOR; anyone else is refused with 403, as on the API.
 */
@Service
public class ConsultationPortal {

    /** The reasons a charge dies (spec 4.4), for filters and bulk retries. */
    public static final List<String> DEAD_REASONS = List.of("AMOUNT_CONFLICT", "REJECTED", "EXPIRED", "MAX_ATTEMPTS");

    private static final int MAX_PAGE = 100;
    private static final int ATTEMPTS_SHOWN = 20;

    private final Deliveries deliveries;
    private final Consultations consultations;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Clock clock;

    ConsultationPortal(Deliveries deliveries, Consultations consultations, MeterRegistry meters, JsonMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.consultations = consultations;
        this.meters = meters;
        this.json = json;
        this.clock = clock;
    }

    public enum ChargeStatus {
        PENDING, DELIVERED, DEAD
    }

    /** A charge as the hand-off holds it; {@code amount} is the {@code total_price} sent to finance. */
    public record ChargeView(UUID id, String consultationId, @Nullable BigDecimal amount, ChargeStatus status, int attempts,
                             @Nullable Instant lastAttemptAt, @Nullable Integer lastStatusCode, @Nullable String lastError, Instant nextAttemptAt,
                             boolean inFlight, Instant giveUpAt, @Nullable String deadReason, @Nullable Instant deliveredAt,
                             @Nullable String financeRecordId, Instant createdAt) {

        /** A DEAD charge can be re-armed; a PENDING one is already on its way, a DELIVERED one is never sent again. */
        public boolean retryable() {
            return status == ChargeStatus.DEAD;
        }
    }

    public record Attempt(int attempt, Instant at, @Nullable Integer statusCode, @Nullable Integer latencyMs, String outcome,
                          @Nullable String error, @Nullable String bodyExcerpt) {
    }

    /** The consultation a charge bills. */
    public record ConsultationView(UUID id, UUID physicianId, UUID patientId, Instant startDate, @Nullable Instant endDate,
                                   @Nullable Long durationSeconds, @Nullable BigDecimal billedHours, @Nullable BigDecimal pricePerHour,
                                   @Nullable BigDecimal price) {
    }

    /** A charge, its consultation (absent only if the row is not a consultation's) and its last 20 attempts, oldest first. */
    public record ChargeDetail(ChargeView charge, @Nullable ConsultationView consultation, List<Attempt> recentAttempts) {

        public ChargeDetail {
            recentAttempts = List.copyOf(recentAttempts);
        }
    }

    /** Counts per state, the age of the oldest pending charge, and this instance's breaker on finance. */
    public record Summary(long pending, long delivered, long dead, @Nullable Long oldestPendingAgeSeconds, String breakerState) {
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
     * Charges newest first, narrowed by status, dead reason (one of {@link #DEAD_REASONS}) and consultation.
     *
     * @throws IllegalArgumentException for a dead reason that is not one of {@link #DEAD_REASONS}
     */
    public Listing<ChargeView> charges(CurrentUser caller, @Nullable ChargeStatus status, @Nullable String deadReason,
                                       @Nullable UUID consultationId, PageQuery page) {
        requireReader(caller);
        DeliveryState state = status == null ? null : DeliveryState.valueOf(status.name());
        DeadReason reason = reason(deadReason);
        int size = Math.min(page.size(), MAX_PAGE);
        if (consultationId != null) {
            List<ChargeView> one = deliveries.findByBusinessKey(Consultations.FINANCE, consultationId.toString())
                    .filter(d -> (state == null || d.state() == state) && (reason == null || reason.equals(d.deadReason())))
                    .map(this::view).stream().toList();
            return new Listing<>(page.page() == 1 ? one : List.of(), page.page(), size, one.size());
        }
        DeliveryPage found = deliveries.list(state, Consultations.FINANCE, reason, size, (long) (page.page() - 1) * size);
        return new Listing<>(found.items().stream().map(this::view).toList(), page.page(), size, found.totalItems());
    }

    /** One charge with its consultation and recent attempts; 404 for an id that is not a charge to finance. */
    public ChargeDetail charge(CurrentUser caller, UUID id) {
        requireReader(caller);
        Delivery charge = find(id);
        List<DeliveryAttempt> attempts = deliveries.attempts(charge.id());
        List<Attempt> recent = attempts.subList(Math.max(0, attempts.size() - ATTEMPTS_SHOWN), attempts.size()).stream()
                .map(a -> new Attempt(a.attempt(), a.at(), a.statusCode(), a.latencyMs(), a.outcome(), a.error(), a.bodyExcerpt())).toList();
        return new ChargeDetail(view(charge), consultation(charge.businessKey()).orElse(null), recent);
    }

    public Summary summary(CurrentUser caller) {
        requireReader(caller);
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

    /**
     * OPERATOR only: a DEAD charge back to PENDING, due now, with a new give-up time; a PENDING one is left as it is; a
     * DELIVERED one is 409 {@code charge-not-retryable}.
     */
    public ChargeView retry(CurrentUser caller, UUID id) {
        requireOperator(caller);
        find(id);
        try {
            return view(deliveries.retry(id));
        } catch (DeliveryNotRetryable delivered) {
            throw new Refusals.ChargeNotRetryable(id);
        } catch (DeliveryNotFound missing) {
            throw new Refusals.NotFound("Charge " + id);
        }
    }

    /** OPERATOR only: re-arms every DEAD charge of the reason (one of {@link #DEAD_REASONS}); returns how many. */
    public int retryAll(CurrentUser caller, String deadReason) {
        requireOperator(caller);
        return deliveries.retryAll(Consultations.FINANCE, reason(deadReason));
    }

    private static void requireReader(CurrentUser caller) {
        if (!caller.may(Role.OPERATOR) && !caller.may(Role.AUDITOR)) {
            throw new Refusal(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Charges are read by OPERATOR and AUDITOR.");
        }
    }

    private static void requireOperator(CurrentUser caller) {
        if (!caller.may(Role.OPERATOR)) {
            throw new Refusal(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Only an OPERATOR can retry a charge.");
        }
    }

    private static @Nullable DeadReason reason(@Nullable String deadReason) {
        if (deadReason == null) {
            return null;
        }
        if (!DEAD_REASONS.contains(deadReason)) {
            throw new IllegalArgumentException("Not a dead reason of a charge: " + deadReason);
        }
        return DeadReason.of(deadReason);
    }

    private Delivery find(UUID id) {
        return deliveries.find(id).filter(d -> d.destination().equals(Consultations.FINANCE))
                .orElseThrow(() -> new Refusals.NotFound("Charge " + id));
    }

    private Optional<ConsultationView> consultation(String businessKey) {
        UUID id;
        try {
            id = UUID.fromString(businessKey);
        } catch (IllegalArgumentException notAConsultation) {
            return Optional.empty();
        }
        try {
            Consultation c = consultations.get(id);
            return Optional.of(new ConsultationView(c.id(), c.physicianId(), c.patientId(), c.startDate(), c.endDate(), c.durationSeconds(),
                    c.billedHours(), c.pricePerHour(), c.price()));
        } catch (Refusals.NotFound gone) {
            return Optional.empty();
        }
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
        return new ChargeView(d.id(), d.businessKey(), amount(d.payload()), ChargeStatus.valueOf(d.state().name()), d.attempts(), d.lastAttemptAt(),
                d.lastStatusCode(), d.lastError(), d.nextAttemptAt(), d.inFlight(), d.giveUpAt(),
                d.deadReason() == null ? null : d.deadReason().name(), d.deliveredAt(), d.resultRef(), d.createdAt());
    }

    private @Nullable BigDecimal amount(@Nullable String payload) {
        if (payload == null) {
            return null;
        }
        JsonNode price = json.readTree(payload).get("total_price");
        return price == null ? null : new BigDecimal(price.asString());
    }
}
