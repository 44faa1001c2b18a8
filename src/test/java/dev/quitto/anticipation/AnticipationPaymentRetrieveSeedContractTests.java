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
import tools.jackson.databind.json.JsonMapper;

/** Seed tests of {@code GET /api/payments/{id}/}: 40 to 44. */
@QuittoIntegrationTest
class AnticipationPaymentRetrieveSeedContractTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void seed40RetrievesAPaymentWith200() {
        var response = http.bearer(f.supplier1.token()).get("/api/payments/" + f.payment1 + "/");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void seed41AnswersTheSeedJsonOfTheStoredRow() {
        var response = http.bearer(f.operator.token()).get("/api/payments/" + f.payment1 + "/");

        assertThat(response.json()).isEqualTo(JSON.readTree("{\"id\": " + f.payment1 + ", \"supplier\": " + f.supplier1.supplierId()
                + ", \"creation_date\": \"" + f.today() + "\", \"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": \"1100.00\"}"));
    }

    @Test
    void seed42RefusesAnUnauthenticatedRetrieveWith401() {
        var response = http.get("/api/payments/" + f.payment1 + "/");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void seed43RefusesACommonUserWith403() {
        var response = http.bearer(f.common.token()).get("/api/payments/" + f.payment1 + "/");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void seed44AnswersSupplier01RetrievingSupplier02sPaymentWith404() {
        var response = http.bearer(f.supplier1.token()).get("/api/payments/" + f.payment2 + "/");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }
}
