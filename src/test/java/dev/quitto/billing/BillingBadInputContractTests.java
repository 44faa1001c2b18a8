package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestTokens;
import dev.quitto.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance item 41 of billing.md: every row of the bad-input table (section 7), each asserting status,
 * {@code Content-Type: application/problem+json} and the problem {@code code}. The rows that need another configuration
 * (a small upload limit, a full spool area, a webhook secret, a database that is down) are in
 * {@link BillingServerConditionsIntegrationTests}; the fuzz pass is {@link BillingFuzzIntegrationTests}, and the 500s it
 * found have their regression tests at the end of this class.
 */
@QuittoIntegrationTest
class BillingBadInputContractTests {

    private static final String PAYMENT = "{\"debtId\":\"%s\",\"paidAt\":\"2022-06-09 10:00:00\",\"paidAmount\":%s,\"paidBy\":\"John Doe\"}";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    InvoiceLinks links;

    Http anonymous;
    Http operator;
    Http auditor;
    Http clinic;
    BillingTestSupport billing;
    String p;

    @BeforeEach
    void signIn() {
        anonymous = Http.on(port);
        operator = anonymous.basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        auditor = anonymous.basic(users.create(Role.AUDITOR).login(), TestUsers.PASSWORD);
        clinic = anonymous.basic(users.create(Role.CLINIC).login(), TestUsers.PASSWORD);
        billing = new BillingTestSupport(operator, port);
        p = BillingTestSupport.unique();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void noCredentialsAreA401Unauthorized() {
        for (Http.Response response : List.of(anonymous.get(BillingPaths.DEBTS), anonymous.get(BillingPaths.IMPORTS),
                anonymous.get(BillingPaths.PAYMENTS), anonymous.header("Content-Type", "text/csv").post(BillingPaths.SEED_UPLOAD, HEADER),
                anonymous.basic("nobody-" + p, "wrong").get(BillingPaths.DEBTS))) {
            assertProblem(response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).isNotBlank();
        }
    }

    /**
     * billing.md 7 names {@code unauthorized}; the platform answers a bad bearer token with {@code token_not_valid} on every
     * path, the anticipation seed's {@code code} member, which platform.md 4 carries in the one problem body (and which wins
     * over a module spec, platform.md 1).
     */
    @Test
    void anInvalidOrExpiredTokenIsA401WithThePlatformsTokenCode() {
        String token = TestTokens.access(anonymous, users.create(Role.OPERATOR));
        assertThat(anonymous.bearer(token).get(BillingPaths.DEBTS).status()).isEqualTo(200);

        Http.Response garbage = anonymous.bearer("garbage.token.here").get(BillingPaths.DEBTS);
        clock.advance(Duration.ofMinutes(6));
        Http.Response expired = anonymous.bearer(token).get(BillingPaths.DEBTS);

        assertProblem(garbage, 401, "token_not_valid");
        assertProblem(expired, 401, "token_not_valid");
    }

    @Test
    void aCallerWithoutTheNeededRoleIsA403Forbidden() {
        assertProblem(auditor.header("Content-Type", "text/csv").post(BillingPaths.SEED_UPLOAD, HEADER), 403, "forbidden");
        assertProblem(auditor.header("Content-Type", "text/csv").post(BillingPaths.IMPORTS, HEADER), 403, "forbidden");
        assertProblem(clinic.get(BillingPaths.DEBTS), 403, "forbidden");
        assertProblem(clinic.get(BillingPaths.PAYMENTS), 403, "forbidden");
        assertProblem(clinic.get(BillingPaths.IMPORTS), 403, "forbidden");
    }

    @Test
    void anUploadWithoutAFilePartOrWithAnEmptyBodyIsA400MissingFile() {
        assertProblem(billing.uploadMultipart(BillingPaths.SEED_UPLOAD, "debts.csv", "text/csv", new byte[0], "notes"), 400, "missing-file");
        assertProblem(billing.uploadMultipart(BillingPaths.SEED_UPLOAD, "", "text/csv", HEADER.getBytes(StandardCharsets.UTF_8), "file"),
                400, "missing-file");
        assertProblem(operator.header("Content-Type", "text/csv").post(BillingPaths.IMPORTS, ""), 400, "missing-file");
    }

    @Test
    void aZeroByteFileOrOneOfOnlyABomAndWhitespaceIsA400EmptyFile() {
        assertProblem(billing.uploadMultipart(BillingPaths.SEED_UPLOAD, "debts.csv", "text/csv", new byte[0]), 400, "empty-file");
        assertProblem(operator.header("Content-Type", "text/csv").post(BillingPaths.IMPORTS, "\uFEFF"), 400, "empty-file");
        assertProblem(operator.header("Content-Type", "text/csv").post(BillingPaths.IMPORTS, " \r\n\t\n\n"), 400, "empty-file");
    }

    @Test
    void aHeaderWithoutRequiredColumnsIsA400MissingColumnsListingThem() {
        JsonNode noEmail = assertProblem(billing.uploadRaw(HEADER.replace(",email", "")), 400, "missing-columns");
        assertThat(noEmail.get("missingColumns")).extracting(JsonNode::asString).containsExactly("email");

        assertProblem(billing.uploadRaw(HEADER.replace(',', ';')), 400, "missing-columns");
        assertProblem(billing.uploadRaw(BillingPaths.IMPORTS, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13}),
                400, "missing-columns");
        assertProblem(billing.uploadRaw("{\"name\":\"Ana\",\"debtId\":\"" + p + "\"}\n"), 400, "missing-columns");
    }

