package dev.quitto.platform.delivery.internal;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.DeliveryDied;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.DeliverySucceeded;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes outcomes in batches, one short transaction each: the fenced update and attempt row of every outcome, and
 * the {@link DeliverySucceeded} / {@link DeliveryDied} events of those that were written. An outcome whose lease was
 * taken by another worker is dropped (the destination's idempotency covers the re-send). After the commit: counters
 * and one ERROR line {@code delivery_dead} per DEAD transition; then each outcome's {@code whenDone}, which gives its
 * call slot back to the worker (a row counts against its destination's concurrency until its outcome is written, so
 * a slow recorder slows claiming instead of piling up rows that hold leases).
 */
@Component
class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    static final int BATCH = 500;

    private final DeliveryRepository deliveries;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final LinkedBlockingQueue<Submitted> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private @Nullable Thread thread;

    OutcomeRecorder(DeliveryRepository deliveries, TransactionTemplate transactions, ApplicationEventPublisher events,
                    DeliveryMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.transactions = transactions;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    private record Submitted(Outcome outcome, Runnable whenDone) {
    }

    /** Queues the outcome; {@code whenDone} runs once it is written, dropped as stale, or given up on. */
    void submit(Outcome outcome, Runnable whenDone) {
        queue.add(new Submitted(outcome, whenDone));
    }

    synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().name("delivery-recorder").daemon().start(this::loop);
        }
    }

    /** Writes what is queued, then stops. */
    void stop(long waitMillis) throws InterruptedException {
        Thread current;
        synchronized (this) {
            current = thread;
            running = false;
            thread = null;
        }
        if (current != null) {
            current.join(waitMillis);
        }
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            try {
                Submitted first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Submitted> batch = new ArrayList<>(BATCH);
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                try {
                    write(batch.stream().map(Submitted::outcome).toList());
                } finally {
                    batch.forEach(submitted -> submitted.whenDone().run());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void write(List<Outcome> batch) {
        try {
            written(batch, writeInOneTransaction(batch));
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                Outcome outcome = batch.getFirst();
                log.error("delivery_outcome_unrecorded id={} destination={}: {}; its lease will expire and it will be sent again",
                        outcome.delivery().id(), outcome.delivery().destination(), failure.toString());
                return;
            }
            log.warn("Writing {} delivery outcomes at once failed ({}); writing them one by one", batch.size(), failure.toString());
            for (Outcome outcome : batch) {
                write(List.of(outcome));
            }
        }
    }

    private Set<UUID> writeInOneTransaction(List<Outcome> batch) {
        Set<UUID> written = transactions.execute(status -> {
            Set<UUID> ids = deliveries.record(batch, clock.instant());
            for (Outcome outcome : batch) {
                if (ids.contains(outcome.delivery().id())) {
                    publish(outcome);
                }
            }
            return ids;
        });
        return written == null ? Set.of() : written;
    }

    private void publish(Outcome outcome) {
        ClaimedDelivery delivery = outcome.delivery();
        if (outcome.state() == DeliveryState.DELIVERED) {
            events.publishEvent(new DeliverySucceeded(delivery.id(), delivery.destination(), delivery.businessKey(),
                    outcome.statusCode() == null ? 0 : outcome.statusCode(), outcome.responseBody() == null ? "" : outcome.responseBody(),
                    outcome.resultRef(), delivery.attempts()));
        } else if (outcome.state() == DeliveryState.DEAD && outcome.deadReason() != null) {
            events.publishEvent(new DeliveryDied(delivery.id(), delivery.destination(), delivery.businessKey(), outcome.deadReason(),
                    outcome.statusCode(), outcome.lastError(), outcome.bodyExcerpt(), delivery.attempts()));
        }
    }

    private void written(List<Outcome> batch, Set<UUID> ids) {
        for (Outcome outcome : batch) {
            ClaimedDelivery delivery = outcome.delivery();
            if (!ids.contains(delivery.id())) {
                metrics.leaseLost(delivery.destination());
                log.warn("delivery_lease_lost id={} destination={} attempt={}: another worker holds it now; this outcome ({}) is dropped",
                        delivery.id(), delivery.destination(), delivery.attempts(), outcome.attemptOutcome());
            } else if (outcome.state() == DeliveryState.DELIVERED) {
                metrics.delivered(delivery.destination());
            } else if (outcome.state() == DeliveryState.DEAD && outcome.deadReason() != null) {
                died(delivery.id(), delivery.destination(), delivery.businessKey(), outcome.deadReason(), outcome.statusCode(),
                        outcome.lastError(), delivery.attempts());
            }
        }
    }

    /** The alert of every DEAD transition: a counter and one ERROR line with key-values for structured logs. */
    void died(UUID id, String destination, String businessKey, DeadReason reason, @Nullable Integer lastStatus, @Nullable String lastError,
              int attempts) {
        metrics.dead(destination, reason);
        log.atError()
                .addKeyValue("event", "delivery_dead").addKeyValue("deliveryId", id).addKeyValue("destination", destination)
                .addKeyValue("businessKey", businessKey).addKeyValue("reason", reason.name()).addKeyValue("lastStatus", lastStatus)
                .addKeyValue("attempts", attempts)
                .log("delivery_dead id={} destination={} businessKey={} reason={} lastStatus={} attempts={} lastError={}",
                        id, destination, businessKey, reason, lastStatus, attempts, lastError);
    }
}
