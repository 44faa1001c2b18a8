package dev.quitto.cashback;

import static dev.quitto.cashback.CashbackFixture.CHALLENGE_AS_PRINTED;
import static dev.quitto.cashback.CashbackFixture.SALES;
import static dev.quitto.cashback.CashbackFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The challenge's and the seed's contract, verbatim (cashback.md 2; acceptance items 1–5, 12–15). */
@QuittoIntegrationTest
class CashbackSeedContractTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    CashbackFixture f;
    Http http;

    @BeforeEach
    void setUp() {
        http = Http.on(port);
        f = new CashbackFixture(http, users, clock);
        f.noFaults();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void item1TokensForTheSeedsUserWithUsernameOrEmailAndRefresh() {
        var byUsername = http.post("/api/token/", "{\"username\":\"user\",\"password\":\"password\"}");
        var withoutSlash = http.post("/api/token", "{\"username\":\"user\",\"password\":\"password\"}");
        var wrong = http.post("/api/token/", "{\"username\":\"user\",\"password\":\"wrong\"}");
        var email = users.createWithEmail(Role.ERP);
        var byEmail = http.post("/api/token/", "{\"email\":\"" + email.login() + "\",\"password\":\"" + email.password() + "\"}");
        var refreshed = http.post("/api/token/refresh/", "{\"refresh\":\"" + byUsername.json().get("refresh").asString() + "\"}");

        assertThat(byUsername.status()).isEqualTo(200);
        assertThat(byUsername.json().has("access")).isTrue();
        assertThat(byUsername.json().has("refresh")).isTrue();
        assertThat(withoutSlash.status()).isEqualTo(200);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("access").asString()).isNotBlank();
    }

    @Test
    void item2PostingNeedsATokenAndTheErpRole() {
        String token = http.post("/api/token/", "{\"username\":\"user\",\"password\":\"password\"}").json().get("access").asString();

        var anonymous = http.post("/api/cashback", sample("2026-01-05 00:00:00"));
        var auditor = f.auditor().post("/api/cashback", sample("2026-01-05 00:00:00"));
        var erp = http.bearer(token).post("/api/cashback", sample("2026-11-21 10:00:00"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer");
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(erp.status()).isIn(200, 201);
    }

    @Test
    void item3TheChallengeSampleAsPrintedParsesAndIsRefusedForItsCpf() {
        var response = f.erp().post("/api/cashback", CHALLENGE_AS_PRINTED);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(response.json().get("errors")).hasSize(1);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("customer.document");
        assertThat(response.json().get("errors").get(0).get("code").asString()).isEqualTo("INVALID_CPF");
    }

    @Test
    void item4TheSampleOnTheChallengePathAnswersTheSeedShape() {
        var response = f.erp().post("/api/cashback", sample("2026-01-02 00:00:00"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        long id = body.get("id").asLong();
        assertThat(response.header("Location")).isEqualTo("/api/cashbacks/" + id + "/");
        assertThat(body.get("cashback").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(response.body()).contains("\"cashback\":9.50").contains("\"total\":100.00").contains("\"value\":10.00");
        assertThat(body.get("message").asString()).isEqualTo("Waiting for cashback api response");
        assertThat(body.get("sold_at").asString()).isEqualTo("2026-01-02T03:00:00Z");
        assertThat(body.get("customer").get("name").asString()).isEqualTo("JOSE DA SILVA");
        assertThat(body.get("customer").get("document").asString()).isEqualTo("79336512404");
        assertThat(body.get("document").asString()).isEqualTo("79336512404");
        assertThat(body.get("products").get(0).get("id").asInt()).isEqualTo(1);
        assertThat(body.get("products").get(1).get("type").asString()).isEqualTo("B");
        assertThat(body.get("products").get(1).get("qty").asInt()).isEqualTo(9);
        assertThat(body.get("created_at").isNull()).isTrue();
        assertThat(body.get("returned_id").isNull()).isTrue();
    }

    @Test
    void item4TheSeedPathAndTheCanonicalPathAnswerTheirShapes() {
        Http erp = f.erp();
        var seed = erp.post("/api/cashbacks/", sample("2026-01-03 00:00:00"));
        var canonical = erp.post(SALES, sample("2026-01-04 00:00:00"));

        assertThat(seed.status()).isEqualTo(201);
        assertThat(seed.json().get("sold_at").asString()).isEqualTo("2026-01-03T03:00:00Z");
        assertThat(canonical.status()).isEqualTo(201);
        JsonNode sale = canonical.json();
        assertThat(canonical.header("Location")).isEqualTo(SALES + "/" + sale.get("id").asLong());
        assertThat(sale.get("status").asString()).isEqualTo("PENDING");
        assertThat(sale.get("soldAt").asString()).isEqualTo("2026-01-04T00:00:00-03:00");
        assertThat(sale.get("receivedAt").asString()).isEqualTo("2026-11-22T09:00:00-03:00");
        assertThat(sale.get("total").asString()).isEqualTo("100.00");
        assertThat(sale.get("cashback").asString()).isEqualTo("9.50");
        assertThat(sale.get("cashbackExact").asString()).isEqualTo("9.5");
        assertThat(sale.get("rateVersion").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(sale.get("products").get(0).get("ratePercent").asString()).isNotBlank();
        assertThat(sale.get("delivery").get("attempts").asInt()).isZero();
        assertThat(sale.get("links").get("retry").asString()).isEqualTo(SALES + "/" + sale.get("id").asLong() + "/retry");
    }

    @Test
    void item5AfterDispatchTheSaleIsDeliveredAndTheSeedShapeShowsTheProvidersAnswer() {
        long id = f.erp().post("/api/cashback", sample("2026-01-06 00:00:00")).json().get("id").asLong();

        JsonNode sale = f.awaitStatus(id, "DELIVERED");

        assertThat(sale.get("delivery").get("providerId").asString()).matches("\\d+");
        assertThat(sale.get("delivery").get("providerMessage").asString()).isEqualTo("Cashback criado com sucesso!");
        assertThat(sale.get("delivery").get("providerCreatedAt").isNull()).isFalse();
        assertThat(sale.get("delivery").get("echoMismatch").asBoolean()).isFalse();
        List<JsonNode> received = f.receivedFor(id);
        assertThat(received).hasSize(1);
        JsonNode sent = tools.jackson.databind.json.JsonMapper.builder().build().readTree(received.getFirst().get("body").asString());
        assertThat(sent.properties()).hasSize(2);
        assertThat(sent.get("document").asString()).isEqualTo("79336512404");
        assertThat(sent.get("cashback").isString()).isTrue();
        assertThat(sent.get("cashback").asString()).isEqualTo("9.50");
        var seed = f.admin().get("/api/cashbacks/" + id + "/");
        assertThat(seed.json().get("message").asString()).isEqualTo("Cashback criado com sucesso!");
        assertThat(seed.json().get("returned_id").isString()).isTrue();
        assertThat(seed.json().get("returned_id").asString()).isEqualTo(sale.get("delivery").get("providerId").asString());
    }

    @Test
    void item5TheFirstRecordOfAFreshSimulatorHasId1() {
        http.delete(CashbackFixture.SIMULATOR + "/received");
        long id = f.erp().post("/api/cashback", sample("2026-01-07 00:00:00")).json().get("id").asLong();

        JsonNode sale = f.awaitStatus(id, "DELIVERED");

        assertThat(sale.get("delivery").get("providerId").asString()).isEqualTo("1");
        assertThat(f.admin().get("/api/cashbacks/" + id).json().get("returned_id").asString()).isEqualTo("1");
    }

    @Test
    void item12UnknownFieldsAreIgnoredAndTheClientCannotSetTheCashback() {
        String body = sample("2026-01-08 00:00:00").replace("{\"sold_at\"", "{\"id\":77,\"store\":\"loja 1\",\"cashback\":\"999.00\",\"sold_at\"");

        var response = f.erp().post("/api/cashback", body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("cashback").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(response.json().get("id").asLong()).isNotEqualTo(77);
    }

    @Test
    void item13AnIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherRequest() {
        Http erp = f.erp().header("Idempotency-Key", "k1");
        var first = erp.post("/api/cashback", sample("2026-01-09 00:00:00"));
        var second = erp.post("/api/cashback", sample("2026-01-09 00:00:00"));
        var other = erp.post("/api/cashback", sample("2026-01-09 00:00:00").replace("\"total\":\"100.00\"", "\"total\":\"100.0\""));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("code").asString()).isEqualTo("idempotency-key-reused");
        long id = first.json().get("id").asLong();
        assertThat(jdbc.sql("select count(*) from cashback_sale where client_user_id = (select client_user_id from cashback_sale where id = :id)")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from platform_delivery where business_key = :key").param("key", "cashback-sale:" + id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void item14TheSameSaleWithoutAKeyIsReturnedWith200UntilTheWindowEnds() {
        Http erp = f.erp();
        var first = erp.post("/api/cashback", sample("2026-01-10 00:00:00"));
        var again = erp.post("/api/cashbacks/", sample("2026-01-10 00:00:00"));
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        var dayAfter = erp.post("/api/cashback", sample("2026-01-10 00:00:00"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(dayAfter.status()).isEqualTo(201);
        assertThat(dayAfter.json().get("id").asLong()).isNotEqualTo(first.json().get("id").asLong());
    }

    @Autowired
    CashbackCleanup cleanup;

    @Test
    void theHourlyCleanupRemovesExpiredFingerprintsAndOldRejections() {
        Http erp = f.erp();
        long id = erp.post("/api/cashback", sample("2026-01-12 00:00:00")).json().get("id").asLong();
        erp.post("/api/cashback", "{}");
        String fingerprints = "select count(*) from cashback_fingerprint where sale_id = :id";

        clock.advance(Duration.ofHours(23));
        cleanup.run();
        long kept = jdbc.sql(fingerprints).param("id", id).query(Long.class).single();
        clock.advance(Duration.ofDays(181));
        CashbackCleanup.Removed removed = cleanup.run();

        assertThat(kept).isEqualTo(1);
        assertThat(jdbc.sql(fingerprints).param("id", id).query(Long.class).single()).isZero();
        assertThat(removed.rejections()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from cashback_sale where id = :id").param("id", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void item15TwentyConcurrentIdenticalRequestsMakeOneSale() throws Exception {
        Http erp = f.erp();
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> erp.post(SALES, sample("2026-01-11 00:00:00")));
        }
        List<Http.Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Http.Response> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
        }

        assertThat(responses.stream().filter(r -> r.status() == 201).count()).isEqualTo(1);
        assertThat(responses.stream().filter(r -> r.status() == 200).count()).isEqualTo(19);
        assertThat(responses.stream().map(r -> r.json().get("id").asLong()).distinct().count()).isEqualTo(1);
        long id = responses.getFirst().json().get("id").asLong();
        assertThat(jdbc.sql("select count(*) from platform_delivery where business_key = :key").param("key", "cashback-sale:" + id)
                .query(Long.class).single()).isEqualTo(1);
    }
}
