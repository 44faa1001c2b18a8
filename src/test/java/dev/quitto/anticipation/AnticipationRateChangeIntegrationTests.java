package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * E11 and F11: the monthly rate is stored with each request and used from then on. A request made at 0.03 and
 * approved by an instance configured with 0.05 (as after a redeploy with a new rate) keeps 0.03 and its new value;
 * a request made through that instance uses 0.05.
 */
@QuittoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnticipationRateChangeIntegrationTests {

    private static final String BASE = "/api/v1/anticipation";

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
    /** Instance B: the same database and clock, started with {@code monthly-rate=0.05}. */
    ConfigurableApplicationContext b;
    Http instanceB;

    @BeforeAll
    void startInstanceB() {
        b = SecondInstance.start("rate-b", clock, "--quitto.anticipation.monthly-rate=0.05");
        instanceB = Http.on(Integer.parseInt(b.getEnvironment().getRequiredProperty("local.server.port")));
    }

    @AfterAll
    void stopInstanceB() {
        b.close();
    }

    @BeforeEach
    void setUp() {
        http = Http.on(port);
        f = SeedFixture.create(http, jdbc, users, clock);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private BigDecimal storedRate(long anticipationId) {
        return jdbc.sql("select monthly_rate from anticipation_request where id = :id").param("id", anticipationId).query(BigDecimal.class).single();
    }

    private BigDecimal storedNewValue(long anticipationId) {
        return jdbc.sql("select new_value from anticipation_request where id = :id").param("id", anticipationId).query(BigDecimal.class).single();
    }

    @Test
    void e11ApprovalByAnInstanceWithAnotherRateKeepsTheRateAndNewValueOfTheRequest() {
        long payment = f.payment(f.supplier1.supplierId(), f.today().plusDays(30), "1000.00");
        var requested = http.bearer(f.supplier1.token()).post(BASE + "/payments/" + payment + "/anticipations",
                "{\"newDueDate\": \"" + f.today().plusDays(20) + "\"}");
        assertThat(requested.status()).isEqualTo(201);
        long id = requested.json().get("id").asLong();
        assertThat(requested.json().get("monthlyRate").asString()).isEqualTo("0.03");
        assertThat(requested.json().get("newValue").asString()).isEqualTo("990.00");

        var approved = instanceB.bearer(f.operator.token()).post(BASE + "/anticipations/" + id + "/approve", "");
        var seedView = instanceB.bearer(f.supplier1.token()).get("/api/anticipations/" + id + "/");

        assertThat(approved.status()).isEqualTo(200);
        JsonNode body = approved.json();
        assertThat(body.get("status").asString()).isEqualTo("APPROVED");
        assertThat(body.get("monthlyRate").asString()).isEqualTo("0.03");
        assertThat(body.get("newValue").asString()).isEqualTo("990.00");
        assertThat(body.get("discount").asString()).isEqualTo("10.00");
        assertThat(seedView.json().get("new_value").asString()).isEqualTo("990.00");
        assertThat(storedRate(id)).isEqualByComparingTo("0.03");
        assertThat(storedNewValue(id)).isEqualByComparingTo("990.00");
    }

    @Test
    void e11ARequestMadeThroughTheInstanceWithTheNewRateUsesAndStoresIt() {
        long payment = f.payment(f.supplier1.supplierId(), f.today().plusDays(30), "1000.00");

        var preview = instanceB.bearer(f.supplier1.token())
                .get(BASE + "/payments/" + payment + "/anticipation-preview?newDueDate=" + f.today().plusDays(20));
        var requested = instanceB.bearer(f.supplier1.token()).post(BASE + "/payments/" + payment + "/anticipations",
                "{\"newDueDate\": \"" + f.today().plusDays(20) + "\"}");
        long id = requested.json().get("id").asLong();
        var readByA = http.bearer(f.operator.token()).get(BASE + "/anticipations/" + id);

        assertThat(preview.json().get("monthlyRate").asString()).isEqualTo("0.05");
        assertThat(preview.json().get("newValue").asString()).isEqualTo("983.33");
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.json().get("monthlyRate").asString()).isEqualTo("0.05");
        assertThat(requested.json().get("newValue").asString()).isEqualTo("983.33");
        assertThat(readByA.json().get("monthlyRate").asString()).isEqualTo("0.05");
        assertThat(readByA.json().get("newValue").asString()).isEqualTo("983.33");
        assertThat(storedRate(id)).isEqualByComparingTo("0.05");
        assertThat(storedNewValue(id)).isEqualByComparingTo("983.33");
    }

    @Test
    void e11ASeedApprovalByTheInstanceWithAnotherRateLeavesNewValueUnchanged() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(5));
        BigDecimal before = storedNewValue(id);

        var approved = instanceB.bearer(f.operator.token()).patch("/api/anticipations/" + id + "/", "{\"status\": \"A\"}");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("A");
        assertThat(approved.json().get("new_value").asString()).isEqualTo("1094.50");
        assertThat(before).isEqualByComparingTo("1094.50");
        assertThat(storedNewValue(id)).isEqualByComparingTo("1094.50");
        assertThat(storedRate(id)).isEqualByComparingTo("0.03");
    }
}
