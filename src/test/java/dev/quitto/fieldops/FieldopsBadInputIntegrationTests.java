package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Spec section 7, one test per row (acceptance 18): every bad input is a 4xx {@code application/problem+json} with
 * the row's {@code code}, never a 5xx, and changes nothing. The rows that need an instance configured otherwise (413
 * file too large, 507 spool area full, 503 database unavailable) are {@link FieldopsServerConditionsIntegrationTests}.
 */
@QuittoIntegrationTest
class FieldopsBadInputIntegrationTests {

    private static final String VALID = "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"PE - OLINDA\", \"deadline\": \"2021-06-30\"}";
    private static final String SEED_UPLOAD = AtendimentoController.BASE + "/import_csv";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    FieldopsFixture f;
    long importsBefore;

    @BeforeEach
    void setUp() {
        f = FieldopsFixture.create(port, users, jdbc);
        importsBefore = importsOfTheKind();
    }

    static JsonNode assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asString()).as(response.body()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    /** A problem on a seed path also carries the seed's {@code error} text. */
    private static void assertSeedProblem(Http.Response response, int status, String code, String error) {
        assertThat(assertProblem(response, status, code).get("error").asString()).isEqualTo(error);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private long visits() {
        return jdbc.sql("select count(*) from fieldops_visit").query(Long.class).single();
    }

    /** Visit imports recorded since the test began. */
    private long imports() {
        return importsOfTheKind() - importsBefore;
    }

    private long importsOfTheKind() {
        return jdbc.sql("select count(*) from platform_import where kind = :kind").param("kind", VisitImport.NAME).query(Long.class).single();
    }

    private long createVisit() {
        Http.Response created = f.operator.post(VisitController.BASE, VALID);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private JsonNode visit(long id) {
        return f.get(VisitController.BASE + "/" + id);
    }

    /** {@code method} on {@code path} (where {@code {id}} stands for {@code id}) with a JSON {@code body}. */
    private Http.Response send(Http client, String method, String path, long id, String body) {
        String resolved = path.replace("{id}", String.valueOf(id));
        return switch (method) {
            case "POST" -> client.post(resolved, body);
            case "PUT" -> client.put(resolved, body);
            case "PATCH" -> client.patch(resolved, body);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private Http.Response rawUpload(String path, String contentType, HttpRequest.BodyPublisher body) {
        return f.operator.send(HttpRequest.newBuilder(f.url(path)).header("Content-Type", contentType).POST(body));
    }

    private Http.Response rawUpload(String path, String csv) {
        return rawUpload(path, "text/csv", HttpRequest.BodyPublishers.ofString(csv));
    }

    // 401 / 403

    @Test
    void missingOrBadCredentialsAreA401UnauthorizedWithWwwAuthenticate() {
        List<Http.Response> responses = List.of(
                f.http.get(VisitController.BASE),
                f.http.post(AtendimentoController.BASE, "{\"id_cliente\": 1}"),
                f.http.header("Content-Type", "text/csv").post(SEED_UPLOAD, FieldopsFixture.HEADER),
                f.http.basic(users.create(Role.OPERATOR).login(), "not-the-password").get(VisitController.BASE),
                f.http.basic("nobody-" + UUID.randomUUID(), "x").post(VisitController.BASE, VALID));
        // A bad bearer token is a 401 too, but with the platform's code token_not_valid (anticipation's seed contract).
        Http.Response badToken = f.http.bearer("not.a.token").get("/api/v1/fieldops/indicators/sla?by=polo");

        for (Http.Response response : responses) {
            assertProblem(response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).as(response.body()).isNotBlank();
        }
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.contentType()).startsWith("application/problem+json");
        assertThat(visits()).isZero();
        assertThat(imports()).isZero();
    }

    @Test
    void aCallerWithoutTheRoleIsA403Forbidden() {
        Http supplier = f.http.basic(users.create(Role.SUPPLIER));

        assertProblem(f.auditor.post(VisitController.BASE, VALID), 403, "forbidden");
        assertProblem(f.auditor.header("Content-Type", "text/csv").post(ImportController.BASE, FieldopsFixture.HEADER), 403, "forbidden");
        assertProblem(supplier.get("/api/v1/fieldops/indicators/sla?by=polo"), 403, "forbidden");
        assertProblem(supplier.get(AtendimentoController.BASE), 403, "forbidden");
        assertThat(visits()).isZero();
        assertThat(imports()).isZero();
    }

    // 400 malformed-body

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "POST|/api/v1/fieldops/visits|{",
            "POST|/api/v1/fieldops/visits|[1,2]",
            "POST|/api/v1/fieldops/visits|\"a text\"",
            "POST|/api/v1/fieldops/visits|' '",
            "POST|/api/v1/fieldops/visits|''",
            "PUT|/api/v1/fieldops/visits/{id}|{\"clientId\": 1,",
            "PUT|/api/v1/fieldops/visits/{id}|''",
            "PATCH|/api/v1/fieldops/visits/{id}|[]",
            "PATCH|/api/v1/fieldops/visits/{id}|''",
            "POST|/api/v1/atendimento|''",
            "PUT|/api/v1/atendimento/{id}|{",
            "PATCH|/api/v1/atendimento/{id}/|42"})
    void aMalformedNonObjectOrEmptyBodyIsMalformedBody(String method, String path, String body) {
        long id = createVisit();
        JsonNode before = visit(id);

        assertProblem(send(f.operator, method, path, id, body), 400, "malformed-body");
        assertThat(visits()).isOne();
        assertThat(visit(id)).isEqualTo(before);
    }

    /** Not a row of section 7 but the platform's body limit ({@code quitto.web.max-body-size}, 1 MB) on field-ops' JSON paths. */
    @Test
    void aJsonBodyLargerThanOneMegabyteIsA413PayloadTooLarge() {
        String body = VALID.replace("\"Ana\"", "\"Ana\", \"padding\": \"" + "x".repeat(1_100_000) + "\"");

        assertProblem(f.operator.post(VisitController.BASE, body), 413, "payload-too-large");
        assertProblem(f.operator.post(AtendimentoController.BASE, body), 413, "payload-too-large");
        assertThat(visits()).isZero();
    }

    // 400 validation-failed: create

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}",
            "{\"clientId\": null, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}",
            "{\"clientId\": 0, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}",
            "{\"clientId\": -7, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}",
            "{\"clientId\": \"x\", \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}",
            "{\"clientId\": 1.5, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}",
            "{\"clientId\": 99999999999999999999, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}",
            "{\"clientId\": true, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}"})
    void aCreateWhoseClientIdIsMissingNotPositiveOrNotAnIntegerIsValidationFailed(String body) {
        JsonNode problem = assertProblem(f.operator.post(VisitController.BASE, body), 400, "validation-failed");

        assertThat(fields(problem)).containsExactly("clientId");
        assertThat(visits()).isZero();
    }

    @Test
    void aSeedCreateWithoutIdClienteIsValidationFailedWithMissingRequiredFields() {
        Http.Response response = f.operator.post(AtendimentoController.BASE,
                "{\"angel\": \"João César\", \"polo\": \"RJ - VOLTA REDONDA\", \"data_limite\": \"2021-06-30 15:30\"}");

        assertSeedProblem(response, 400, "validation-failed", "Missing required fields");
        assertThat(visits()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"clientId\": 1, \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|angel",
            "{\"clientId\": 1, \"angel\": \"Ana\", \"deadline\": \"2021-06-30\"}|polo",
            "{\"clientId\": 1, \"angel\": \" \", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|angel",
            "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"\\u00A0\\t\", \"deadline\": \"2021-06-30\"}|polo",
            "{\"clientId\": 1, \"angel\": null, \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|angel",
            "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": 5, \"deadline\": \"2021-06-30\"}|polo",
            "{\"clientId\": 1, \"angel\": [\"Ana\"], \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|angel"})
    void aCreateWhoseAngelOrPoloIsMissingOrBlankIsValidationFailed(String body, String field) {
        JsonNode problem = assertProblem(f.operator.post(VisitController.BASE, body), 400, "validation-failed");

        assertThat(fields(problem)).containsExactly(field);
        assertThat(visits()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"angel", "polo"})
    void aCreateWhoseAngelOrPoloIsLongerThan255CharactersIsValidationFailed(String field) {
        String body = VALID.replace(field.equals("angel") ? "\"Ana\"" : "\"PE - OLINDA\"", "\"" + "á".repeat(256) + "\"");

        JsonNode problem = assertProblem(f.operator.post(VisitController.BASE, body), 400, "validation-failed");

        assertThat(fields(problem)).containsExactly(field);
        assertThat(visits()).isZero();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "POST|/api/v1/fieldops/visits|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\"}|deadline",
            "POST|/api/v1/fieldops/visits|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-13-01\"}|deadline",
            "POST|/api/v1/fieldops/visits|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"31/02/2021\"}|deadline",
            "POST|/api/v1/fieldops/visits|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": 20210630}|deadline",
            "POST|/api/v1/fieldops/visits|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"0000-06-30\"}|deadline",
            "POST|/api/v1/atendimento|{\"id_cliente\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"data_limite\": \"30/06/21\"}|data_limite",
            "PUT|/api/v1/fieldops/visits/{id}|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-02-29\", \"visitedAt\": null}|deadline",
            "PATCH|/api/v1/fieldops/visits/{id}|{\"deadline\": \"2021-06-30 24:00\"}|deadline",
            "PATCH|/api/v1/fieldops/visits/{id}|{\"deadline\": null}|deadline",
            "PUT|/api/v1/atendimento/{id}|{\"data_limite\": \"amanhã\", \"data_de_atendimento\": null}|data_limite"})
    void aDeadlineMissingOrInvalidOnCreateOrUpdateIsValidationFailed(String method, String path, String body, String field) {
        long id = createVisit();
        JsonNode before = visit(id);

        JsonNode problem = assertProblem(send(f.operator, method, path, id, body), 400, "validation-failed");

        assertThat(fields(problem)).containsExactly(field);
        assertThat(visits()).isOne();
        assertThat(visit(id)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "POST|/api/v1/fieldops/visits|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\", \"visitedAt\": \"ontem\"}|visitedAt",
            "POST|/api/v1/fieldops/visits|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\", \"visitedAt\": \"2031-01-01T10:00:00\"}|visitedAt",
            "POST|/api/v1/fieldops/visits|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\", \"visitedAt\": \"31/02/2021 10:00\"}|visitedAt",
            "POST|/api/v1/atendimento|{\"id_cliente\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"data_limite\": \"2021-06-30\", \"data_de_atendimento\": \"??\"}|data_de_atendimento",
            "PUT|/api/v1/fieldops/visits/{id}|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\", \"visitedAt\": \"2021-13-01 09:00:00\"}|visitedAt",
            "PATCH|/api/v1/fieldops/visits/{id}|{\"visitedAt\": \"2099-12-31\"}|visitedAt",
            "PATCH|/api/v1/fieldops/visits/{id}|{\"visitedAt\": 1624975200}|visitedAt",
            "PATCH|/api/v1/fieldops/visits/{id}|{\"visitedAt\": \"0000-06-29 10:00:00\"}|visitedAt",
            "PATCH|/api/v1/atendimento/{id}|{\"data_de_atendimento\": \"ontem\"}|data_de_atendimento"})
    void aVisitDateUnparseableOrAfterTodayOnCreateOrUpdateIsValidationFailed(String method, String path, String body, String field) {
        long id = createVisit();
        JsonNode before = visit(id);

        JsonNode problem = assertProblem(send(f.operator, method, path, id, body), 400, "validation-failed");

        assertThat(fields(problem)).containsExactly(field);
        assertThat(visits()).isOne();
        assertThat(visit(id)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "-5", "\"abc\"", "1.5"})
    void aCreateWithAnIdThatIsNotAPositiveIntegerIsValidationFailed(String id) {
        JsonNode problem = assertProblem(f.operator.post(VisitController.BASE, VALID.replace("{", "{\"id\": " + id + ", ")), 400,
                "validation-failed");

        assertThat(fields(problem)).containsExactly("id");
        assertThat(visits()).isZero();
    }

    @Test
    void aCreateWithAnIdThatAlreadyExistsIsA409VisitAlreadyExists() {
        assertThat(f.operator.post(VisitController.BASE, VALID.replace("{", "{\"id\": 728, ")).status()).isEqualTo(201);
        JsonNode before = visit(728);

        assertProblem(f.operator.post(VisitController.BASE, VALID.replace("{", "{\"id\": 728, ").replace("\"Ana\"", "\"Bia\"")), 409,
                "visit-already-exists");
        assertProblem(f.operator.post(AtendimentoController.BASE, "{\"id_atendimento\": 728, \"id_cliente\": 2, \"angel\": \"Bia\", "
                + "\"polo\": \"P\", \"data_limite\": \"2021-06-30\"}"), 409, "visit-already-exists");
        assertThat(visit(728)).isEqualTo(before);
        assertThat(visits()).isOne();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "PUT|/api/v1/atendimento/{id}|{\"data_limite\": \"2025-01-25 23:00\"}",
            "PUT|/api/v1/atendimento/{id}/|{\"data_de_atendimento\": \"2025-01-24 15:25\"}",
            "PUT|/api/v1/fieldops/visits/{id}|{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}",
            "PUT|/api/v1/fieldops/visits/{id}|{\"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\", \"visitedAt\": null}"})
    void aPutWithoutAllItsKeysIsValidationFailedWithMissingRequiredFields(String method, String path, String body) {
        long id = createVisit();
        JsonNode before = visit(id);

        Http.Response response = send(f.operator, method, path, id, body);

        if (path.startsWith(AtendimentoController.BASE)) {
            assertSeedProblem(response, 400, "validation-failed", "Missing required fields");
        } else {
            assertProblem(response, 400, "validation-failed");
        }
        assertThat(visit(id)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/fieldops/visits/{id}|{\"colour\": \"red\"}",
            "/api/v1/fieldops/visits/{id}|{}",
            "/api/v1/fieldops/visits/{id}|{\"outcome\": \"LATE\", \"version\": 7}",
            "/api/v1/atendimento/{id}|{\"status\": \"LATE\"}"})
    void aPatchWithNoKnownFieldIsValidationFailed(String path, String body) {
        long id = createVisit();
        JsonNode before = visit(id);

        assertProblem(send(f.operator, "PATCH", path, id, body), 400, "validation-failed");
        assertThat(visit(id)).isEqualTo(before);
    }

    // path ids

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/fieldops/visits/abc", "/api/v1/fieldops/visits/-1", "/api/v1/fieldops/visits/0",
            "/api/v1/fieldops/visits/1.5", "/api/v1/fieldops/visits/99999999999999999999"})
    void aPathIdThatIsNotAPositiveIntegerIsInvalidId(String path) {
        assertProblem(f.auditor.get(path), 400, "invalid-id");
        assertProblem(f.operator.patch(path, "{\"visitedAt\": null}"), 400, "invalid-id");
        assertProblem(f.operator.put(path.replace(VisitController.BASE, AtendimentoController.BASE),
                "{\"data_limite\": \"2021-06-30\", \"data_de_atendimento\": null}"), 400, "invalid-id");
    }

    @Test
    void anUnknownVisitIsNotFound() {
        assertProblem(f.auditor.get(VisitController.BASE + "/424242"), 404, "not-found");
        assertProblem(f.operator.put(VisitController.BASE + "/424242", VALID.replace("}", ", \"visitedAt\": null}")), 404, "not-found");
        assertProblem(f.operator.patch(VisitController.BASE + "/424242", "{\"visitedAt\": null}"), 404, "not-found");
        assertProblem(f.operator.put(AtendimentoController.BASE + "/424242", "{\"data_limite\": \"2021-06-30\", \"data_de_atendimento\": null}"),
                404, "not-found");
        assertThat(visits()).isZero();
    }

    @Test
    void anIfMatchWithAStaleVersionIsA412VersionMismatch() {
        long id = createVisit();
        Http.Response patched = f.operator.header("If-Match", "\"1\"").patch(VisitController.BASE + "/" + id, "{\"visitedAt\": \"2021-06-29T10:00:00\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode before = visit(id);

        JsonNode problem = assertProblem(f.operator.header("If-Match", "\"1\"").patch(VisitController.BASE + "/" + id, "{\"visitedAt\": null}"),
                412, "version-mismatch");
        assertProblem(f.operator.header("If-Match", "W/\"1\"").put(VisitController.BASE + "/" + id, VALID.replace("}", ", \"visitedAt\": null}")),
                412, "version-mismatch");
        assertProblem(f.operator.header("If-Match", "\"not-a-version\"").patch(VisitController.BASE + "/" + id, "{\"visitedAt\": null}"),
                412, "version-mismatch");

        assertThat(problem.get("version").asInt()).isEqualTo(2);
        assertThat(visit(id)).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyReusedWithADifferentBodyIsA422IdempotencyKeyReused() {
        Http keyed = f.operator.header("Idempotency-Key", "fieldops-create-" + UUID.randomUUID());
        Http.Response first = keyed.post(VisitController.BASE, VALID);
        Http.Response replay = keyed.post(VisitController.BASE, VALID);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertProblem(keyed.post(VisitController.BASE, VALID.replace("\"Ana\"", "\"Bia\"")), 422, "idempotency-key-reused");
        assertThat(visits()).isOne();
    }

    // 400 invalid-parameter

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/v1/atendimento?order_by=invalid", "/api/v1/atendimento?order_by=--id", "/api/v1/atendimento?per_page=0",
            "/api/v1/atendimento?per_page=501", "/api/v1/atendimento?page=0", "/api/v1/atendimento?page=x",
            "/api/v1/fieldops/visits?sort=colour", "/api/v1/fieldops/visits?sort=id,sideways", "/api/v1/fieldops/visits?size=0",
            "/api/v1/fieldops/visits?size=501", "/api/v1/fieldops/visits?page=0", "/api/v1/fieldops/visits?page=99999999999",
            "/api/v1/fieldops/visits?status=LOST", "/api/v1/fieldops/visits?status=ON_TIME,,LATE", "/api/v1/fieldops/visits?onTime=maybe",
            "/api/v1/fieldops/visits?angelId=-1", "/api/v1/fieldops/visits?clientId=abc",
            "/api/v1/fieldops/indicators/sla", "/api/v1/fieldops/indicators/sla?by=client", "/api/v1/fieldops/indicators/productivity?by=uf",
            "/api/v1/fieldops/indicators/sla?by=polo&format=xml", "/api/v1/fieldops/indicators/sla?by=polo&size=5001",
            "/api/v1/fieldops/indicators/sla?by=polo&sort=productivity", "/api/v1/fieldops/indicators/productivity?by=angel&sort=sla",
            "/api/v1/fieldops/indicators/sla?by=polo&includeOverdue=maybe",
            "/api/v1/atendimento/angel_productivity?at_most=0", "/api/v1/atendimento/polo_productivity?at_most=10001",
            "/api/v1/fieldops/imports?status=DONE", "/api/v1/fieldops/imports?size=501", "/api/v1/fieldops/imports?size=0",
            "/api/v1/fieldops/imports?page=0"})
    void aSortPageSizeOrValueOutsideItsListIsInvalidParameter(String path) {
        JsonNode problem = assertProblem(f.auditor.get(path), 400, "invalid-parameter");

        if (path.contains("order_by")) {
            assertThat(problem.get("error").asString()).isEqualTo(AtendimentoController.ORDER_BY_ERROR);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/fieldops/visits?size=500", "/api/v1/fieldops/imports?size=500"})
    void aListAnswersPagesOfUpTo500(String path) {
        var response = f.auditor.get(path);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("size").asInt()).isEqualTo(500);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/v1/fieldops/visits?deadlineFrom=2021-07-01&deadlineTo=2021-06-01", "/api/v1/fieldops/visits?visitFrom=2021-07-01&visitTo=2021-06-30",
            "/api/v1/fieldops/visits?visitFrom=2021-02-30", "/api/v1/fieldops/visits?deadlineTo=30/06/2021", "/api/v1/fieldops/visits?asOf=today",
            "/api/v1/fieldops/visits?asOf=%2B5874898-01-01", "/api/v1/fieldops/visits?deadlineFrom=%2B10000-01-01",
            "/api/v1/fieldops/visits?visitTo=0000-12-31", "/api/v1/fieldops/indicators/sla?by=polo&from=0000-01-01&to=0000-12-31",
            "/api/v1/fieldops/indicators/sla?by=polo&from=2021-07-01&to=2021-06-01",
            "/api/v1/fieldops/indicators/sla?by=polo&from=2010-01-01&to=2021-01-01",
            "/api/v1/fieldops/indicators/sla?by=polo&asOf=%2B5874898-01-01", "/api/v1/fieldops/indicators/sla?by=angel&from=%2B5874898-01-01",
            "/api/v1/fieldops/indicators/productivity?by=angel&from=2010-01-01&to=2021-01-01",
            "/api/v1/fieldops/indicators/productivity?by=angel&from=%2B5874898-01-01&to=%2B5874898-01-02",
            "/api/v1/fieldops/business-days?from=2021-01-01", "/api/v1/fieldops/business-days?from=x&to=2021-01-01",
            "/api/v1/fieldops/business-days?from=2021-02-01&to=2021-01-01", "/api/v1/fieldops/business-days?from=2000-01-01&to=2021-01-01",
            "/api/v1/atendimento/angel_productivity?from=2021-07-01&to=2021-06-01", "/api/v1/atendimento/polo_productivity?from=2021-6-1"})
    void aReversedOrTooLongRangeOrABadDateInAQueryIsInvalidParameter(String path) {
        assertProblem(f.auditor.get(path), 400, "invalid-parameter");
    }

    // uploads

    @Test
    void anUploadWithoutAFilePartOrWithAnEmptyFileNameIsMissingFile() {
        byte[] sample = FieldopsFixture.sample();

        assertProblem(rawUpload(ImportController.BASE, "text/csv", HttpRequest.BodyPublishers.noBody()), 400, "missing-file");
        assertSeedProblem(rawUpload(SEED_UPLOAD, "text/csv", HttpRequest.BodyPublishers.noBody()), 400, "missing-file", "No file part");
        assertSeedProblem(FieldopsFixture.multipart(f.operator, f.url(SEED_UPLOAD), "document", "bd_desafio.csv", sample), 400, "missing-file",
                "No file part");
        assertSeedProblem(FieldopsFixture.multipart(f.operator, f.url(SEED_UPLOAD), "file", "", sample), 400, "missing-file", "No selected file");
        assertProblem(FieldopsFixture.multipart(f.operator, f.url(ImportController.BASE), "file", "", sample), 400, "missing-file");
        assertThat(imports()).isZero();
    }

    @Test
    void anUploadOfZeroBytesOrOnlyABomAndWhitespaceIsEmptyFile() {
        assertSeedProblem(FieldopsFixture.multipart(f.operator, f.url(SEED_UPLOAD), "file", "bd_desafio.csv", new byte[0]), 400, "empty-file",
                "Empty file");
        assertProblem(FieldopsFixture.multipart(f.operator, f.url(ImportController.BASE), "file", "bd_desafio.csv", new byte[0]), 400, "empty-file");
        assertProblem(rawUpload(ImportController.BASE, "\uFEFF  \n"), 400, "empty-file");
        assertProblem(rawUpload(ImportController.BASE, " \r\n\t\n"), 400, "empty-file");
        assertThat(imports()).isZero();
    }

    @Test
    void anUploadWhoseHeaderLacksAColumnOrFitsNoDelimiterIsMissingColumns() {
        JsonNode lacking = assertProblem(rawUpload(ImportController.BASE, "id_atendimento;id_cliente;angel;polo;data_limite\n1;2;Ana;P;30/06/2021\n"),
                400, "missing-columns");
        assertProblem(rawUpload(ImportController.BASE, FieldopsFixture.HEADER.replace(';', '\t') + "1\t2\tAna\tP\t30/06/2021\t-\n"), 400,
                "missing-columns");
        assertProblem(rawUpload(SEED_UPLOAD, FieldopsFixture.HEADER.replace(";angel;", ";anjo;")), 400, "missing-columns");

        assertThat(lacking.get("missingColumns").toString()).contains("data_de_atendimento");
        assertThat(imports()).isZero();
    }

    @Test
    void anUploadNamingAColumnTwiceIsDuplicateColumns() {
        assertProblem(rawUpload(ImportController.BASE, "id_atendimento;ID_ATENDIMENTO ;id_cliente;angel;polo;data_limite;data_de_atendimento\n"),
                400, "duplicate-columns");
        assertThat(imports()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "image/png", "application/x-www-form-urlencoded", "text/csv;;;="})
    void anUploadWithAnotherContentTypeIsUnsupportedMediaType(String contentType) {
        assertProblem(rawUpload(ImportController.BASE, contentType, HttpRequest.BodyPublishers.ofString(FieldopsFixture.HEADER)), 415,
                "unsupported-media-type");
        assertProblem(rawUpload(SEED_UPLOAD, contentType, HttpRequest.BodyPublishers.ofString(FieldopsFixture.HEADER)), 415,
                "unsupported-media-type");
        assertThat(imports()).isZero();
    }

    @Test
    void aVisitWithAnotherContentTypeIsUnsupportedMediaType() {
        assertProblem(f.operator.header("Content-Type", "text/plain").post(VisitController.BASE, VALID), 415, "unsupported-media-type");
        assertProblem(f.operator.header("Content-Type", "application/xml").post(AtendimentoController.BASE, VALID), 415, "unsupported-media-type");
        assertThat(visits()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?charset=latin-9", "?charset=UTF-16", "?delimiter=%7C", "?delimiter=;;"})
    void anUploadWithAnUnknownCharsetOrDelimiterIsInvalidParameter(String query) {
        assertProblem(rawUpload(ImportController.BASE + query, FieldopsFixture.HEADER), 400, "invalid-parameter");
        assertThat(imports()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/fieldops/imports/not-a-uuid", "/api/v1/fieldops/imports/not-a-uuid/errors",
            "/api/v1/fieldops/imports/01a208eb-c980-7290-a711-2d1e7c57855a0", "/api/v1/atendimento/task_status/42",
            "/api/v1/atendimento/task_status/not-a-uuid/"})
    void anImportOrTaskIdThatIsNotAUuidIsInvalidId(String path) {
        assertProblem(f.auditor.get(path), 400, "invalid-id");
    }

    @Test
    void anUnknownImportOrTaskIsNotFound() {
        String id = UUID.randomUUID().toString();

        assertProblem(f.auditor.get(ImportController.BASE + "/" + id), 404, "not-found");
        assertProblem(f.auditor.get(ImportController.BASE + "/" + id + "/errors"), 404, "not-found");
        assertProblem(f.auditor.get(ImportController.BASE + "/" + id + "/errors?format=csv"), 404, "not-found");
        assertProblem(f.auditor.header("Accept", "text/csv").get(ImportController.BASE + "/" + id + "/errors"), 404, "not-found");
        assertProblem(f.auditor.get(AtendimentoController.BASE + "/task_status/" + id), 404, "not-found");
    }

    // 405 / 406

    @Test
    void aMethodAPathDoesNotServeIsMethodNotAllowed() {
        assertProblem(f.operator.delete(VisitController.BASE + "/1"), 405, "method-not-allowed");
        assertProblem(f.operator.delete(AtendimentoController.BASE + "/1"), 405, "method-not-allowed");
        assertProblem(f.operator.put(ImportController.BASE, "{}"), 405, "method-not-allowed");
        assertProblem(f.operator.post("/api/v1/fieldops/indicators/sla?by=polo", "{}"), 405, "method-not-allowed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/fieldops/indicators/sla?by=polo", "/api/v1/fieldops/indicators/productivity?by=angel",
            "/api/v1/fieldops/visits", "/api/v1/fieldops/business-days?from=2021-06-01&to=2021-06-30"})
    void anAcceptThatCannotBeServedIsNotAcceptable(String path) {
        assertProblem(f.auditor.header("Accept", "application/xml").get(path), 406, "not-acceptable");
    }

    /** Spec section 7's last content row: bad rows inside an accepted file are data, not a refusal. */
    @Test
    void badRowsInsideAnAcceptedFileAreAcceptedWithA202AndReported() {
        String file = FieldopsFixture.HEADER + "1;2;Ana;PE - OLINDA;30/06/2021;ontem\nx;2;Ana;PE - OLINDA;30/06/2021;-\n"
                + "3;2;Ana;PE - OLINDA;01/01/0000;-\n4;2;Ana;PE - OLINDA;30/06/2021;0000-06-29 10:00:00\n5;2;Ana;PE - OLINDA;30/06/2021;-\n";

        JsonNode done = f.importFile(file.getBytes(StandardCharsets.UTF_8));

        assertThat(done.get("counts").get("rejected").asLong()).isEqualTo(4);
        assertThat(jdbc.sql("select id from fieldops_visit").query(Long.class).list()).containsExactly(5L);
    }
}