    @Test
    void aHeaderNamingAColumnTwiceIsA400DuplicateColumns() {
        assertProblem(billing.uploadRaw("debtId," + HEADER), 400, "duplicate-columns");
        assertProblem(billing.uploadRaw(HEADER.replace("\n", ",EMAIL\n")), 400, "duplicate-columns");
    }

    @Test
    void anUploadOfAnotherContentTypeIsA415UnsupportedMediaType() {
        for (String type : List.of("application/json", "application/xml", "text/plain", "image/png")) {
            assertProblem(operator.header("Content-Type", type).post(BillingPaths.SEED_UPLOAD, HEADER), 415, "unsupported-media-type");
        }
    }

    @Test
    void aBadRowInAnAcceptedFileIsAcceptedWith202AndGoesToTheErrorReport() {
        Http.Response accepted = billing.uploadRaw(HEADER + "Ana Souza,9558,ana@example.com,0,2024-01-19," + p + "\n");

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode done = billing.awaitCompleted(accepted.json().get("id").asString());
        assertThat(BillingTestSupport.count(done, "rejected")).isOne();
        assertThat(billing.errors(done.get("id").asString()).get(0).get("reason").asString()).isEqualTo("AMOUNT_NOT_POSITIVE");
    }

    @Test
    void anImportInvoiceOrPaymentIdThatIsNotAUuidIsA400InvalidId() {
        for (String path : List.of(BillingPaths.IMPORTS + "/not-a-uuid", BillingPaths.IMPORTS + "/not-a-uuid/errors",
                BillingPaths.IMPORTS + "/not-a-uuid/errors?format=csv", BillingPaths.INVOICES + "/not-a-uuid", BillingPaths.INVOICES + "/not-a-uuid.pdf",
                BillingPaths.PAYMENTS + "/not-a-uuid", BillingPaths.PAYMENTS + "/" + UUID.randomUUID() + "0")) {
            assertProblem(auditor.get(path), 400, "invalid-id");
        }
    }

