package dev.quitto.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@QuittoIntegrationTest
class HealthIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void reportsUpWithoutCredentials() {
        var response = Http.on(port).get("/actuator/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }
}
