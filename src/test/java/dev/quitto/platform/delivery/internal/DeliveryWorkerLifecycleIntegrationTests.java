package dev.quitto.platform.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.OutboundDelivery;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestDestination;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Graceful shutdown, and two workers (as two instances would run them) sharing one database. */
@QuittoIntegrationTest
class DeliveryWorkerLifecycleIntegrationTests {

    private static final Map<String, String> PAYLOAD = Map.of("amount", "1.00");

    @Autowired
    DeliveryWorker worker;

    @Autowired
    Deliveries deliveries;

    @Autowired
    DeliverySettings settings;

    @Autowired
    DeliveryRepository repository;

    @Autowired
    DeliveryMetrics metrics;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Clock clock;

    @Test
    void stopsClaimingAndWaitsForTheCallInFlightBeforeShuttingDown() {
        try (TestDestination destination = TestDestination.start().behave(TestDestination.holdUntilReleased())) {
            UUID inFlight = enqueue("test-shutdown", destination.url("/x"));
            await().until(() -> destination.received().size() == 1);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(worker::stop);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !stopped.isDone());
            UUID enqueuedWhileStopping = enqueue("test-shutdown", destination.url("/x"));
            destination.release();
            await().until(stopped::isDone);

            assertThat(state(inFlight)).isEqualTo(DeliveryState.DELIVERED);
            assertThat(state(enqueuedWhileStopping)).isEqualTo(DeliveryState.PENDING);
            assertThat(destination.received()).hasSize(1);
        } finally {
            worker.start();
        }
    }

    @Test
    void twoWorkersOnOneDatabaseSendEachDeliveryOnce() {
        var second = new DeliverySettings(new DeliverySettings.Worker(true, Duration.ofMillis(20), 100, Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(10), "second-instance"), settings.attemptRetention(),
                Map.of("test-two-workers", settings.destination("test-two-workers")));
        var otherWorker = new DeliveryWorker(second, repository, new OutcomeRecorder(repository, transactions, events, metrics, clock), metrics,
                transactions, events, clock);
        try (TestDestination destination = TestDestination.start()) {
            otherWorker.start();
            List<UUID> ids = transactions.execute(status -> {
                List<UUID> enqueued = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    enqueued.add(deliveries.enqueue(OutboundDelivery.post("test-two-workers", UUID.randomUUID().toString(),
                            destination.url("/x"), PAYLOAD)));
                }
                return enqueued;
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> state(id) == DeliveryState.DELIVERED));

            Map<String, Long> requestsPerKey = destination.received().stream()
                    .collect(Collectors.groupingBy(TestDestination.Received::idempotencyKey, Collectors.counting()));
            assertThat(requestsPerKey).hasSize(300).allSatisfy((key, requests) -> assertThat(requests).isEqualTo(1));
            assertThat(ids).allSatisfy(id -> assertThat(deliveries.attempts(id)).hasSize(1));
        } finally {
            otherWorker.stop();
            otherWorker.destroy();
        }
    }

    private UUID enqueue(String destination, String url) {
        return transactions.execute(status -> deliveries.enqueue(OutboundDelivery.post(destination, UUID.randomUUID().toString(), url, PAYLOAD)));
    }

    private DeliveryState state(UUID id) {
        return deliveries.find(id).orElseThrow().state();
    }
}
