package dev.quitto.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Waiting for the hand-off to reach a state, reading the platform delivery rows of destination finance. */
final class Charges {

    private Charges() {
    }

    static String status(JdbcClient jdbc, String consultationId) {
        return jdbc.sql("select status from platform_delivery where destination = 'finance' and business_key = :key")
                .param("key", consultationId).query(String.class).optional().orElse("NONE");
    }

    static void awaitStatus(Clinic clinic, String consultationId, String status) {
        awaitStatus(clinic.jdbc(), consultationId, status, Duration.ofSeconds(10));
    }

    static void awaitStatus(JdbcClient jdbc, String consultationId, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(status(jdbc, consultationId)).as("charge of " + consultationId).isEqualTo(status));
    }
}
