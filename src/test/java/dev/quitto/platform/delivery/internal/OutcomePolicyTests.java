package dev.quitto.platform.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.internal.Exchange.Answered;
import dev.quitto.platform.delivery.internal.Exchange.Failed;
import dev.quitto.platform.delivery.internal.Exchange.Failure;
import dev.quitto.platform.delivery.internal.Outcome.AttemptOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutcomePolicyTests {

    private static final Instant NOW = Instant.parse("2026-11-22T15:00:00Z");
    private static final DeliverySettings.Destination FINANCE = new DeliverySettings.Destination("http://finance", Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofDays(7), null, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60), null, null,
            Map.of(), 64, Map.of(409, "AMOUNT_CONFLICT"), "/id", 1000, DeliverySettings.Breaker.defaults());

    /** The smallest and the largest draw of U(0.5, 1.0). */
    private static final RandomGenerator LOWEST = new FixedRandom(0);
    private static final RandomGenerator HIGHEST = new FixedRandom(Long.MAX_VALUE);

    @ParameterizedTest(name = "after failed attempt {0} the wait is {1} to {2} ms")
    @CsvSource({"1, 500, 1000", "2, 1000, 2000", "3, 2000, 4000", "6, 16000, 32000", "7, 30000, 60000", "12, 30000, 60000", "400, 30000, 60000"})
    void waitsMinOfCapAndBaseDoubledPerAttemptJitteredToHalfOrFull(int attempt, long lowest, long highest) {
        assertThat(OutcomePolicy.backoff(FINANCE, attempt, LOWEST)).isEqualTo(Duration.ofMillis(lowest));
        assertThat(OutcomePolicy.backoff(FINANCE, attempt, HIGHEST)).isEqualTo(Duration.ofMillis(highest));
        RandomGenerator random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(OutcomePolicy.backoff(FINANCE, attempt, random)).isBetween(Duration.ofMillis(lowest), Duration.ofMillis(highest));
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({"200, DELIVERED, SUCCESS", "201, DELIVERED, SUCCESS", "204, DELIVERED, SUCCESS", "408, PENDING, RETRYABLE", "429, PENDING, RETRYABLE",
            "500, PENDING, RETRYABLE", "502, PENDING, RETRYABLE", "503, PENDING, RETRYABLE", "400, DEAD, PERMANENT", "401, DEAD, PERMANENT",
            "403, DEAD, PERMANENT", "404, DEAD, PERMANENT", "422, DEAD, PERMANENT", "301, DEAD, PERMANENT", "409, DEAD, PERMANENT"})
    void classifiesAnswersByStatus(int status, DeliveryState state, AttemptOutcome outcome) {
        Outcome decided = OutcomePolicy.decide(claimed(1), new Answered(status, null, "{}", 5), FINANCE, NOW, LOWEST);

        assertThat(decided.state()).isEqualTo(state);
        assertThat(decided.attemptOutcome()).isEqualTo(outcome);
    }

    @Test
    void namesA409OfFinanceAnAmountConflictAndOtherRefusalsRejected() {
        assertThat(OutcomePolicy.decide(claimed(1), new Answered(409, null, "{}", 5), FINANCE, NOW, LOWEST).deadReason())
                .isEqualTo(DeadReason.of("AMOUNT_CONFLICT"));
        assertThat(OutcomePolicy.decide(claimed(1), new Answered(422, null, "{}", 5), FINANCE, NOW, LOWEST).deadReason())
                .isEqualTo(DeadReason.REJECTED);
    }

    @Test
    void retriesEveryFailureWithoutAnAnswerButAnInvalidRequest() {
        for (Failure failure : new Failure[]{Failure.CONNECT, Failure.TIMEOUT, Failure.NETWORK}) {
            Outcome decided = OutcomePolicy.decide(claimed(2), new Failed(failure, "down", 5), FINANCE, NOW, LOWEST);
            assertThat(decided.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(decided.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
        }
        assertThat(OutcomePolicy.decide(claimed(1), new Failed(Failure.INVALID_REQUEST, "no base-url", 0), FINANCE, NOW, LOWEST).state())
                .isEqualTo(DeliveryState.DEAD);
    }

    @Test
    void honoursRetryAfterAboveTheBackoffUpToTheCap() {
        Outcome asked = OutcomePolicy.decide(claimed(1), new Answered(503, "20", "", 5), FINANCE, NOW, HIGHEST);
        Outcome capped = OutcomePolicy.decide(claimed(1), new Answered(429, "3600", "", 5), FINANCE, NOW, HIGHEST);
        Outcome belowBackoff = OutcomePolicy.decide(claimed(6), new Answered(429, "1", "", 5), FINANCE, NOW, HIGHEST);

        assertThat(asked.nextAttemptAt()).isEqualTo(NOW.plusSeconds(20));
        assertThat(capped.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(belowBackoff.nextAttemptAt()).isEqualTo(NOW.plusSeconds(32));
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(OutcomePolicy.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(OutcomePolicy.retryAfter("Sun, 22 Nov 2026 15:00:45 GMT", NOW)).contains(Duration.ofSeconds(45));
        assertThat(OutcomePolicy.retryAfter("Sun, 22 Nov 2026 14:00:00 GMT", NOW)).isEqualTo(Optional.empty());
        assertThat(OutcomePolicy.retryAfter("soon", NOW)).isEmpty();
        assertThat(OutcomePolicy.retryAfter(null, NOW)).isEmpty();
    }

    @Test
    void givesUpARetryAtTheGiveUpTimeAndAtTheDestinationsAttemptLimit() {
        var limited = new DeliverySettings.Destination(null, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofDays(7), 3,
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60), null, null, Map.of(), 64, Map.of(), null, 1000,
                DeliverySettings.Breaker.defaults());
        Failed down = new Failed(Failure.CONNECT, "refused", 1);

        assertThat(OutcomePolicy.decide(claimed(2), down, limited, NOW, LOWEST).state()).isEqualTo(DeliveryState.PENDING);
        assertThat(OutcomePolicy.decide(claimed(3), down, limited, NOW, LOWEST).deadReason()).isEqualTo(DeadReason.MAX_ATTEMPTS);
        assertThat(OutcomePolicy.decide(claimed(1), down, FINANCE, NOW.plus(Duration.ofDays(8)), LOWEST).deadReason())
                .isEqualTo(DeadReason.EXPIRED);
    }

    @Test
    void readsTheResultReferenceAtThePointerKeepingNumbersAsWritten() {
        assertThat(OutcomePolicy.resultRef("{\"id\":\"0192-abc\"}", "/id")).isEqualTo("0192-abc");
        assertThat(OutcomePolicy.resultRef("{\"id\":12345678901234567890}", "/id")).isEqualTo("12345678901234567890");
        assertThat(OutcomePolicy.resultRef("{\"id\":1.50}", "/id")).isEqualTo("1.50");
        assertThat(OutcomePolicy.resultRef("{\"other\":1}", "/id")).isNull();
        assertThat(OutcomePolicy.resultRef("not json", "/id")).isNull();
    }

    @Test
    void clipsExcerptsWithoutSplittingACharacter() {
        assertThat(OutcomePolicy.excerpt("x".repeat(1500), 1000)).hasSize(1000);
        assertThat(OutcomePolicy.clip("ab\uD83D\uDE00", 3)).isEqualTo("ab");
        assertThat(OutcomePolicy.excerpt("", 1000)).isNull();
    }

    private static ClaimedDelivery claimed(int attemptInCycle) {
        return new ClaimedDelivery(UUID.randomUUID(), "finance", "c-1", "POST", "/records", Map.of(), "{}", UUID.randomUUID(),
                attemptInCycle, attemptInCycle, NOW.plus(Duration.ofDays(7)), NOW, "worker-a");
    }

    /** Always draws {@code value} clipped to the asked bound. */
    private record FixedRandom(long value) implements RandomGenerator {
        @Override
        public long nextLong() {
            return value;
        }

        @Override
        public long nextLong(long bound) {
            return Math.min(value, bound - 1);
        }
    }
}
