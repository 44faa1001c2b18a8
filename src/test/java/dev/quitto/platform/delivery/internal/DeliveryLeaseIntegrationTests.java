package dev.quitto.platform.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.delivery.DeliveryAttempt;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.OutboundDelivery;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestDestination;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Leases under real concurrency and a clock that runs (the frozen test clock never lets a lease expire): calls that
 * outlast the lease, outcomes that wait to be written longer than the lease, two instances on one database. Nothing
 * fails, so every delivery must reach the destination exactly once and be logged with exactly one attempt.
 *
 * <p>The workers here run on a clock that starts at the test clock's instant and goes on in real time; their rows are
 * due only after that instant, so this context's own worker (whose clock stands still) never claims them.
 */
@QuittoIntegrationTest
class DeliveryLeaseIntegrationTests {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration SLOWER_THAN_TWO_LEASES = Duration.ofSeconds(7);

    @Autowired
    DeliveryRepository repository;

    @Autowired
    DeliveryMetrics metrics;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TestClock testClock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void aCallSlowerThanTheLeaseKeepsItsLeaseAndIsMadeOnce() {
        Clock clock = runningClock();
        String destinationName = "lease-slow-call-" + UUID.randomUUID();
        try (TestDestination destination = TestDestination.start().behave(slowFor(Set.of(0, 1)))) {
            DeliveryWorker worker = worker("lease-worker-a", destinationName, clock, repository);
            try {
                worker.start();
                List<UUID> ids = enqueue(destinationName, destination, 12, clock);

                awaitDelivered(ids, destination);

                assertEachSentAndLoggedOnce(ids, destination);
                assertThat(leaseLost(destinationName)).isZero();
            } finally {
                stop(worker);
            }
        }
    }

    @Test
    void outcomesWaitingLongerThanTheLeaseToBeWrittenKeepTheirLeases() {
        Clock clock = runningClock();
        String destinationName = "lease-slow-recorder-" + UUID.randomUUID();
        // A database so starved that writing outcomes takes 250 ms each: 16 outcomes need longer than a lease to be
        // written, as in the drain benchmark, where outcomes queued for the recorder outlived their leases.
        DeliveryRepository slowToWrite = new DeliveryRepository(jdbc, json) {
            @Override
            Set<UUID> record(List<Outcome> outcomes, Instant now) {
                sleep(Duration.ofMillis(250L * outcomes.size()));
                return super.record(outcomes, now);
            }
        };
        try (TestDestination destination = TestDestination.start()) {
            DeliveryWorker worker = worker("lease-worker-b", destinationName, clock, slowToWrite);
            try {
                worker.start();
                List<UUID> ids = enqueue(destinationName, destination, 16, clock);

                awaitDelivered(ids, destination);

                assertEachSentAndLoggedOnce(ids, destination);
                assertThat(leaseLost(destinationName)).isZero();
            } finally {
                stop(worker);
            }
        }
    }

    @Test
    void twoInstancesWithAShortLeaseAndASlowDestinationCallItOncePerDelivery() {
        Clock clock = runningClock();
        String destinationName = "test-lease-renewal";
        try (TestDestination destination = TestDestination.start().behave(slowFor(Set.of(0, 1, 2)));
             var second = SecondInstance.start("lease-instance-b", clock, "--quitto.delivery.worker.instance-id=lease-instance-b",
                     "--quitto.delivery.worker.lease=" + LEASE.toSeconds() + "s", "--quitto.delivery.worker.poll-interval=20ms",
                     // Its scheduler would otherwise run this JVM's recurring jobs on the running clock.
                     "--db-scheduler.polling-interval=1h")) {
            DeliveryWorker worker = worker("lease-instance-a", destinationName, clock, repository);
            try {
                worker.start();
                List<UUID> ids = enqueue(destinationName, destination, 24, clock);

                awaitDelivered(ids, destination);

                assertEachSentAndLoggedOnce(ids, destination);
                List<DeliveryAttempt> attempts = ids.stream().flatMap(id -> repository.attempts(id).stream()).toList();
                assertThat(attempts.stream().map(DeliveryAttempt::worker).distinct()).containsExactlyInAnyOrder("lease-instance-a", "lease-instance-b");
                assertThat(second.isActive()).isTrue();
            } finally {
                stop(worker);
            }
        }
    }

