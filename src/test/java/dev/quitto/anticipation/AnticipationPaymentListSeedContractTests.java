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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Seed tests of {@code GET /api/payments/}: 21 to 28 (one payment per bucket) and 36 to 39. */
@QuittoIntegrationTest
class AnticipationPaymentListSeedContractTests {

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

    /** Five payments of a new supplier, one per bucket, by code. */
    private java.util.Map<String, Long> fivePayments(SeedFixture.Party party) {
        long available = f.payment(party.supplierId(), f.today().plusDays(30), "10000.00");
        long unavailable = f.payment(party.supplierId(), f.today(), "10001.00");
        long pending = f.payment(party.supplierId(), f.today().plusDays(20), "10002.00");
        long anticipated = f.payment(party.supplierId(), f.today().plusDays(15), "10003.00");
        long denied = f.payment(party.supplierId(), f.today().plusDays(25), "10004.00");
        f.requestAnticipation(party.actor(), pending, f.today().plusDays(5));
        f.decide(f.operator, f.requestAnticipation(party.actor(), anticipated, f.today().plusDays(2)), "A");
        f.decide(f.operator, f.requestAnticipation(party.actor(), denied, f.today().plusDays(2)), "D");
        return java.util.Map.of("A", available, "U", unavailable, "PC", pending, "AN", anticipated, "D", denied);
    }

    private static List<Long> ids(JsonNode page) {
        return page.get("results").valueStream().map(p -> p.get("id").asLong()).toList();
    }

    @ParameterizedTest(name = "seed 21-25: status {0} lists only its own payment")
    @CsvSource({"A", "U", "PC", "AN", "D"})
    void seed21To25FilterReturnsOnlyThePaymentOfItsBucket(String status) {
        SeedFixture.Party party = f.party("Supplier buckets");
        var payments = fivePayments(party);

        var response = http.bearer(party.token()).get("/api/payments/?status=" + status);

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response.json())).containsExactly(payments.get(status));
        assertThat(response.json().get("count").asLong()).isEqualTo(1);
    }

    @Test
    void seed26ListsAllFiveWithoutAFilter() {
        SeedFixture.Party party = f.party("Supplier buckets");
        var payments = fivePayments(party);

        var response = http.bearer(party.token()).get("/api/payments/");

        assertThat(ids(response.json())).containsExactlyInAnyOrderElementsOf(payments.values());
        assertThat(ids(response.json())).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void seed27TreatsLowerCaseAAsA() {
        SeedFixture.Party party = f.party("Supplier buckets");
        var payments = fivePayments(party);

        var lower = http.bearer(party.token()).get("/api/payments/?status=a");
        var upper = http.bearer(party.token()).get("/api/payments/?status=A");

        assertThat(lower.body()).isEqualTo(upper.body().replace("status=A", "status=a"));
        assertThat(ids(lower.json())).containsExactly(payments.get("A"));
    }

    @Test
    void seed28RefusesStatusIWith400() {
        var response = http.bearer(f.supplier1.token()).get("/api/payments/?status=I");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).asString()).isEqualTo("\"I\" is an invalid status. Choose A, U, PC, AN or D.");
        assertThat(response.body()).isEqualTo("[\"\\\"I\\\" is an invalid status. Choose A, U, PC, AN or D.\"]");
    }

    @Test
    void seed36ListsPaymentsWith200() {
        var response = http.bearer(f.supplier1.token()).get("/api/payments/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("count", "next", "previous", "results");
        assertThat(response.json().get("results").get(0).propertyNames()).containsExactly("id", "supplier", "creation_date", "due_date", "value");
    }

    @Test
    void seed37OperatorSeesBothSuppliersPayments() {
        var response = http.bearer(f.operator.token()).get("/api/payments/");

        assertThat(ids(response.json())).contains(f.payment1, f.payment2);
    }

    @Test
    void seed38Supplier01SeesNoneOfSupplier02sPayments() {
        var response = http.bearer(f.supplier1.token()).get("/api/payments/");

        assertThat(ids(response.json())).containsExactly(f.payment1);
        assertThat(response.json().get("results").valueStream().map(p -> p.get("supplier").asLong())).containsOnly(f.supplier1.supplierId());
    }

    @Test
    void seed39RefusesACommonUserWith403() {
        var response = http.bearer(f.common.token()).get("/api/payments/");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asString()).isEqualTo("Only suppliers or operators can make requests.");
    }
}
