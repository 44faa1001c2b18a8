package dev.quitto.platform.delivery.internal;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.internal.Exchange.Answered;
import dev.quitto.platform.delivery.internal.Exchange.Failed;
import dev.quitto.platform.delivery.internal.Outcome.AttemptOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an exchange into the delivery's next state (platform.md section 6, consultation-finance.md 4.4 and 6.5):
 * 2xx delivered; 408, 429, 5xx and every failure without an answer retried with exponential backoff and jitter;
 * a status the destination names in {@code dead-reason-by-status} dead with that reason; any other answer dead
 * (REJECTED). A retry becomes DEAD (EXPIRED) at the give-up time and DEAD (MAX_ATTEMPTS) at the cycle's limit.
 */
final class OutcomePolicy {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final int LAST_ERROR_LENGTH = 1000;
    static final int RESULT_REF_LENGTH = 200;

    private OutcomePolicy() {
    }

    static Outcome decide(ClaimedDelivery delivery, Exchange exchange, DeliverySettings.Destination destination, Instant now,
                          RandomGenerator random) {
        return switch (exchange) {
            case Answered answered when answered.status() >= 200 && answered.status() < 300 -> new Outcome(delivery, DeliveryState.DELIVERED,
                    null, null, answered.status(), null, null, answered.latencyMs(), AttemptOutcome.SUCCESS,
                    excerpt(answered.body(), destination.excerptLength()), answered.body(),
                    resultRef(answered.body(), destination.resultRefPointer()), now);
            case Answered answered when destination.deadReasonByStatus().containsKey(answered.status()) ->
                    dead(delivery, answered, DeadReason.of(destination.deadReasonByStatus().get(answered.status())), destination, now);
            case Answered answered when isRetryable(answered.status()) -> {
                Duration wait = backoff(destination, delivery.cycleAttempts(), random);
                Optional<Duration> asked = retryAfter(answered.retryAfter(), now);
                if (asked.isPresent()) {
                    Duration honoured = min(asked.get(), destination.retryAfterCap());
                    wait = honoured.compareTo(wait) > 0 ? honoured : wait;
                }
                yield retry(delivery, answered.status(), null, lastError(answered), answered.latencyMs(),
                        excerpt(answered.body(), destination.excerptLength()), wait, destination, now);
            }
            case Answered answered -> dead(delivery, answered, DeadReason.REJECTED, destination, now);
            case Failed failed when failed.failure() == Exchange.Failure.INVALID_REQUEST -> new Outcome(delivery, DeliveryState.DEAD, null,
                    DeadReason.REJECTED, null, clip(failed.error(), LAST_ERROR_LENGTH), clip(failed.error(), LAST_ERROR_LENGTH),
                    failed.latencyMs(), AttemptOutcome.PERMANENT, null, null, null, now);
            case Failed failed -> retry(delivery, null, clip(failed.error(), LAST_ERROR_LENGTH), clip(failed.error(), LAST_ERROR_LENGTH),
                    failed.latencyMs(), null, backoff(destination, delivery.cycleAttempts(), random), destination, now);
        };
    }

    static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** {@code min(cap, base × 2^(n−1)) × U(0.5, 1.0)} for the n-th failed attempt of a cycle. */
    static Duration backoff(DeliverySettings.Destination destination, int attemptInCycle, RandomGenerator random) {
        long base = destination.backoffBase().toMillis();
        long cap = destination.backoffCap().toMillis();
        int doublings = Math.max(0, attemptInCycle - 1);
        long full = doublings >= 62 || base > (cap >> doublings) ? cap : Math.min(cap, base << doublings);
        long half = full / 2;
        return Duration.ofMillis(full - half + random.nextLong(half + 1));
    }

    /** {@code Retry-After} as seconds or an HTTP date; nothing when absent, unreadable or already past. */
    static Optional<Duration> retryAfter(@Nullable String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 9 ? Optional.of(Duration.ofDays(365)) : Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static @Nullable String excerpt(@Nullable String body, int length) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        return clip(body, length);
    }

    static String clip(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    static @Nullable String resultRef(String body, @Nullable String pointer) {
        if (pointer == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(body).at(pointer);
            if (value.isMissingNode() || value.isNull() || value.isContainer()) {
                return null;
            }
            return clip(value.asString(), RESULT_REF_LENGTH);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static Outcome retry(ClaimedDelivery delivery, @Nullable Integer status, @Nullable String error, String lastError, int latencyMs,
                                 @Nullable String excerpt, Duration wait, DeliverySettings.Destination destination, Instant now) {
        DeadReason giveUp = null;
        if (!now.isBefore(delivery.giveUpAt())) {
            giveUp = DeadReason.EXPIRED;
        } else if (destination.maxAttempts() != null && delivery.cycleAttempts() >= destination.maxAttempts()) {
            giveUp = DeadReason.MAX_ATTEMPTS;
        }
        if (giveUp != null) {
            return new Outcome(delivery, DeliveryState.DEAD, null, giveUp, status, error, lastError, latencyMs, AttemptOutcome.RETRYABLE,
                    excerpt, null, null, now);
        }
        return new Outcome(delivery, DeliveryState.PENDING, now.plus(wait), null, status, error, lastError, latencyMs,
                AttemptOutcome.RETRYABLE, excerpt, null, null, now);
    }

    private static Outcome dead(ClaimedDelivery delivery, Answered answered, DeadReason reason, DeliverySettings.Destination destination,
                                Instant now) {
        return new Outcome(delivery, DeliveryState.DEAD, null, reason, answered.status(), null, lastError(answered), answered.latencyMs(),
                AttemptOutcome.PERMANENT, excerpt(answered.body(), destination.excerptLength()), null, null, now);
    }

    private static String lastError(Answered answered) {
        String body = answered.body().isBlank() ? "" : ": " + answered.body();
        return clip("HTTP " + answered.status() + body, LAST_ERROR_LENGTH);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
