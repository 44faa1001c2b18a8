package dev.quitto.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The canonical API (spec section 3), the accepted end-date forms (4.2, section 8) and every bad input of section 7. */
@QuittoIntegrationTest
class ConsultationCanonicalApiTests {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    Http clinicHttp;
    Http operator;
    Clinic seed;

    @BeforeEach
    void setUp() {
        clinicHttp = Http.on(port).basic(users.create(Role.CLINIC));
        operator = Http.on(port).basic(users.create(Role.OPERATOR));
        seed = Clinic.on(port, jdbc);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String start(String patient) {
        var response = clinicHttp.post("/api/v1/consultations", "{\"physicianId\": \"" + Clinic.PHYSICIAN + "\", \"patientId\": \"" + patient + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private Http.Response finish(String id, String body) {
        return clinicHttp.post("/api/v1/consultations/" + id + "/finish", body);
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }

    @Test
    void aCanonicalStartIs201WithAnOpenConsultationAndItsLocation() {
        String patient = UUID.randomUUID().toString();
        var response = clinicHttp.post("/api/v1/consultations", "{\"physicianId\": \"" + Clinic.PHYSICIAN + "\", \"patientId\": \"" + patient + "\"}");

        assertThat(response.status()).isEqualTo(201);
        var body = response.json();
        assertThat(body.get("status").asString()).isEqualTo("OPEN");
        assertThat(body.get("startDate").asString()).isEqualTo("2026-11-22T12:00:00-03:00");
        assertThat(body.get("endDate").isNull()).isTrue();
        assertThat(body.get("price").isNull()).isTrue();
        assertThat(body.get("charge").isNull()).isTrue();
        assertThat(response.header("Location")).isEqualTo("/api/v1/consultations/" + body.get("id").asString());
    }

    @Test
    void aCanonicalFinishIs200WithThePriceAsAStringAndTheQueuedCharge() {
        String id = start(UUID.randomUUID().toString());
        clock.advance(Duration.ofMinutes(90));

        var response = finish(id, "{}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("price").asString()).isEqualTo("300.00");
        assertThat(response.json().get("billedHours").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(response.json().get("durationSeconds").asLong()).isEqualTo(5400);
        assertThat(response.json().get("charge").get("status").asString()).isIn("PENDING", "DELIVERED");
    }

    @ParameterizedTest(name = "{0} s cost {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1800, 200.00", "3600, 200.00", "3601, 200.00", "3618, 200.00", "3654, 204.00",
            "3660, 204.00", "3900, 216.00", "5400, 300.00", "9000, 500.00", "90000, 5000.00"})
    void everyPricingVectorHoldsThroughTheSeedFinish(long seconds, String price) {
        String id = start(UUID.randomUUID().toString());
        String end = ConsultationViews.seedTime(clock.instant().plusSeconds(seconds));
        clock.advance(Duration.ofSeconds(seconds + 60));

        var finished = seed.finish(id, end);

        assertThat(finished.status()).as(finished.body()).isEqualTo(202);
        assertThat(finished.body()).contains("\"price\":" + price);
        assertThat(seed.canonical(id).get("price").asString()).isEqualTo(price);
        assertThat(seed.canonical(id).get("durationSeconds").asLong()).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "end date {0}")
    @ValueSource(strings = {"2026-11-22 12:30:00", "2026-11-22T12:30:00.5", "2026-11-22T15:30:00Z", "2026-11-22T12:30:00-03:00"})
    void theAcceptedEndDateFormsAllNameHalfPastTwelveInSaoPaulo(String endDate) {
        String id = start(UUID.randomUUID().toString());
        clock.advance(Duration.ofHours(1));

        var response = finish(id, "{\"endDate\": \"" + endDate + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("endDate").asString()).isEqualTo("2026-11-22T12:30:00-03:00");
        assertThat(response.json().get("durationSeconds").asLong()).isEqualTo(1800);
    }

    @Test
    void aFractionIsStoredAsGivenWhileThePriceUsesWholeSeconds() {
        String id = start(UUID.randomUUID().toString());
        clock.advance(Duration.ofHours(2));

        finish(id, "{\"end_date\": \"2026-11-22T13:05:00.999999\"}");

        assertThat(jdbc.sql("select to_char(end_date at time zone 'America/Sao_Paulo', 'HH24:MI:SS.US') from consultation where id = :id::uuid")
                .param("id", id).query(String.class).single()).isEqualTo("13:05:00.999999");
        assertThat(seed.canonical(id).get("price").asString()).isEqualTo("216.00");
    }

    @Test
    void withoutAnEndDateTheServerClockIsUsedAndAZeroDurationBillsOneHour() {
        String id = start(UUID.randomUUID().toString());

        var response = finish(id, "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("durationSeconds").asLong()).isZero();
        assertThat(response.json().get("price").asString()).isEqualTo("200.00");
    }

    @Test
    void aConsultationLeftOpenThirtyDaysCosts144000() {
        String id = start(UUID.randomUUID().toString());
        clock.advance(Duration.ofDays(30));

        assertThat(finish(id, "{}").json().get("price").asString()).isEqualTo("144000.00");
    }

    @Test
    void theListFiltersByPatientAndStatusAndSortsByStartDate() {
        String patient = UUID.randomUUID().toString();
        String first = start(patient);
        clock.advance(Duration.ofMinutes(10));
        finish(first, "{}");
        clock.advance(Duration.ofMinutes(10));
        String second = start(patient);

        var all = operator.get("/api/v1/consultations?patientId=" + patient);
        var ascending = operator.get("/api/v1/consultations?patientId=" + patient + "&sort=startDate");
        var open = operator.get("/api/v1/consultations?patientId=" + patient + "&status=OPEN");
        var window = operator.get("/api/v1/consultations?patientId=" + patient + "&startedFrom=2026-11-22T12:10:00&startedTo=2026-11-22");

        assertThat(all.json().get("totalItems").asLong()).isEqualTo(2);
        assertThat(all.json().get("items").get(0).get("id").asString()).isEqualTo(second);
        assertThat(ascending.json().get("items").get(0).get("id").asString()).isEqualTo(first);
        assertThat(open.json().get("totalItems").asLong()).isEqualTo(1);
        assertThat(open.json().get("items").get(0).get("id").asString()).isEqualTo(second);
        assertThat(window.json().get("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void theRateInForceAtFinishIsUsedAndStored() {
        String id = start(UUID.randomUUID().toString());
        clock.advance(Duration.ofMinutes(65));

        finish(id, "{}");

        assertThat(jdbc.sql("select price_per_hour from consultation where id = :id::uuid").param("id", id)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("200.00");
    }

    @Test
    void aRepeatedStartWithOneIdempotencyKeyReplaysTheFirst201AndADifferentBodyIs422() {
        String patient = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        String body = "{\"physicianId\": \"" + Clinic.PHYSICIAN + "\", \"patientId\": \"" + patient + "\"}";

        var first = clinicHttp.header("Idempotency-Key", key).post("/api/v1/consultations", body);
        var replay = clinicHttp.header("Idempotency-Key", key).post("/api/v1/consultations", body);
        var reused = clinicHttp.header("Idempotency-Key", key).post("/api/v1/consultations", body.replace(patient, UUID.randomUUID().toString()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertProblem(reused, 422, "idempotency-key-reused");
        assertThat(jdbc.sql("select count(*) from consultation where patient_id = :p::uuid").param("p", patient).query(Long.class).single()).isEqualTo(1);
    }

    // Section 7, row by row.

    @Test
    void aCallerWithoutTheClinicRoleIsForbidden() {
        var auditor = Http.on(port).basic(users.create(Role.AUDITOR));

        assertProblem(auditor.post("/api/v1/consultations", "{\"physicianId\": \"" + Clinic.PHYSICIAN + "\", \"patientId\": \"" + UUID.randomUUID() + "\"}"),
                403, "forbidden");
        assertProblem(auditor.post("/app/consultation/start/", "{}"), 403, "forbidden");
    }

    @Test
    void aBodyThatIsNotAJsonObjectOrIsEmptyIsMalformed() {
        assertProblem(seed.http().post("/app/consultation/start/", "{not json"), 400, "malformed-body");
        assertProblem(seed.http().post("/app/consultation/start/", "[]"), 400, "malformed-body");
        assertProblem(seed.http().post("/app/consultation/start/", ""), 400, "malformed-body");
        assertProblem(seed.http().put("/app/consultation/finish/", "\"x\""), 400, "malformed-body");
        assertProblem(clinicHttp.post("/api/v1/consultations", "12"), 400, "malformed-body");
    }

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String padding = "x".repeat(2 * 1024 * 1024);

        assertProblem(seed.http().post("/app/consultation/start/", "{\"pad\": \"" + padding + "\"}"), 413, "payload-too-large");
    }

    @Test
    void theCanonicalStartRefusesANonJsonContentType() {
        assertProblem(clinicHttp.header("Content-Type", "text/plain").post("/api/v1/consultations", "{}"), 415, "unsupported-media-type");
    }

    @Test
    void aWrongMethodOnASeedPathIs405WithAllow() {
        var response = seed.http().get("/app/consultation/start/");

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).contains("POST");
    }

    @ParameterizedTest(name = "patient_id {0}")
    @ValueSource(strings = {"", ", \"patient_id\": null", ", \"patient_id\": \"  \"", ", \"patient_id\": \"not-a-uuid\"", ", \"patient_id\": 7"})
    void aStartWithoutAValidPatientIdIsAValidationFailureNamingIt(String patient) {
        var response = seed.http().post("/app/consultation/start/", "{\"physician_id\": \"" + Clinic.PHYSICIAN + "\"" + patient + "}");

        assertProblem(response, 400, "validation-failed");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("patient_id");
    }

    @Test
    void aStartWithNeitherIdListsBothFields() {
        var response = seed.http().post("/app/consultation/start/", "{}");

        assertProblem(response, 400, "validation-failed");
        assertThat(response.json().get("errors")).hasSize(2);
    }

    @Test
    void aFinishWithAPathIdThatIsNotAUuidIsInvalidId() {
        assertProblem(finish("abc", "{}"), 400, "invalid-id");
        assertProblem(operator.get("/api/v1/consultations/abc"), 400, "invalid-id");
        assertProblem(operator.get("/api/v1/consultations/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(finish(UUID.randomUUID().toString(), "{}"), 404, "not-found");
    }

    @Test
    void aFinishWhoseBodyNamesAnotherConsultationIsRefused() {
        String id = start(UUID.randomUUID().toString());

        var response = finish(id, "{\"consultationId\": \"" + UUID.randomUUID() + "\"}");

        assertProblem(response, 400, "validation-failed");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("consultationId");
        assertThat(finish(id, "{\"consultationId\": \"" + id + "\"}").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "end_date {0}")
    @ValueSource(strings = {"\"02/08/2021\"", "\"2021-08-02\"", "123", "\"2021-08-02T25:00:00\"", "\"2021-02-30T10:00:00\"", "true"})
    void anUnparseableEndDateIsAValidationFailure(String endDate) {
        String id = start(UUID.randomUUID().toString());

        var response = seed.http().put("/app/consultation/finish/", "{\"consultation_id\": \"" + id + "\", \"end_date\": " + endDate + "}");

        assertProblem(response, 400, "validation-failed");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("end_date");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status=CLOSED", "sort=price", "size=0", "size=501", "page=0", "startedFrom=yesterday",
            "startedFrom=2021-08-03&startedTo=2021-08-02", "patientId=abc"})
    void anInvalidListParameterIs400(String query) {
        assertProblem(operator.get("/api/v1/consultations?" + query), 400, "invalid-parameter");
    }

    @Test
    void noBadInputOnTheChargeEndpointsIsA500() {
        assertProblem(operator.get("/api/v1/consultation/charges?status=LOST"), 400, "invalid-parameter");
        assertProblem(operator.get("/api/v1/consultation/charges?deadReason=BORED"), 400, "invalid-parameter");
        assertProblem(operator.get("/api/v1/consultation/charges/abc"), 400, "invalid-id");
        assertProblem(operator.get("/api/v1/consultation/charges/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(operator.post("/api/v1/consultation/charges/" + UUID.randomUUID() + "/retry", ""), 404, "not-found");
        assertProblem(clinicHttp.get("/api/v1/consultation/charges"), 403, "forbidden");
    }

    @Test
    void aFinishWithNoContentTypeAndNoBodyUsesTheServerClock() {
        String id = start(UUID.randomUUID().toString());

        var response = clinicHttp.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/consultations/" + id + "/finish"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.status()).isEqualTo(200);
    }
}
