package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static dev.quitto.billing.BillingTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.OwnDatabase;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance item 12 of billing.md end to end: an instance started with {@code quitto.billing.import.government-id-policy=STRICT}
 * imports only valid CPFs and CNPJs (GovernmentIdPolicyTests hold the rule itself). It runs on a database of its own, so
 * that no LENIENT instance of this JVM takes its import; its e-mail hand-over stays off.
 */
@QuittoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingStrictGovernmentIdIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    ConfigurableApplicationContext strict;
    OwnDatabase database;
    BillingTestSupport billing;
    String p;

    @BeforeAll
    void startAStrictInstanceOnADatabaseOfItsOwn() {
        p = BillingTestSupport.unique();
        database = OwnDatabase.create(jdbc, environment, "billing_strict");
        strict = SecondInstance.start("billing-strict", Clock.fixed(TestClock.START, BusinessTime.ZONE),
                database.arguments("--quitto.billing.import.government-id-policy=STRICT", "--quitto.billing.mail.auto-startup=false"));
        int port = ((WebServerApplicationContext) strict).getWebServer().getPort();
        billing = new BillingTestSupport(Http.on(port).basic(strict.getBean(TestUsers.class).create(Role.OPERATOR).login(), TestUsers.PASSWORD), port);
    }

    @AfterAll
    void stopTheInstance() {
        if (strict != null) {
            strict.close();
        }
        database.drop(jdbc);
    }

    @Test
    void onlyValidCpfsAndCnpjsAreImported() {
        JsonNode done = billing.importCompleted(HEADER + row("52998224725", "cpf") + row("11222333000181", "cnpj")
                + row("12ABC34501DE35", "alnum") + row("11111111111", "repeated") + row("9558", "short") + row("12ABC34501DE36", "bad-dv"));

        assertThat(count(done, "accepted")).isEqualTo(3);
        assertThat(count(done, "rejected")).isEqualTo(3);
        List<String> errors = new ArrayList<>();
        billing.errors(done.get("id").asString()).forEach(error -> errors.add(error.get("line").asLong() + ":" + error.get("column").asString()
                + ":" + error.get("reason").asString() + ":" + error.get("value").asString()));
        assertThat(errors).containsExactly("5:governmentId:INVALID_GOVERNMENT_ID:11111111111", "6:governmentId:INVALID_GOVERNMENT_ID:9558",
                "7:governmentId:INVALID_GOVERNMENT_ID:12ABC34501DE36");
        assertThat(billing.debt(p + "-cpf").get("governmentId").asString()).isEqualTo("52998224725");
        assertThat(billing.debt(p + "-cnpj").get("governmentId").asString()).isEqualTo("11222333000181");
        assertThat(billing.debt(p + "-alnum").get("governmentId").asString()).isEqualTo("12ABC34501DE35");
    }

    private String row(String governmentId, String debtId) {
        return "Ana Souza," + governmentId + ",ana@example.com,10,2024-01-19," + p + "-" + debtId + "\n";
    }
}
