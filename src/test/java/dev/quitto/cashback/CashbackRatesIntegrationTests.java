package dev.quitto.cashback;

import static dev.quitto.cashback.CashbackFixture.SALES;
import static dev.quitto.cashback.CashbackFixture.line;
import static dev.quitto.cashback.CashbackFixture.sale;
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
import tools.jackson.databind.JsonNode;

/**
 * Versioned rates (cashback.md 4.4; acceptance items 22–24). Versions are relative to the current one, since the
 * database is shared; every test puts the spec's rates back (a new version equal to version 1).
 */
@QuittoIntegrationTest
class CashbackRatesIntegrationTests {

    static final String RATES = "/api/v1/cashback/rates";
    static final String DEFAULT = "{\"rates\":{\"A\":\"5\",\"B\":\"10\",\"C\":\"15\"}}";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    CashbackFixture f;
    Http admin;

    @BeforeEach
    void setUp() {
        f = new CashbackFixture(Http.on(port), users, clock);
        admin = f.admin();
        admin.put(RATES, DEFAULT);
    }

    @AfterEach
    void restore() {
        admin.put(RATES, DEFAULT);
        clock.reset();
    }

    private int currentVersion() {
        return admin.get(RATES).json().get("version").asInt();
    }

    @Test
    void item22TheCurrentRatesCarryTheirVersionAsETag() {
        var response = f.erp().get(RATES);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"" + response.json().get("version").asInt() + "\"");
        assertThat(response.json().get("rates").get("A").asString()).isEqualTo("5.00");
        assertThat(response.json().get("rates").get("B").asString()).isEqualTo("10.00");
        assertThat(response.json().get("rates").get("C").asString()).isEqualTo("15.00");
        JsonNode first = f.auditor().get(RATES + "/history").json().get("items");
        JsonNode oldest = first.get(first.size() - 1);
        assertThat(oldest.get("version").asInt()).isEqualTo(1);
        assertThat(oldest.get("createdBy").asString()).isEqualTo("system");
        assertThat(oldest.get("rates").get("A").asString()).isEqualTo("5.00");
    }

    @Test
    void item22ANewVersionNeverChangesASaleAlreadyPriced() {
        Http erp = f.erp();
        int before = currentVersion();
        JsonNode old = erp.post(SALES, sale("2026-11-20 10:00:00", "79336512404", "10.00", line("A", "10.00", 1))).json();

        var put = admin.put(RATES, "{\"rates\":{\"A\":\"6\",\"B\":\"10\",\"C\":\"15\"},\"note\":\"campaign\"}");
        JsonNode fresh = erp.post(SALES, sale("2026-11-20 10:00:01", "79336512404", "10.00", line("A", "10.00", 1))).json();
        JsonNode oldAgain = f.sale(old.get("id").asLong());

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("version").asInt()).isEqualTo(before + 1);
        assertThat(put.json().get("note").asString()).isEqualTo("campaign");
        assertThat(oldAgain.get("rateVersion").asInt()).isEqualTo(before);
        assertThat(oldAgain.get("products").get(0).get("ratePercent").asString()).isEqualTo("5.00");
        assertThat(oldAgain.get("cashback").asString()).isEqualTo("0.50");
        assertThat(fresh.get("rateVersion").asInt()).isEqualTo(before + 1);
        assertThat(fresh.get("cashback").asString()).isEqualTo("0.60");
    }

    @Test
    void item23AStaleIfMatchIsAPreconditionFailure() {
        int before = currentVersion();
        admin.put(RATES, "{\"rates\":{\"A\":\"6\",\"B\":\"10\",\"C\":\"15\"}}");

        var stale = admin.header("If-Match", "\"" + before + "\"").put(RATES, "{\"rates\":{\"A\":\"7\",\"B\":\"10\",\"C\":\"15\"}}");
        var fresh = admin.header("If-Match", "\"" + (before + 1) + "\"").put(RATES, "{\"rates\":{\"A\":\"7\",\"B\":\"10\",\"C\":\"15\"}}");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.json().get("code").asString()).isEqualTo("precondition-failed");
        assertThat(fresh.status()).isEqualTo(200);
    }

    @Test
    void item23OnlyAnAdminChangesRates() {
        assertThat(f.erp().put(RATES, DEFAULT).status()).isEqualTo(403);
        assertThat(f.auditor().put(RATES, DEFAULT).status()).isEqualTo(403);
        assertThat(f.erp().get(RATES + "/history").status()).isEqualTo(403);
    }

    @Test
    void item23PercentsOutOfRangeOrWithThreeDecimalsAreRefused() {
        for (String percent : new String[]{"\"-1\"", "-1", "\"100.01\"", "\"5.555\"", "\"abc\"", "true"}) {
            var response = admin.put(RATES, "{\"rates\":{\"A\":" + percent + ",\"B\":\"10\",\"C\":\"15\"}}");
            assertThat(response.status()).as(percent).isEqualTo(400);
            assertThat(response.json().get("code").asString()).isEqualTo("validation-failed");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("rates.A");
        }
        assertThat(admin.put(RATES, "{\"rates\":{}}").status()).isEqualTo(400);
        assertThat(admin.put(RATES, "{\"rates\":{\"TOO-LONG-TYPE\":\"1\"}}").status()).isEqualTo(400);
    }

    @Test
    void item23AnIdenticalPutKeepsTheCurrentVersion() {
        int before = currentVersion();

        var same = admin.put(RATES, "{\"rates\":{\"a\":\"5.00\",\"B\":10,\"C\":\"15.0\"}}");

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("version").asInt()).isEqualTo(before);
        assertThat(currentVersion()).isEqualTo(before);
    }

    @Test
    void item24AddingDAndRemovingCChangeWhatNewSalesAccept() {
        Http erp = f.erp();
        admin.put(RATES, "{\"rates\":{\"A\":\"5\",\"B\":\"10\",\"C\":\"15\",\"D\":\"2\"}}");
        var withD = erp.post(SALES, sale("2026-11-20 10:00:00", "79336512404", "100.00", line("D", "100.00", 1)));
        admin.put(RATES, "{\"rates\":{\"A\":\"5\",\"B\":\"10\",\"D\":\"2\"}}");
        var withC = erp.post(SALES, sale("2026-11-20 10:00:01", "79336512404", "100.00", line("C", "100.00", 1)));

        assertThat(withD.status()).isEqualTo(201);
        assertThat(withD.json().get("cashback").asString()).isEqualTo("2.00");
        assertThat(withC.status()).isEqualTo(400);
        assertThat(withC.json().get("errors").get(0).get("code").asString()).isEqualTo("UNKNOWN_TYPE");
        assertThat(f.sale(withD.json().get("id").asLong()).get("cashback").asString()).isEqualTo("2.00");
    }
}
