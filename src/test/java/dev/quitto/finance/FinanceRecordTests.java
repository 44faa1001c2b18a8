package dev.quitto.finance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Finance records, idempotent on the appointment (spec 2.3, 4.5; acceptance item 11 and the record rows of section 7). */
@QuittoIntegrationTest
class FinanceRecordTests {

    static final String STATEMENT_APPOINTMENT = "84ab6121-c4a8-4684-8cc2-b03024ec0f1d";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    Http finance;

    @BeforeEach
    void setUp() {
        finance = Http.on(port).basic(users.create(Role.FINANCE));
    }

    private Http.Response record(String appointment, String totalPrice) {
        return finance.post("/app/finance/record/", "{\"appointment_id\": \"" + appointment + "\", \"total_price\": " + totalPrice + "}");
    }

    private long rows(String appointment) {
        return jdbc.sql("select count(*) from finance_record where appointment_id = :id::uuid").param("id", appointment).query(Long.class).single();
    }

    @Test
    void theStatementsRecordIs201ThenAReplayIs200WithTheSameIdAndAnotherAmountIs409() {
        var first = record(STATEMENT_APPOINTMENT, "\"200.00\"");
        var replay = record(STATEMENT_APPOINTMENT, "\"200.00\"");
        var other = record(STATEMENT_APPOINTMENT, "\"400.00\"");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().propertyNames()).containsExactly("id", "appointment_id", "total_price");
        assertThat(first.json().get("total_price").asString()).isEqualTo("200.00");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.json().get("code").asString()).isEqualTo("finance-record-conflict");
        assertThat(other.json().get("existingTotalPrice").asString()).isEqualTo("200.00");
        assertThat(other.json().get("requestedTotalPrice").asString()).isEqualTo("400.00");
        assertThat(rows(STATEMENT_APPOINTMENT)).isEqualTo(1);
        assertThat(jdbc.sql("select total_price from finance_record where appointment_id = :id::uuid").param("id", STATEMENT_APPOINTMENT)
                .query(BigDecimal.class).single()).isEqualByComparingTo("200.00");
    }

    @Test
    void theAmountMayBeANumberAsInTheStatement() {
        var response = record(UUID.randomUUID().toString(), "400.00");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("total_price").asString()).isEqualTo("400.00");
    }

    @Test
    void twoHundredWrittenFourWaysIsOneAmountAndEveryReplayIs200() {
        String appointment = UUID.randomUUID().toString();

        assertThat(record(appointment, "200").status()).isEqualTo(201);
        assertThat(record(appointment, "\"200\"").status()).isEqualTo(200);
        assertThat(record(appointment, "200.0").status()).isEqualTo(200);
        assertThat(record(appointment, "\"200.00\"").status()).isEqualTo(200);
        assertThat(rows(appointment)).isEqualTo(1);
    }

    @Test
    void theCanonicalPathMarksAReplayAndTheListFindsTheRecordByAppointment() {
        String appointment = UUID.randomUUID().toString();
        String body = "{\"appointmentId\": \"" + appointment + "\", \"totalPrice\": \"216.00\"}";

        var created = finance.post("/api/v1/finance/records", body);
        var replay = finance.post("/api/v1/finance/records", body);
        var listed = finance.get("/api/v1/finance/records?appointmentId=" + appointment);
        var one = finance.get("/api/v1/finance/records/" + created.json().get("id").asString());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("replayed").asBoolean()).isFalse();
        assertThat(created.json().get("totalPrice").asString()).isEqualTo("216.00");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("replayed").asBoolean()).isTrue();
        assertThat(listed.json().get("totalItems").asLong()).isEqualTo(1);
        assertThat(listed.json().get("items").get(0).get("totalPrice").asString()).isEqualTo("216.00");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("appointmentId").asString()).isEqualTo(appointment);
    }

    @ParameterizedTest(name = "total_price {0} is 400 validation-failed")
    @ValueSource(strings = {"null", "\"\"", "\"abc\"", "true", "\"-1.00\"", "-1", "\"1.001\"", "\"1000000000.00\"", "{}"})
    void aMissingOrInvalidAmountIs400NamingTheField(String totalPrice) {
        String appointment = UUID.randomUUID().toString();

        var response = record(appointment, totalPrice);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("total_price");
        assertThat(rows(appointment)).isZero();
    }

    @ParameterizedTest(name = "appointment_id {0} is 400 validation-failed")
    @ValueSource(strings = {"null", "\"\"", "\"abc\"", "12"})
    void aMissingOrInvalidAppointmentIs400NamingTheField(String appointment) {
        var response = finance.post("/app/finance/record/", "{\"appointment_id\": " + appointment + ", \"total_price\": \"1.00\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("appointment_id");
    }

    @Test
    void theHighestAmountIsAcceptedAndAnAbsentAmountIsAlsoRefused() {
        assertThat(record(UUID.randomUUID().toString(), "\"999999999.99\"").status()).isEqualTo(201);
        assertThat(finance.post("/app/finance/record/", "{\"appointment_id\": \"" + UUID.randomUUID() + "\"}").status()).isEqualTo(400);
    }

    @Test
    void aBodyThatIsNotAJsonObjectIs400AndTheCanonicalPathRefusesANonJsonType() {
        assertThat(finance.post("/app/finance/record/", "not json").json().get("code").asString()).isEqualTo("malformed-body");
        assertThat(finance.post("/app/finance/record/", "[1]").status()).isEqualTo(400);
        assertThat(finance.header("Content-Type", "text/plain").post("/api/v1/finance/records", "{}").status()).isEqualTo(415);
        assertThat(finance.header("Content-Type", "text/plain")
                .post("/app/finance/record", "{\"appointment_id\": \"" + UUID.randomUUID() + "\", \"total_price\": \"1.00\"}").status()).isEqualTo(201);
    }

    @Test
    void onlyFinanceRecordsAndAClinicIsForbidden() {
        var clinic = Http.on(port).basic(users.create(Role.CLINIC));

        var response = clinic.post("/app/finance/record/", "{\"appointment_id\": \"" + UUID.randomUUID() + "\", \"total_price\": \"1.00\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void readingOneRecordWithABadIdIs400AndAnUnknownIdIs404() {
        assertThat(finance.get("/api/v1/finance/records/abc").json().get("code").asString()).isEqualTo("invalid-id");
        assertThat(finance.get("/api/v1/finance/records/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(finance.get("/api/v1/finance/records?size=0").json().get("code").asString()).isEqualTo("invalid-parameter");
        assertThat(finance.get("/api/v1/finance/records?createdFrom=2021-08-03&createdTo=2021-08-02").status()).isEqualTo(400);
    }
}
