package dev.quitto.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** Enqueueing: only inside the caller's transaction, once per business key, with the destination's max age. */
@QuittoIntegrationTest
class DeliveriesIntegrationTests {

    private static final Map<String, String> PAYLOAD = Map.of("appointment_id", "c-1", "total_price", "216.00");

    @Autowired
    Deliveries deliveries;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    DeliveryTestRows rows;

    @BeforeEach
    void rows() {
        rows = new DeliveryTestRows(deliveries, transactions, jdbc, clock);
    }

    @Test
    void refusesToEnqueueOutsideATransaction() {
        String key = rows.newKey();

        assertThatThrownBy(() -> deliveries.enqueue(OutboundDelivery.post("test-enqueue", key, "/records", PAYLOAD)))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(rows.count("test-enqueue", key)).isZero();
    }

    @Test
    void keepsOneDeliveryWhenOneBusinessKeyIsEnqueuedTwice() {
        String key = rows.newKey();

        UUID first = rows.enqueue(OutboundDelivery.post("test-enqueue", key, "/records", PAYLOAD));
        UUID second = rows.enqueue(OutboundDelivery.post("test-enqueue", key, "/records", Map.of("total_price", "999.00")));
        UUID inOneTransaction = transactions.execute(status -> {
            deliveries.enqueue(OutboundDelivery.post("test-enqueue", key, "/records", PAYLOAD));
            return deliveries.enqueue(OutboundDelivery.post("test-enqueue", key, "/records", PAYLOAD));
        });

        assertThat(second).isEqualTo(first);
        assertThat(inOneTransaction).isEqualTo(first);
        assertThat(rows.count("test-enqueue", key)).isEqualTo(1);
        assertThat(rows.row(first).payload()).contains("216.00");
    }

    @Test
    void leavesNoDeliveryWhenTheBusinessChangeRollsBack() {
        String key = rows.newKey();

        transactions.executeWithoutResult(status -> {
            deliveries.enqueue(OutboundDelivery.post("test-enqueue", key, "/records", PAYLOAD));
            status.setRollbackOnly();
        });

        assertThat(rows.count("test-enqueue", key)).isZero();
    }

    @Test
    void storesAPendingDeliveryDueNowThatGivesUpAfterTheMaxAge() {
        UUID id = rows.enqueue(OutboundDelivery.post("test-enqueue", rows.newKey(), "/records", PAYLOAD)
                .withHeader("Idempotency-Key", "quitto-test-1"));

        Delivery delivery = rows.row(id);
        assertThat(delivery.id().version()).isEqualTo(7);
        assertThat(delivery.method()).isEqualTo("POST");
        assertThat(delivery.headers()).containsEntry("Idempotency-Key", "quitto-test-1");
        assertThat(delivery.createdAt()).isEqualTo(clock.instant());
        assertThat(delivery.giveUpAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    }

    @Test
    void refusesADestinationThatIsNotConfigured() {
        assertThatThrownBy(() -> rows.enqueue(OutboundDelivery.post("nowhere", rows.newKey(), "/records", PAYLOAD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quitto.delivery.destinations.nowhere");
    }

    @Test
    void refusesARelativeTargetOfADestinationWithoutABaseUrl() {
        assertThatThrownBy(() -> rows.enqueue(OutboundDelivery.post("test-api", rows.newKey(), "/records", PAYLOAD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no base-url");
    }

    @Test
    void refusesAuthorizationAsADeliveryHeaderBecauseCredentialsBelongInConfiguration() {
        assertThatThrownBy(() -> OutboundDelivery.post("test-enqueue", "k", "/records", PAYLOAD).withHeader("Authorization", "Basic eA=="))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
