package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Acceptance items 33-39 of billing.md: the payment webhook over real HTTP, with real concurrent deliveries. */
@QuittoIntegrationTest
class BillingPaymentWebhookIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BillingWorkers.HandOverLoop handOver;

    BillingTestSupport billing;
    Http operator;
    Http bank;
    String p;

    @BeforeEach
    void setUp() {
        operator = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        bank = Http.on(port);
        billing = new BillingTestSupport(operator, port);
        p = BillingTestSupport.unique();
    }

    private void importDebt(String debtId, String amount, String due) {
        billing.importCompleted(HEADER + "John Doe,11111111111,johndoe@kanastra.com.br," + amount + "," + due + "," + debtId + "\n");
    }

    private static String payload(String debtId, String paidAt, String amount) {
        return "{\"debtId\":\"" + debtId + "\",\"paidAt\":\"" + paidAt + "\",\"paidAmount\":" + amount + ",\"paidBy\":\"John Doe\"}";
    }

    private Http.Response pay(String path, String body) {
        return bank.header("Content-Type", "application/json").post(path, body);
    }

    private long payments(String debtId) {
        return jdbc.sql("select count(*) from billing_payment where debt_id_raw = :id").param("id", debtId).query(Long.class).single();
    }

    @Test
    void aPartialPaymentSupersedesTheInvoiceWithOneForTheBalance() {
        String debt = p + "-8291";
        importDebt(debt, "1000000.00", "2022-10-12");

        Http.Response paid = pay("/payment", payload(debt, "2022-06-09 10:00:00", "100000.00"));

        assertThat(paid.status()).isEqualTo(201);
        JsonNode body = paid.json();
        assertThat(body.get("status").asString()).isEqualTo("APPLIED");
        assertThat(body.get("replayed").asBoolean()).isFalse();
        assertThat(body.get("paidAt").asString()).isEqualTo("2022-06-09T10:00:00-03:00");
        assertThat(body.get("appliedAmount").asString()).isEqualTo("100000.00");
        assertThat(body.get("excessAmount").asString()).isEqualTo("0.00");
        assertThat(body.get("debt").get("status").asString()).isEqualTo("PARTIALLY_PAID");
        assertThat(body.get("debt").get("balance").asString()).isEqualTo("900000.00");
        assertThat(jdbc.sql("select paid_at = timestamptz '2022-06-09T13:00:00Z' from billing_payment where id = :id")
                .param("id", java.util.UUID.fromString(body.get("paymentId").asString())).query(Boolean.class).single()).isTrue();
        JsonNode invoices = billing.debt(debt).get("invoices");
        assertThat(invoices).hasSize(2);
        assertThat(invoices.get(0).get("status").asString()).isEqualTo("SUPERSEDED");
        assertThat(invoices.get(0).get("supersededBy").asString()).isEqualTo(invoices.get(1).get("id").asString());
        assertThat(invoices.get(1).get("status").asString()).isEqualTo("OPEN");
        assertThat(invoices.get(1).get("amount").asString()).isEqualTo("900000.00");
        assertThat(invoices.get(1).get("dueDate").asString()).isEqualTo("2022-10-12");
        assertThat(jdbc.sql("select count(*) from billing_email where invoice_id = :id and kind = 'INVOICE'")
                .param("id", java.util.UUID.fromString(invoices.get(1).get("id").asString())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theSameDeliveryAgainIsAReplayWithTheSamePayment() {
        String debt = p + "-8291";
        importDebt(debt, "1000000.00", "2022-10-12");
        String first = pay("/payment", payload(debt, "2022-06-09 10:00:00", "100000.00")).json().get("paymentId").asString();

        Http.Response again = pay("/api/v1/billing/payments", payload(debt, "2022-06-09T10:00:00-03:00", "\"100000.00\""));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(again.json().get("paymentId").asString()).isEqualTo(first);
        assertThat(again.json().get("debt").get("balance").asString()).isEqualTo("900000.00");
        assertThat(payments(debt)).isEqualTo(1);
    }

    @Test
    void tenConcurrentIdenticalDeliveriesStoreOnePayment() throws Exception {
        String debt = p + "-c";
        importDebt(debt, "1000.00", "2026-12-15");
        String body = payload(debt, "2026-11-20 10:00:00", "100.00");

        List<Http.Response> responses = concurrently(10, () -> pay("/payment", body));

        assertThat(responses).extracting(Http.Response::status).containsOnly(201, 200);
        assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(1);
        assertThat(responses).extracting(response -> response.json().get("paymentId").asString()).containsOnly(
                responses.getFirst().json().get("paymentId").asString());
        assertThat(payments(debt)).isEqualTo(1);
        assertThat(billing.debt(debt).get("balance").asString()).isEqualTo("900.00");
    }

    @Test
    void distinctIdempotencyKeysMakeDistinctPaymentsAndAReusedKeyWithOtherContentIs422() {
        String debt = p + "-k";
        importDebt(debt, "1000.00", "2026-12-15");
        String body = payload(debt, "2026-11-20 10:00:00", "100.00");

        Http.Response a = bank.header("Content-Type", "application/json").header("Idempotency-Key", p + "a").post("/payment", body);
        Http.Response b = bank.header("Content-Type", "application/json").header("Idempotency-Key", p + "b").post("/payment", body);
        Http.Response reused = bank.header("Content-Type", "application/json").header("Idempotency-Key", p + "a")
                .post("/payment", payload(debt, "2026-11-20 10:00:00", "1.00"));

        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(payments(debt)).isEqualTo(2);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asString()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void payingTheBalanceMakesTheDebtPaidAndALaterPaymentIsAllExcess() {
        String debt = p + "-full";
        importDebt(debt, "1000000.00", "2022-10-12");
        pay("/payment", payload(debt, "2022-06-09 10:00:00", "100000.00"));

        JsonNode full = pay("/payment", payload(debt, "2022-06-10 10:00:00", "900000.00")).json();
        Http.Response extra = pay("/payment", payload(debt, "2022-06-11 10:00:00", "50.00"));

        assertThat(full.get("debt").get("status").asString()).isEqualTo("PAID");
        assertThat(full.get("debt").get("excess").asString()).isEqualTo("0.00");
        assertThat(extra.status()).isEqualTo(201);
        assertThat(extra.json().get("appliedAmount").asString()).isEqualTo("0.00");
        assertThat(extra.json().get("excessAmount").asString()).isEqualTo("50.00");
        JsonNode stored = billing.debt(debt);
        assertThat(stored.get("excess").asString()).isEqualTo("50.00");
        assertThat(stored.get("overdue").asBoolean()).isFalse();
        assertThat(stored.get("invoices").get(1).get("status").asString()).isEqualTo("PAID");
    }

    @Test
    void anOverpaymentRecordsTheExcess() {
        String debt = p + "-over";
        importDebt(debt, "7811.00", "2024-01-19");

        JsonNode paid = pay("/payment", payload(debt, "2026-11-20 10:00:00", "8000.00")).json();

        assertThat(paid.get("debt").get("status").asString()).isEqualTo("PAID");
        assertThat(paid.get("excessAmount").asString()).isEqualTo("189.00");
        assertThat(paid.get("debt").get("excess").asString()).isEqualTo("189.00");
    }

    @Test
    void twoConcurrentPartialPaymentsSummingToTheAmountPayTheDebtExactly() throws Exception {
        String debt = p + "-two";
        importDebt(debt, "1000.00", "2026-12-15");

        List<Http.Response> responses = concurrently(2, List.of(
                () -> pay("/payment", payload(debt, "2026-11-20 10:00:00", "600.00")),
                () -> pay("/payment", payload(debt, "2026-11-20 10:00:01", "400.00"))));

        assertThat(responses).extracting(Http.Response::status).containsOnly(201);
        JsonNode stored = billing.debt(debt);
        assertThat(stored.get("status").asString()).isEqualTo("PAID");
        assertThat(stored.get("paidTotal").asString()).isEqualTo("1000.00");
        assertThat(stored.get("excess").asString()).isEqualTo("0.00");
    }

    @Test
    void aPaymentForAnUnknownDebtIsStoredUnmatchedAndAppliedOnceTheDebtIsImported() {
        String debt = p + "-nope-1";

        Http.Response unknown = pay("/payment", payload(debt, "2026-11-20 10:00:00", "100.00"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("code").asString()).isEqualTo("debt-not-found");
        String paymentId = unknown.json().get("paymentId").asString();
        assertThat(operator.get("/api/v1/billing/payments?status=UNMATCHED&debtId=" + debt).json().get("items").get(0).get("paymentId").asString())
                .isEqualTo(paymentId);
        assertThat(pay("/payment", payload(debt, "2026-11-20 10:00:00", "100.00")).status()).isEqualTo(404);

        importDebt(debt, "100.00", "2026-12-15");
        handOver.runOnce();

        JsonNode stored = billing.debt(debt);
        assertThat(stored.get("status").asString()).isEqualTo("PAID");
        assertThat(stored.get("payments").get(0).get("status").asString()).isEqualTo("APPLIED");
        assertThat(jdbc.sql("select e.status from billing_email e join billing_invoice i on i.id = e.invoice_id join billing_debt d on d.id = i.debt_pk "
                + "where d.debt_id = :id and e.kind = 'INVOICE'").param("id", debt).query(String.class).single()).isEqualTo("SKIPPED");
        Http.Response replay = pay("/payment", payload(debt, "2026-11-20 10:00:00", "100.00"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(replay.json().get("status").asString()).isEqualTo("APPLIED");
    }

    @Test
    void paidAtAndAmountFormsAreReadExactlyAndBadOnesAre400() {
        String debt = p + "8291";
        importDebt(debt, "1000.00", "2026-12-15");

        assertThat(pay("/payment", payload(debt, "09/06/2022", "1.00")).json().get("code").asString()).isEqualTo("validation-failed");
        String overAnHourAhead = LocalDateTime.ofInstant(clock.instant().plus(Duration.ofHours(1)).plusSeconds(1), BusinessTime.ZONE)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertThat(pay("/payment", payload(debt, overAnHourAhead, "1.00")).status()).isEqualTo(400);
        assertThat(pay("/payment", payload(debt, "2022-06-09 10:00:00", "0")).status()).isEqualTo(400);
        assertThat(pay("/payment", payload(debt, "2022-06-09 10:00:00", "-1")).status()).isEqualTo(400);
        assertThat(pay("/payment", payload(debt, "2022-06-09 10:00:00", "1.001")).status()).isEqualTo(400);
        assertThat(pay("/payment", payload(debt, "2022-06-09 10:00:00", "1e3")).status()).isEqualTo(400);
        assertThat(pay("/payment", payload(debt, "2022-06-09 10:00:00", "1.00")).status()).isEqualTo(201);
        assertThat(pay("/payment", payload(debt, "2022-06-09T10:00:00-03:00", "\"1.00\"")).status()).isEqualTo(200);
    }

    @Test
    void aNumericDebtIdMatchesItsText() {
        String debt = String.valueOf(System.nanoTime());
        importDebt(debt, "1000.00", "2026-12-15");

        Http.Response paid = pay("/payment", "{\"debtId\":" + debt + ",\"paidAt\":\"2022-06-09 10:00:00\",\"paidAmount\":100000.00,\"paidBy\":\"John Doe\"}");

        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.json().get("debtId").asString()).isEqualTo(debt);
    }

    @Test
    void everyBadDeliveryIsAProblemWithItsCode() {
        Http.Response malformed = pay("/payment", "{\"debtId\":");
        Http.Response wrongType = pay("/payment", "{\"debtId\":\"x\",\"paidAt\":5,\"paidAmount\":1,\"paidBy\":\"a\"}");
        Http.Response missing = pay("/payment", "{}");
        Http.Response notJson = bank.header("Content-Type", "text/plain").post("/payment", "hello");
        Http.Response tooLarge = pay("/payment", "{\"paidBy\":\"" + "x".repeat(17 * 1024) + "\"}");
        Http.Response badKey = bank.header("Content-Type", "application/json").header("Idempotency-Key", "\u00e9").post("/payment", "{}");

        assertThat(malformed.json().get("code").asString()).isEqualTo("malformed-body");
        assertThat(wrongType.json().get("code").asString()).isEqualTo("malformed-body");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(missing.json().get("errors")).hasSize(4);
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.json().get("code").asString()).isEqualTo("unsupported-media-type");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("code").asString()).isEqualTo("payload-too-large");
        assertThat(badKey.status()).isEqualTo(400);
        for (Http.Response response : List.of(malformed, wrongType, missing, notJson, tooLarge, badKey)) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private static List<Http.Response> concurrently(int n, Callable<Http.Response> call) throws Exception {
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call);
        }
        return concurrently(n, calls);
    }

    private static List<Http.Response> concurrently(int n, List<Callable<Http.Response>> calls) throws Exception {
        try (ExecutorService executor = Executors.newFixedThreadPool(n)) {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Callable<Http.Response> call : calls) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
