package dev.quitto.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.net.http.HttpRequest;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every kind of bad input gets a problem+json body with a precise status and code, never a 500. */
@QuittoIntegrationTest
class ProblemHandlingIntegrationTests {

    private static final String ORDERS = "/api/v1/probe/orders";
    private static final String VALID = """
            {"customer":"Ana","colour":"RED","dueDate":"2026-12-01","lines":[{"qty":1,"value":"10.00"}]}""";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    Http http;

    @BeforeEach
    void signIn() {
        http = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
    }

    @Test
    void acceptsAValidBody() {
        assertThat(http.post(ORDERS, VALID).status()).isEqualTo(201);
    }

    @Test
    void answersMalformedJsonWith400MalformedBody() {
        var response = http.post(ORDERS, "{\"customer\": \"Ana\",");

        assertProblem(response, 400, "malformed-body");
        assertThat(response.json().get("detail").asString()).contains("not valid JSON");
    }

    @Test
    void answersAnEmptyBodyWith400MalformedBody() {
        assertProblem(http.post(ORDERS, ""), 400, "malformed-body");
    }

    @Test
    void answersAWrongTypeWith400NamingTheNestedField() {
        var response = http.post(ORDERS, VALID.replace("\"qty\":1", "\"qty\":\"many\""));

        JsonNode problem = assertProblem(response, 400, "validation-failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("lines[0].qty");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("wrong-type");
    }

    @Test
    void answersAnObjectWhereAStringBelongsWith400NamingTheField() {
        var response = http.post(ORDERS, VALID.replace("\"Ana\"", "{\"name\":\"Ana\"}"));

        JsonNode problem = assertProblem(response, 400, "validation-failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("customer");
    }

    @Test
    void answersAnUnknownEnumValueWith400ListingTheAllowedValues() {
        var response = http.post(ORDERS, VALID.replace("RED", "PURPLE"));

        JsonNode problem = assertProblem(response, 400, "validation-failed");
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("colour");
        assertThat(error.get("code").asString()).isEqualTo("invalid-value");
        assertThat(error.get("message").asString()).contains("RED, GREEN").contains("PURPLE");
    }

    @Test
    void answersAnImpossibleDateWith400NamingTheField() {
        var response = http.post(ORDERS, VALID.replace("2026-12-01", "2026-02-30"));

        JsonNode problem = assertProblem(response, 400, "validation-failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("dueDate");
    }

    @Test
    void answersMissingFieldsWith400ListingEveryOneAtOnce() {
        var response = http.post(ORDERS, "{\"lines\":[{}]}");

        JsonNode problem = assertProblem(response, 400, "validation-failed");
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactlyInAnyOrder("customer", "colour", "dueDate", "lines[0].qty", "lines[0].value");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("required");
    }

    @Test
    void answersAnOversizedBodyWith413() {
        String huge = VALID.replace("Ana", "A".repeat(1_100_000));

        assertProblem(http.post(ORDERS, huge), 413, "payload-too-large");
    }

    @Test
    void answersAnOversizedChunkedBodyWith413() {
        byte[] huge = VALID.replace("Ana", "A".repeat(1_100_000)).getBytes();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + ORDERS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)));

        assertProblem(http.send(request), 413, "payload-too-large");
    }

    @Test
    void answersAWrongContentTypeWith415() {
        var response = http.header("Content-Type", "text/plain").post(ORDERS, VALID);

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void answersAnUnknownRouteWith404() {
        assertProblem(http.get("/api/v1/no-such-thing"), 404, "not-found");
    }

    @Test
    void answersAWrongMethodWith405AndAllow() {
        var response = http.delete(ORDERS);

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).contains("POST");
    }

    @Test
    void answersAMalformedPathIdWith400NamingIt() {
        JsonNode problem = assertProblem(http.get(ORDERS + "/not-a-uuid"), 400, "validation-failed");

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void answersAMalformedQueryParameterWith400NamingIt() {
        JsonNode problem = assertProblem(http.get(ORDERS + "/0190d0b2-6a3e-7c4b-9f0a-1c2d3e4f5a6b?page=x"), 400, "validation-failed");

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("page");
    }

    @Test
    void rendersARefusalWithItsCodeAndProperties() {
        var response = http.get(ORDERS + "/0190d0b2-6a3e-7c4b-9f0a-1c2d3e4f5a6b");

        JsonNode problem = assertProblem(response, 404, "order-not-found");
        assertThat(problem.get("orderId").asString()).isEqualTo("0190d0b2-6a3e-7c4b-9f0a-1c2d3e4f5a6b");
        assertThat(problem.get("instance").asString()).isEqualTo(ORDERS + "/0190d0b2-6a3e-7c4b-9f0a-1c2d3e4f5a6b");
    }

    @Test
    void hidesTheDetailsOfAnUnexpectedError() {
        var response = http.get("/api/v1/probe/boom");

        JsonNode problem = assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("internals");
    }

    @Test
    void answersAnUnreachableDatabaseWith503AndRetryAfter() {
        var response = http.get("/api/v1/probe/database-down");

        assertProblem(response, 503, "unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void answersATransactionWhoseConnectionTheDatabaseDroppedWith503NotA500() {
        var response = http.get("/api/v1/probe/connection-dropped");

        assertProblem(response, 503, "unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void answersAnAcceptHeaderThatCannotBeReadWith406AndAProblemBody() {
        assertProblem(http.header("Accept", "???").get(ORDERS + "/0190d0b2-6a3e-7c4b-9f0a-1c2d3e4f5a6b"), 406, "not-acceptable");
    }

    @Test
    void answersAUrlTheFirewallRefusesWith400AndAProblemBody() {
        JsonNode problem = assertProblem(http.get(ORDERS + "/a%3Bb"), 400, "validation-failed");

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("url");
    }

    @Test
    void carriesTheRequestIdInTheHeaderAndTheProblem() {
        var response = http.header("X-Request-Id", "req-42").post(ORDERS, "{");

        assertThat(response.header("X-Request-Id")).isEqualTo("req-42");
        assertThat(response.json().get("traceId").asString()).isEqualTo("req-42");
    }

    @Test
    void replacesAnUnsafeRequestIdWithAFreshOne() {
        var response = http.header("X-Request-Id", "<script>").get("/api/v1/no-such-thing");

        assertThat(response.header("X-Request-Id")).isNotEqualTo("<script>").hasSize(36);
        assertThat(response.json().get("traceId").asString()).isEqualTo(response.header("X-Request-Id"));
    }

    private static JsonNode assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:quitto:problem:" + code);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("traceId").asString()).isNotBlank();
        return problem;
    }
}
