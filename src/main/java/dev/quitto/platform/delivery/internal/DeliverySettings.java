package dev.quitto.platform.delivery.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound deliveries ({@code quitto.delivery}).
 *
 * @param worker           how this instance's worker claims and sends
 * @param attemptRetention how long attempt rows are kept (deliveries themselves are never deleted)
 * @param destinations     the systems Quitto calls, by name
 */
@ConfigurationProperties("quitto.delivery")
public record DeliverySettings(@DefaultValue Worker worker,
                               @DefaultValue("30d") Duration attemptRetention,
                               @DefaultValue Map<String, Destination> destinations) {

    /** The destination's settings, or the defaults for one no longer configured (its rows still expire and can be read). */
    public Destination destination(String name) {
        return find(name).orElseGet(Destination::defaults);
    }

    public Optional<Destination> find(String name) {
        return Optional.ofNullable(destinations.get(name));
    }

    /**
     * @param enabled       false: this instance sends nothing (enqueue still works; another instance delivers)
     * @param pollInterval  fallback poll for rows of other instances and for due retries; commits on this instance wake it at once
     * @param batchSize     most rows claimed per query (never more than the destination has free call slots)
     * @param lease         how long a claim is held without renewal; the worker renews the leases it holds every third of it,
     *                      so only a dead instance (or one cut off from the database for a whole lease) loses its rows
     * @param sweepInterval how often PENDING rows past their give-up time become DEAD (EXPIRED)
     * @param metricsInterval how often the pending, oldest-age and dead gauges are read from the database
     * @param shutdownGrace how long shutdown waits for calls in flight
     * @param instanceId    the lease owner written on claimed rows; defaults to host, process id and a random suffix
     */
    public record Worker(@DefaultValue("true") boolean enabled,
                         @DefaultValue("500ms") Duration pollInterval,
                         @DefaultValue("100") int batchSize,
                         @DefaultValue("30s") Duration lease,
                         @DefaultValue("1m") Duration sweepInterval,
                         @DefaultValue("5s") Duration metricsInterval,
                         @DefaultValue("10s") Duration shutdownGrace,
                         @Nullable String instanceId) {

        public Worker {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("quitto.delivery.worker.batch-size is 1..1000, got " + batchSize);
            }
        }
    }

    /**
     * @param baseUrl            where relative targets are sent; read at send time, so a change redirects pending rows
     * @param connectTimeout     TCP connect timeout
     * @param readTimeout        longest wait for the answer's headers
     * @param maxAge             give-up time after enqueue or an operator's retry: then DEAD (EXPIRED)
     * @param maxAttempts        attempts per cycle (enqueue or retry starts one) before DEAD (MAX_ATTEMPTS); unset: no limit
     * @param backoffBase        wait after the first failed attempt of a cycle; doubles per attempt, jittered to 50-100 %
     * @param backoffCap         longest computed wait
     * @param retryAfterCap      longest {@code Retry-After} honoured
     * @param username           HTTP Basic user sent with every request, when set
     * @param password           HTTP Basic password
     * @param headers            headers sent with every request (e.g. an API key), after the delivery's own
     * @param concurrency        most calls in flight to this destination from one instance
     * @param deadReasonByStatus statuses that end a delivery with a reason of this destination's (finance: 409 AMOUNT_CONFLICT)
     * @param resultRefPointer   JSON pointer into a 2xx body whose value is stored as {@code result_ref} (e.g. {@code /id})
     * @param excerptLength      characters of each answer's body kept in the attempt log
     * @param breaker            this destination's circuit breaker
     */
    public record Destination(@Nullable String baseUrl,
                              @DefaultValue("1s") Duration connectTimeout,
                              @DefaultValue("3s") Duration readTimeout,
                              @DefaultValue("7d") Duration maxAge,
                              @Nullable Integer maxAttempts,
                              @DefaultValue("1s") Duration backoffBase,
                              @DefaultValue("60s") Duration backoffCap,
                              @DefaultValue("60s") Duration retryAfterCap,
                              @Nullable String username,
                              @Nullable String password,
                              @DefaultValue Map<String, String> headers,
                              @DefaultValue("64") int concurrency,
                              @DefaultValue Map<Integer, String> deadReasonByStatus,
                              @Nullable String resultRefPointer,
                              @DefaultValue("1000") int excerptLength,
                              @DefaultValue Breaker breaker) {

        public Destination {
            if (concurrency < 1) {
                throw new IllegalArgumentException("A destination's concurrency is at least 1, got " + concurrency);
            }
            if (maxAttempts != null && maxAttempts < 1) {
                throw new IllegalArgumentException("A destination's max-attempts is at least 1, got " + maxAttempts);
            }
            if (backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
                throw new IllegalArgumentException("A destination's backoff-base is positive and at most backoff-cap");
            }
            headers = Map.copyOf(headers);
            deadReasonByStatus = Map.copyOf(deadReasonByStatus);
        }

        static Destination defaults() {
            return new Destination(null, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofDays(7), null, Duration.ofSeconds(1),
                    Duration.ofSeconds(60), Duration.ofSeconds(60), null, null, Map.of(), 64, Map.of(), null, 1000, Breaker.defaults());
        }
    }

    /**
     * Opens after {@code consecutiveFailures} destination-level failures in a row (connect error, timeout, 5xx) or when
     * at least {@code failureRatePercent} of the last {@code window} calls failed; while open, one probe every
     * {@code probeInterval}; a successful probe closes it and releases the destination's backlog at once.
     */
    public record Breaker(@DefaultValue("5") int consecutiveFailures,
                          @DefaultValue("50") int failureRatePercent,
                          @DefaultValue("20") int window,
                          @DefaultValue("5s") Duration probeInterval) {

        static Breaker defaults() {
            return new Breaker(5, 50, 20, Duration.ofSeconds(5));
        }
    }
}
