package dev.quitto.cashback;

import static dev.quitto.cashback.CashbackFixture.SALES;
import static dev.quitto.cashback.CashbackFixture.line;
import static dev.quitto.cashback.CashbackFixture.sale;
import static dev.quitto.cashback.CashbackFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Bad input on the sale paths (cashback.md 4.1, 4.2, 7, 8; acceptance items 7–11 and 29). */
@QuittoIntegrationTest
class CashbackValidationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    CashbackFixture f;
    Http erp;

    @BeforeEach
    void setUp() {
        f = new CashbackFixture(Http.on(port), users, clock);
        erp = f.erp();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void assertViolation(Http.Response response, String field, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:quitto:problem:validation-failed");
        assertThat(StreamSupport.stream(response.json().get("errors").spliterator(), false)
                .anyMatch(e -> e.get("field").asString().equals(field) && e.get("code").asString().equals(code)))
                .as(response.body()).isTrue();
    }

    private Http.Response post(String body) {
        return erp.post(SALES, body);
    }

    private static String products(String total, String products) {
        return sale("2026-11-20 10:00:00", "79336512404", total, products);
    }

    @Test
    void item7ATotalOffByOneCentIsATotalMismatchNamingBothAmounts() {
        var response = post(products("138.26", line("A", "10.02", 3) + "," + line("B", "4.10", 2) + "," + line("C", "99.99", 1)));

        assertViolation(response, "total", "TOTAL_MISMATCH");
        assertThat(response.json().get("detail").asString()).contains("138.25").contains("138.26");
    }

    @Test
    void item7ATotalWithTrailingZerosIsTheSameAmount() {
        var response = post(products("138.250", line("A", "10.02", 3) + "," + line("B", "4.10", 2) + "," + line("C", "99.99", 1)));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("cashback").asString()).isEqualTo("17.32");
    }

    @Test
    void item7AValueWithThreeSignificantDecimalsIsRefused() {
        assertViolation(post(products("10.00", line("A", "10.001", 1))), "products[0].value", "TOO_MANY_DECIMALS");
    }

    @Test
    void aValueWrittenWithAZeroThirdDecimalIsAccepted() {
        assertThat(post(products("10.50", line("A", "10.500", 1))).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"79336512404", "10000900001", "00001910000", "07268305001", "35464557202", "354.645.572-02", "68175541016"})
    void item8ValidCpfsAreAccepted(String cpf) {
        var response = erp.post(SALES, sale("2026-11-20 10:00:00", cpf, "100.00", line("A", "100.00", 1)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("customer").get("document").asString()).isEqualTo(cpf.replace(".", "").replace("-", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000", "11111111111", "12345678912", "33535353535", "58070424172", "7933651240", "253.135.632-033",
            "abc79336512404"})
    void item8InvalidCpfsAreRefused(String cpf) {
        assertViolation(erp.post(SALES, sale("2026-11-20 10:00:00", cpf, "100.00", line("A", "100.00", 1))), "customer.document", "INVALID_CPF");
    }

    @Test
    void item8ACpfSentAsAJsonNumberIsRefused() {
        String body = sample("2026-11-20 10:00:00").replace("\"79336512404\"", "79336512404");

        assertViolation(post(body), "customer.document", "INVALID_CPF");
    }

    @Test
    void aLeadingZeroCpfIsKeptEverywhere() {
        var response = erp.post("/api/cashback", sale("2026-11-20 10:00:00", "07268305001", "100.00", line("A", "100.00", 1)));

        assertThat(response.json().get("document").asString()).isEqualTo("07268305001");
        assertThat(response.json().get("customer").get("document").asString()).isEqualTo("07268305001");
    }

    @Test
    void item9ALowerCaseTypeIsStoredUpperCaseAndBlanksAreTrimmed() {
        var response = post(products("20.00", line("a", "10.00", 1) + "," + line(" b ", "10.00", 1)));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("products").get(0).get("type").asString()).isEqualTo("A");
        assertThat(response.json().get("products").get(1).get("type").asString()).isEqualTo("B");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"D\"", "\"H\"", "\"1\"", "\"\"", "7"})
    void item9UnknownTypesAreRefused(String type) {
        var response = post(products("10.00", "{\"type\":" + type + ",\"value\":\"10.00\",\"qty\":1}"));

        assertViolation(response, "products[0].type", "UNKNOWN_TYPE");
    }

    @Test
    void item9ANullTypeIsRequired() {
        assertViolation(post(products("10.00", "{\"type\":null,\"value\":\"10.00\",\"qty\":1}")), "products[0].type", "REQUIRED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\"2\"", "1000001", "true"})
    void item10BadQuantitiesAreInvalidQty(String qty) {
        assertViolation(post(products("10.00", "{\"type\":\"A\",\"value\":\"10.00\",\"qty\":" + qty + "}")), "products[0].qty", "INVALID_QTY");
    }

    @Test
    void item10BadValuesNameTheirRule() {
        assertViolation(post(products("10.00", "{\"type\":\"A\",\"value\":0,\"qty\":1}")), "products[0].value", "NOT_POSITIVE");
        assertViolation(post(products("10.00", "{\"type\":\"A\",\"value\":-1,\"qty\":1}")), "products[0].value", "NOT_POSITIVE");
        assertViolation(post(products("10.00", "{\"type\":\"A\",\"value\":\"abc\",\"qty\":1}")), "products[0].value", "INVALID_MONEY");
        assertViolation(post(products("10.00", "{\"type\":\"A\",\"value\":\"1e2\",\"qty\":1}")), "products[0].value", "INVALID_MONEY");
        assertViolation(post(products("10.00", "{\"type\":\"A\",\"value\":1e2,\"qty\":1}")), "products[0].value", "INVALID_MONEY");
        assertViolation(post(products("10.00", "{\"type\":\"A\",\"value\":\" 10.00\",\"qty\":1}")), "products[0].value", "INVALID_MONEY");
        assertViolation(post(products("10.00", "{\"type\":\"A\",\"value\":\"10,00\",\"qty\":1}")), "products[0].value", "INVALID_MONEY");
        assertViolation(post(products("10000000.00", line("A", "10000000.00", 1))), "products[0].value", "TOO_LARGE");
    }

    @Test
    void item10EmptyAndOversizedProductLists() {
        assertViolation(post(products("10.00", "")), "products", "EMPTY_PRODUCTS");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(line("A", "1.00", 1));
        }
        assertViolation(post(products("501.00", String.join(",", many))), "products", "TOO_MANY_PRODUCTS");
    }

    @Test
    void item10AnEmptyObjectListsTheFourRequiredFieldsAtOnce() {
        var response = post("{}");

        for (String field : new String[]{"sold_at", "customer", "total", "products"}) {
            assertViolation(response, field, "REQUIRED");
        }
        assertThat(response.json().get("errors")).hasSize(4);
    }

    @Test
    void item11TheFourWritingsOfOneInstantAreStoredAlike() {
        List<String> stored = new ArrayList<>();
        for (String soldAt : new String[]{"2026-01-02 00:00:00", "2026-01-02T00:00:00", "2026-01-02T00:00:00-03:00", "2026-01-02T03:00:00Z"}) {
            var response = f.erp().post(SALES, sample(soldAt));
            assertThat(response.status()).as(soldAt).isEqualTo(201);
            stored.add(response.json().get("soldAt").asString());
        }

        assertThat(stored).containsOnly("2026-01-02T00:00:00-03:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-02-30 00:00:00", "2020-01-01", "02/01/2026 00:00:00", "2026-01-02 24:00:00", ""})
    void item11UnreadableDatesAreInvalidDate(String soldAt) {
        assertViolation(post(sample(soldAt)), "sold_at", "INVALID_DATE");
    }

    @Test
    void item11ASaleTenMinutesAheadIsInTheFutureAndOneMinuteAheadIsNot() {
        assertViolation(post(sample("2026-11-22 09:10:00")), "sold_at", "FUTURE_SOLD_AT");
        assertThat(post(sample("2026-11-22 09:01:00")).status()).isEqualTo(201);
    }

    @Test
    void aNameIsRequiredAndAtMost200Characters() {
        assertViolation(post(sample("2026-11-20 10:00:00").replace("JOSE DA SILVA", "   ")), "customer.name", "INVALID_NAME");
        assertViolation(post(sample("2026-11-20 10:00:00").replace("JOSE DA SILVA", "J".repeat(201))), "customer.name", "INVALID_NAME");
    }

    @Test
    void moneyAsJsonNumbersGivesTheSameResultAsStrings() {
        var numbers = f.erp().post(SALES, "{\"sold_at\":\"2026-11-20 10:00:00\",\"customer\":{\"document\":\"79336512404\",\"name\":\"X\"},"
                + "\"total\":100,\"products\":[{\"type\":\"A\",\"value\":10,\"qty\":1},{\"type\":\"B\",\"value\":10.0,\"qty\":9}]}");

        assertThat(numbers.status()).isEqualTo(201);
        assertThat(numbers.json().get("cashback").asString()).isEqualTo("9.50");
    }

    @Test
    void floatTrapsAreExact() {
        assertThat(post(products("0.30", line("A", "0.10", 1) + "," + line("A", "0.20", 1))).status()).isEqualTo(201);
        assertThat(f.erp().post(SALES, products("3.30", line("B", "1.10", 3))).status()).isEqualTo(201);
        assertThat(f.erp().post(SALES, products("100", line("A", "50.00", 2))).status()).isEqualTo(201);
    }

    // ---- section 7: every row answers problem+json with its code ----

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }

    @Test
    void malformedTruncatedAndDuplicateKeyBodiesAreMalformed() {
        assertProblem(post("not json"), 400, "malformed-body");
        assertProblem(post("{\"sold_at\":\"2026-01-02 00:00:00\""), 400, "malformed-body");
        assertProblem(post("{\"total\":\"1.00\",\"total\":\"2.00\"}"), 400, "malformed-body");
        assertProblem(post("[1,2]"), 400, "malformed-body");
        assertProblem(post(""), 400, "malformed-body");
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        assertProblem(erp.header("Content-Type", "text/plain").post(SALES, sample("2026-11-20 10:00:00")), 415, "unsupported-media-type");
    }

    @Test
    void aBodyOver256KibIsTooLarge() {
        String body = sample("2026-11-20 10:00:00").replace("\"JOSE DA SILVA\"", "\"JOSE\",\"padding\":\"" + "x".repeat(300 * 1024) + "\"");

        assertProblem(post(body), 413, "payload-too-large");
    }

    @Test
    void badIdempotencyKeysAreRefused() {
        assertProblem(erp.header("Idempotency-Key", "x".repeat(256)).post(SALES, sample("2026-11-20 10:00:00")), 400, "invalid-idempotency-key");
        assertProblem(erp.header("Idempotency-Key", "").post(SALES, sample("2026-11-20 10:00:00")), 400, "invalid-idempotency-key");
    }

    /**
     * §7's first rows on the sale paths. A missing token is {@code unauthorized}; a bad or expired bearer token and a bad
     * refresh token get SimpleJWT's {@code token_not_valid}, and wrong credentials at the token endpoint {@code unauthorized},
     * as the platform answers them for every module (the seeds' clients read those bodies), where §7 names
     * {@code unauthorized} and {@code invalid-credentials}.
     */
    @Test
    void authenticationAndRoleFailuresOnTheSalePathsAreProblems() {
        Http anonymous = Http.on(port);
        var erpUser = users.create(dev.quitto.platform.security.Role.ERP);
        String expiring = dev.quitto.testsupport.TestTokens.access(anonymous, erpUser);
        long id = erp.post(SALES, sample("2026-11-20 10:00:00")).json().get("id").asLong();

        assertUnauthorized(anonymous.post(SALES, sample("2026-11-20 10:01:00")), "unauthorized");
        assertUnauthorized(anonymous.post("/api/cashback", sample("2026-11-20 10:01:00")), "unauthorized");
        assertUnauthorized(anonymous.bearer("not.a.token").post(SALES, sample("2026-11-20 10:01:00")), "token_not_valid");
        clock.advance(java.time.Duration.ofMinutes(5).plusSeconds(1));
        assertUnauthorized(anonymous.bearer(expiring).post("/api/cashbacks/", sample("2026-11-20 10:01:00")), "token_not_valid");
        assertProblem(f.auditor().post(SALES, sample("2026-11-20 10:01:00")), 403, "forbidden");
        assertProblem(erp.post(SALES + "/" + id + "/retry", ""), 403, "forbidden");
        assertProblem(f.auditor().post(SALES + "/" + id + "/retry", ""), 403, "forbidden");
        assertProblem(anonymous.post("/api/token/", "{\"username\":\"user\",\"password\":\"wrong\"}"), 401, "unauthorized");
        assertProblem(anonymous.post("/api/token/refresh/", "{\"refresh\":\"not.a.token\"}"), 401, "token_not_valid");
    }

    private static void assertUnauthorized(Http.Response response, String code) {
        assertProblem(response, 401, code);
        assertThat(response.headerValues("WWW-Authenticate")).anyMatch(challenge -> challenge.startsWith("Bearer"));
    }

    @Test
    void saleIdsThatAreNotPositiveIntegersAreInvalidAndAbsentOnesNotFound() {
        assertProblem(erp.get(SALES + "/abc"), 400, "invalid-id");
        assertProblem(erp.get(SALES + "/0"), 400, "invalid-id");
        assertProblem(erp.get("/api/cashbacks/-1/"), 400, "invalid-id");
        assertProblem(erp.get(SALES + "/999999999"), 404, "not-found");
        assertProblem(erp.get("/api/cashbacks/999999999/"), 404, "not-found");
    }

    @Test
    void badListParametersAreInvalidParameters() {
        Http auditor = f.auditor();
        assertProblem(auditor.get(SALES + "?status=LOST"), 400, "invalid-parameter");
        assertProblem(auditor.get(SALES + "?page=0"), 400, "invalid-parameter");
        assertProblem(auditor.get(SALES + "?size=501"), 400, "invalid-parameter");
        assertProblem(auditor.get(SALES + "?from=2026-13-01"), 400, "invalid-parameter");
        assertProblem(auditor.get(SALES + "?from=2026-11-02&to=2026-11-01"), 400, "invalid-parameter");
        assertProblem(auditor.get("/api/v1/cashback/reconciliation?from=2025-01-01&to=2026-11-30"), 400, "invalid-parameter");
        assertProblem(auditor.get("/api/v1/cashback/reconciliation?from=2026-11-01&to=2026-11-30&basis=paidAt"), 400, "invalid-parameter");
    }

    @Test
    void theSimulatorIsOpenWhileEnabled() {
        assertThat(Http.on(port).get("/api/v1/cashback/simulator/faults").status()).isEqualTo(200);
    }

    @Test
    void item29FuzzedBodiesNeverGetA5xx() {
        Random random = new Random(20261122);
        String[] values = {"null", "true", "1", "-1", "1e309", "\"\"", "\"x\"", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "9".repeat(400),
                "\"" + "9".repeat(400) + "\"", "0.000000000000000000001", "\"\\u0000\"", "{\"a\":{\"b\":{\"c\":[1,2,{}]}}}", "\"79336512404\"",
                "\"2026-01-02 00:00:00\"", "[{\"type\":\"A\",\"value\":\"1.00\",\"qty\":1}]", "-0", "1.0E-10"};
        String[] keys = {"sold_at", "soldAt", "customer", "total", "products"};
        for (int i = 0; i < 300; i++) {
            StringBuilder body = new StringBuilder("{");
            for (String key : keys) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                if (body.length() > 1) {
                    body.append(',');
                }
                String value = values[random.nextInt(values.length)];
                if (key.equals("customer") && random.nextBoolean()) {
                    value = "{\"document\":" + values[random.nextInt(values.length)] + ",\"name\":" + values[random.nextInt(values.length)] + "}";
                }
                if (key.equals("products") && random.nextBoolean()) {
                    value = "[{\"type\":" + values[random.nextInt(values.length)] + ",\"value\":" + values[random.nextInt(values.length)]
                            + ",\"qty\":" + values[random.nextInt(values.length)] + "}]";
                }
                body.append('"').append(key).append("\":").append(value);
            }
            body.append('}');
            var response = post(body.toString());
            assertThat(response.status()).as(body.toString()).isLessThan(500);
        }
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(post("{\"products\":" + deep + "}").status()).isLessThan(500);
        assertThat(erp.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + SALES)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{(byte) 0xff, (byte) 0xfe, '{', '}'}))).status()).isLessThan(500);
    }

    @Test
    void item28EveryRefusedSaleIsInTheRejectionLogButAuthFailuresAreNot() {
        var erpUser = users.create(dev.quitto.platform.security.Role.ERP);
        Http client = Http.on(port).basic(erpUser);
        client.post(SALES, "{}");
        client.post("/api/cashback", products("10.01", line("A", "10.00", 1)));
        Http.on(port).post(SALES, "{}");
        f.auditor().post(SALES, "{}");

        JsonNode page = f.auditor().get("/api/v1/cashback/rejections?from=2026-11-22&to=2026-11-22&clientId=" + erpUser.login() + "&size=500").json();

        assertThat(page.get("totalItems").asLong()).isEqualTo(2);
        List<String> codes = StreamSupport.stream(page.get("items").spliterator(), false).map(r -> r.get("code").asString()).toList();
        assertThat(codes).containsOnly("validation-failed");
        assertThat(StreamSupport.stream(page.get("items").spliterator(), false).map(r -> r.get("body").asString()))
                .contains("{}");
        assertThat(StreamSupport.stream(page.get("items").spliterator(), false).map(r -> r.get("path").asString()))
                .containsExactlyInAnyOrder(SALES, "/api/cashback");
    }
}
