package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Spec section 7: every bad input is a 4xx problem+json with its code, never a 5xx (acceptance 18). */
@QuittoIntegrationTest
class FieldopsBadInputIntegrationTests {

    private static final String VALID = "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"PE - OLINDA\", \"deadline\": \"2021-06-30\"}";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    FieldopsFixture f;

    @BeforeEach
    void setUp() {
        f = FieldopsFixture.create(port, users, jdbc);
    }

    private static void problem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{|malformed-body",
            "[1,2]|malformed-body",
            "' '|malformed-body",
            "{\"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|validation-failed",
            "{\"clientId\": 0, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|validation-failed",
            "{\"clientId\": \"x\", \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|validation-failed",
            "{\"clientId\": 1.5, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|validation-failed",
            "{\"clientId\": 1, \"angel\": \" \", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|validation-failed",
            "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": 5, \"deadline\": \"2021-06-30\"}|validation-failed",
            "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-13-01\"}|validation-failed",
            "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"31/02/2021\"}|validation-failed",
            "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\", \"visitedAt\": \"ontem\"}|validation-failed",
            "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\", \"visitedAt\": \"2031-01-01T10:00:00\"}|validation-failed",
            "{\"id\": 0, \"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"P\", \"deadline\": \"2021-06-30\"}|validation-failed"})
    void createRefusesBadBodies(String body, String code) {
        problem(f.operator.post(VisitController.BASE, body), 400, code);
        assertThat(jdbc.sql("select count(*) from fieldops_visit").query(Long.class).single()).isZero();
    }

    @Test
    void createRefusesAnAngelLongerThan255Characters() {
        problem(f.operator.post(VisitController.BASE, VALID.replace("\"Ana\"", "\"" + "a".repeat(256) + "\"")), 400, "validation-failed");
    }

    @Test
    void createWithAnExistingIdIsAConflict() {
        assertThat(f.operator.post(VisitController.BASE, VALID.replace("{", "{\"id\": 5, ")).status()).isEqualTo(201);

        problem(f.operator.post(VisitController.BASE, VALID.replace("{", "{\"id\": 5, ")), 409, "visit-already-exists");
    }

    @Test
    void createWithAnotherContentTypeIsUnsupported() {
        problem(f.operator.header("Content-Type", "text/plain").post(VisitController.BASE, VALID), 415, "unsupported-media-type");
    }

    @Test
    void putMissingAKeyAndPatchWithNoKnownFieldAreRefused() {
        long id = f.operator.post(VisitController.BASE, VALID).json().get("id").asLong();

        problem(f.operator.put(VisitController.BASE + "/" + id, "{\"clientId\": 1, \"angel\": \"Ana\"}"), 400, "validation-failed");
        problem(f.operator.patch(VisitController.BASE + "/" + id, "{\"colour\": \"red\"}"), 400, "validation-failed");
        problem(f.operator.patch(VisitController.BASE + "/" + id, "{}"), 400, "validation-failed");
    }

    @Test
    void pathIdsThatAreNotPositiveIntegersAreInvalidAndUnknownOnesNotFound() {
        problem(f.auditor.get(VisitController.BASE + "/abc"), 400, "invalid-id");
        problem(f.auditor.get(VisitController.BASE + "/-1"), 400, "invalid-id");
        problem(f.auditor.get(VisitController.BASE + "/99999999999999999999"), 400, "invalid-id");
        problem(f.auditor.get(VisitController.BASE + "/424242"), 404, "not-found");
        problem(f.operator.put(AtendimentoController.BASE + "/424242", "{\"data_limite\": \"2021-06-30\", \"data_de_atendimento\": null}"),
                404, "not-found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1/atendimento?per_page=0", "/api/v1/atendimento?per_page=501", "/api/v1/atendimento?page=0",
            "/api/v1/fieldops/visits?sort=colour", "/api/v1/fieldops/visits?size=501", "/api/v1/fieldops/visits?status=LOST",
            "/api/v1/fieldops/visits?deadlineFrom=2021-07-01&deadlineTo=2021-06-01", "/api/v1/fieldops/visits?visitFrom=2021-02-30",
            "/api/v1/fieldops/indicators/sla?by=client", "/api/v1/fieldops/indicators/sla", "/api/v1/fieldops/indicators/sla?by=polo&format=xml",
            "/api/v1/fieldops/indicators/sla?by=polo&from=2021-07-01&to=2021-06-01", "/api/v1/fieldops/indicators/sla?by=polo&size=5001",
            "/api/v1/fieldops/indicators/sla?by=polo&sort=productivity", "/api/v1/fieldops/indicators/sla?by=polo&includeOverdue=maybe",
            "/api/v1/fieldops/indicators/productivity?by=angel&from=2010-01-01&to=2021-01-01",
            "/api/v1/fieldops/business-days?from=2021-01-01", "/api/v1/fieldops/business-days?from=x&to=2021-01-01",
            "/api/v1/atendimento/angel_productivity?at_most=0", "/api/v1/atendimento/polo_productivity?at_most=10001"})
    void badQueryParametersAreInvalidParameters(String path) {
        problem(f.auditor.get(path), 400, "invalid-parameter");
    }

    @Test
    void anAcceptThatCannotBeServedIsNotAcceptable() {
        problem(f.auditor.header("Accept", "application/xml").get("/api/v1/fieldops/indicators/sla?by=polo"), 406, "not-acceptable");
    }

    @Test
    void uploadsWithoutFileWithAnEmptyFileOrWithoutTheColumnsAreRefused() {
        problem(f.operator.send(HttpRequest.newBuilder(f.url(ImportController.BASE)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.noBody())), 400, "missing-file");
        problem(f.operator.send(HttpRequest.newBuilder(f.url(ImportController.BASE)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("\uFEFF  \n"))), 400, "empty-file");
        problem(f.operator.send(HttpRequest.newBuilder(f.url(ImportController.BASE)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("id_atendimento;angel\n1;Ana\n"))), 400, "missing-columns");
        problem(f.operator.send(HttpRequest.newBuilder(f.url(ImportController.BASE)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "unsupported-media-type");
        problem(f.operator.send(HttpRequest.newBuilder(f.url(ImportController.BASE + "?charset=latin-9")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(FieldopsFixture.HEADER))), 400, "invalid-parameter");
        problem(f.auditor.get(ImportController.BASE + "/not-a-uuid"), 400, "invalid-id");
        problem(f.operator.send(HttpRequest.newBuilder(f.url(ImportController.BASE)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("id_atendimento;id_atendimento;id_cliente;angel;polo;data_limite;data_de_atendimento\n"))),
                400, "duplicate-columns");
    }

    @Test
    void aMethodAPathDoesNotServeIsMethodNotAllowed() {
        problem(f.operator.delete(VisitController.BASE + "/1"), 405, "method-not-allowed");
    }

    @Test
    void anIdempotencyKeyReplaysTheCreateAndRefusesADifferentBody() {
        Http keyed = f.operator.header("Idempotency-Key", "fieldops-create-1");
        Http.Response first = keyed.post(VisitController.BASE, VALID);
        Http.Response replay = keyed.post(VisitController.BASE, VALID);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(jdbc.sql("select count(*) from fieldops_visit").query(Long.class).single()).isEqualTo(1);
        problem(keyed.post(VisitController.BASE, VALID.replace("\"Ana\"", "\"Bia\"")), 422, "idempotency-key-reused");
    }

    @Test
    void rolesAreEnforced() {
        Http auditor = f.auditor;
        problem(auditor.post(VisitController.BASE, VALID), 403, "forbidden");
        Http stranger = f.http.basic(users.create(Role.SUPPLIER));
        problem(stranger.get("/api/v1/fieldops/indicators/sla?by=polo"), 403, "forbidden");
        problem(f.http.get(VisitController.BASE), 401, "unauthorized");
    }
}
