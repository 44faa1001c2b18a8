package dev.quitto.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestFinanceGateway;
import dev.quitto.testsupport.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The charge hand-off against a real finance HTTP server (the JVM's {@link TestFinanceGateway} in front of finance):
 * acceptance items 12, 14, 17, 18 and the 7-day expiry of section 8 (item 19's mechanism).
 */
@QuittoIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ChargeHandOffTests {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Autowired
    MeterRegistry meters;

    Clinic clinic;
    Http operator;

    @BeforeEach
    void setUp() {
        TestFinanceGateway.reset();
        TestFinanceGateway.start();
        clinic = Clinic.on(port, jdbc);
        operator = Http.on(port).basic(users.create(Role.OPERATOR));
    }

    @AfterEach
    void tearDown() {
        TestFinanceGateway.reset();
        TestFinanceGateway.start();
        clock.reset();
    }

    private String finishedAfter(Duration duration) {
        String id = clinic.startNew();
        clock.advance(duration);
        var finished = clinic.finish(id, null);
        assertThat(finished.status()).as(finished.body()).isEqualTo(202);
        return id;
    }

    private tools.jackson.databind.JsonNode charge(String consultationId) {
        var list = operator.get("/api/v1/consultation/charges?consultationId=" + consultationId);
        assertThat(list.json().get("totalItems").asLong()).isEqualTo(1);
        return list.json().get("items").get(0);
    }

    @Test
    void withFinanceUpTheChargeIsDeliveredWithinOneSecondAndFinanceHoldsThePrice() {
        String id = finishedAfter(Duration.ofMinutes(65));

        Charges.awaitStatus(jdbc, id, "DELIVERED", Duration.ofSeconds(1));

        var charge = charge(id);
        assertThat(charge.get("financeRecordId").asString()).isNotBlank();
        assertThat(charge.get("amount").asString()).isEqualTo("216.00");
        assertThat(charge.get("attempts").asInt()).isEqualTo(1);
        var records = clinic.http().get("/api/v1/finance/records?appointmentId=" + id);
        assertThat(records.json().get("items").get(0).get("totalPrice").asString()).isEqualTo("216.00");
        assertThat(records.json().get("items").get(0).get("id").asString()).isEqualTo(charge.get("financeRecordId").asString());
        var detail = operator.get("/api/v1/consultation/charges/" + charge.get("id").asString());
        assertThat(detail.json().get("recentAttempts").get(0).get("statusCode").asInt()).isEqualTo(201);
    }

    @Test
    void aReplyLostAfterFinanceCommittedIsSentAgainAnsweredWithTheReplayAndDeliveredWithOneRecord() {
        TestFinanceGateway.dropReplies(1);
        String id = finishedAfter(Duration.ofMinutes(30));
        awaitAttempts(id, 1);
        assertThat(clinic.financeRecords(id)).isEqualTo(1);
        assertThat(Charges.status(jdbc, id)).isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(2));

        Charges.awaitStatus(jdbc, id, "DELIVERED", Duration.ofSeconds(10));
        assertThat(clinic.financeRecords(id)).isEqualTo(1);
        assertThat(charge(id).get("attempts").asInt()).isEqualTo(2);
        // Finance answers the re-send from its own appointment check: 200, the record it already has.
        assertThat(TestFinanceGateway.answersFor(id)).containsExactly(201, 200);
    }

    @Test
    void anotherAmountAlreadyRecordedKillsTheChargeAsAmountConflictWithOneAlertAndAnOperatorRetryRearmsIt(CapturedOutput output) {
        double before = deadTotal("AMOUNT_CONFLICT");
        String id = clinic.startNew();
        var preseeded = clinic.http().post("/api/v1/finance/records", "{\"appointmentId\": \"" + id + "\", \"totalPrice\": \"999.00\"}");
        assertThat(preseeded.status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(65));
        assertThat(clinic.finish(id, null).status()).isEqualTo(202);

        Charges.awaitStatus(jdbc, id, "DEAD", Duration.ofSeconds(10));

        var charge = charge(id);
        assertThat(charge.get("deadReason").asString()).isEqualTo("AMOUNT_CONFLICT");
        assertThat(charge.get("lastStatusCode").asInt()).isEqualTo(409);
        awaitLog(output, "charge_dead charge=" + charge.get("id").asString());
        assertThat(Pattern.compile("ERROR.*charge_dead charge=" + charge.get("id").asString()).matcher(output.getOut()).results().count()).isEqualTo(1);
        assertThat(deadTotal("AMOUNT_CONFLICT") - before).isEqualTo(1.0);
        assertThat(jdbc.sql("select total_price from finance_record where appointment_id = :id::uuid").param("id", id)
                .query(BigDecimal.class).single()).isEqualByComparingTo("999.00");

        var retried = operator.post("/api/v1/consultation/charges/" + charge.get("id").asString() + "/retry", "");

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(retried.json().get("deadReason").isNull()).isTrue();
    }

    @Test
    void aWrongWorkerPasswordKillsNewChargesAsRejectedAndABulkRetryByReasonDeliversThemOnceFixed() {
        TestFinanceGateway.wrongCredentials(true);
        List<String> ids = List.of(finishedAfter(Duration.ofMinutes(20)), finishedAfter(Duration.ofMinutes(40)), finishedAfter(Duration.ofMinutes(80)));
        for (String id : ids) {
            Charges.awaitStatus(jdbc, id, "DEAD", Duration.ofSeconds(10));
            assertThat(charge(id).get("deadReason").asString()).isEqualTo("REJECTED");
            assertThat(charge(id).get("lastStatusCode").asInt()).isEqualTo(401);
        }
        TestFinanceGateway.wrongCredentials(false);

        var retried = operator.post("/api/v1/consultation/charges/retry?deadReason=REJECTED", "");

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().get("rearmed").asInt()).isGreaterThanOrEqualTo(3);
        for (String id : ids) {
            Charges.awaitStatus(jdbc, id, "DELIVERED", Duration.ofSeconds(10));
            assertThat(clinic.financeRecords(id)).isEqualTo(1);
        }
    }

    @Test
    void aChargeUndeliveredForSevenDaysExpiresAndARetryRearmsItForAnotherSevenDays() {
        TestFinanceGateway.stop();
        String id = finishedAfter(Duration.ofMinutes(10));
        awaitAttempts(id, 1);

        clock.advance(Duration.ofDays(7).plusMinutes(1));

        Charges.awaitStatus(jdbc, id, "DEAD", Duration.ofSeconds(15));
        var charge = charge(id);
        assertThat(charge.get("deadReason").asString()).isEqualTo("EXPIRED");
        var retried = operator.post("/api/v1/consultation/charges/" + charge.get("id").asString() + "/retry", "");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(java.time.OffsetDateTime.parse(retried.json().get("giveUpAt").asString()).toInstant())
                .isEqualTo(clock.instant().plus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void aDeliveredChargeIsNotRetryable() {
        String id = finishedAfter(Duration.ofMinutes(5));
        Charges.awaitStatus(jdbc, id, "DELIVERED", Duration.ofSeconds(10));

        var retried = operator.post("/api/v1/consultation/charges/" + charge(id).get("id").asString() + "/retry", "");

        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.json().get("code").asString()).isEqualTo("charge-not-retryable");
    }

    @Test
    void theSummaryCountsChargesPerStatus() {
        String id = finishedAfter(Duration.ofMinutes(5));
        Charges.awaitStatus(jdbc, id, "DELIVERED", Duration.ofSeconds(10));

        var summary = operator.get("/api/v1/consultation/charges/summary");

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().get("delivered").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(summary.json().get("breakerState").asString()).isIn("CLOSED", "HALF_OPEN", "OPEN");
    }

    private double deadTotal(String reason) {
        var counter = meters.find("quitto.consultation.charges.dead_total").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitAttempts(String id, int attempts) {
        var within = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
        within.untilAsserted(() -> assertThat(attemptsOf(id)).isGreaterThanOrEqualTo(attempts));
        // and the attempt's outcome is written (the lease released)
        within.until(() -> !jdbc.sql("select lease_token is not null from platform_delivery where destination = 'finance' and business_key = :k")
                .param("k", id).query(Boolean.class).single());
    }

    private int attemptsOf(String id) {
        return jdbc.sql("select attempts from platform_delivery where destination = 'finance' and business_key = :k").param("k", id)
                .query(Integer.class).single();
    }

    private static void awaitLog(CapturedOutput output, String text) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(output.getOut()).contains(text));
    }
}
