package dev.quitto.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Real concurrent requests (acceptance items 9 and 10): the database, not a check in code, keeps one open row and one charge. */
@QuittoIntegrationTest
class ConsultationConcurrencyTests {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = Clinic.on(port, jdbc);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static List<Http.Response> twentyAtOnce(Supplier<Http.Response> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.get();
                }));
            }
            go.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    @Test
    void twentyParallelStartsForOnePatientGiveOne201AndNineteen409() throws Exception {
        String patient = UUID.randomUUID().toString();

        List<Http.Response> responses = twentyAtOnce(() -> clinic.start(patient));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(19)
                .allSatisfy(r -> assertThat(r.json().get("code").asString()).isEqualTo("patient-has-open-consultation"));
        assertThat(jdbc.sql("select count(*) from consultation where patient_id = :p::uuid and end_date is null").param("p", patient)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void twentyParallelFinishesOfOneConsultationGiveOne202NineteenConflictsOneChargeAndOneFinanceRecord() throws Exception {
        String id = clinic.startNew();
        clock.advance(Duration.ofMinutes(65));

        List<Http.Response> responses = twentyAtOnce(() -> clinic.finish(id, null));

        assertThat(responses).filteredOn(r -> r.status() == 202).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(19)
                .allSatisfy(r -> assertThat(r.json().get("code").asString()).isEqualTo("consultation-already-finished"));
        assertThat(clinic.deliveryRows(id)).isEqualTo(1);
        Charges.awaitStatus(clinic, id, "DELIVERED");
        assertThat(clinic.financeRecords(id)).isEqualTo(1);
    }
}
