package dev.quitto.cashback;

import static dev.quitto.cashback.CashbackFixture.SALES;
import static dev.quitto.cashback.CashbackFixture.line;
import static dev.quitto.cashback.CashbackFixture.sale;
import static dev.quitto.cashback.CashbackFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.delivery.internal.DeliveryWorker;
import dev.quitto.testsupport.ChildInstance;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Delivery to the provider through the platform's outbound deliveries, against the built-in simulator with its faults
 * (cashback.md 4.5; acceptance items 5, 16–21 and "50 % failing still delivers every sale once"). The clock is moved
 * through the backoff once no call is in flight. Item 21's crash runs the dispatching instance in a child JVM killed with
 * SIGKILL ({@link ChildInstance}), this instance serving the simulator.
 */
@QuittoIntegrationTest
class CashbackDeliveryIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    Environment environment;

    CashbackFixture f;
    Http erp;

    @BeforeEach
    void setUp() {
        f = new CashbackFixture(Http.on(port), users, clock);
        f.noFaults();
        erp = f.erp();
    }

    @AfterEach
    void tearDown() {
        f.noFaults();
        clock.reset();
    }

    record Row(int attempts, int cycleAttempts, String status, Instant nextAttemptAt, boolean leased) {
    }

    private String leaseOwner(long saleId) {
        return jdbc.sql("select lease_owner from platform_delivery where business_key = :k").param("k", "cashback-sale:" + saleId)
                .query(String.class).optional().orElse(null);
    }

    private Row row(long saleId) {
        return jdbc.sql("select attempts, cycle_attempts, status, next_attempt_at, lease_token is not null from platform_delivery where business_key = :k")
                .param("k", "cashback-sale:" + saleId)
                .query((rs, n) -> new Row(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getBoolean(5))).single();
    }

    /** Waits until the sale's delivery has made {@code attempts} attempts and holds no lease. */
    private Row awaitAttempts(long saleId, int attempts) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> row(saleId), r -> r.attempts() >= attempts && !r.leased());
    }

    private long post(String body) {
        var response = erp.post(SALES, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    @Test
    void item16TenFailedAttemptsWaitWithinTheBackoffAndEndFailed() {
        f.faults("{\"errorRate\":1.0,\"errorStatus\":503}");
        long id = post(sample("2026-11-21 08:00:00"));

        for (int n = 1; n <= 10; n++) {
            Row row = awaitAttempts(id, n);
            if (n == 10) {
                break;
            }
            long full = Math.min(Duration.ofMinutes(5).toMillis(), 2000L << (n - 1));
            long waited = Duration.between(clock.instant(), row.nextAttemptAt()).toMillis();
            assertThat(waited).as("wait after attempt " + n).isBetween(full / 2, full);
            assertThat(f.sale(id).get("status").asString()).isEqualTo("RETRYING");
            clock.set(row.nextAttemptAt());
        }

        JsonNode sale = f.awaitStatus(id, "FAILED");
        assertThat(sale.get("attempts")).hasSize(10);
        for (JsonNode attempt : sale.get("attempts")) {
            assertThat(attempt.get("httpStatus").asInt()).isEqualTo(503);
            assertThat(attempt.get("outcome").asString()).isEqualTo("RETRYABLE");
            assertThat(attempt.get("latencyMs").isNull()).isFalse();
            assertThat(attempt.get("responseExcerpt").asString()).contains("Simulated failure");
        }
        assertThat(f.admin().get("/api/cashbacks/" + id + "/").json().get("message").asString()).isEqualTo("Error on registering cashback.");
        assertThat(f.createdFor(id)).isZero();
    }

    @Test
    void item17A429WithRetryAfter30IsNotRetriedBefore30Seconds() {
        f.faults("{\"rateLimitRate\":1.0,\"retryAfterSeconds\":30}");
        long id = post(sample("2026-11-21 08:01:00"));

        Row row = awaitAttempts(id, 1);

        assertThat(Duration.between(clock.instant(), row.nextAttemptAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(f.sale(id).get("attempts").get(0).get("httpStatus").asInt()).isEqualTo(429);
    }

    @Test
    void item18AFullQuotaFailsAfterOneAttemptKeepingTheProvidersBody() {
        f.faults("{\"quotaFull\":true}");
        long id = post(sample("2026-11-21 08:02:00"));

        JsonNode sale = f.awaitStatus(id, "FAILED");

        assertThat(sale.get("attempts")).hasSize(1);
        assertThat(sale.get("attempts").get(0).get("httpStatus").asInt()).isEqualTo(400);
        assertThat(sale.get("attempts").get(0).get("outcome").asString()).isEqualTo("PERMANENT");
        assertThat(sale.get("attempts").get(0).get("responseExcerpt").asString()).contains("Max number of elements reached for this resource!");
        assertThat(sale.get("delivery").get("lastError").asString()).contains("Max number of elements reached for this resource!");
        assertThat(sale.get("events").get(0).get("type").asString()).isEqualTo("FAILED");
    }

    @Test
    void item19ASlowProviderTimesOutIsRetriedWithTheSameKeyAndANanIdIsKeptAsText() {
        f.faults("{\"latencyMs\":6000,\"idMode\":\"NAN\"}");
        long id = post(sample("2026-11-21 08:03:00"));

        Row row = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> row(id), r -> r.attempts() >= 1 && !r.leased());
        f.faults("{\"idMode\":\"NAN\"}");
        clock.set(row.nextAttemptAt());
        JsonNode sale = f.awaitStatus(id, "DELIVERED");

        assertThat(sale.get("attempts").get(0).get("outcome").asString()).isEqualTo("RETRYABLE");
        assertThat(sale.get("attempts").get(0).get("errorClass").asString()).contains("read timeout");
        assertThat(sale.get("delivery").get("providerId").asString()).isEqualTo("NaN");
        assertThat(f.admin().get("/api/cashbacks/" + id).json().get("returned_id").asString()).isEqualTo("NaN");
        await().atMost(Duration.ofSeconds(10)).until(() -> f.receivedFor(id).size() >= 2);
        assertThat(f.receivedFor(id)).allMatch(r -> r.get("idempotencyKey").asString().equals("quitto-cashback-" + id));
    }

    @Test
    void item20AnAdminRetryOfAFailedSaleDeliversItOnceTheFaultIsGone() {
        f.faults("{\"quotaFull\":true}");
        long id = post(sample("2026-11-21 08:04:00"));
        f.awaitStatus(id, "FAILED");
        f.noFaults();
        var adminUser = users.create(dev.quitto.platform.security.Role.ADMIN);

        var erpRetry = erp.post(SALES + "/" + id + "/retry", "");
        var auditorRetry = f.auditor().post(SALES + "/" + id + "/retry", "");
        var retry = Http.on(port).basic(adminUser).post(SALES + "/" + id + "/retry", "");
        JsonNode sale = f.awaitStatus(id, "DELIVERED");
        var again = f.admin().post(SALES + "/" + id + "/retry", "");

        assertThat(erpRetry.status()).isEqualTo(403);
        assertThat(auditorRetry.status()).isEqualTo(403);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(sale.get("attempts")).hasSize(2);
        assertThat(sale.get("attempts").get(1).get("no").asInt()).isEqualTo(2);
        assertThat(sale.get("events").findValuesAsString("type")).containsExactly("FAILED", "MANUAL_RETRY", "DELIVERED");
        assertThat(sale.get("events").get(1).get("actor").asString()).isEqualTo(adminUser.login());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("invalid-state");
        assertThat(again.json().get("status").asString()).isEqualTo("DELIVERED");
        assertThat(f.createdFor(id)).isEqualTo(1);
    }

    @Test
    void aProviderFailingHalfOfTheCallsForAWhileStillDeliversEverySaleExactlyOnce() {
        f.faults("{\"errorRate\":0.5,\"randomSeed\":7}");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(post(sale("2026-11-21 09:" + String.format("%02d", i) + ":00", "79336512404", "10.00", line("B", "10.00", 1))));
        }
        for (int round = 0; round < 3; round++) {
            awaitSettled(ids);
            clock.advance(Duration.ofMinutes(6));
        }
        f.noFaults();
        for (int round = 0; round < 20 && !allDelivered(ids); round++) {
            awaitSettled(ids);
            clock.advance(Duration.ofMinutes(6));
        }

        for (long id : ids) {
            JsonNode sale = f.awaitStatus(id, "DELIVERED");
            assertThat(sale.get("cashback").asString()).isEqualTo("1.00");
            assertThat(f.createdFor(id)).as("credits for sale " + id).isEqualTo(1);
        }
        assertThat(ids.stream().mapToInt(id -> row(id).attempts()).sum()).isGreaterThan(ids.size());
    }

    @Test
    void aDeliveredSaleIsNeverSentAgain() {
        long id = post(sample("2026-11-21 08:05:00"));
        f.awaitStatus(id, "DELIVERED");

        clock.advance(Duration.ofDays(2));
        awaitSettled(List.of(id));

        assertThat(f.receivedFor(id)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from platform_delivery_attempt a join platform_delivery d on d.id = a.delivery_id "
                + "where d.business_key = :k and a.outcome = 'SUCCESS'").param("k", "cashback-sale:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void item21AnotherInstanceStartedOnTheSameDatabaseAfterADeliverySendsNothingAgain() {
        long id = post(sample("2026-11-21 08:07:00"));
        f.awaitStatus(id, "DELIVERED");

        try (var restarted = dev.quitto.testsupport.SecondInstance.start("cashback-restarted", clock,
                "--quitto.cashback.provider.url=http://localhost:" + port + "/api/v1/cashback/simulator/cashback")) {
            clock.advance(Duration.ofMinutes(10));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> f.receivedFor(id).size() == 1);
            assertThat(restarted.isActive()).isTrue();
        }

        assertThat(f.receivedFor(id)).hasSize(1);
        assertThat(f.createdFor(id)).isEqualTo(1);
        assertThat(f.sale(id).get("status").asString()).isEqualTo("DELIVERED");
        assertThat(row(id).attempts()).isEqualTo(1);
    }

    @Test
    void item21AnInstanceKilledWhileACallIsInFlightLeavesAnInterruptedAttemptAndTheSaleIsDeliveredOnce() throws Exception {
        worker.stop();
        try {
            f.faults("{\"latencyMs\":3000}");
            long id = post(sample("2026-11-21 08:08:00"));
            File log = new File("target/cashback-killed-instance.log");
            Process child = ChildInstance.start(clock.instant(), log,
                    "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                    "--quitto.instance-name=cashback-killed-child", "--quitto.delivery.worker.instance-id=cashback-killed-child",
                    "--quitto.delivery.worker.poll-interval=50ms");
            try {
                // The simulator (this instance) holds the call for 3 s: the child is killed while it waits for the answer.
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                        .failFast("the child instance died (see " + log + ")", () -> !child.isAlive())
                        .until(() -> f.waitingAtTheSimulator().contains("quitto-cashback-" + id));
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            Row atKill = row(id);
            assertThat(atKill.status()).isEqualTo("PENDING");
            assertThat(atKill.leased()).as("the killed instance's lease is left behind").isTrue();
            assertThat(leaseOwner(id)).isEqualTo("cashback-killed-child");
            assertThat(atKill.attempts()).isEqualTo(1);
            assertThat(f.sale(id).get("status").asString()).as("still waiting for the provider").isIn("PENDING", "RETRYING");

            f.noFaults();
            clock.advance(Duration.ofSeconds(31));
            worker.start();
            JsonNode sale = f.awaitStatus(id, "DELIVERED");

            assertThat(sale.get("attempts")).hasSize(2);
            assertThat(sale.get("attempts").get(0).get("no").asInt()).isEqualTo(1);
            assertThat(sale.get("attempts").get(0).get("outcome").asString()).isEqualTo("INTERRUPTED");
            assertThat(sale.get("attempts").get(1).get("no").asInt()).isEqualTo(2);
            assertThat(sale.get("attempts").get(1).get("outcome").asString()).isEqualTo("SUCCESS");
            await().atMost(Duration.ofSeconds(10)).until(() -> f.receivedFor(id).size() == 2);
            List<JsonNode> received = f.receivedFor(id);
            assertThat(received).as("the killed call reached the simulator too; the re-send carried the same key")
                    .allSatisfy(request -> assertThat(request.get("idempotencyKey").asString()).isEqualTo("quitto-cashback-" + id));
            assertThat(received).extracting(request -> request.get("recordId").asString()).as("both calls answered with the one record")
                    .containsOnly(sale.get("delivery").get("providerId").asString());
            assertThat(row(id).attempts()).isEqualTo(2);
        } finally {
            f.noFaults();
            worker.start();
        }
    }

    @Test
    void echoMismatchIsFlaggedButTheSaleIsDelivered() {
        long id = post(sample("2026-11-21 08:06:00"));
        JsonNode sale = f.awaitStatus(id, "DELIVERED");
        var answer = DeliveryOutcomes.ProviderAnswer.read("{\"createdAt\":\"2021-07-26T22:50:55.740Z\",\"message\":\"Cashback criado com sucesso!\","
                + "\"id\":13,\"document\":\"33535353535\",\"cashback\":\"10\"}");

        assertThat(sale.get("delivery").get("echoMismatch").asBoolean()).isFalse();
        assertThat(answer.id()).isEqualTo("13");
        assertThat(answer.createdAt()).isEqualTo(Instant.parse("2021-07-26T22:50:55.740Z"));
        assertThat(answer.differsFrom("79336512404", new java.math.BigDecimal("9.50"))).isTrue();
        assertThat(DeliveryOutcomes.ProviderAnswer.read("not json").id()).isNull();
    }

    private boolean allDelivered(List<Long> ids) {
        return ids.stream().allMatch(id -> row(id).status().equals("DELIVERED"));
    }

    /** Waits until none of the deliveries is in flight or due now. */
    private void awaitSettled(List<Long> ids) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> ids.stream().map(this::row)
                .allMatch(r -> !r.leased() && (!r.status().equals("PENDING") || r.nextAttemptAt().isAfter(clock.instant()))));
    }
}