    @Test
    void anOutcomeWrittenUnderALeaseThatExpiredAndWasTakenIsDroppedAndItsLeaseIsNotRenewed() {
        String destinationName = "lease-fencing-" + UUID.randomUUID();
        Instant start = testClock.instant().plus(Duration.ofDays(1));
        UUID id = repository.insertOrFind(UUID.randomUUID(), OutboundDelivery.post(destinationName, "fenced", "http://127.0.0.1:9/x", null),
                null, start, start.plus(Duration.ofDays(7)));
        ClaimedDelivery first = single(repository.claimDue(destinationName, 10, "worker-stalled", start, start.plus(LEASE)));
        Instant afterTheLease = start.plus(LEASE).plusSeconds(1);
        ClaimedDelivery second = single(repository.claimDue(destinationName, 10, "worker-alive", afterTheLease, afterTheLease.plus(LEASE)));

        Set<UUID> renewedStale = repository.renewLeases(Map.of(id, first.leaseToken()), afterTheLease.plus(Duration.ofMinutes(1)));
        Set<UUID> writtenStale = transactions.execute(status -> repository.record(List.of(success(first, afterTheLease)), afterTheLease));

        assertThat(second.leaseToken()).isNotEqualTo(first.leaseToken());
        assertThat(renewedStale).isEmpty();
        assertThat(writtenStale).isEmpty();
        assertThat(lease(id)).isEqualTo(Map.of("owner", "worker-alive", "until", afterTheLease.plus(LEASE)));
        assertThat(repository.attempts(id)).extracting(DeliveryAttempt::attempt, DeliveryAttempt::outcome, DeliveryAttempt::worker)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "INTERRUPTED", "worker-stalled"));

        Set<UUID> renewed = repository.renewLeases(Map.of(id, second.leaseToken()), afterTheLease.plus(Duration.ofMinutes(1)));
        Set<UUID> written = transactions.execute(status -> repository.record(List.of(success(second, afterTheLease)), afterTheLease));

        assertThat(renewed).containsExactly(id);
        assertThat(written).containsExactly(id);
        assertThat(repository.find(id, afterTheLease).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(repository.attempts(id)).extracting(DeliveryAttempt::attempt, DeliveryAttempt::outcome, DeliveryAttempt::worker)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "INTERRUPTED", "worker-stalled"),
                        org.assertj.core.groups.Tuple.tuple(2, "SUCCESS", "worker-alive"));
    }

    /** A clock that starts at the test clock's instant and runs in real time. */
    private Clock runningClock() {
        return Clock.offset(Clock.system(testClock.getZone()), Duration.between(Clock.systemUTC().instant(), testClock.instant()));
    }

    /** A worker of its own (as another instance would run), sending to one destination of 4 call slots, with a 3 s lease. */
    private DeliveryWorker worker(String owner, String destinationName, Clock clock, DeliveryRepository rows) {
        DeliverySettings.Destination destination = new DeliverySettings.Destination(null, Duration.ofSeconds(1), Duration.ofSeconds(15),
                Duration.ofDays(7), null, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(60), null, null, Map.of(), 4,
                Map.of(), null, 1000, DeliverySettings.Breaker.defaults());
        DeliverySettings settings = new DeliverySettings(new DeliverySettings.Worker(true, Duration.ofMillis(20), 100, LEASE,
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(10), owner), Duration.ofDays(30),
                Map.of(destinationName, destination));
        return new DeliveryWorker(settings, rows, new OutcomeRecorder(rows, transactions, events, metrics, clock), metrics, transactions,
                events, clock);
    }

    private static void stop(DeliveryWorker worker) {
        worker.stop();
        worker.destroy();
    }

    /** {@code count} deliveries due one millisecond apart from now on the running clock (request {@code n} has {@code "n": n}). */
    private List<UUID> enqueue(String destinationName, TestDestination destination, int count, Clock clock) {
        Instant now = clock.instant();
        String run = UUID.randomUUID().toString();
        List<UUID> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Instant due = now.plusMillis(n + 1);
            ids.add(repository.insertOrFind(UUID.randomUUID(), OutboundDelivery.post(destinationName, run + "-" + n, destination.url("/credits"),
                    Map.of("n", n)), "{\"n\": " + n + "}", due, due.plus(Duration.ofDays(7))));
        }
        return ids;
    }

    /** Answers the requests numbered in {@code slow} after {@link #SLOWER_THAN_TWO_LEASES}, the others after 50 ms; applies each key once. */
    private static TestDestination.Behaviour slowFor(Set<Integer> slow) {
        return (request, exchange, destination) -> {
            boolean isSlow = slow.stream().anyMatch(n -> request.body().equals("{\"n\": " + n + "}"));
            sleep(isSlow ? SLOWER_THAN_TWO_LEASES : Duration.ofMillis(50));
            TestDestination.idempotent().handle(request, exchange, destination);
        };
    }

    private void awaitDelivered(List<UUID> ids, TestDestination destination) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .failFast("a delivery was sent twice", () -> requestsPerKey(destination).values().stream().anyMatch(requests -> requests > 1))
                .until(() -> ids.stream().allMatch(id -> repository.find(id, testClock.instant()).orElseThrow().state() == DeliveryState.DELIVERED));
    }

    private static Map<String, Long> requestsPerKey(TestDestination destination) {
        return destination.received().stream().collect(Collectors.groupingBy(TestDestination.Received::idempotencyKey, Collectors.counting()));
    }

    private void assertEachSentAndLoggedOnce(List<UUID> ids, TestDestination destination) {
        assertThat(requestsPerKey(destination)).hasSize(ids.size()).allSatisfy((key, requests) -> assertThat(requests).as("requests for " + key).isEqualTo(1));
        assertThat(ids).allSatisfy(id -> assertThat(repository.attempts(id)).singleElement()
                .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo("SUCCESS")));
    }

    private double leaseLost(String destinationName) {
        var counter = meters.find("quitto.delivery.lease.lost").tag("destination", destinationName).counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, Object> lease(UUID id) {
        return jdbc.sql("select lease_owner, lease_until from platform_delivery where id = :id").param("id", id)
                .query((rs, row) -> Map.<String, Object>of("owner", rs.getString("lease_owner"),
                        "until", rs.getObject("lease_until", java.time.OffsetDateTime.class).toInstant()))
                .single();
    }

    private static ClaimedDelivery single(List<ClaimedDelivery> claimed) {
        assertThat(claimed).hasSize(1);
        return claimed.getFirst();
    }

    private static Outcome success(ClaimedDelivery delivery, Instant at) {
        return new Outcome(delivery, DeliveryState.DELIVERED, null, null, 201, null, null, 12, Outcome.AttemptOutcome.SUCCESS, "{}", "{}",
                null, at);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
