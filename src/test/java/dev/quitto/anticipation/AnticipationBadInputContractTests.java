package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * F21: every row of the spec's bad-input table (§7), on the seed path with the seed's body and on the canonical path
 * with its problem, plus 413 for bodies over 64 KiB. Canonical problem codes are the platform's ({@code validation-failed},
 * {@code unauthorized} / {@code token_not_valid}) where §7 writes the short names {@code validation} and
 * {@code unauthenticated}.
 */
@QuittoIntegrationTest
class AnticipationBadInputContractTests {

    private static final String BASE = "/api/v1/anticipation";
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /** A seed answer: the status and exactly this JSON body. */
    private static void assertSeed(Http.Response response, int status, String body) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json()).isEqualTo(JSON.readTree(body));
    }

    /** A seed answer the platform writes (401, 403 of a role check, 405 of Spring): the status and the seed's {@code detail}. */
    private static void assertSeedDetail(Http.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("detail").asString()).isEqualTo(detail);
    }

    /** A canonical answer: problem+json of this status and code; for validation, the fields named in {@code errors}. */
    private static JsonNode assertProblem(Http.Response response, int status, String code, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:quitto:problem:" + code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (fields.length > 0) {
            assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList()).containsExactlyInAnyOrder(fields);
        }
        return problem;
    }

    private Http.Response seedCreate(String token, String body) {
        return http.bearer(token).post("/api/anticipations/", body);
    }

    private Http.Response canonicalCreate(String token, Object payment, String body) {
        return http.bearer(token).post(BASE + "/payments/" + payment + "/anticipations", body);
    }

    // Row: no or garbage Authorization; expired token; inactive user -> 401

    @Test
    void row01UnauthenticatedCallsGet401DetailOnSeedAnd401ProblemOnCanonical() {
        String expiring = f.supplier1.token();
        clock.advance(Duration.ofMinutes(6));

        assertSeedDetail(http.get("/api/payments/"), 401, "Authentication credentials were not provided.");
        assertSeedDetail(http.header("Authorization", "Token abc").get("/api/payments/"), 401, "Authentication credentials were not provided.");
        assertSeedDetail(http.header("Authorization", "Bearer").get("/api/payments/"), 401, "Given token not valid for any token type");
        assertSeedDetail(http.bearer(expiring).get("/api/payments/"), 401, "Given token not valid for any token type");
        assertProblem(http.get(BASE + "/payments"), 401, "unauthorized");
        assertProblem(http.bearer("x.y.z").get(BASE + "/payments"), 401, "token_not_valid");
        assertProblem(http.bearer(expiring).get(BASE + "/payments"), 401, "token_not_valid");
    }

    // Row: user with no role; non-ADMIN on /admin/** -> 403

    @ParameterizedTest
    @ValueSource(strings = {"/api/payments/", "/api/anticipations/", "/api/logs/"})
    void row02AUserWithNoRoleGets403OnSeedListPaths(String path) {
        assertSeed(http.bearer(f.common.token()).get(path), 403, "{\"detail\":\"Only suppliers or operators can make requests.\"}");
    }

    @Test
    void row02AUserWithNoRoleGets403OnSeedCreateAndDecide() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today());

        assertSeed(seedCreate(f.common.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\"}"), 403,
                "{\"detail\":\"Only suppliers or operators can make requests.\"}");
        assertSeed(f.decide(f.common, id, "A"), 403, "{\"detail\":\"Only suppliers or operators can make requests.\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/payments", "/anticipations", "/logs", "/suppliers", "/me"})
    void row02AUserWithNoRoleGets403ForbiddenOnCanonicalPaths(String path) {
        assertProblem(http.bearer(f.common.token()).get(BASE + path), 403, "forbidden");
    }

    @Test
    void row02NonAdminsGet403ForbiddenOnAdminPaths() {
        for (String token : List.of(f.operator.token(), f.supplier1.token(), f.common.token())) {
            assertProblem(http.bearer(token).get(BASE + "/admin/users"), 403, "forbidden");
            assertProblem(http.bearer(token).get(BASE + "/admin/users/" + f.operator.id()), 403, "forbidden");
            assertProblem(http.bearer(token).post(BASE + "/admin/users", "{\"email\":\"x@example.com\",\"password\":\"long-enough\"}"), 403, "forbidden");
            assertProblem(http.bearer(token).patch(BASE + "/admin/users/" + f.operator.id(), "{\"active\":false}"), 403, "forbidden");
            assertProblem(http.bearer(token).post(BASE + "/admin/suppliers", "{\"corporateName\":\"X\",\"cnpj\":\"11222333000181\",\"userId\":1}"), 403, "forbidden");
            assertProblem(http.bearer(token).patch(BASE + "/admin/suppliers/" + f.supplier1.supplierId(), "{\"corporateName\":\"X\"}"), 403, "forbidden");
        }
        assertThat(http.bearer(f.operator.token()).get("/api/payments/").status()).isEqualTo(200);
    }

    // Row: supplier approves or denies (own request) -> 403

    @Test
    void row03ASupplierDecidingItsOwnRequestGets403OnBothSurfaces() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today());

        assertSeed(f.decide(f.supplier1.actor(), id, "A"), 403, "{\"detail\":\"Only operators can approve or deny anticipations.\"}");
        assertSeed(f.decide(f.supplier1.actor(), id, "D"), 403, "{\"detail\":\"Only operators can approve or deny anticipations.\"}");
        assertProblem(http.bearer(f.supplier1.token()).post(BASE + "/anticipations/" + id + "/approve", ""), 403, "forbidden");
        assertProblem(http.bearer(f.supplier1.token()).post(BASE + "/anticipations/" + id + "/deny", ""), 403, "forbidden");
        assertThat(f.status(id)).isEqualTo("PENDING");
        assertThat(f.logRows(id)).isEqualTo(1);
    }

    // Row: foreign or missing id; id abc; id beyond 64 bits -> 404

    @ParameterizedTest
    @ValueSource(strings = {"FOREIGN", "999999999999", "abc", "99999999999999999999", "-1", "1.0", "%20"})
    void row04BadIdsGet404NotFoundOnEverySeedPath(String kind) {
        long anticipation = f.requestAnticipation(f.supplier2.actor(), f.payment2, f.today());
        String payment = kind.equals("FOREIGN") ? Long.toString(f.payment2) : kind;
        String request = kind.equals("FOREIGN") ? Long.toString(anticipation) : kind;
        Http supplier = http.bearer(f.supplier1.token());

        assertSeed(supplier.get("/api/payments/" + payment + "/"), 404, "{\"detail\":\"Not found.\"}");
        assertSeed(supplier.get("/api/payments/" + payment), 404, "{\"detail\":\"Not found.\"}");
        assertSeed(supplier.get("/api/anticipations/" + request + "/"), 404, "{\"detail\":\"Not found.\"}");
        assertSeed(supplier.patch("/api/anticipations/" + request + "/", "{\"status\":\"A\"}"), 404, "{\"detail\":\"Not found.\"}");
        assertSeed(supplier.put("/api/anticipations/" + request + "/", "{\"status\":\"D\"}"), 404, "{\"detail\":\"Not found.\"}");
        assertThat(f.status(anticipation)).isEqualTo("PENDING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOREIGN", "999999999999", "abc", "99999999999999999999", "-1", "1.0", "%20"})
    void row04BadIdsGet404NotFoundOnEveryCanonicalPath(String kind) {
        long anticipation = f.requestAnticipation(f.supplier2.actor(), f.payment2, f.today());
        String payment = kind.equals("FOREIGN") ? Long.toString(f.payment2) : kind;
        String request = kind.equals("FOREIGN") ? Long.toString(anticipation) : kind;
        String supplierId = kind.equals("FOREIGN") ? Long.toString(f.supplier2.supplierId()) : kind;
        Http supplier = http.bearer(f.supplier1.token());

        assertProblem(supplier.get(BASE + "/payments/" + payment), 404, "not-found");
        assertProblem(supplier.get(BASE + "/payments/" + payment + "/anticipations"), 404, "not-found");
        assertProblem(supplier.get(BASE + "/payments/" + payment + "/anticipation-preview?newDueDate=" + f.today()), 404, "not-found");
        assertProblem(canonicalCreate(f.supplier1.token(), payment, "{\"newDueDate\":\"" + f.today() + "\"}"), 404, "not-found");
        assertProblem(supplier.get(BASE + "/anticipations/" + request), 404, "not-found");
        assertProblem(supplier.get(BASE + "/suppliers/" + supplierId), 404, "not-found");
        if (!kind.equals("FOREIGN")) {
            Http operator = http.bearer(f.operator.token());
            assertProblem(operator.post(BASE + "/anticipations/" + request + "/approve", ""), 404, "not-found");
            assertProblem(operator.post(BASE + "/anticipations/" + request + "/deny", ""), 404, "not-found");
        }
        assertThat(f.status(anticipation)).isEqualTo("PENDING");
    }

    // Row: create for a foreign or missing payment -> seed 400 "Invalid pk", canonical 404, identical for both

    @Test
    void row05ForeignAndMissingPaymentsGetIdenticalAnswersOnBothSurfaces() {
        long missing = f.payment2 + 1_000_000_000L;

        var seedForeign = seedCreate(f.supplier1.token(), "{\"payment\": " + f.payment2 + ", \"new_due_date\": \"" + f.today() + "\"}");
        var seedMissing = seedCreate(f.supplier1.token(), "{\"payment\": " + missing + ", \"new_due_date\": \"" + f.today() + "\"}");
        var canonicalForeign = canonicalCreate(f.supplier1.token(), f.payment2, "{\"newDueDate\": \"" + f.today() + "\"}");
        var canonicalMissing = canonicalCreate(f.supplier1.token(), missing, "{\"newDueDate\": \"" + f.today() + "\"}");

        assertSeed(seedForeign, 400, "{\"payment\":[\"Invalid pk \\\"" + f.payment2 + "\\\" - object does not exist.\"]}");
        assertSeed(seedMissing, 400, "{\"payment\":[\"Invalid pk \\\"" + missing + "\\\" - object does not exist.\"]}");
        assertProblem(canonicalForeign, 404, "not-found");
        assertThat(canonicalForeign.json().get("detail")).isEqualTo(canonicalMissing.json().get("detail"));
        assertThat(canonicalMissing.status()).isEqualTo(404);
    }

    // Row: malformed JSON, array instead of object; wrong types

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"payment\": }", "[]", "[{\"payment\": 1}]", "\"text\"", "42", "null", "{\"a\":1}{", "{'payment': 1}"})
    void row06MalformedJsonGetsJsonParseErrorOnSeedAndMalformedBodyOnCanonical(String body) {
        assertSeed(seedCreate(f.supplier1.token(), body), 400, "{\"detail\":\"JSON parse error.\"}");
        assertSeed(http.bearer(f.supplier1.token()).post("/api/payments/", body), 400, "{\"detail\":\"JSON parse error.\"}");
        long id = f.requestAnticipation(f.supplier2.actor(), f.payment2, f.today());
        assertSeed(f.http.bearer(f.operator.token()).patch("/api/anticipations/" + id + "/", body), 400, "{\"detail\":\"JSON parse error.\"}");
        assertProblem(canonicalCreate(f.supplier1.token(), f.payment1, body), 400, "malformed-body");
        assertProblem(http.bearer(f.supplier1.token()).post(BASE + "/payments", body), 400, "malformed-body");
        assertThat(f.status(id)).isEqualTo("PENDING");
    }

    @Test
    void row06WrongTypesGetTheSeedFieldMapAndACanonicalValidationProblem() {
        assertSeed(seedCreate(f.supplier1.token(), "{\"payment\": \"x\", \"new_due_date\": 20241010}"), 400,
                "{\"payment\":[\"Incorrect type. Expected pk value, received str.\"],"
                        + "\"new_due_date\":[\"Date has wrong format. Use one of these formats instead: YYYY-MM-DD.\"]}");
        assertSeed(http.bearer(f.operator.token()).post("/api/payments/", "{\"supplier\": [1], \"due_date\": \"" + f.today() + "\", \"value\": true}"), 400,
                "{\"supplier\":[\"Incorrect type. Expected pk value, received list.\"],\"value\":[\"A valid number is required.\"]}");
        assertProblem(canonicalCreate(f.supplier1.token(), f.payment1, "{\"newDueDate\": true}"), 400, "validation-failed", "newDueDate");
        assertProblem(http.bearer(f.operator.token()).post(BASE + "/payments", "{\"supplierId\": \"x\", \"dueDate\": {}, \"value\": true}"), 400,
                "validation-failed", "supplierId", "dueDate", "value");
    }

    // Row: date 10/08/2024, 2024-02-30, 2024-8-1, a datetime -> "Date has wrong format"

    @ParameterizedTest
    @ValueSource(strings = {"10/08/2024", "2024-02-30", "2024-8-1", "2026-11-30T10:00:00", "2026-11-30T10:00:00Z", "", " 2026-11-30", "２０２６-11-30"})
    void row07MalformedDatesGetTheWrongFormatMessageOnSeedAndValidationOnCanonical(String date) {
        String wrongFormat = "[\"Date has wrong format. Use one of these formats instead: YYYY-MM-DD.\"]";
        assertSeed(seedCreate(f.supplier1.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + date + "\"}"), 400,
                "{\"new_due_date\":" + wrongFormat + "}");
        assertSeed(http.bearer(f.supplier1.token()).post("/api/payments/", "{\"due_date\": \"" + date + "\", \"value\": 10}"), 400,
                "{\"due_date\":" + wrongFormat + "}");
        assertProblem(canonicalCreate(f.supplier1.token(), f.payment1, "{\"newDueDate\": \"" + date + "\"}"), 400, "validation-failed", "newDueDate");
        assertProblem(http.bearer(f.supplier1.token()).post(BASE + "/payments", "{\"dueDate\": \"" + date + "\", \"value\": \"10.00\"}"), 400,
                "validation-failed", "dueDate");
        assertProblem(http.bearer(f.supplier1.token()).get(BASE + "/payments/" + f.payment1 + "/anticipation-preview?newDueDate="
                + java.net.URLEncoder.encode(date, java.nio.charset.StandardCharsets.UTF_8)), 400, "validation-failed", "newDueDate");
    }

    // Row: new_due_date < today; >= due_date; new value rounds to <= 0.00

    @Test
    void row08DatesOutsideTheWindowGetTheSeedMessagesAndCanonicalValidation() {
        long tiny = f.payment(f.supplier1.supplierId(), f.today().plusDays(600), "0.01");

        assertSeed(seedCreate(f.supplier1.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today().minusDays(1) + "\"}"), 400,
                "{\"new_due_date\":[\"Inform a date greater than or equal today.\"]}");
        assertSeed(seedCreate(f.supplier1.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today().plusDays(10) + "\"}"), 400,
                "{\"new_due_date\":[\"Inform a date before the payment due date.\"]}");
        assertSeed(seedCreate(f.supplier1.token(), "{\"payment\": " + tiny + ", \"new_due_date\": \"" + f.today() + "\"}"), 400,
                "{\"new_due_date\":[\"The new value must be greater than zero; choose a later date.\"]}");
        assertProblem(canonicalCreate(f.supplier1.token(), f.payment1, "{\"newDueDate\": \"" + f.today().minusDays(1) + "\"}"), 400, "validation-failed", "newDueDate");
        assertProblem(canonicalCreate(f.supplier1.token(), f.payment1, "{\"newDueDate\": \"" + f.today().plusDays(11) + "\"}"), 400, "validation-failed", "newDueDate");
        assertProblem(canonicalCreate(f.supplier1.token(), tiny, "{\"newDueDate\": \"" + f.today() + "\"}"), 400, "validation-failed", "newDueDate");
        assertProblem(http.bearer(f.supplier1.token()).get(BASE + "/payments/" + tiny + "/anticipation-preview?newDueDate=" + f.today()), 400,
                "validation-failed", "newDueDate");
    }

    // Row: payment due today or earlier -> seed 400 list, canonical 409 payment-unavailable

    @Test
    void row09UnavailablePaymentsGetTheSeedListAndCanonical409() {
        long dueToday = f.payment(f.supplier1.supplierId(), f.today(), "500.00");
        long overdue = f.payment(f.supplier1.supplierId(), f.today().minusDays(3), "500.00");

        for (long payment : new long[]{dueToday, overdue}) {
            assertSeed(seedCreate(f.supplier1.token(), "{\"payment\": " + payment + ", \"new_due_date\": \"" + f.today() + "\"}"), 400,
                    "[\"Unavailable payments can not be anticipated.\"]");
            assertProblem(canonicalCreate(f.supplier1.token(), payment, "{\"newDueDate\": \"" + f.today() + "\"}"), 409, "payment-unavailable");
        }
    }

    // Row: second request while PENDING/APPROVED -> seed 400 list, canonical 409 anticipation-exists

    @Test
    void row10ASecondRequestWhilePendingOrApprovedGetsTheDuplicateErrorOnBothSurfaces() {
        long approved = f.payment(f.supplier1.supplierId(), f.today().plusDays(10), "700.00");
        f.decide(f.operator, f.requestAnticipation(f.supplier1.actor(), approved, f.today()), "A");
        f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today());

        for (long payment : new long[]{f.payment1, approved}) {
            assertSeed(seedCreate(f.supplier1.token(), "{\"payment\": " + payment + ", \"new_due_date\": \"" + f.today().plusDays(1) + "\"}"), 400,
                    "[\"An anticipation was already created for this payment.\"]");
            assertProblem(canonicalCreate(f.supplier1.token(), payment, "{\"newDueDate\": \"" + f.today().plusDays(1) + "\"}"), 409, "anticipation-exists");
        }
    }

    // Row: PATCH without status; status E, PC or a -> seed 400 field map

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                          | {\"status\":[\"This field is required.\"]}",
            "{\"new_value\": 1}          | {\"status\":[\"This field is required.\"]}",
            "{\"status\": null}          | {\"status\":[\"This field may not be null.\"]}",
            "{\"status\": \"E\"}         | {\"status\":[\"\\\"E\\\" is not a valid choice.\"]}",
            "{\"status\": \"PC\"}        | {\"status\":[\"\\\"PC\\\" is not a valid choice.\"]}",
            "{\"status\": \"a\"}         | {\"status\":[\"\\\"a\\\" is not a valid choice.\"]}",
            "{\"status\": 1}             | {\"status\":[\"\\\"1\\\" is not a valid choice.\"]}"})
    void row11PatchWithoutAValidStatusGetsTheSeedFieldMap(String body, String expected) {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today());

        assertSeed(f.http.bearer(f.operator.token()).patch("/api/anticipations/" + id + "/", body), 400, expected);
        assertThat(f.status(id)).isEqualTo("PENDING");
        assertThat(f.logRows(id)).isEqualTo(1);
    }

    // Row: decide a non-pending request -> 409 on both surfaces

    @Test
    void row12DecidingANonPendingRequestGets409OnBothSurfaces() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today());
        f.decide(f.operator, id, "D");

        assertSeed(f.decide(f.operator, id, "A"), 409, "{\"detail\":\"Only pending anticipations can be approved or denied.\"}");
        assertProblem(http.bearer(f.operator.token()).post(BASE + "/anticipations/" + id + "/approve", ""), 409, "anticipation-not-pending");
        assertProblem(http.bearer(f.operator.token()).post(BASE + "/anticipations/" + id + "/deny", ""), 409, "anticipation-not-pending");
        assertThat(f.logRows(id)).isEqualTo(2);
    }

    // Row: approve after new_due_date -> 409

    @Test
    void row13ApprovingAfterTheNewDueDateGets409OnBothSurfaces() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));
        clock.advance(Duration.ofDays(2));
        var operator = f.actor(f.operator.user());

        assertSeed(f.decide(operator, id, "A"), 409, "{\"detail\":\"The new due date has passed; this anticipation can no longer be approved.\"}");
        assertProblem(http.bearer(operator.token()).post(BASE + "/anticipations/" + id + "/approve", ""), 409, "new-due-date-passed");
        assertThat(f.status(id)).isEqualTo("PENDING");
    }

    // Row: ?status=X or ?status= -> seed 400 list, canonical 400 validation

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"X|X", "''|''", "pc1|PC1", "é|É"})
    void row14UnknownStatusFiltersGetTheSeedListAndCanonicalValidation(String given, String echoed) {
        String query = "?status=" + java.net.URLEncoder.encode(given, java.nio.charset.StandardCharsets.UTF_8);
        Http operator = http.bearer(f.operator.token());

        assertSeed(operator.get("/api/payments/" + query), 400, "[\"\\\"" + echoed + "\\\" is an invalid status. Choose A, U, PC, AN or D.\"]");
        assertSeed(operator.get("/api/anticipations/" + query), 400, "[\"\\\"" + echoed + "\\\" is an invalid status. Choose PC, A or D.\"]");
        assertProblem(operator.get(BASE + "/payments" + query), 400, "validation-failed", "status");
        assertProblem(operator.get(BASE + "/anticipations" + query), 400, "validation-failed", "status");
    }

    // Row: ?page=0, -1, abc; page past the end -> seed 404 "Invalid page.", canonical 400 / past the end 200 empty

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "", "99999999999"})
    void row15BadPagesGetInvalidPageOnSeedAnd400OnCanonical(String page) {
        Http operator = http.bearer(f.operator.token());

        for (String path : List.of("/api/payments/", "/api/anticipations/", "/api/logs/")) {
            assertSeed(operator.get(path + "?page=" + page), 404, "{\"detail\":\"Invalid page.\"}");
        }
        if (page.isEmpty()) {
            assertThat(operator.get(BASE + "/payments?page=").status()).as("an empty page is the default on canonical paths").isEqualTo(200);
            return;
        }
        for (String path : List.of("/payments", "/anticipations", "/logs", "/suppliers")) {
            assertProblem(operator.get(BASE + path + "?page=" + page), 400, "validation-failed", "page");
        }
    }

    @Test
    void row15APagePastTheEndIs404OnSeedAndAnEmpty200OnCanonical() {
        Http supplier = http.bearer(f.supplier1.token());

        assertSeed(supplier.get("/api/payments/?page=2"), 404, "{\"detail\":\"Invalid page.\"}");
        var canonical = supplier.get(BASE + "/payments?page=2");
        assertThat(canonical.status()).isEqualTo(200);
        assertThat(canonical.json().get("items")).isEmpty();
        assertThat(canonical.json().get("totalItems").asLong()).isEqualTo(1);
    }

    // Row: size=0 or size=101 -> seed ignores it, canonical 400

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-5", "abc"})
    void row16BadSizesAreIgnoredOnSeedAndRefusedOnCanonical(String size) {
        Http operator = http.bearer(f.operator.token());

        assertThat(operator.get("/api/payments/?size=" + size).status()).isEqualTo(200);
        for (String path : List.of("/payments", "/anticipations", "/logs", "/suppliers")) {
            assertProblem(operator.get(BASE + path + "?size=" + size), 400, "validation-failed", "size");
        }
    }

    // Row: value 0, -10, 1.005, 1e400, "NaN", 12 digits -> seed 400 field map, canonical 400 validation

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0              | Make sure the value is greater than zero.",
            "-10            | Make sure the value is greater than zero.",
            "1.005          | Ensure that there are no more than 2 decimal places.",
            "1e400          | Ensure that there are no more than 11 digits in total.",
            "\"NaN\"        | A valid number is required.",
            "\"Infinity\"   | A valid number is required.",
            "true           | A valid number is required.",
            "123456789012   | Ensure that there are no more than 11 digits in total.",
            "\"1.000\"      | Ensure that there are no more than 2 decimal places."})
    void row17BadValuesGetTheSeedMessageAndCanonicalValidation(String value, String message) {
        assertSeed(http.bearer(f.supplier1.token()).post("/api/payments/", "{\"due_date\": \"" + f.today().plusDays(5) + "\", \"value\": " + value + "}"),
                400, "{\"value\":[\"" + message + "\"]}");
        assertProblem(http.bearer(f.supplier1.token()).post(BASE + "/payments", "{\"dueDate\": \"" + f.today().plusDays(5) + "\", \"value\": " + value + "}"),
                400, "validation-failed", "value");
    }

    // Row: invalid CNPJ (lower case is upper-cased); duplicate e-mail or CNPJ; linking an operator or a linked user

    @Test
    void row18AdminInputGetsValidationOrConflictOnCanonical() {
        Http admin = http.bearer(f.actor(users.createWithEmail(Role.ADMIN)).token());
        long free = users.createWithEmail().id();
        String existingCnpj = jdbc.sql("select cnpj from anticipation_supplier where id = :id").param("id", f.supplier1.supplierId())
                .query(String.class).single();

        assertProblem(admin.post(BASE + "/admin/suppliers", "{\"corporateName\":\"X\",\"cnpj\":\"11.222.333/0001-82\",\"userId\":" + free + "}"),
                400, "validation-failed", "cnpj");
        assertProblem(admin.post(BASE + "/admin/suppliers", "{\"corporateName\":\"X\",\"cnpj\":\"00.000.000/0000-00\",\"userId\":" + free + "}"),
                400, "validation-failed", "cnpj");
        assertProblem(admin.post(BASE + "/admin/suppliers", "{\"corporateName\":\"X\",\"cnpj\":\"" + existingCnpj + "\",\"userId\":" + free + "}"),
                409, "conflict");
        assertProblem(admin.post(BASE + "/admin/suppliers", "{\"corporateName\":\"X\",\"cnpj\":\"" + SeedFixture.randomCnpj() + "\",\"userId\":"
                + f.operator.id() + "}"), 409, "conflict");
        assertProblem(admin.post(BASE + "/admin/suppliers", "{\"corporateName\":\"X\",\"cnpj\":\"" + SeedFixture.randomCnpj() + "\",\"userId\":"
                + f.supplier2.user().id() + "}"), 409, "conflict");
        assertProblem(admin.patch(BASE + "/admin/users/" + f.supplier1.user().id(), "{\"operator\":true}"), 409, "conflict");
        assertProblem(admin.post(BASE + "/admin/users", "{\"email\":\"" + f.supplier1.user().login().toUpperCase() + "\",\"password\":\"long-enough\"}"),
                409, "conflict");
        String alphanumeric = dev.quitto.anticipation.supplier.Cnpj.withCheckDigits("AB" + SeedFixture.randomCnpj().substring(0, 10)).value();
        var lowerCase = admin.post(BASE + "/admin/suppliers", "{\"corporateName\":\"Lower\",\"cnpj\":\""
                + alphanumeric.toLowerCase(java.util.Locale.ROOT) + "\",\"userId\":" + free + "}");
        assertThat(lowerCase.status()).isEqualTo(201);
        assertThat(lowerCase.json().get("cnpj").asString()).isEqualTo(alphanumeric);
    }

    // Row: 11th failed login for one e-mail within 15 min -> 429

    @Test
    void row19TheEleventhFailedLoginOfASupplierGets429WithTheSeedDetailAndRetryAfter() {
        String email = f.supplier1.user().login();
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(http.post("/api/token/", "{\"email\":\"" + email + "\",\"password\":\"wrong-" + attempt + "\"}").status()).isEqualTo(401);
        }

        var throttled = http.post("/api/token/", "{\"email\":\"" + email + "\",\"password\":\"wrong-11\"}");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("900");
        assertThat(throttled.json().get("detail").asString()).isEqualTo("Request was throttled. Expected available in 900 seconds.");
        assertThat(throttled.json().get("type").asString()).isEqualTo("urn:quitto:problem:too-many-requests");
    }

    // Row: DELETE/PUT on a list path; Content-Type text/plain -> 405; 415

    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "PUT", "PATCH"})
    void row20OtherMethodsOnListPathsGet405OnBothSurfaces(String method) {
        Http operator = http.bearer(f.operator.token());
        for (String path : List.of("/api/payments/", "/api/anticipations/")) {
            var response = operator.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertSeed(response, 405, "{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}");
            assertThat(response.header("Allow")).contains("GET");
        }
        for (String path : List.of("/payments", "/anticipations", "/logs")) {
            var response = operator.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + BASE + path))
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertProblem(response, 405, "method-not-allowed");
        }
    }

    @Test
    void row20ATextPlainBodyGets415OnBothSurfaces() {
        Http text = http.bearer(f.supplier1.token()).header("Content-Type", "text/plain");
        String body = "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\"}";

        assertSeed(text.post("/api/anticipations/", body), 415, "{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}");
        assertSeed(text.post("/api/payments/", body), 415, "{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}");
        assertProblem(text.post(BASE + "/payments/" + f.payment1 + "/anticipations", "{\"newDueDate\": \"" + f.today() + "\"}"), 415, "unsupported-media-type");
        assertProblem(text.post(BASE + "/payments", "{}"), 415, "unsupported-media-type");
        assertThat(http.bearer(f.supplier1.token()).get("/api/anticipations/").json().get("count").asLong()).isZero();
    }

    // 413: a body over 64 KiB

    @Test
    void bodiesOver64KibGet413OnBothSurfacesAndAtTheLimitAreRead() {
        String padding = "x".repeat(64 * 1024);
        String over = "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\", \"pad\": \"" + padding + "\"}";
        Http supplier = http.bearer(f.supplier1.token());

        var seed = supplier.post("/api/anticipations/", over);
        assertThat(seed.status()).isEqualTo(413);
        assertThat(seed.json().get("detail").asString()).isEqualTo("The request body is larger than the limit of 65536 bytes.");
        assertThat(supplier.post("/api/payments/", over).status()).isEqualTo(413);
        assertProblem(supplier.post(BASE + "/payments/" + f.payment1 + "/anticipations", over), 413, "payload-too-large");
        assertProblem(supplier.post(BASE + "/payments", over), 413, "payload-too-large");
        assertThat(supplier.get("/api/anticipations/").json().get("count").asLong()).isZero();

        String head = "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\", \"pad\": \"";
        String atLimit = head + "x".repeat(64 * 1024 - head.length() - 2) + "\"}";
        assertThat(atLimit.length()).isEqualTo(64 * 1024);
        assertThat(supplier.post("/api/anticipations/", atLimit).status()).isEqualTo(201);
    }

    @Test
    void aMultiByteBodyOver64KibCountsBytesNotCharacters() {
        String over = "{\"newDueDate\": \"" + f.today() + "\", \"pad\": \"" + "é".repeat(33 * 1024) + "\"}";

        assertProblem(http.bearer(f.supplier1.token()).post(BASE + "/payments/" + f.payment1 + "/anticipations", over), 413, "payload-too-large");
    }

    @Test
    void aChunkedBodyOver64KibGets413() {
        byte[] over = ("{\"newDueDate\": \"" + f.today() + "\", \"pad\": \"" + "x".repeat(70_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + BASE + "/payments/" + f.payment1 + "/anticipations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(over)));

        assertProblem(http.bearer(f.supplier1.token()).send(request), 413, "payload-too-large");
    }

    // Regressions found by the fuzz pass (AnticipationFuzzIntegrationTests): each was a 500

    @Test
    void aQueryThatIsNotPercentEncodedUtf8Gets400NotA500OnBothSurfaces() {
        Http operator = http.bearer(f.operator.token());

        for (String path : List.of("/api/payments/?status=%E0%A4", "/api/anticipations/?%00=%FF", "/api/logs/?page=%C3",
                BASE + "/payments?status=%E0%A4", BASE + "/anticipations?%00=%FF", BASE + "/payments/" + f.payment1 + "/anticipation-preview?newDueDate=%FF")) {
            var response = operator.get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().get("detail").asString()).as(path).isEqualTo("The request's parameters cannot be read.");
        }
        assertProblem(operator.get(BASE + "/payments?status=%E0%A4"), 400, "validation-failed", "parameters");
    }

    @Test
    void aWildcardContentTypeGets415NotA500OnBothSurfaces() {
        String seedBody = "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\"}";

        var seed = http.bearer(f.supplier1.token()).header("Content-Type", "*/*").post("/api/anticipations/", seedBody);
        var canonical = http.bearer(f.supplier1.token()).header("Content-Type", "application/*")
                .post(BASE + "/payments/" + f.payment1 + "/anticipations", "{\"newDueDate\": \"" + f.today() + "\"}");
        var decide = http.bearer(f.operator.token()).header("Content-Type", "*/*").patch("/api/anticipations/1/", "{\"status\":\"A\"}");

        assertSeedDetail(seed, 415, "Unsupported media type \"*/*\" in request.");
        assertProblem(canonical, 415, "unsupported-media-type");
        assertThat(decide.status()).isEqualTo(415);
        assertThat(http.bearer(f.supplier1.token()).get("/api/anticipations/").json().get("count").asLong()).isZero();
        assertThat(http.header("Content-Type", "*/*").post("/api/anticipations/", seedBody).status()).as("authentication first").isEqualTo(401);
    }

    @Test
    void aFormBodyWithAParameterNameTheFirewallRefusesGets400NotA500() {
        String body = "{\"\u0017h\":\"0\",\"status\":[\"\u0000\"]}";

        var seed = http.bearer(f.supplier1.token()).header("Content-Type", "application/x-www-form-urlencoded").post("/api/anticipations/", body);
        var token = http.header("Content-Type", "application/x-www-form-urlencoded").post("/api/token/", body);

        assertThat(seed.status()).isEqualTo(400);
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json().get("detail").asString()).isEqualTo("The request's parameters cannot be read.");
    }

    @Test
    void aNulCharacterInTextThatReachesTheDatabaseGets400NotA500() {
        Http admin = http.bearer(f.actor(users.createWithEmail(Role.ADMIN)).token());
        long free = users.createWithEmail().id();

        assertProblem(admin.patch(BASE + "/admin/suppliers/" + f.supplier1.supplierId(), "{\"corporateName\": \"A\\u0000B\"}"), 400,
                "validation-failed", "corporateName");
        assertProblem(admin.post(BASE + "/admin/suppliers", "{\"corporateName\": \"\\u0000\", \"cnpj\": \"" + SeedFixture.randomCnpj()
                + "\", \"userId\": " + free + "}"), 400, "validation-failed", "corporateName");
        assertProblem(admin.post(BASE + "/admin/users", "{\"email\": \"nul\\u0000" + free + "@example.com\", \"password\": \"long-enough\", "
                + "\"firstName\": \"\\u0000\"}"), 400, "validation-failed", "email", "firstName");
        assertProblem(admin.patch(BASE + "/admin/users/" + free, "{\"firstName\": \"x\\u0000\"}"), 400, "validation-failed", "firstName");
        assertThat(admin.get(BASE + "/suppliers?q=%00").status()).isEqualTo(400);
        assertThat(admin.get(BASE + "/admin/users?email=a%00").status()).isEqualTo(400);
        assertThat(jdbc.sql("select corporate_name from anticipation_supplier where id = :id").param("id", f.supplier1.supplierId())
                .query(String.class).single()).isEqualTo("Supplier 01");
    }
}
