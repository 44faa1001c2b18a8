package dev.quitto.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.delivery.internal.DeliveryWorker;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.ChildInstance;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestFinanceGateway;
import dev.quitto.testsupport.TestUsers;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Faults of the hand-off against a real finance HTTP server (the JVM's {@link TestFinanceGateway}): finance down while
 * 1,000 consultations finish (item 13), the only delivering instance killed with SIGKILL mid-drain (item 15, a child
 * JVM), two instances delivering at once (item 16).
 */
@QuittoIntegrationTest
class ChargeFaultTests {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    Environment environment;

    Clinic clinic;

    @BeforeEach
    void setUp() {
        TestFinanceGateway.reset();
        TestFinanceGateway.start();
        clinic = Clinic.on(port, jdbc);
    }

    @AfterEach
    void tearDown() {
        TestFinanceGateway.reset();
        TestFinanceGateway.start();
        worker.start();
        clock.reset();
    }

    /** Starts {@code count} consultations at the current time and finishes each, 15 to 180 minutes later, through {@code finishers}. */
    private List<String> finishMany(int count, List<Http> finishers) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                starts.add(pool.submit(() -> ids.add(clinic.startNew())));
            }
            for (Future<?> f : starts) {
                f.get();
            }
            java.time.Instant startedAt = clock.instant();
            clock.advance(Duration.ofHours(3));
            List<Future<?>> finishes = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Http http = finishers.get(i % finishers.size());
                String end = ConsultationViews.seedTime(startedAt.plus(Duration.ofMinutes(15 + (i * 7L) % 166)));
                finishes.add(pool.submit(() -> {
                    var finished = http.put("/app/consultation/finish/", "{\"consultation_id\": \"" + id + "\", \"end_date\": \"" + end + "\"}");
                    assertThat(finished.status()).as(finished.body()).isEqualTo(202);
                }));
            }
            for (Future<?> f : finishes) {
                f.get();
            }
        }
        return List.copyOf(ids);
    }

    private long count(String sql, List<String> ids) {
        return jdbc.sql(sql).param("ids", ids.stream().map(UUID::fromString).toList()).query(Long.class).single();
    }

    private long delivered(List<String> ids) {
        return jdbc.sql("select count(*) from platform_delivery where destination = 'finance' and status = 'DELIVERED' and business_key in (:ids)")
                .param("ids", ids).query(Long.class).single();
    }

    private void assertEachChargeRecordedOnceAtItsPrice(List<String> ids) {
        assertThat(count("select count(*) from finance_record where appointment_id in (:ids)", ids)).isEqualTo(ids.size());
        assertThat(count("""
                select count(*) from finance_record f join consultation c on c.id = f.appointment_id
                where f.appointment_id in (:ids) and f.total_price = c.price""", ids)).isEqualTo(ids.size());
        assertThat(jdbc.sql("select count(*) from platform_delivery where destination = 'finance' and status = 'DEAD' and business_key in (:ids)")
                .param("ids", ids).query(Long.class).single()).isZero();
    }

    private void awaitDelivered(List<String> ids, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(delivered(ids)).isEqualTo(ids.size()));
    }

    @Test
    void financeDownWhileAThousandConsultationsFinishLosesNothingAndTheBacklogDrainsWithinTwentySecondsOfItsReturn() throws Exception {
        TestFinanceGateway.stop();

        List<String> ids = finishMany(1000, List.of(clinic.http()));
        var operator = Http.on(port).basic(users.create(Role.OPERATOR));
        // The worker has tried and failed often enough for the breaker to open.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> "OPEN".equals(operator.get("/api/v1/consultation/charges/summary").json().get("breakerState").asString()));

        assertThat(count("select count(*) from platform_delivery where destination = 'finance' and status = 'PENDING' and business_key in ("
                + "select id::text from consultation where id in (:ids))", ids)).isEqualTo(1000);
        long attemptsBefore = count("select coalesce(sum(attempts), 0) from platform_delivery where destination = 'finance' and business_key in ("
                + "select id::text from consultation where id in (:ids))", ids);
        assertThat(attemptsBefore).isPositive();
        assertThat(operator.get("/api/v1/consultation/charges/summary").json().get("breakerState").asString()).isEqualTo("OPEN");

        clock.advance(Duration.ofMinutes(5));
        // The breaker lets a probe through after its interval (real time); the probe fails again.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(count("select coalesce(sum(attempts), 0) from platform_delivery where destination = 'finance' and business_key in ("
                        + "select id::text from consultation where id in (:ids))", ids)).isGreaterThan(attemptsBefore));
        assertThat(count("select count(*) from finance_record where appointment_id in (:ids)", ids)).isZero();

        TestFinanceGateway.start();
        // The breaker's probe interval (5 s) runs on the service's clock, which this test holds still: let it pass.
        clock.advance(Duration.ofSeconds(6));

        awaitDelivered(ids, Duration.ofSeconds(20));
        assertEachChargeRecordedOnceAtItsPrice(ids);
    }

    @Test
    void twoInstancesDeliveringAtOnceChargeEachConsultationOnceWithOneAttempt() throws Exception {
        try (ConfigurableApplicationContext second = SecondInstance.start("consultation-second", clock)) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            List<String> ids = finishMany(1000, List.of(clinic.http(), Http.on(secondPort).basic("admin", "teste123")));

            awaitDelivered(ids, Duration.ofSeconds(60));

            assertEachChargeRecordedOnceAtItsPrice(ids);
            assertThat(ids).allSatisfy(id -> assertThat(TestFinanceGateway.answersFor(id)).containsExactly(201));
            assertThat(count("select count(*) from platform_delivery where destination = 'finance' and attempts = 1 and business_key in ("
                    + "select id::text from consultation where id in (:ids))", ids)).isEqualTo(1000);
        }
    }

    @Test
    void theOnlyDeliveringInstanceKilledMidDrainLosesNothingAndEveryChargeIsRecordedOnce() throws Exception {
        worker.stop();
        List<String> ids = finishMany(1000, List.of(clinic.http()));
        TestFinanceGateway.delay(Duration.ofMillis(150));
        File log = new File("target/consultation-killed-instance.log");
        Process child = ChildInstance.start(clock.instant(), log,
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--quitto.instance-name=killed-child", "--quitto.delivery.worker.instance-id=killed-child",
                "--quitto.consultation.charges.finance-url=" + TestFinanceGateway.url(),
                // A cold JVM on a busy machine: a few calls at a time, each allowed the time a loaded box needs.
                "--quitto.delivery.destinations.finance.concurrency=8", "--quitto.delivery.destinations.finance.read-timeout=15s");
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count("select count(*) from finance_record where appointment_id in (:ids)", ids) >= 200 || !child.isAlive());
            assertThat(child.isAlive()).as("the child instance runs (see " + log + ")").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long recordedAtKill = count("select count(*) from finance_record where appointment_id in (:ids)", ids);
        assertThat(recordedAtKill).isGreaterThanOrEqualTo(200).isLessThan(1000);
        assertThat(jdbc.sql("select count(*) from platform_delivery where lease_owner = 'killed-child' and business_key in (:ids)")
                .param("ids", ids).query(Long.class).single()).as("leases the killed instance left").isPositive();
        TestFinanceGateway.delay(Duration.ZERO);

        clock.advance(Duration.ofSeconds(31));
        worker.start();

        awaitDelivered(ids, Duration.ofSeconds(30));
        assertEachChargeRecordedOnceAtItsPrice(ids);
    }
}
