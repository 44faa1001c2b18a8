package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Seed tests of {@code PATCH /api/anticipations/{id}/}: 12 to 20. */
@QuittoIntegrationTest
class AnticipationDecisionSeedContractTests {

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

    @Test
    void seed12OperatorApprovesWith200() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var response = f.decide(f.operator, id, "A");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("A");
        assertThat(response.json().get("id").asLong()).isEqualTo(id);
    }

    @Test
    void seed13StoresTheApproval() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        f.decide(f.operator, id, "A");

        assertThat(f.status(id)).isEqualTo("APPROVED");
    }

    @Test
    void seed14AnswersSupplier01PatchingSupplier02sAnticipationWith404() {
        long id = f.requestAnticipation(f.supplier2.actor(), f.payment2, f.today().plusDays(1));

        var response = f.decide(f.supplier1.actor(), id, "A");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(f.status(id)).isEqualTo("PENDING");
    }

    @Test
    void seed15RefusesStatusEWith400() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var response = f.decide(f.operator, id, "E");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"status\":[\"\\\"E\\\" is not a valid choice.\"]}");
    }

    @Test
    void seed16RefusesAnUnauthenticatedPatchWith401() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var response = http.patch("/api/anticipations/" + id + "/", "{\"status\": \"A\"}");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void seed17IgnoresNewValueInThePatch() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var response = http.bearer(f.operator.token()).patch("/api/anticipations/" + id + "/", "{\"status\": \"A\", \"new_value\": 25}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("A");
        assertThat(response.json().get("new_value").asString()).isEqualTo("1090.10");
        assertThat(jdbc.sql("select new_value::text from anticipation_request where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("1090.10");
    }

    @Test
    void seed18RefusesACommonUsersPatchWith403() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var response = f.decide(f.common, id, "A");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asString()).isEqualTo("Only suppliers or operators can make requests.");
    }

    @Test
    void seed19WritesAnApprovalLogRow() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        f.decide(f.operator, id, "A");

        assertThat(f.logRows(id, "A")).isEqualTo(1);
        assertThat(f.logRows(id)).isEqualTo(2);
    }

    @Test
    void seed20WritesExactlyOneApprovedEmailToTheSupplier() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        f.decide(f.operator, id, "A");

        assertThat(f.mails(id)).extracting(SeedFixture.Mail::kind).containsExactly("REQUESTED", "APPROVED");
        assertThat(f.mails(id).get(1)).satisfies(mail -> {
            assertThat(mail.recipient()).isEqualTo(f.supplier1.user().login());
            assertThat(mail.subject()).isEqualTo("Anticipation approved.");
            assertThat(mail.anticipationId()).isEqualTo(id);
        });
    }
}
