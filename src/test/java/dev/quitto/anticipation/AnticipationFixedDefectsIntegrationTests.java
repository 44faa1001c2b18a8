package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The seed's defects the spec lists as fixed (F1 to F12, F16) and the edge cases they rest on. */
@QuittoIntegrationTest
class AnticipationFixedDefectsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    SeedFixture f;
    Http http;

    @BeforeEach
    void setUp() {
        http = Http.on(port);
        f = SeedFixture.create(http, jdbc, users, clock);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Http.Response create(SeedFixture.Actor actor, long payment, Object newDueDate) {
        return http.bearer(actor.token()).post("/api/anticipations/", "{\"payment\": " + payment + ", \"new_due_date\": \"" + newDueDate + "\"}");
    }

    @Test
    void f1RefusesASupplierApprovingItsOwnRequestWith403AndChangesNothing() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var approve = f.decide(f.supplier1.actor(), id, "A");
        var deny = f.decide(f.supplier1.actor(), id, "D");

        assertThat(approve.status()).isEqualTo(403);
        assertThat(approve.body()).isEqualTo("{\"detail\":\"Only operators can approve or deny anticipations.\"}");
        assertThat(deny.status()).isEqualTo(403);
        assertThat(f.status(id)).isEqualTo("PENDING");
        assertThat(f.logRows(id)).isEqualTo(1);
        assertThat(f.mails(id)).hasSize(1);
    }

    @Test
    void f2IgnoresStatusAndNewValueOnCreate() {
        var response = http.bearer(f.supplier1.token()).post("/api/anticipations/",
                "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\", \"status\": \"A\", \"new_value\": \"1\", \"id\": 1}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("PC");
        assertThat(response.json().get("new_value").asString()).isEqualTo("1089.00");
    }

    @Test
    void f3RefusesStatusPcWith400AndWritesNoLogRow() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var response = f.decide(f.operator, id, "PC");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"status\":[\"\\\"PC\\\" is not a valid choice.\"]}");
        assertThat(f.logRows(id)).isEqualTo(1);
    }

    @Test
    void f3RefusesLowerCaseAndAMissingStatusWith400NotA500() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var lower = f.decide(f.operator, id, "a");
        var missing = http.bearer(f.operator.token()).patch("/api/anticipations/" + id + "/", "{}");

        assertThat(lower.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"status\":[\"This field is required.\"]}");
    }

    @ParameterizedTest(name = "{0} then {1}: 409")
    @CsvSource({"A, D", "D, A", "A, A", "D, D"})
    void f4RefusesASecondDecisionWith409AndNoLogOrEmail(String first, String second) {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));
        f.decide(f.operator, id, first);

        var response = f.decide(f.operator, id, second);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Only pending anticipations can be approved or denied.\"}");
        assertThat(f.logRows(id)).isEqualTo(2);
        assertThat(f.mails(id)).hasSize(2);
        assertThat(f.status(id)).isEqualTo(first.equals("A") ? "APPROVED" : "DENIED");
    }

    @Test
    void f5LeavesNewDueDatePaymentAndNewValueUnchangedOnPatch() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var response = http.bearer(f.operator.token()).put("/api/anticipations/" + id + "/",
                "{\"status\": \"D\", \"new_due_date\": \"" + f.today().plusDays(5) + "\", \"payment\": " + f.payment2 + ", \"new_value\": \"5.00\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("payment").asLong()).isEqualTo(f.payment1);
        assertThat(response.json().get("new_due_date").asString()).isEqualTo(f.today().plusDays(1).toString());
        assertThat(response.json().get("new_value").asString()).isEqualTo("1090.10");
        assertThat(f.status(id)).isEqualTo("DENIED");
    }

    @Test
    void f6RefusesANewDueDateOnOrAfterTheDueDate() {
        var onDue = create(f.supplier1.actor(), f.payment1, f.today().plusDays(10));
        var afterDue = create(f.supplier1.actor(), f.payment1, f.today().plusDays(11));

        assertThat(onDue.status()).isEqualTo(400);
        assertThat(onDue.body()).isEqualTo("{\"new_due_date\":[\"Inform a date before the payment due date.\"]}");
        assertThat(afterDue.body()).isEqualTo(onDue.body());
    }

    @ParameterizedTest(name = "{0} over {1} days: {2}")
    @CsvSource({"1000.00, 999, 201", "1000.00, 1000, 400", "0.01, 499, 201", "0.01, 500, 400"})
    void f6HoldsTheBoundariesOfADiscountThatLeavesNothing(String value, int days, int status) {
        long payment = f.payment(f.supplier1.supplierId(), f.today().plusDays(days), value);

        var response = create(f.supplier1.actor(), payment, f.today());

        assertThat(response.status()).isEqualTo(status);
        if (status == 400) {
            assertThat(response.body()).isEqualTo("{\"new_due_date\":[\"The new value must be greater than zero; choose a later date.\"]}");
        } else {
            assertThat(response.json().get("new_value").asString()).isEqualTo(value.equals("0.01") ? "0.01" : "1.00");
        }
    }

    @Test
    void f7RefusesAPaymentDueTodayAsUnavailable() {
        long payment = f.payment(f.supplier1.supplierId(), f.today(), "500.00");

        var response = create(f.supplier1.actor(), payment, f.today());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("[\"Unavailable payments can not be anticipated.\"]");
    }

    @Test
    void f7RefusesAPaymentWhoseDueDatePassedByTheClock() {
        clock.advance(Duration.ofDays(11));

        var response = create(f.actor(f.supplier1.user()), f.payment1, f.today());

        assertThat(response.body()).isEqualTo("[\"Unavailable payments can not be anticipated.\"]");
    }

    @Test
    void f9AcceptsANewRequestAfterADenialAndRefusesAThirdWhilePending() {
        long first = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));
        f.decide(f.operator, first, "D");

        var second = create(f.supplier1.actor(), f.payment1, f.today().plusDays(2));
        var third = create(f.supplier1.actor(), f.payment1, f.today().plusDays(3));

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("id").asLong()).isNotEqualTo(first);
        assertThat(third.status()).isEqualTo(400);
        assertThat(third.json().get(0).asString()).isEqualTo("An anticipation was already created for this payment.");
        assertThat(http.bearer(f.supplier1.token()).get("/api/payments/?status=PC").json().get("results").get(0).get("id").asLong())
                .isEqualTo(f.payment1);
    }

    @Test
    void f9TheDatabaseRefusesASecondOpenRequestInsertedDirectly() {
        long first = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        assertThatThrownBy(() -> jdbc.sql("""
                        insert into anticipation_request (payment_id, supplier_id, status, original_value, original_due_date, new_due_date, new_value,
                            days_in_advance, monthly_rate, period_days, requested_by, requested_by_role, requested_at, updated_at)
                        select payment_id, supplier_id, 'PENDING', original_value, original_due_date, new_due_date, new_value, days_in_advance,
                            monthly_rate, period_days, requested_by, requested_by_role, requested_at, updated_at
                        from anticipation_request where id = :id""").param("id", first).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("anticipation_request_one_open_per_payment");
    }

    @Test
    void f9TheLogRefusesUpdatesAndDeletes() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        assertThatThrownBy(() -> jdbc.sql("update anticipation_request_log set action = 'A' where anticipation_id = :id").param("id", id).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from anticipation_request_log where anticipation_id = :id").param("id", id).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void f10AnswersForeignAndMissingIdsWithIdenticalBodies() {
        long foreign = f.requestAnticipation(f.supplier2.actor(), f.payment2, f.today().plusDays(1));
        Http supplier = http.bearer(f.supplier1.token());

        var foreignPayment = supplier.get("/api/payments/" + f.payment2 + "/");
        var missingPayment = supplier.get("/api/payments/999999999/");
        var textId = supplier.get("/api/payments/abc/");
        var overflowId = supplier.get("/api/payments/99999999999999999999999/");
        var foreignPatch = f.decide(f.supplier1.actor(), foreign, "A");
        var missingPatch = f.decide(f.supplier1.actor(), 999999999, "A");
        var foreignGet = supplier.get("/api/anticipations/" + foreign + "/");
        var foreignCreate = create(f.supplier1.actor(), f.payment2, f.today());
        var missingCreate = create(f.supplier1.actor(), 999999999, f.today());

        for (var response : java.util.List.of(foreignPayment, missingPayment, textId, overflowId, foreignPatch, missingPatch, foreignGet)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
        }
        assertThat(foreignCreate.body()).isEqualTo(missingCreate.body().replace("999999999", String.valueOf(f.payment2)));
    }

    @Test
    void f12ReadsTodayInSaoPauloAtHalfPastElevenAtNight() {
        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 30, 0, 0, BusinessTime.ZONE).toInstant());

        var response = create(f.actor(f.supplier1.user()), f.payment1, "2026-11-22");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("creation_date").asString()).isEqualTo("2026-11-22");
        Timestamp occurred = jdbc.sql("select occurred_at from anticipation_request_log where anticipation_id = :id")
                .param("id", response.json().get("id").asLong()).query(Timestamp.class).single();
        assertThat(occurred.toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void f16RefusesApprovalAfterTheNewDueDateButAllowsDenial() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));
        clock.advance(Duration.ofDays(2));
        SeedFixture.Actor operator = f.actor(f.operator.user());

        var approve = f.decide(operator, id, "A");
        var deny = f.decide(operator, id, "D");

        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.body()).isEqualTo("{\"detail\":\"The new due date has passed; this anticipation can no longer be approved.\"}");
        assertThat(deny.status()).isEqualTo(200);
        assertThat(f.status(id)).isEqualTo("DENIED");
    }

    @Test
    void e4MovesAPendingRequestWhosePaymentFellDueToUnavailable() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));
        clock.advance(Duration.ofDays(10));
        SeedFixture.Actor operator = f.actor(f.operator.user());

        var unavailable = http.bearer(f.actor(f.supplier1.user()).token()).get("/api/payments/?status=U");
        var approve = f.decide(operator, id, "A");

        assertThat(unavailable.json().get("results").valueStream().map(p -> p.get("id").asLong())).containsExactly(f.payment1);
        assertThat(approve.status()).isEqualTo(409);
        assertThat(f.decide(operator, id, "D").status()).isEqualTo(200);
    }

    @Test
    void answersSeedErrorsForMethodMediaTypeAndMalformedJson() {
        Http operator = http.bearer(f.operator.token());

        var delete = operator.delete("/api/payments/");
        var text = operator.header("Content-Type", "text/plain").post("/api/anticipations/", "hello");
        var malformed = operator.post("/api/anticipations/", "{\"payment\": ");
        var array = operator.post("/api/anticipations/", "[1, 2]");
        var noSlash = operator.get("/api/payments");

        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.body()).isEqualTo("{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.body()).isEqualTo("{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).isEqualTo("{\"detail\":\"JSON parse error.\"}");
        assertThat(array.body()).isEqualTo("{\"detail\":\"JSON parse error.\"}");
        assertThat(noSlash.status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "value {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "0|Make sure the value is greater than zero.",
            "\"1.005\"|Ensure that there are no more than 2 decimal places.",
            "\"1.000\"|Ensure that there are no more than 2 decimal places.",
            "1e400|Ensure that there are no more than 11 digits in total.",
            "\"NaN\"|A valid number is required.",
            "\"Infinity\"|A valid number is required.",
            "true|A valid number is required.",
            "123456789012|Ensure that there are no more than 11 digits in total."})
    void refusesBadPaymentValuesWithTheSeedsMessages(String value, String message) {
        var response = http.bearer(f.supplier1.token()).post("/api/payments/", "{\"due_date\": \"" + f.today() + "\", \"value\": " + value + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("value").get(0).asString()).isEqualTo(message);
    }

    @Test
    void listsSeveralFieldErrorsAtOnce() {
        var response = http.bearer(f.operator.token()).post("/api/payments/", "{\"supplier\": \"x\", \"due_date\": \"2024-02-30\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"supplier\":[\"Incorrect type. Expected pk value, received str.\"],"
                + "\"due_date\":[\"Date has wrong format. Use one of these formats instead: YYYY-MM-DD.\"],\"value\":[\"This field is required.\"]}");
    }

    @Test
    void paginatesTenPerPageWithLinksThatKeepTheStatus() {
        SeedFixture.Party party = f.party("Supplier many");
        for (int i = 0; i < 12; i++) {
            f.payment(party.supplierId(), f.today().plusDays(30), "100.00");
        }
        Http supplier = http.bearer(party.token());

        var first = supplier.get("/api/payments/?status=A");
        var last = supplier.get("/api/payments/?status=A&page=last");
        var beyond = supplier.get("/api/payments/?status=A&page=3");
        var zero = supplier.get("/api/payments/?page=0");

        assertThat(first.json().get("count").asLong()).isEqualTo(12);
        assertThat(first.json().get("results").size()).isEqualTo(10);
        assertThat(first.json().get("next").asString()).isEqualTo("http://localhost:" + port + "/api/payments/?status=A&page=2");
        assertThat(first.json().get("previous").isNull()).isTrue();
        assertThat(last.json().get("results").size()).isEqualTo(2);
        assertThat(last.json().get("previous").asString()).isEqualTo("http://localhost:" + port + "/api/payments/?status=A");
        assertThat(beyond.status()).isEqualTo(404);
        assertThat(beyond.body()).isEqualTo("{\"detail\":\"Invalid page.\"}");
        assertThat(zero.body()).isEqualTo("{\"detail\":\"Invalid page.\"}");
    }
}
