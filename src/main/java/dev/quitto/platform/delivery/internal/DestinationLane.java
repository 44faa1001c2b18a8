package dev.quitto.platform.delivery.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One destination as this instance sends to it: its settings, HTTP client, calls in flight, and circuit breaker.
 * The breaker (Resilience4j) opens on {@code consecutive-failures} destination-level failures in a row or a failure
 * rate of {@code failure-rate-percent} over the last {@code window} calls; it then lets one probe through every
 * {@code probe-interval} (read from the injected clock), and closes when a probe succeeds.
 */
final class DestinationLane implements AutoCloseable {

    private static final Throwable DESTINATION_FAILURE = new DestinationFailure();

    final String name;
    final DeliverySettings.Destination settings;
    final DeliverySender sender;
    final CircuitBreaker breaker;
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean probeInFlight;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    DestinationLane(String name, DeliverySettings.Destination settings, DeliverySender sender, Clock clock) {
        this.name = name;
        this.settings = settings;
        this.sender = sender;
        DeliverySettings.Breaker breakerSettings = settings.breaker();
        this.breaker = CircuitBreaker.of("delivery-" + name, CircuitBreakerConfig.custom()
                .slidingWindow(breakerSettings.window(), breakerSettings.window(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(breakerSettings.failureRatePercent())
                .waitDurationInOpenState(breakerSettings.probeInterval())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
    }

    boolean isClosed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /** Feeds the breaker: connect errors, timeouts, dropped connections and 5xx are the destination's failures. */
    void observe(Exchange exchange, boolean probe) {
        switch (verdict(exchange)) {
            case FAILURE -> {
                breaker.onError(exchange.latencyMs(), TimeUnit.MILLISECONDS, DESTINATION_FAILURE);
                if (consecutiveFailures.incrementAndGet() >= settings.breaker().consecutiveFailures() && isClosed()) {
                    breaker.transitionToOpenState();
                }
            }
            case SUCCESS -> {
                consecutiveFailures.set(0);
                breaker.onSuccess(exchange.latencyMs(), TimeUnit.MILLISECONDS);
            }
            case NO_VERDICT -> {
                breaker.releasePermission();
                if (probe && breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                    breaker.transitionToOpenState();
                }
            }
        }
    }

    void resetConsecutiveFailures() {
        consecutiveFailures.set(0);
    }

    private enum Verdict { SUCCESS, FAILURE, NO_VERDICT }

    private static Verdict verdict(Exchange exchange) {
        return switch (exchange) {
            case Exchange.Answered answered when answered.status() >= 500 -> Verdict.FAILURE;
            case Exchange.Answered answered when answered.status() == 408 || answered.status() == 429 -> Verdict.NO_VERDICT;
            case Exchange.Answered answered -> Verdict.SUCCESS;
            case Exchange.Failed failed when failed.failure() == Exchange.Failure.INVALID_REQUEST -> Verdict.NO_VERDICT;
            case Exchange.Failed failed -> Verdict.FAILURE;
        };
    }

    @Override
    public void close() {
        sender.close();
    }

    private static final class DestinationFailure extends Exception {
        DestinationFailure() {
            super("destination-level failure", null, false, false);
        }
    }
}