    @Test
    void anUnknownImportInvoicePaymentOrDebtIsA404NotFound() {
        UUID unknown = UUID.randomUUID();
        for (String path : List.of(BillingPaths.IMPORTS + "/" + unknown, BillingPaths.IMPORTS + "/" + unknown + "/errors",
                BillingPaths.IMPORTS + "/" + unknown + "/errors?format=csv", BillingPaths.INVOICES + "/" + unknown,
                BillingPaths.INVOICES + "/" + unknown + ".pdf", BillingPaths.PAYMENTS + "/" + unknown, BillingPaths.DEBTS + "/" + p + "-missing")) {
            assertProblem(auditor.get(path), 404, "not-found");
        }
        assertProblem(auditor.header("Accept", "text/csv").get(BillingPaths.IMPORTS + "/" + unknown + "/errors"), 404, "not-found");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/v1/billing/debts?status=LATE", "/api/v1/billing/debts?status=OPEN,,PAID", "/api/v1/billing/debts?sort=amount",
            "/api/v1/billing/debts?sort=dueDate,sideways", "/api/v1/billing/debts?size=0", "/api/v1/billing/debts?size=501",
            "/api/v1/billing/debts?page=0", "/api/v1/billing/debts?dueFrom=19/01/2024", "/api/v1/billing/debts?dueTo=2024-02-30",
            "/api/v1/billing/debts?overdue=maybe", "/api/v1/billing/debts?hasExcess=1", "/api/v1/billing/debts?importId=abc",
            "/api/v1/billing/imports?status=DONE", "/api/v1/billing/imports?page=0", "/api/v1/billing/imports?size=501",
            "/api/v1/billing/payments?status=LOST", "/api/v1/billing/payments?size=0", "/api/v1/billing/payments?page=-1"})
    void aListParameterOutsideItsRulesIsA400InvalidParameter(String path) {
        assertProblem(auditor.get(path), 400, "invalid-parameter");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/billing/debts?size=500", "/api/v1/billing/imports?size=500", "/api/v1/billing/payments?size=500"})
    void aListAnswersPagesOfUpTo500(String path) {
        var response = auditor.get(path);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("size").asInt()).isEqualTo(500);
    }

    @Test
    void anErrorReportParameterOutsideItsRulesIsA400InvalidParameter() {
        String id = billing.importCompleted(HEADER + "Ana Souza,9558,ana@example.com,1,2024-01-19," + p + "\n").get("id").asString();

        assertProblem(auditor.get(BillingPaths.IMPORTS + "/" + id + "/errors?format=xml"), 400, "invalid-parameter");
        assertProblem(auditor.get(BillingPaths.IMPORTS + "/" + id + "/errors?page=0"), 400, "invalid-parameter");
        assertProblem(auditor.get(BillingPaths.IMPORTS + "/" + id + "/errors?size=501"), 400, "invalid-parameter");
    }

    @Test
    void anAcceptThatCannotBeServedIsA406NotAcceptable() {
        String importId = billing.importCompleted(HEADER + "Ana Souza,9558,ana@example.com,1,2024-01-19," + p + "\n").get("id").asString();
        String invoice = billing.debt(p).get("currentInvoiceId").asString();

        assertProblem(auditor.header("Accept", "application/xml").get(BillingPaths.IMPORTS + "/" + importId + "/errors"), 406, "not-acceptable");
        assertProblem(auditor.header("Accept", "text/csv").get(BillingPaths.INVOICES + "/" + invoice), 406, "not-acceptable");
        assertProblem(auditor.header("Accept", "application/json").get(BillingPaths.INVOICES + "/" + invoice + ".pdf"), 406, "not-acceptable");
        assertProblem(auditor.header("Accept", "text/csv").get(BillingPaths.DEBTS), 406, "not-acceptable");
    }

    @Test
    void aPdfLinkWithABadSignatureOrAPastExpiryIsA403InvalidLink() {
        billing.importCompleted(HEADER + "Ana Souza,9558,ana@example.com,1,2024-01-19," + p + "\n");
        UUID invoice = UUID.fromString(billing.debt(p).get("currentInvoiceId").asString());
        long exp = clock.instant().plus(Duration.ofDays(1)).getEpochSecond();
        String sig = links.sign(invoice, exp);
        long past = clock.instant().minusSeconds(1).getEpochSecond();
        String pdf = BillingPaths.INVOICES + "/" + invoice + ".pdf";

        assertThat(anonymous.get(pdf + "?exp=" + exp + "&sig=" + sig).status()).isEqualTo(200);
        assertProblem(anonymous.get(pdf + "?exp=" + exp + "&sig=" + (sig.charAt(0) == 'a' ? 'b' : 'a') + sig.substring(1)), 403, "invalid-link");
        assertProblem(anonymous.get(pdf + "?exp=" + past + "&sig=" + links.sign(invoice, past)), 403, "invalid-link");
        assertProblem(anonymous.get(pdf + "?exp=tomorrow&sig=" + sig), 403, "invalid-link");
        assertProblem(anonymous.get(pdf + "?sig=" + sig), 403, "invalid-link");
    }

    @Test
    void aWebhookBodyThatIsNotJsonOrHasWrongTypesIsA400MalformedBody() {
        for (String body : List.of("{\"debtId\":", "not json", "[]", "\"a string\"", "{\"debtId\":\"x\",\"paidAt\":5,\"paidAmount\":1,\"paidBy\":\"a\"}",
                "{\"debtId\":{},\"paidAt\":\"2022-06-09 10:00:00\",\"paidAmount\":1,\"paidBy\":\"a\"}",
                "{\"debtId\":\"x\",\"paidAt\":\"2022-06-09 10:00:00\",\"paidAmount\":[1],\"paidBy\":\"a\"}",
                "{\"debtId\":\"x\",\"paidAt\":\"2022-06-09 10:00:00\",\"paidAmount\":1,\"paidBy\":true}")) {
            assertProblem(pay(body), 400, "malformed-body");
        }
    }

    @Test
    void aWebhookWithMissingOrInvalidFieldsIsA400ValidationFailedListingEachField() {
        JsonNode missing = assertProblem(pay("{}"), 400, "validation-failed");
        JsonNode invalid = assertProblem(pay("{\"debtId\":\"a b\",\"paidAt\":\"\",\"paidAmount\":\"\",\"paidBy\":\"" + "x".repeat(201) + "\"}"),
                400, "validation-failed");

        assertThat(missing.get("errors")).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("debtId", "paidAt", "paidAmount", "paidBy");
        assertThat(invalid.get("errors")).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("debtId", "paidAt", "paidAmount", "paidBy");
    }

    @Test
    void aWebhookPaidAtThatIsUnparseableOrMoreThanFiveMinutesAheadIsA400ValidationFailed() {
        for (String paidAt : List.of("09/06/2022", "2022-06-09", "2022-02-30 10:00:00", "2022-06-09T10:00:00", "yesterday",
                clock.instant().plus(Duration.ofHours(1)).toString(), clock.instant().plus(Duration.ofMinutes(6)).toString())) {
            JsonNode problem = assertProblem(pay(PAYMENT.formatted(p, "1.00").replace("2022-06-09 10:00:00", paidAt)), 400, "validation-failed");
            assertThat(problem.get("errors")).extracting(error -> error.get("field").asString()).containsExactly("paidAt");
        }
    }

    @Test
    void aWebhookPaidAmountThatIsNotPositiveHasMoreThanTwoDecimalsAnExponentOrIsTooLargeIsA400ValidationFailed() {
        for (String amount : List.of("0", "-1", "\"-1\"", "0.00", "1.001", "\"1.001\"", "1e3", "\"1E3\"", "1000000000000.00", "\"1,00\"")) {
            JsonNode problem = assertProblem(pay(PAYMENT.formatted(p, amount)), 400, "validation-failed");
            assertThat(problem.get("errors")).as(amount).extracting(error -> error.get("field").asString()).containsExactly("paidAmount");
        }
    }

    @Test
    void aWebhookBodyOver16KiBIsA413PayloadTooLarge() {
        String body = PAYMENT.formatted(p, "1.00").replace("John Doe", "x".repeat(16 * 1024));

        assertProblem(pay(body), 413, "payload-too-large");
        assertProblem(anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + BillingPaths.SEED_PAYMENT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))),
                413, "payload-too-large");
    }

    @Test
    void aWebhookOfAnotherContentTypeIsA415UnsupportedMediaType() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "text/csv")) {
            assertProblem(anonymous.header("Content-Type", type).post(BillingPaths.SEED_PAYMENT, PAYMENT.formatted(p, "1.00")), 415,
                    "unsupported-media-type");
        }
        assertProblem(anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + BillingPaths.PAYMENTS))
                .POST(HttpRequest.BodyPublishers.ofString(PAYMENT.formatted(p, "1.00")))), 415, "unsupported-media-type");
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherPayloadOrFileIsA422() {
        String key = "key-" + p;
        assertThat(anonymous.header("Idempotency-Key", key).post(BillingPaths.SEED_PAYMENT, PAYMENT.formatted(p, "1.00")).status()).isEqualTo(404);
        assertThat(billing.uploadRawWithKey(key, HEADER + "Ana Souza,9558,ana@example.com,1,2024-01-19," + p + "-1\n").status()).isEqualTo(202);

        assertProblem(anonymous.header("Idempotency-Key", key).post(BillingPaths.SEED_PAYMENT, PAYMENT.formatted(p, "2.00")), 422,
                "idempotency-key-reused");
        assertProblem(billing.uploadRawWithKey(key, HEADER + "Ana Souza,9558,ana@example.com,1,2024-01-19," + p + "-2\n"), 422,
                "idempotency-key-reused");
    }

    @Test
    void anEmptyOrOverlongIdempotencyKeyIsA400InvalidIdempotencyKey() {
        for (String key : List.of("", "k".repeat(256))) {
            assertProblem(anonymous.header("Idempotency-Key", key).post(BillingPaths.PAYMENTS, PAYMENT.formatted(p, "1.00")), 400,
                    "invalid-idempotency-key");
            assertProblem(billing.uploadRawWithKey(key, HEADER + "Ana Souza,9558,ana@example.com,1,2024-01-19," + p + "\n"), 400,
                    "invalid-idempotency-key");
        }
    }

    @Test
    void aWebhookForAnUnknownDebtIsA404DebtNotFoundCarryingTheStoredPaymentsId() {
        JsonNode problem = assertProblem(pay(PAYMENT.formatted(p + "-unknown", "1.00")), 404, "debt-not-found");

        String paymentId = problem.get("paymentId").asString();
        assertThat(auditor.get(BillingPaths.PAYMENTS + "/" + paymentId).json().get("status").asString()).isEqualTo("UNMATCHED");
    }

    // Regressions found by the fuzz pass (BillingFuzzIntegrationTests): the first three were 500s, the others refusals
    // without a problem body

    @Test
    void aNulOrAnUnpairedSurrogateAnywhereInAWebhookBodyIsA400MalformedBodyNotA500() {
        String valid = PAYMENT.formatted(p, "1.00");
        for (String body : List.of(valid.replace("John Doe", "John\\u0000Doe"), valid.replace("John Doe", "John \\ud800Doe"),
                valid.replace("}", ",\"note\":\"\\u0000\"}"), valid.replace("}", ",\"note\":[\"\\udc00\"]}"),
                valid.replace("}", ",\"\\u0000\":1}"))) {
            assertProblem(pay(body), 400, "malformed-body");
        }
        assertThat(pay(valid.replace("John Doe", "Jo\\ud83d\\ude00n")).status()).as("a paired surrogate is a character like any other").isEqualTo(404);
    }

    @Test
    void aPaidAtBeforeTheYearOneIsA400ValidationFailedAndThePaymentListStaysReadable() {
        for (String paidAt : List.of("-999999999-01-01T00:00:00Z", "-4713-01-01T00:00:00Z", "0000-12-31T23:59:59Z")) {
            JsonNode problem = assertProblem(pay(PAYMENT.formatted(p, "1.00").replace("2022-06-09 10:00:00", paidAt)), 400, "validation-failed");
            assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("OUT_OF_RANGE");
        }
        assertThat(pay(PAYMENT.formatted(p, "1.00").replace("2022-06-09 10:00:00", "0001-01-01 00:00:00")).status()).isEqualTo(404);

        assertThat(auditor.get(BillingPaths.PAYMENTS + "?debtId=" + p).json().get("items")).hasSize(1);
        assertThat(auditor.get(BillingPaths.PAYMENTS).status()).isEqualTo(200);
    }

    @Test
    void aListFilterWithANulIsA400InvalidParameterNotA500() {
        assertProblem(auditor.get(BillingPaths.PAYMENTS + "?debtId=a%00b"), 400, "invalid-parameter");
        assertProblem(auditor.get(BillingPaths.DEBTS + "?governmentId=%00"), 400, "invalid-parameter");
        assertThat(auditor.get(BillingPaths.DEBTS + "?governmentId=095.58").status()).as("punctuation is removed as on import").isEqualTo(200);
    }

    @Test
    void anUnreadableAcceptHeaderIsA406WithAProblemBody() {
        assertProblem(auditor.header("Accept", "???").get(BillingPaths.DEBTS), 406, "not-acceptable");
        assertProblem(auditor.header("Accept", "???").get(BillingPaths.INVOICES + "/not-a-uuid"), 406, "not-acceptable");
        assertProblem(anonymous.header("Accept", "???").get(BillingPaths.DEBTS), 401, "unauthorized");
    }

    @Test
    void aUrlTheFirewallRefusesIsA400WithAProblemBody() {
        for (String path : List.of(BillingPaths.DEBTS + "/a%3Bb", BillingPaths.DEBTS + "/a;b", BillingPaths.DEBTS + "/a%25b", BillingPaths.DEBTS + "/a%0Ab")) {
            assertProblem(auditor.get(path), 400, "validation-failed");
        }
    }

    @Test
    void anUnauthenticatedRequestWithAMalformedQueryIsA401WithAProblemBody() {
        assertProblem(anonymous.get(BillingPaths.IMPORTS + "?%00=%FF&status=%E0%A4"), 401, "unauthorized");
        assertProblem(auditor.get(BillingPaths.IMPORTS + "?%00=%FF&status=%E0%A4"), 400, "validation-failed");
        assertProblem(anonymous.get(BillingPaths.INVOICES + "/" + UUID.randomUUID() + ".pdf?sig=x&%00=%FF"), 400, "validation-failed");
    }

    private Http.Response pay(String body) {
        return anonymous.post(BillingPaths.SEED_PAYMENT, body);
    }

    static JsonNode assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("type").asString()).isEqualTo("urn:quitto:problem:" + code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }
}
