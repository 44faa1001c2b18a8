package dev.quitto.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The seed's requests verbatim (spec section 2, acceptance items 1 to 4 and 6 to 9) and its smoke flow (section 11). */
@QuittoIntegrationTest
class ConsultationSeedContractTests {

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

    @Test
    void theSeedStartAnswers201WithExactlyTheSeedKeysAndANaiveStartDate() {
        var response = Http.on(port).header("Authorization", "Basic YWRtaW46dGVzdGUxMjM=")
                .post("/app/consultation/start/", "{\"physician_id\": \"" + Clinic.PHYSICIAN + "\", \"patient_id\": \"" + UUID.randomUUID() + "\"}");

        assertThat(response.status()).isEqualTo(201);
        var body = response.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "start_date", "end_date", "physician_id", "patient_id", "price");
        assertThat(body.get("end_date").isNull()).isTrue();
        assertThat(body.get("price").isNull()).isTrue();
        assertThat(body.get("start_date").asString()).matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$").isEqualTo("2026-11-22T12:00:00");
        assertThat(response.header("Location")).isEqualTo("/api/v1/consultations/" + body.get("id").asString());
    }

    @Test
    void theStartPathWorksWithoutTheTrailingSlashAndWithATextPlainBody() {
        String body = "{\"physician_id\": \"" + Clinic.PHYSICIAN + "\", \"patient_id\": \"" + UUID.randomUUID() + "\"}";

        assertThat(clinic.http().post("/app/consultation/start", body).status()).isEqualTo(201);
        assertThat(clinic.http().header("Content-Type", "text/plain")
                .post("/app/consultation/start/", body.replace(body.substring(body.lastIndexOf(':') + 3, body.length() - 2), UUID.randomUUID().toString()))
                .status()).isEqualTo(201);
        var noType = clinic.http().send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/app/consultation/start/"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"physician_id\": \"" + Clinic.PHYSICIAN + "\", \"patient_id\": \"" + UUID.randomUUID()
                        + "\", \"unknown\": 1}")));
        assertThat(noType.status()).isEqualTo(201);
    }

    @Test
    void aCallerWithoutCredentialsOrWithAWrongPasswordGets401WithABasicChallenge() {
        String body = "{\"physician_id\": \"" + Clinic.PHYSICIAN + "\", \"patient_id\": \"" + UUID.randomUUID() + "\"}";

        var anonymous = Http.on(port).post("/app/consultation/start/", body);
        var wrong = Http.on(port).basic("admin", "wrong").post("/app/consultation/start/", body);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).contains("Basic realm=\"quitto\"");
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(clinic.deliveryRows(body)).isZero();
    }

    @Test
    void finishingASixtyFiveMinuteConsultationAnswers202With216AndTheCanonicalViewShowsHowItWasPriced() {
        clock.set(LocalDateTime.parse("2021-08-02T10:55:00").atZone(BusinessTime.ZONE).toInstant());
        String id = clinic.startNew();
        clock.set(LocalDateTime.parse("2021-08-02T12:05:00").atZone(BusinessTime.ZONE).toInstant());

        var finished = clinic.finish(id, "2021-08-02T12:00:00");

        assertThat(finished.status()).as(finished.body()).isEqualTo(202);
        assertThat(finished.json().get("start_date").asString()).isEqualTo("2021-08-02T10:55:00");
        assertThat(finished.json().get("end_date").asString()).isEqualTo("2021-08-02T12:00:00");
        assertThat(finished.body()).contains("\"price\":216.00");
        var canonical = clinic.canonical(id);
        assertThat(canonical.get("status").asString()).isEqualTo("FINISHED");
        assertThat(canonical.get("startDate").asString()).isEqualTo("2021-08-02T10:55:00-03:00");
        assertThat(canonical.get("endDate").asString()).isEqualTo("2021-08-02T12:00:00-03:00");
        assertThat(canonical.get("durationSeconds").asLong()).isEqualTo(3900);
        assertThat(canonical.get("billedHours").decimalValue()).isEqualByComparingTo("1.08");
        assertThat(canonical.get("pricePerHour").asString()).isEqualTo("200.00");
        assertThat(canonical.get("price").asString()).isEqualTo("216.00");
        assertThat(canonical.get("charge").get("id").asString()).isNotBlank();
    }

    @Test
    void finishingAFinishedConsultationAgainIs409AndLeavesExactlyOneCharge() {
        String id = clinic.startNew();
        clock.advance(Duration.ofMinutes(70));
        assertThat(clinic.finish(id, null).status()).isEqualTo(202);

        var again = clinic.finish(id, null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("consultation-already-finished");
        assertThat(again.json().get("price").asString()).isEqualTo("234.00");
        assertThat(clinic.deliveryRows(id)).isEqualTo(1);
    }

    @Test
    void finishingAnUnknownIdIs404AndANonUuidIs400() {
        var unknown = clinic.finish("00000000-0000-0000-0000-000000000001", null);
        var notAnId = clinic.finish("abc", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("not-found");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(notAnId.json().get("errors").get(0).get("field").asString()).isEqualTo("consultation_id");
    }

    @Test
    void anEndDateOneSecondAfterNowIsInTheFutureAndOneEqualToTheStartIsNotAfterIt() {
        String id = clinic.startNew();
        clock.advance(Duration.ofMinutes(30));

        var future = clinic.finish(id, "2026-11-22T12:30:01");
        var atStart = clinic.finish(id, "2026-11-22T12:00:00");

        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("code").asString()).isEqualTo("end-in-future");
        assertThat(atStart.status()).isEqualTo(400);
        assertThat(atStart.json().get("code").asString()).isEqualTo("end-not-after-start");
        assertThat(clinic.canonical(id).get("status").asString()).isEqualTo("OPEN");
        assertThat(clinic.deliveryRows(id)).isZero();
    }

    @Test
    void aSecondStartForAPatientWithAnOpenConsultationIs409NamingIt() {
        String patient = UUID.randomUUID().toString();
        String open = clinic.start(patient).json().get("id").asString();

        var second = clinic.start(patient);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asString()).isEqualTo("patient-has-open-consultation");
        assertThat(second.json().get("openConsultationId").asString()).isEqualTo(open);
    }

    @Test
    void aPatientStartsAgainAfterFinishingAndAPhysicianMayHoldSeveralOpenConsultations() {
        String patient = UUID.randomUUID().toString();
        String first = clinic.start(patient).json().get("id").asString();
        assertThat(clinic.finish(first, null).status()).isEqualTo(202);

        assertThat(clinic.start(patient).status()).isEqualTo(201);
        assertThat(clinic.start(UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void theSeedFinishAlsoAcceptsPostAndThePathWithoutTheSlash() {
        String first = clinic.startNew();
        String second = clinic.startNew();

        assertThat(clinic.http().post("/app/consultation/finish/", "{\"consultation_id\": \"" + first + "\"}").status()).isEqualTo(202);
        assertThat(clinic.http().put("/app/consultation/finish", "{\"consultation_id\": \"" + second + "\", \"end_date\": null}").status())
                .isEqualTo(202);
    }

    @Test
    void theSeedSmokeFlowThreeTimesEndsWithThreeDeliveredChargesOf200() {
        for (int i = 0; i < 3; i++) {
            String id = clinic.startNew();
            var finished = clinic.finish(id, null);
            assertThat(finished.status()).isEqualTo(202);
            assertThat(finished.body()).contains("\"price\":200.00");
            Charges.awaitStatus(clinic, id, "DELIVERED");
            assertThat(jdbc.sql("select total_price from finance_record where appointment_id = :id::uuid").param("id", id)
                    .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("200.00");
        }
    }
}
