package dev.quitto.platform.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.delivery.OutboundDelivery;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The backlog gauges, read from the database by the worker: how many wait, since when, and how long the earliest due one has waited. */
@QuittoIntegrationTest
class DeliveryBacklogMetricsIntegrationTests {

    @Autowired
    DeliveryRepository repository;

    @Autowired
    TestClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reportsHowLongTheEarliestDueDeliveryThatNobodyIsSendingHasWaited() {
        // A destination no instance is configured for: its rows are never sent, so they stay as this test leaves them.
        String destination = "backlog-" + UUID.randomUUID();
        Instant now = clock.instant();
        try {
            insert(destination, "being-sent", now.minusSeconds(300));
            insert(destination, "due", now.minusSeconds(90));
            insert(destination, "not-yet-due", now.plusSeconds(60));
            assertThat(repository.claimDue(destination, 1, "another-instance", now, now.plusSeconds(30)))
                    .singleElement().satisfies(claimed -> assertThat(claimed.businessKey()).isEqualTo("being-sent"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(gauge("quitto.delivery.pending", destination)).isEqualTo(3);
                assertThat(gauge("quitto.delivery.oldest.pending.age", destination)).isEqualTo(300);
                assertThat(gauge("quitto.delivery.oldest.due.age", destination)).isEqualTo(90);
            });
        } finally {
            jdbc.sql("delete from platform_delivery where destination = :destination").param("destination", destination).update();
        }
    }

    private void insert(String destination, String key, Instant due) {
        repository.insertOrFind(UUID.randomUUID(), OutboundDelivery.post(destination, key, "http://127.0.0.1:9/x", null), null, due,
                due.plus(Duration.ofDays(7)));
    }

    private double gauge(String name, String destination) {
        Gauge gauge = meters.find(name).tag("destination", destination).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
