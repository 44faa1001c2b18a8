package dev.quitto.platform.delivery.internal;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.DeliveryState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The delivery meters, tagged by destination: {@code quitto.delivery.pending}, {@code quitto.delivery.oldest.pending.age}
 * (seconds since the oldest waiting row was enqueued), {@code quitto.delivery.oldest.due.age} (seconds the earliest due row
 * not being sent has been due: how far the workers lag), {@code quitto.delivery.dead.rows} (gauges read from the database
 * every metrics interval, so they hold for all instances), {@code quitto.delivery.delivered} and
 * {@code quitto.delivery.dead{reason}} (counters of this instance's transitions; their rate is deliveries/s),
 * {@code quitto.delivery.attempt{outcome}} (timer with a latency histogram), {@code quitto.delivery.response{status}}
 * (attempts by the HTTP status the destination answered, {@code none} when it did not answer),
 * {@code quitto.delivery.lease.lost} and {@code quitto.delivery.breaker.state} (0 closed, 1 half-open, 2 open).
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<String, Backlog> backlogs = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    private static final class Backlog {
        final AtomicLong pending = new AtomicLong();
        final AtomicLong dead = new AtomicLong();
        final AtomicReference<@Nullable Instant> oldest = new AtomicReference<>();
        final AtomicReference<@Nullable Instant> oldestDue = new AtomicReference<>();
    }

    private Backlog backlog(String destination) {
        return backlogs.computeIfAbsent(destination, name -> {
            Backlog backlog = new Backlog();
            Gauge.builder("quitto.delivery.pending", backlog, b -> b.pending.get()).tag("destination", name)
                    .description("Deliveries waiting to be delivered").register(registry);
            Gauge.builder("quitto.delivery.dead.rows", backlog, b -> b.dead.get()).tag("destination", name)
                    .description("Deliveries given up and not retried").register(registry);
            Gauge.builder("quitto.delivery.oldest.pending.age", backlog, this::oldestAgeSeconds).tag("destination", name)
                    .baseUnit("seconds").description("Age of the oldest waiting delivery").register(registry);
            Gauge.builder("quitto.delivery.oldest.due.age", backlog, b -> secondsSince(b.oldestDue.get())).tag("destination", name)
                    .baseUnit("seconds").description("How long the earliest due delivery not being sent has been due").register(registry);
            return backlog;
        });
    }

    private long oldestAgeSeconds(Backlog backlog) {
        return secondsSince(backlog.oldest.get());
    }

    private long secondsSince(@Nullable Instant instant) {
        return instant == null ? 0 : Math.max(0, Duration.between(instant, clock.instant()).toSeconds());
    }

    void register(String destination, CircuitBreaker breaker) {
        backlog(destination);
        Gauge.builder("quitto.delivery.breaker.state", breaker, b -> switch (b.getState()) {
                    case CLOSED, DISABLED, METRICS_ONLY -> 0;
                    case HALF_OPEN -> 1;
                    case OPEN, FORCED_OPEN -> 2;
                }).tag("destination", destination).description("Circuit breaker: 0 closed, 1 half-open, 2 open").register(registry);
    }

    void refresh(Iterable<DeliveryRepository.Backlog> rows) {
        Set<String> pendingSeen = new HashSet<>();
        Set<String> deadSeen = new HashSet<>();
        for (DeliveryRepository.Backlog row : rows) {
            Backlog backlog = backlog(row.destination());
            if (row.state() == DeliveryState.PENDING) {
                backlog.pending.set(row.rows());
                backlog.oldest.set(row.oldest());
                backlog.oldestDue.set(row.oldestDue());
                pendingSeen.add(row.destination());
            } else {
                backlog.dead.set(row.rows());
                deadSeen.add(row.destination());
            }
        }
        backlogs.forEach((destination, backlog) -> {
            if (!pendingSeen.contains(destination)) {
                backlog.pending.set(0);
                backlog.oldest.set(null);
                backlog.oldestDue.set(null);
            }
            if (!deadSeen.contains(destination)) {
                backlog.dead.set(0);
            }
        });
    }

    void attempt(String destination, String outcome, @Nullable Integer statusCode, int latencyMs) {
        Timer.builder("quitto.delivery.attempt").tag("destination", destination).tag("outcome", outcome)
                .description("Delivery attempts by outcome").publishPercentileHistogram()
                .register(registry).record(latencyMs, TimeUnit.MILLISECONDS);
        Counter.builder("quitto.delivery.response").tag("destination", destination)
                .tag("status", statusCode == null ? "none" : statusCode.toString())
                .description("Delivery attempts by the HTTP status the destination answered (none: no answer)").register(registry).increment();
    }

    void delivered(String destination) {
        Counter.builder("quitto.delivery.delivered").tag("destination", destination).description("Deliveries delivered")
                .register(registry).increment();
    }

    void dead(String destination, DeadReason reason) {
        Counter.builder("quitto.delivery.dead").tag("destination", destination).tag("reason", reason.name())
                .description("Deliveries given up").register(registry).increment();
    }

    void leaseLost(String destination) {
        Counter.builder("quitto.delivery.lease.lost").tag("destination", destination)
                .description("Outcomes dropped because another worker had taken the lease").register(registry).increment();
    }
}
