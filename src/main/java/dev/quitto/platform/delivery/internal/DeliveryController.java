package dev.quitto.platform.delivery.internal;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.Delivery;
import dev.quitto.platform.delivery.DeliveryAttempt;
import dev.quitto.platform.delivery.DeliveryNotFound;
import dev.quitto.platform.delivery.DeliveryPage;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
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
 * Operators' view of outbound deliveries: list and read (AUDITOR, OPERATOR, ADMIN), retry one or all DEAD deliveries
 * of a destination (OPERATOR, ADMIN).
 */
@RestController
@RequestMapping("/api/v1/platform/deliveries")
class DeliveryController {

    private static final String READERS = "hasAnyRole('AUDITOR', 'OPERATOR')";
    private static final String OPERATORS = "hasRole('OPERATOR')";

    private final Deliveries deliveries;
    private final JsonMapper json;

    DeliveryController(Deliveries deliveries, JsonMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    record DeliveryView(UUID id, String destination, String businessKey, String method, String target, DeliveryState state, int attempts,
                        boolean inFlight, OffsetDateTime nextAttemptAt, OffsetDateTime giveUpAt, @Nullable OffsetDateTime lastAttemptAt,
                        @Nullable Integer lastStatusCode, @Nullable String lastError, @Nullable String deadReason,
                        @Nullable OffsetDateTime deliveredAt, @Nullable String resultRef, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.destination(), d.businessKey(), d.method(), d.target(), d.state(), d.attempts(), d.inFlight(),
                    BusinessTime.render(d.nextAttemptAt()), BusinessTime.render(d.giveUpAt()), render(d.lastAttemptAt()), d.lastStatusCode(), d.lastError(),
                    d.deadReason() == null ? null : d.deadReason().name(), render(d.deliveredAt()), d.resultRef(), BusinessTime.render(d.createdAt()),
                    BusinessTime.render(d.updatedAt()));
        }
    }

    record AttemptView(int attempt, OffsetDateTime at, @Nullable Integer statusCode, @Nullable Integer latencyMs, String outcome,
                       @Nullable String error, @Nullable String bodyExcerpt, @Nullable String worker) {

        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attempt(), BusinessTime.render(a.at()), a.statusCode(), a.latencyMs(), a.outcome(), a.error(),
                    a.bodyExcerpt(), a.worker());
        }
    }

    record DeliveryDetailView(DeliveryView delivery, Map<String, String> headers, @Nullable JsonNode payload, List<AttemptView> history) {
    }

    record RetriedView(String destination, @Nullable String deadReason, int retried) {
    }

    @GetMapping
    @PreAuthorize(READERS)
    Paged<DeliveryView> list(@RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable String destination,
                             @RequestParam(required = false) @Nullable String deadReason, @RequestParam(required = false) @Nullable Integer page,
                             @RequestParam(required = false) @Nullable Integer size) {
        List<FieldViolation> violations = new ArrayList<>();
        DeliveryState wanted = state(state, violations);
        DeadReason reason = deadReason(deadReason, violations);
        PageQuery query;
        try {
            query = PageQuery.of(page, size);
        } catch (InvalidInput invalid) {
            violations.addAll(invalid.violations());
            query = PageQuery.of(1, PageQuery.DEFAULT_SIZE);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        DeliveryPage found = deliveries.list(wanted, blankToNull(destination), reason, query.size(), query.offset());
        return Paged.of(found.items().stream().map(DeliveryView::of).toList(), query, found.totalItems(),
                ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    DeliveryDetailView find(@PathVariable UUID id) {
        Delivery delivery = deliveries.find(id).orElseThrow(() -> new DeliveryNotFound(id));
        return detail(delivery);
    }

    @PostMapping("/{id}/retry")
    @PreAuthorize(OPERATORS)
    DeliveryDetailView retry(@PathVariable UUID id) {
        return detail(deliveries.retry(id));
    }

    @PostMapping("/retry")
    @PreAuthorize(OPERATORS)
    RetriedView retryAll(@RequestParam String destination, @RequestParam(required = false) @Nullable String deadReason) {
        List<FieldViolation> violations = new ArrayList<>();
        DeadReason reason = deadReason(deadReason, violations);
        if (destination.isBlank()) {
            violations.add(new FieldViolation("destination", "must not be blank", "required"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new RetriedView(destination, reason == null ? null : reason.name(), deliveries.retryAll(destination, reason));
    }

    private DeliveryDetailView detail(Delivery delivery) {
        JsonNode payload = delivery.payload() == null ? null : json.readTree(delivery.payload());
        return new DeliveryDetailView(DeliveryView.of(delivery), delivery.headers(), payload,
                deliveries.attempts(delivery.id()).stream().map(AttemptView::of).toList());
    }

    private static @Nullable DeliveryState state(@Nullable String state, List<FieldViolation> violations) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return DeliveryState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            String allowed = Arrays.stream(DeliveryState.values()).map(Enum::name).collect(Collectors.joining(", "));
            violations.add(new FieldViolation("state", "must be one of " + allowed + ", got \"" + state + "\"", "invalid-value"));
            return null;
        }
    }

    private static @Nullable DeadReason deadReason(@Nullable String deadReason, List<FieldViolation> violations) {
        if (deadReason == null || deadReason.isBlank()) {
            return null;
        }
        try {
            return DeadReason.of(deadReason.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException malformed) {
            violations.add(new FieldViolation("deadReason", "must be a reason such as REJECTED, EXPIRED, MAX_ATTEMPTS", "invalid-value"));
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static @Nullable OffsetDateTime render(@Nullable Instant instant) {
        return instant == null ? null : BusinessTime.render(instant);
    }
}
