package dev.quitto.platform.delivery;

import static dev.quitto.testsupport.TestDestination.answer;
import static dev.quitto.testsupport.TestDestination.applyThenDropTheFirstReply;
import static dev.quitto.testsupport.TestDestination.applyThenHoldTheFirstReply;
import static dev.quitto.testsupport.TestDestination.holdUntilReleased;
import static dev.quitto.testsupport.TestDestination.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestDestination;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker against real local HTTP destinations and the embedded PostgreSQL. The clock is frozen: a retry is due
 * only when a test moves the clock to it, which makes every delay exact.
 */
@QuittoIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DeliveryWorkerIntegrationTests {

    private static final Map<String, String> PAYLOAD = Map.of("amount", "216.00");

    @Autowired
    Deliveries deliveries;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryEvents events;

    @Autowired
    MeterRegistry meters;

    DeliveryTestRows rows;

    @BeforeEach
    void rows() {
        rows = new DeliveryTestRows(deliveries, transactions, jdbc, clock);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void retriesADownDestinationWithGrowingDelaysAndDeliversOnceWhenItReturns() {
        int port = TestDestination.freePort();
        UUID id = rows.enqueue(OutboundDelivery.post("test-recovering", rows.newKey(), TestDestination.url(port, "/credits"), PAYLOAD));

        await().until(() -> rows.attemptCount(id) == 1);
        rows.stepToNextAttempt(id);
        await().until(() -> rows.attemptCount(id) == 2);
        try (TestDestination destination = TestDestination.start(port).behave(answer(503, "{\"error\":\"maintenance\"}"))) {
            rows.stepToNextAttempt(id);
            await().until(() -> rows.attemptCount(id) == 3);
            rows.stepToNextAttempt(id);
            await().until(() -> rows.attemptCount(id) == 4);
            destination.behave(idempotent());
            rows.stepToNextAttempt(id);
            await().until(() -> rows.row(id).state() == DeliveryState.DELIVERED);

            List<DeliveryAttempt> attempts = rows.attempts(id);
            assertThat(attempts).extracting(DeliveryAttempt::outcome).containsExactly("RETRYABLE", "RETRYABLE", "RETRYABLE", "RETRYABLE", "SUCCESS");
            assertThat(attempts).extracting(DeliveryAttempt::statusCode).containsExactly(null, null, 503, 503, 201);
            List<Duration> gaps = new ArrayList<>();
            for (int i = 1; i < attempts.size(); i++) {
                gaps.add(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()));
            }
            for (int n = 1; n <= gaps.size(); n++) {
                Duration full = Duration.ofMillis(100L << (n - 1));
                assertThat(gaps.get(n - 1)).as("wait after failed attempt %d", n).isBetween(full.dividedBy(2), full);
            }
            for (int n = 1; n < gaps.size(); n++) {
                assertThat(gaps.get(n)).as("wait after attempt %d against the one before", n + 1).isGreaterThanOrEqualTo(gaps.get(n - 1));
            }
            assertThat(gaps.getLast()).isGreaterThan(gaps.getFirst());
            assertThat(destination.applied(id.toString())).isEqualTo(1);
            assertThat(destination.received()).hasSize(3).allSatisfy(request -> assertThat(request.idempotencyKey()).isEqualTo(id.toString()));
            assertThat(events.succeeded(id)).hasSize(1);
        }
    }

    @Test
    void resendsAfterTheDestinationCommitsAndDropsTheReplyAndTheIdempotentDestinationAppliesOnce() {
        try (TestDestination destination = TestDestination.start().behave(applyThenDropTheFirstReply())) {
            UUID id = rows.enqueue(OutboundDelivery.post("test-lost-reply", rows.newKey(), destination.url("/records"), PAYLOAD)
                    .withHeader("Idempotency-Key", "quitto-test-lost-reply"));

            await().until(() -> rows.attemptCount(id) == 1);
            assertThat(rows.attempts(id).getFirst().outcome()).isEqualTo("RETRYABLE");
            assertThat(rows.attempts(id).getFirst().error()).isNotBlank();
            rows.stepToNextAttempt(id);
            await().until(() -> rows.row(id).state() == DeliveryState.DELIVERED);

            assertThat(destination.received()).hasSize(2)
                    .allSatisfy(request -> assertThat(request.idempotencyKey()).isEqualTo("quitto-test-lost-reply"));
            assertThat(destination.applied("quitto-test-lost-reply")).isEqualTo(1);
            assertThat(rows.attempts(id)).extracting(DeliveryAttempt::outcome).containsExactly("RETRYABLE", "SUCCESS");
        }
    }

    @Test
    void resendsAfterAReplySlowerThanTheReadTimeoutAndTheIdempotentDestinationAppliesOnce() {
        try (TestDestination destination = TestDestination.start().behave(applyThenHoldTheFirstReply())) {
            UUID id = rows.enqueue(OutboundDelivery.post("test-slow-reply", rows.newKey(), destination.url("/records"), PAYLOAD));

            await().until(() -> rows.attemptCount(id) == 1);
            assertThat(rows.attempts(id).getFirst().error()).contains("read timeout");
            destination.release();
            rows.stepToNextAttempt(id);
            await().until(() -> rows.row(id).state() == DeliveryState.DELIVERED);

            assertThat(destination.received()).hasSize(2);
            assertThat(destination.applied(id.toString())).isEqualTo(1);
            assertThat(rows.row(id).lastStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void marksA400DeadRejectedKeepingTheBodyAndRaisesTheAlert(CapturedOutput output) {
        try (TestDestination destination = TestDestination.start().behave(answer(400, "{\"error\":\"total_price must have 2 decimals\"}"))) {
            String key = rows.newKey();
            UUID id = rows.enqueue(OutboundDelivery.post("test-rejecting", key, destination.url("/records"), PAYLOAD));

            await().until(() -> rows.row(id).state() == DeliveryState.DEAD);

            Delivery dead = rows.row(id);
            assertThat(dead.deadReason()).isEqualTo(DeadReason.REJECTED);
            assertThat(dead.lastStatusCode()).isEqualTo(400);
            assertThat(dead.lastError()).contains("total_price must have 2 decimals");
            assertThat(rows.attempts(id)).singleElement().satisfies(attempt -> {
                assertThat(attempt.outcome()).isEqualTo("PERMANENT");
                assertThat(attempt.bodyExcerpt()).isEqualTo("{\"error\":\"total_price must have 2 decimals\"}");
            });
            assertThat(events.died(id)).hasValueSatisfying(died -> {
                assertThat(died.reason()).isEqualTo(DeadReason.REJECTED);
                assertThat(died.lastStatusCode()).isEqualTo(400);
            });
            await().until(() -> output.getOut().contains("delivery_dead id=" + id));
            assertThat(output.getOut()).contains("businessKey=" + key + " reason=REJECTED lastStatus=400");
            assertThat(destination.received()).hasSize(1);
        }
    }

    @Test
    void givesAStatusTheDestinationNamesItsOwnDeadReason() {
        try (TestDestination destination = TestDestination.start().behave(answer(409, "{\"existingTotalPrice\":\"200.00\"}"))) {
            UUID id = rows.enqueue(OutboundDelivery.post("test-rejecting", rows.newKey(), destination.url("/records"), PAYLOAD));

            await().until(() -> rows.row(id).state() == DeliveryState.DEAD);

            assertThat(rows.row(id).deadReason()).isEqualTo(DeadReason.of("AMOUNT_CONFLICT"));
        }
    }

    @Test
    void storesTheResultReferenceAndPublishesTheReply() {
        try (TestDestination destination = TestDestination.start().behave(answer(201, "{\"id\":\"fin-42\",\"message\":\"created\"}"))) {
            UUID id = rows.enqueue(OutboundDelivery.post("test-rejecting", rows.newKey(), destination.url("/records"), PAYLOAD));

            await().until(() -> rows.row(id).state() == DeliveryState.DELIVERED);

            assertThat(rows.row(id).resultRef()).isEqualTo("fin-42");
            assertThat(events.succeeded(id)).singleElement().satisfies(event -> {
                assertThat(event.statusCode()).isEqualTo(201);
                assertThat(event.responseBody()).isEqualTo("{\"id\":\"fin-42\",\"message\":\"created\"}");
                assertThat(event.resultRef()).isEqualTo("fin-42");
            });
            assertThat(destination.received().getFirst().body()).isEqualTo("{\"amount\": \"216.00\"}");
        }
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsks() {
        try (TestDestination destination = TestDestination.start().behave(answer(429, "{}", Duration.ofSeconds(30)))) {
            UUID id = rows.enqueue(OutboundDelivery.post("test-rejecting", rows.newKey(), destination.url("/records"), PAYLOAD));

            await().until(() -> rows.attemptCount(id) == 1);

            Instant attempted = rows.attempts(id).getFirst().at();
            assertThat(rows.row(id).nextAttemptAt()).isEqualTo(attempted.plusSeconds(30));
            destination.behave(idempotent());
            rows.stepToNextAttempt(id);
            await().until(() -> rows.row(id).state() == DeliveryState.DELIVERED);
        }
    }

    @Test
    void givesUpAfterTheDestinationsMaximumAttempts() {
        UUID id = rows.enqueue(OutboundDelivery.post("test-limited", rows.newKey(), TestDestination.url(TestDestination.freePort(), "/x"), PAYLOAD));

        await().until(() -> rows.attemptCount(id) == 1);
        rows.stepToNextAttempt(id);
        await().until(() -> rows.row(id).state() == DeliveryState.DEAD);

        assertThat(rows.row(id).deadReason()).isEqualTo(DeadReason.MAX_ATTEMPTS);
        assertThat(rows.attempts(id)).hasSize(2);
    }

    @Test
    void dropsTheOutcomeOfASenderWhoseLeaseAnotherWorkerTook() {
        try (TestDestination destination = TestDestination.start().behave(holdUntilReleased())) {
            double lostBefore = leaseLost("test-lease");
            UUID id = rows.enqueue(OutboundDelivery.post("test-lease", rows.newKey(), destination.url("/records"), PAYLOAD));
            await().until(() -> destination.received().size() == 1);

            rows.stealLease(id, "another-instance");
            destination.release();
            await().until(() -> leaseLost("test-lease") > lostBefore);

            Delivery delivery = rows.row(id);
            assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(delivery.inFlight()).isTrue();
            assertThat(rows.leaseOwner(id)).isEqualTo("another-instance");
            assertThat(rows.attempts(id)).isEmpty();
            assertThat(events.succeeded(id)).isEmpty();
        }
    }

    @Test
    void claimsAgainADeliveryWhoseSenderDiedAndLogsTheLostAttemptAsInterrupted() {
        try (TestDestination destination = TestDestination.start()) {
            UUID id = transactions.execute(status -> {
                UUID enqueued = deliveries.enqueue(OutboundDelivery.post("test-lease", rows.newKey(), destination.url("/records"), PAYLOAD));
                rows.leaseToADeadInstance(enqueued, clock.instant().plusSeconds(30));
                return enqueued;
            });

            clock.advance(Duration.ofSeconds(31));
            await().until(() -> rows.row(id).state() == DeliveryState.DELIVERED);

            assertThat(rows.attempts(id)).extracting(DeliveryAttempt::attempt, DeliveryAttempt::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "INTERRUPTED"), org.assertj.core.groups.Tuple.tuple(2, "SUCCESS"));
            assertThat(destination.received()).hasSize(1);
        }
    }

    @Test
    void opensTheBreakerOnADeadDestinationAndReleasesTheBacklogWhenAProbeSucceeds() {
        int port = TestDestination.freePort();
        List<UUID> failed = transactions.execute(status -> {
            List<UUID> enqueued = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                enqueued.add(deliveries.enqueue(OutboundDelivery.post("test-breaker", rows.newKey(), TestDestination.url(port, "/credits"), PAYLOAD)));
            }
            return enqueued;
        });
        await().until(() -> failed.stream().allMatch(id -> rows.attemptCount(id) == 1));
        await().until(() -> breakerState("test-breaker") == 2);

        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(rows.enqueue(OutboundDelivery.post("test-breaker", rows.newKey(), TestDestination.url(port, "/credits"), PAYLOAD)));
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> waiting.stream().allMatch(id -> rows.row(id).attempts() == 0));

        try (TestDestination destination = TestDestination.start(port)) {
            clock.advance(Duration.ofSeconds(5).plusMillis(1));
            List<UUID> all = new ArrayList<>(failed);
            all.addAll(waiting);
            await().until(() -> all.stream().allMatch(id -> rows.row(id).state() == DeliveryState.DELIVERED));

            assertThat(breakerState("test-breaker")).isEqualTo(0);
            assertThat(failed).allSatisfy(id -> assertThat(rows.attempts(id)).extracting(DeliveryAttempt::outcome)
                    .containsExactly("RETRYABLE", "SUCCESS"));
            assertThat(waiting).allSatisfy(id -> assertThat(rows.attempts(id)).extracting(DeliveryAttempt::outcome).containsExactly("SUCCESS"));
            assertThat(destination.received()).hasSize(9);
            assertThat(all).allSatisfy(id -> assertThat(destination.applied(id.toString())).isEqualTo(1));
        }
    }

    @Test
    void expiresAPendingDeliveryPastItsMaxAgeAndRaisesTheAlert(CapturedOutput output) {
        String key = rows.newKey();
        UUID id = rows.enqueue(OutboundDelivery.post("test-expiry", key, TestDestination.url(TestDestination.freePort(), "/x"), PAYLOAD));
        await().until(() -> rows.attemptCount(id) == 1);

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        await().until(() -> rows.row(id).state() == DeliveryState.DEAD);

        assertThat(rows.row(id).deadReason()).isEqualTo(DeadReason.EXPIRED);
        assertThat(rows.attempts(id)).hasSize(1);
        assertThat(events.died(id)).hasValueSatisfying(died -> assertThat(died.reason()).isEqualTo(DeadReason.EXPIRED));
        await().until(() -> output.getOut().contains("delivery_dead id=" + id));
        assertThat(output.getOut()).contains("businessKey=" + key + " reason=EXPIRED");
    }

    @Test
    void reportsPendingDeliveriesAndTheAgeOfTheOldest() {
        UUID id = rows.enqueue(OutboundDelivery.post("test-expiry", rows.newKey(), TestDestination.url(TestDestination.freePort(), "/x"), PAYLOAD));
        await().until(() -> rows.attemptCount(id) == 1);

        clock.advance(Duration.ofHours(1));

        await().until(() -> meters.get("quitto.delivery.pending").tag("destination", "test-expiry").gauge().value() >= 1);
        assertThat(meters.get("quitto.delivery.oldest.pending.age").tag("destination", "test-expiry").gauge().value()).isGreaterThanOrEqualTo(3600);
        assertThat(meters.get("quitto.delivery.attempt").tag("destination", "test-expiry").tag("outcome", "RETRYABLE").timer().count())
                .isGreaterThanOrEqualTo(1);
    }

    private double leaseLost(String destination) {
        var counter = meters.find("quitto.delivery.lease.lost").tag("destination", destination).counter();
        return counter == null ? 0 : counter.count();
    }

    private double breakerState(String destination) {
        return meters.get("quitto.delivery.breaker.state").tag("destination", destination).gauge().value();
    }
}
