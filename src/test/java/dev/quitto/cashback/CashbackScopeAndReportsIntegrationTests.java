package dev.quitto.cashback;

import static dev.quitto.cashback.CashbackFixture.SALES;
import static dev.quitto.cashback.CashbackFixture.line;
import static dev.quitto.cashback.CashbackFixture.sale;
import static dev.quitto.cashback.CashbackFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who sees which sale, lists and their filters, and the reconciliation (acceptance items 25–27). */
@QuittoIntegrationTest
class CashbackScopeAndReportsIntegrationTests {

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
    void tearDown() {
        f.noFaults();
        clock.reset();
    }

    private static List<Long> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(i -> i.get("id").asLong()).toList();
    }

    @Test
    void item25AnErpClientSeesOnlyItsOwnSalesAndAuditorsAndAdminsSeeAll() {
        var erp1User = users.create(Role.ERP);
        var erp2User = users.create(Role.ERP);
        Http erp1 = Http.on(port).basic(erp1User);
        Http erp2 = Http.on(port).basic(erp2User);
        long own = erp1.post(SALES, sample("2026-11-20 10:00:00")).json().get("id").asLong();
        long other = erp2.post(SALES, sample("2026-11-20 10:00:00")).json().get("id").asLong();

        assertThat(erp1.get(SALES + "/" + other).status()).isEqualTo(404);
        assertThat(erp1.get("/api/cashbacks/" + other + "/").status()).isEqualTo(404);
        assertThat(erp1.get(SALES + "/" + own).status()).isEqualTo(200);
        assertThat(ids(erp1.get(SALES + "?size=500").json().get("items"))).containsExactly(own);
        assertThat(ids(erp1.get("/api/cashbacks/").json())).containsExactly(own);
        for (Http reader : List.of(f.auditor(), f.admin())) {
            assertThat(reader.get(SALES + "/" + other).status()).isEqualTo(200);
            assertThat(ids(reader.get(SALES + "?clientId=" + erp1User.login()).json().get("items"))).containsExactly(own);
            assertThat(ids(reader.get(SALES + "?clientId=" + erp2User.login()).json().get("items"))).containsExactly(other);
        }
    }

    @Test
    void item26StatusAndDateFiltersAndPaging() {
        var erpUser = users.create(Role.ERP);
        Http erp = Http.on(port).basic(erpUser);
        List<Long> created = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            created.add(erp.post(SALES, sample("2026-10-0" + day + " 12:00:00")).json().get("id").asLong());
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        created.forEach(id -> f.awaitStatus(id, "DELIVERED"));
        f.faults("{\"quotaFull\":true}");
        long failed = erp.post(SALES, sample("2026-10-06 12:00:00")).json().get("id").asLong();
        f.awaitStatus(failed, "FAILED");
        f.noFaults();
        Http auditor = f.auditor();
        String mine = "&clientId=" + erpUser.login();

        assertThat(ids(auditor.get(SALES + "?status=FAILED,RETRYING" + mine).json().get("items"))).containsExactly(failed);
        assertThat(ids(auditor.get(SALES + "?status=delivered&from=2026-10-02&to=2026-10-04" + mine).json().get("items")))
                .containsExactly(created.get(3), created.get(2), created.get(1));
        JsonNode page2 = auditor.get(SALES + "?page=2&size=2" + mine).json();
        assertThat(page2.get("totalItems").asLong()).isEqualTo(6);
        assertThat(page2.get("totalPages").asLong()).isEqualTo(3);
        assertThat(ids(page2.get("items"))).containsExactly(created.get(3), created.get(2));
        assertThat(page2.get("links").get("next").asString()).contains("page=3");
    }

    @Test
    void item27ReconciliationByDayAndStatusWithRejections() {
        var erpUser = users.create(Role.ERP);
        Http erp = Http.on(port).basic(erpUser);
        String challenge = line("A", "10.00", 1) + "," + line("B", "10.00", 9);
        long a = erp.post(SALES, sale("2026-11-20 10:00:00", "79336512404", "100.00", challenge)).json().get("id").asLong();
        long b = erp.post(SALES, sale("2026-11-20 11:00:00", "79336512404", "50.00", line("B", "50.00", 1))).json().get("id").asLong();
        long c = erp.post(SALES, sale("2026-11-20 12:00:00", "79336512404", "21.00", line("B", "21.00", 1))).json().get("id").asLong();
        for (long id : List.of(a, b, c)) {
            f.awaitStatus(id, "DELIVERED");
        }
        f.faults("{\"quotaFull\":true}");
        long failed = erp.post(SALES, sale("2026-11-20 13:00:00", "79336512404", "100.00", challenge)).json().get("id").asLong();
        f.awaitStatus(failed, "FAILED");
        f.noFaults();
        clock.set(java.time.OffsetDateTime.parse("2026-11-20T18:00:00-03:00").toInstant());
        erp.post(SALES, "{}");
        erp.post("/api/cashback", sale("2026-11-20 13:00:00", "79336512404", "1.00", challenge));

        var response = f.auditor().get("/api/v1/cashback/reconciliation?from=2026-11-01&to=2026-11-30&clientId=" + erpUser.login());

        assertThat(response.status()).isEqualTo(200);
        JsonNode expected = JsonMapper.builder().build().readTree("""
                {"from":"2026-11-01","to":"2026-11-30","basis":"soldAt","zone":"America/Sao_Paulo",
                 "days":[{"date":"2026-11-20","statuses":{"DELIVERED":{"count":3,"total":"171.00","cashback":"16.60"},
                          "FAILED":{"count":1,"total":"100.00","cashback":"9.50"}},"rejected":2}],
                 "totals":{"statuses":{"DELIVERED":{"count":3,"total":"171.00","cashback":"16.60"},"FAILED":{"count":1,"total":"100.00","cashback":"9.50"}},"rejected":2}}
                """);
        assertThat(response.json()).isEqualTo(expected);
        assertThat(f.erp().get("/api/v1/cashback/reconciliation?from=2026-11-01&to=2026-11-30").status()).isEqualTo(403);
    }
}
