package dev.quitto.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

@QuittoIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Test
    void reportsLivenessAndReadinessIncludingTheDatabase() {
        var liveness = Http.on(port).get("/actuator/health/liveness");
        var readiness = Http.on(port).get("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        var admin = Http.on(port).basic(users.create(Role.ADMIN).login(), TestUsers.PASSWORD);
        assertThat(admin.get("/actuator/health/readiness").json().get("components").has("db")).isTrue();
    }

    @Test
    void exposesPrometheusMetrics() {
        Http.on(port).get("/actuator/health");

        var metrics = Http.on(port).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections").contains("http_server_requests");
    }

    @Test
    void keepsOtherActuatorEndpointsForAdmins() {
        assertThat(Http.on(port).get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD).get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(Http.on(port).basic(users.create(Role.ADMIN).login(), TestUsers.PASSWORD).get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void writesTheRequestIdOnEveryLogLineOfTheRequest(CapturedOutput output) {
        Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD)
                .header("X-Request-Id", "trace-me-7").get("/api/v1/probe/boom");

        assertThat(output.getOut().lines().filter(line -> line.contains("Unexpected error")))
                .isNotEmpty().allMatch(line -> line.contains("[trace-me-7]"));
    }

    @Test
    void publishesOpenApiWithBothSecuritySchemes() {
        var docs = Http.on(port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("openapi").asString()).startsWith("3.1");
        assertThat(docs.json().get("components").get("securitySchemes").properties())
                .extracting(java.util.Map.Entry::getKey).contains("bearerAuth", "basicAuth");
    }

    @Test
    void servesSwaggerUiAtBothAddresses() {
        var swagger = Http.on(port).get("/swagger-ui.html");
        var docs = Http.on(port).get("/docs");

        assertThat(swagger.status()).isIn(200, 302);
        assertThat(docs.status()).isEqualTo(302);
        assertThat(docs.header("Location")).endsWith("/swagger-ui.html");
        assertThat(Http.on(port).get("/swagger-ui/index.html").body()).contains("Swagger UI");
    }
}
