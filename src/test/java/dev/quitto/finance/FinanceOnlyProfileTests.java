package dev.quitto.finance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.delivery.internal.DeliveryWorker;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The split deployment (spec section 1, acceptance item 21): the same application with profile {@code finance-only}
 * serves finance and nothing of consultation, runs no delivery worker, and a consultation instance whose finance URL
 * points at it (the seed-style {@code /app/finance/record/}) delivers its charges there.
 */
@QuittoIntegrationTest
class FinanceOnlyProfileTests {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryWorker worker;

    @AfterEach
    void tearDown() {
        worker.start();
        clock.reset();
    }

    @Test
    void aFinanceOnlyInstanceRecordsServesNoConsultationEndpointRunsNoWorkerAndReceivesTheChargesOfASplitDeployment() {
        worker.stop();
        try (ConfigurableApplicationContext finance = SecondInstance.start("finance-only", clock, "--spring.profiles.active=finance-only")) {
            int financePort = ((WebServerApplicationContext) finance).getWebServer().getPort();
            Http admin = Http.on(financePort).basic("admin", "teste123");

            var recorded = admin.post("/api/v1/finance/records", "{\"appointmentId\": \"" + UUID.randomUUID() + "\", \"totalPrice\": \"200.00\"}");
            var start = admin.post("/api/v1/consultations", "{\"physicianId\": \"" + UUID.randomUUID() + "\", \"patientId\": \"" + UUID.randomUUID() + "\"}");
            var seedStart = admin.post("/app/consultation/start/", "{\"physician_id\": \"" + UUID.randomUUID() + "\", \"patient_id\": \"" + UUID.randomUUID() + "\"}");

            assertThat(recorded.status()).isEqualTo(201);
            assertThat(start.status()).isEqualTo(404);
            assertThat(seedStart.status()).isEqualTo(404);
            assertThat(finance.getBean(DeliveryWorker.class).isRunning()).isFalse();

            try (ConfigurableApplicationContext consultation = SecondInstance.start("consultation-split", clock,
                    "--quitto.consultation.charges.finance-url=http://127.0.0.1:" + financePort + "/app/finance/record/")) {
                Http clinic = Http.on(((WebServerApplicationContext) consultation).getWebServer().getPort()).basic("admin", "teste123");
                String id = clinic.post("/app/consultation/start/", "{\"physician_id\": \"" + UUID.randomUUID() + "\", \"patient_id\": \""
                        + UUID.randomUUID() + "\"}").json().get("id").asString();
                clock.advance(Duration.ofMinutes(65));
                assertThat(clinic.put("/app/consultation/finish/", "{\"consultation_id\": \"" + id + "\"}").status()).isEqualTo(202);

                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!"DELIVERED".equals(status(id)) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(status(id)).isEqualTo("DELIVERED");
                assertThat(jdbc.sql("select lease_owner is null and result_ref is not null from platform_delivery where business_key = :k")
                        .param("k", id).query(Boolean.class).single()).isTrue();
                assertThat(admin.get("/api/v1/finance/records?appointmentId=" + id).json().get("items").get(0).get("totalPrice").asString())
                        .isEqualTo("216.00");
            }
        }
    }

    private String status(String consultationId) {
        return jdbc.sql("select status from platform_delivery where destination = 'finance' and business_key = :k").param("k", consultationId)
                .query(String.class).optional().orElse("NONE");
    }
}
