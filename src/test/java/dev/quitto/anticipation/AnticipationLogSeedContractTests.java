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
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Seed tests of {@code GET /api/logs/}: 45 to 49. */
@QuittoIntegrationTest
class AnticipationLogSeedContractTests {

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

    private static List<Long> anticipations(JsonNode page) {
        return page.get("results").valueStream().map(row -> row.get("anticipation").asLong()).toList();
    }

    private long count(String token) {
        return http.bearer(token).get("/api/logs/").json().get("count").asLong();
    }

    @Test
    void seed45ListsLogsWith200AndTheRow() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today());

        var response = http.bearer(f.supplier1.token()).get("/api/logs/");

        assertThat(response.status()).isEqualTo(200);
        JsonNode row = response.json().get("results").get(0);
        assertThat(row.propertyNames()).containsExactly("id", "anticipation", "created_at", "user", "action");
        assertThat(row.get("anticipation").asLong()).isEqualTo(id);
        assertThat(row.get("created_at").asString()).isEqualTo(f.today().toString());
        assertThat(row.get("user").asLong()).isEqualTo(f.supplier1.user().id());
        assertThat(row.get("action").asString()).isEqualTo("R");
    }

    @Test
    void seed46OperatorSeesExactlyTwoMoreRowsAfterTwoCreates() {
        long before = count(f.operator.token());
        long first = f.requestAnticipation(f.operator, f.payment1, f.today());
        long second = f.requestAnticipation(f.operator, f.payment2, f.today());

        var response = http.bearer(f.operator.token()).get("/api/logs/");

        assertThat(response.json().get("count").asLong()).isEqualTo(before + 2);
        // Newest first; rows other test classes wrote under a clock of their own may sort anywhere around these two.
        assertThat(anticipations(response.json())).containsSubsequence(second, first);
    }

    @Test
    void seed47RefusesAnUnauthenticatedListWith401() {
        assertThat(http.get("/api/logs/").status()).isEqualTo(401);
    }

    @Test
    void seed48RefusesACommonUserWith403() {
        assertThat(http.bearer(f.common.token()).get("/api/logs/").status()).isEqualTo(403);
    }

    @Test
    void seed49Supplier01SeesNoneOfSupplier02sRows() {
        long own = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today());
        long foreign = f.requestAnticipation(f.operator, f.payment2, f.today());
        f.decide(f.operator, foreign, "D");

        var response = http.bearer(f.supplier1.token()).get("/api/logs/");

        assertThat(response.json().get("count").asLong()).isEqualTo(1);
        assertThat(anticipations(response.json())).containsExactly(own);
    }
}
