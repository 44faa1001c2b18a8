package dev.quitto.cashback;

import static dev.quitto.cashback.CashbackFixture.SALES;
import static dev.quitto.cashback.CashbackFixture.line;
import static dev.quitto.cashback.CashbackFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Acceptance item 6: every row of the table of cashback.md 4.3 through the API, rates A 5 %, B 10 %, C 15 %. */
@QuittoIntegrationTest
class CashbackTableIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    CashbackFixture f;

    @BeforeEach
    void setUp() {
        f = new CashbackFixture(Http.on(port), users, clock);
        f.noFaults();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @ParameterizedTest(name = "{0} total {1} -> exact {2}, cashback {3}")
    @CsvSource(delimiter = ';', value = {
            "A:10.00:1,B:10.00:9;             100.00; 9.5;     9.50",
            "A:50.00:1,B:25.00:2;             100.00; 7.5;     7.50",
            "A:10.50:1;                       10.50;  0.525;   0.53",
            "A:10.50:1,A:10.50:1;             21.00;  1.05;    1.05",
            "A:0.10:1;                        0.10;   0.005;   0.01",
            "B:1.10:3;                        3.30;   0.33;    0.33",
            "A:10.02:3,B:4.10:2,C:99.99:1;    138.25; 17.3215; 17.32",
            "C:33.33:3;                       99.99;  14.9985; 15.00",
            "A:100.00:1,B:50.00:5;            350.00; 30;      30.00",
            "B:150.00:1,C:100.00:3;           450.00; 60;      60.00"})
    void everyRowOfTheTableGivesItsCashback(String products, String total, String exact, String cashback) {
        var response = f.erp().post(SALES, sale("2026-11-20 10:00:00", "79336512404", total, lines(products)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("cashbackExact").asString()).isEqualTo(exact);
        assertThat(response.json().get("cashback").asString()).isEqualTo(cashback);
        assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void a0_09SaleIsSkippedAndNothingIsSent() {
        var response = f.erp().post(SALES, sale("2026-11-20 10:00:00", "79336512404", "0.09", line("A", "0.09", 1)));
        long id = response.json().get("id").asLong();

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("cashbackExact").asString()).isEqualTo("0.0045");
        assertThat(response.json().get("cashback").asString()).isEqualTo("0.00");
        assertThat(response.json().get("status").asString()).isEqualTo("SKIPPED");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> f.receivedFor(id).isEmpty());
        assertThat(f.receivedFor(id)).isEmpty();
        JsonNode seed = f.admin().get("/api/cashbacks/" + id + "/").json();
        assertThat(seed.get("message").asString()).isEqualTo("No cashback due.");
    }

    @Test
    void theSeedsDSaleIsUnknownWhileDIsNotConfigured() {
        var response = f.erp().post(SALES, sale("2026-11-20 10:00:00", "79336512404", "230.00", line("D", "130.00", 1) + "," + line("C", "100.00", 1)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("products[0].type");
        assertThat(response.json().get("errors").get(0).get("code").asString()).isEqualTo("UNKNOWN_TYPE");
    }

    static String lines(String compact) {
        StringBuilder json = new StringBuilder();
        for (String part : compact.split(",")) {
            String[] p = part.split(":");
            if (!json.isEmpty()) {
                json.append(',');
            }
            json.append(line(p[0], p[1], Integer.parseInt(p[2])));
        }
        return json.toString();
    }
}
