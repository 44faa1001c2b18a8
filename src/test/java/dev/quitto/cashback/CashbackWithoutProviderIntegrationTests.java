package dev.quitto.cashback;

import static dev.quitto.cashback.CashbackFixture.SALES;
import static dev.quitto.cashback.CashbackFixture.SIMULATOR;
import static dev.quitto.cashback.CashbackFixture.line;
import static dev.quitto.cashback.CashbackFixture.sale;
import static dev.quitto.cashback.CashbackFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance configured as production is by default (cashback.md 2 and 3): the simulator off, and no provider URL.
 * The simulator's paths answer 404 {@code not-found} to anyone (§7); a sale that would have to be delivered is refused
 * with 503 {@code cashback-provider-not-configured} and nothing is stored, while bad input is still a 400 and a sale
 * with no cashback, which sends nothing, is still accepted.
 */
@QuittoIntegrationTest
class CashbackWithoutProviderIntegrationTests {

    private static ConfigurableApplicationContext unconfigured;
    private static Http anonymous;

    @Autowired
    TestUsers users;

    @BeforeAll
    static void startAnInstanceWithoutSimulatorOrProvider() {
        unconfigured = SecondInstance.start("cashback-unconfigured", new TestClock(), "--quitto.cashback.simulator.enabled=false",
                "--quitto.cashback.provider.url=", "--quitto.delivery.worker.enabled=false");
        anonymous = Http.on(((WebServerApplicationContext) unconfigured).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (unconfigured != null) {
            unconfigured.close();
        }
    }

    private Http as(Role role) {
        return anonymous.basic(users.create(role));
    }

    @Test
    void everySimulatorPathAnswers404NotFoundWhileTheSimulatorIsDisabled() {
        List<Function<Http, Http.Response>> calls = List.of(
                http -> http.post(SIMULATOR + "/cashback", "{\"document\":\"79336512404\",\"cashback\":\"9.50\"}"),
                http -> http.get(SIMULATOR + "/faults"),
                http -> http.put(SIMULATOR + "/faults", "{\"quotaFull\":true}"),
                http -> http.get(SIMULATOR + "/received"),
                http -> http.delete(SIMULATOR + "/received"));

        for (Http caller : List.of(anonymous, as(Role.ADMIN))) {
            for (Function<Http, Http.Response> call : calls) {
                Http.Response response = call.apply(caller);
                assertThat(response.status()).as(response.body()).isEqualTo(404);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("code").asString()).isEqualTo("not-found");
            }
        }
    }

    @Test
    void aSaleWithCashbackIsRefusedWith503AndNothingIsStoredWhileNoProviderIsConfigured() {
        Http erp = as(Role.ERP);

        Http.Response canonical = erp.post(SALES, sample("2026-11-20 10:00:00"));
        Http.Response seed = erp.post("/api/cashback", sample("2026-11-20 10:01:00"));
        Http.Response keyed = erp.header("Idempotency-Key", "no-provider-1").post("/api/cashbacks/", sample("2026-11-20 10:02:00"));

        for (Http.Response response : List.of(canonical, seed, keyed)) {
            assertThat(response.status()).as(response.body()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("cashback-provider-not-configured");
            assertThat(response.json().get("detail").asString()).contains("QUITTO_CASHBACK_PROVIDER_URL");
        }
        assertThat(erp.get(SALES).json().get("totalItems").asLong()).isZero();
        assertThat(erp.get("/api/cashbacks/").json()).isEmpty();
    }

    @Test
    void badInputIsStillA400AndASaleWithNoCashbackIsStillAcceptedWithoutAProvider() {
        Http erp = as(Role.ERP);

        Http.Response invalid = erp.post(SALES, sale("2026-11-20 11:00:00", "12345678912", "100.00", line("A", "100.00", 1)));
        Http.Response nothingDue = erp.post(SALES, sale("2026-11-20 11:01:00", "79336512404", "0.09", line("A", "0.09", 1)));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(invalid.json().get("errors").get(0).get("code").asString()).isEqualTo("INVALID_CPF");
        assertThat(nothingDue.status()).as(nothingDue.body()).isEqualTo(201);
        assertThat(nothingDue.json().get("status").asString()).isEqualTo("SKIPPED");
    }
}
