package dev.quitto.platform.delivery.internal;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.DeliveryDied;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This instance's delivery worker (consultation-finance.md section 6):
 * <ol>
 *   <li>a dispatcher thread wakes on an after-commit signal or every {@code poll-interval}, and per destination claims
 *       due rows in one short statement ({@code FOR UPDATE SKIP LOCKED}, a lease with a fresh token), as many as the
 *       destination has free call slots ({@code concurrency});</li>
 *   <li>each claimed row is sent on a virtual thread, outside any transaction;</li>
 *   <li>the {@link OutcomeRecorder} writes outcomes in batches with a fenced update; a row keeps its call slot until its
 *       outcome is written, so this instance never holds more rows of a destination than it has slots for;</li>
 *   <li>every third of the {@code lease} the dispatcher renews the lease of every row it still holds (sending, or its
 *       outcome waiting to be written): however slow a call or the database is, a live instance keeps its rows, and only
 *       an instance that died (or lost the database for a whole lease) lets them go;</li>
 *   <li>while a destination's breaker is open only one probe row is claimed per probe interval; when the probe
 *       succeeds the destination's whole backlog is made due at once;</li>
 *   <li>every {@code sweep-interval}: PENDING rows past their give-up time become DEAD (EXPIRED), old attempt rows go.</li>
 * </ol>
 * Stopping stops claiming and waits up to {@code shutdown-grace} for calls in flight. A killed instance leaves leases
 * that expire; any instance then claims the rows again and logs the lost attempt as INTERRUPTED.
 */
@Component
public class DeliveryWorker implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int SWEEP_BATCH = 1000;

    private final DeliverySettings settings;
    private final DeliveryRepository deliveries;
    private final OutcomeRecorder recorder;
    private final DeliveryMetrics metrics;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String owner;
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-", 0).factory());
    private final Map<String, DestinationLane> lanes = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The rows this instance holds a lease on (delivery id to lease token), from claim until the outcome is written. */
    private final ConcurrentMap<UUID, UUID> held = new ConcurrentHashMap<>();
    private final Object idle = new Object();
    private volatile boolean running;
    private volatile @Nullable Thread dispatcher;

    DeliveryWorker(DeliverySettings settings, DeliveryRepository deliveries, OutcomeRecorder recorder, DeliveryMetrics metrics,
                   TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.recorder = recorder;
        this.metrics = metrics;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.owner = settings.worker().instanceId() != null ? settings.worker().instanceId() : defaultOwner();
        settings.destinations().forEach((name, destination) -> {
            DestinationLane lane = new DestinationLane(name, destination, new DeliverySender(destination, calls), clock);
            lane.breaker.getEventPublisher().onStateTransition(event -> onTransition(lane, event.getStateTransition()));
            metrics.register(name, lane.breaker);
            lanes.put(name, lane);
        });
    }

    /** Signals the dispatcher that rows may be due (called after a transaction that enqueued or re-armed commits). */
    public void wake() {
        Thread thread = dispatcher;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public boolean isAutoStartup() {
        return settings.worker().enabled();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        recorder.start();
        dispatcher = Thread.ofPlatform().name("delivery-dispatcher").daemon().start(this::dispatch);
        log.info("Delivery worker {} started for destinations {}", owner, lanes.keySet());
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            thread = dispatcher;
            dispatcher = null;
        }
        long graceNanos = settings.worker().shutdownGrace().toNanos();
        long deadline = System.nanoTime() + graceNanos;
        try {
            if (thread != null) {
                LockSupport.unpark(thread);
                thread.join(TimeUnit.NANOSECONDS.toMillis(graceNanos));
            }
            synchronized (idle) {
                while (inFlight.get() > 0 && deadline - System.nanoTime() > 0) {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
            if (inFlight.get() > 0) {
                log.warn("Delivery worker {} stopped with {} calls in flight; their leases will expire and they will be sent again",
                        owner, inFlight.get());
            }
            recorder.stop(Math.max(1000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        log.info("Delivery worker {} stopped", owner);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void dispatch() {
        long pollNanos = settings.worker().pollInterval().toNanos();
        long renewNanos = Math.max(1, settings.worker().lease().toNanos() / 3);
        long nextSweep = System.nanoTime();
        long nextMetrics = System.nanoTime();
        long nextRenewal = System.nanoTime() + renewNanos;
        while (running) {
            boolean more = false;
            try {
                if (System.nanoTime() - nextRenewal >= 0) {
                    renewLeases();
                    nextRenewal = System.nanoTime() + renewNanos;
                }
                for (DestinationLane lane : lanes.values()) {
                    more |= dispatch(lane);
                }
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep();
                    nextSweep = now + settings.worker().sweepInterval().toNanos();
                }
                if (now - nextMetrics >= 0) {
                    metrics.refresh(deliveries.backlog(clock.instant()));
                    nextMetrics = now + settings.worker().metricsInterval().toNanos();
                }
            } catch (DataAccessException unavailable) {
                log.warn("Delivery worker {}: database unavailable ({}); trying again in {}", owner, unavailable.getMostSpecificCause(),
                        settings.worker().pollInterval());
                more = false;
            } catch (RuntimeException bug) {
                log.error("Delivery worker {}: dispatch failed; trying again in {}", owner, settings.worker().pollInterval(), bug);
                more = false;
            }
            if (!more && running) {
                LockSupport.parkNanos(this, pollNanos);
            }
        }
    }

    /** Claims and starts what the lane may send now; true when the claim was full, so more rows may be due. */
    private boolean dispatch(DestinationLane lane) {
        if (lane.isClosed()) {
            int slots = Math.min(lane.settings.concurrency() - lane.inFlight.get(), settings.worker().batchSize());
            int refill = Math.max(1, Math.min(lane.settings.concurrency(), settings.worker().batchSize()) / 4);
            if (slots <= 0 || (lane.inFlight.get() > 0 && slots < refill)) {
                return false;
            }
            Instant now = clock.instant();
            List<ClaimedDelivery> claimed = deliveries.claimDue(lane.name, slots, owner, now, now.plus(settings.worker().lease()));
            for (ClaimedDelivery delivery : claimed) {
                send(lane, delivery, false);
            }
            return claimed.size() == slots;
        }
        if (lane.probeInFlight || !lane.breaker.tryAcquirePermission()) {
            return false;
        }
        Instant now = clock.instant();
        Optional<ClaimedDelivery> probe = deliveries.claimProbe(lane.name, owner, now, now.plus(settings.worker().lease()));
        if (probe.isEmpty()) {
            lane.breaker.releasePermission();
            return false;
        }
        lane.probeInFlight = true;
        send(lane, probe.get(), true);
        return false;
    }

    /**
     * Sends the claimed row on a virtual thread and hands its outcome to the recorder. The row holds a call slot and is
     * in {@link #held} (its lease renewed) until the recorder is done with it.
     */
    private void send(DestinationLane lane, ClaimedDelivery delivery, boolean probe) {
        lane.inFlight.incrementAndGet();
        inFlight.incrementAndGet();
        held.put(delivery.id(), delivery.leaseToken());
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                release(lane, delivery, probe);
            }
        };
        try {
            calls.execute(() -> {
                boolean submitted = false;
                try {
                    Exchange exchange = lane.sender.send(delivery);
                    lane.observe(exchange, probe);
                    Outcome outcome = OutcomePolicy.decide(delivery, exchange, lane.settings, clock.instant(), ThreadLocalRandom.current());
                    metrics.attempt(lane.name, outcome.attemptOutcome().name(), outcome.statusCode(), exchange.latencyMs());
                    recorder.submit(outcome, release);
                    submitted = true;
                } finally {
                    if (!submitted) {
                        release.run();
                    }
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            release.run();
        }
    }

    private void release(DestinationLane lane, ClaimedDelivery delivery, boolean probe) {
        held.remove(delivery.id(), delivery.leaseToken());
        if (probe) {
            lane.probeInFlight = false;
        }
        lane.inFlight.decrementAndGet();
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
        wake();
    }

    /** Pushes the lease of every row this instance still holds another {@code lease} ahead. */
    void renewLeases() {
        if (held.isEmpty()) {
            return;
        }
        Map<UUID, UUID> holding = Map.copyOf(held);
        Set<UUID> renewed = deliveries.renewLeases(holding, clock.instant().plus(settings.worker().lease()));
        log.debug("Delivery worker {} renewed {} of the {} leases it holds", owner, renewed.size(), holding.size());
    }

    private void onTransition(DestinationLane lane, CircuitBreaker.StateTransition transition) {
        switch (transition) {
            case CLOSED_TO_OPEN, HALF_OPEN_TO_OPEN -> log.warn("delivery_breaker_open destination={}: no calls but one probe every {}",
                    lane.name, lane.settings.breaker().probeInterval());
            case HALF_OPEN_TO_CLOSED -> {
                lane.resetConsecutiveFailures();
                int released = deliveries.releaseBacklog(lane.name, clock.instant());
                log.info("delivery_breaker_closed destination={}: the probe succeeded; {} waiting deliveries are due now", lane.name, released);
                wake();
            }
            default -> log.debug("Delivery breaker {}: {}", lane.name, transition);
        }
    }

    /** PENDING rows past their give-up time become DEAD (EXPIRED), with their events, in batches; old attempt rows go. */
    void sweep() {
        List<DeliveryRepository.Expired> expired;
        do {
            Instant now = clock.instant();
            expired = transactions.execute(status -> {
                List<DeliveryRepository.Expired> rows = deliveries.expire(now, SWEEP_BATCH);
                rows.forEach(row -> events.publishEvent(new DeliveryDied(row.id(), row.destination(),
                        row.businessKey(), DeadReason.EXPIRED, row.lastStatusCode(), row.lastError(), null,
                        row.attempts())));
                return rows;
            });
            if (expired == null) {
                return;
            }
            expired.forEach(row -> recorder.died(row.id(), row.destination(), row.businessKey(),
                    DeadReason.EXPIRED, row.lastStatusCode(), row.lastError(), row.attempts()));
        } while (expired.size() == SWEEP_BATCH);
        deliveries.purgeAttempts(clock.instant().minus(settings.attemptRetention()));
    }

    @Override
    public void destroy() {
        lanes.values().forEach(DestinationLane::close);
        calls.shutdownNow();
    }

    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
