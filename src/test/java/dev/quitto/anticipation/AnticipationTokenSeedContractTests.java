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

/** Seed tests 1 to 3: tokens by e-mail and password, refresh, and bearer access to the payments. */
@QuittoIntegrationTest
class AnticipationTokenSeedContractTests {

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

    @Test
    void seed01ObtainsATokenPairWithEmailAndPassword() {
        var user = f.supplier1.user();

        var response = http.post("/api/token/", "{\"email\": \"" + user.login() + "\", \"password\": \"" + user.password() + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactlyInAnyOrder("refresh", "access");
    }

    @Test
    void seed02RefreshesTheAccessToken() {
        var user = f.supplier1.user();
        var pair = http.post("/api/token/", "{\"email\": \"" + user.login() + "\", \"password\": \"" + user.password() + "\"}").json();

        var response = http.post("/api/token/refresh/", "{\"refresh\": \"" + pair.get("refresh").asString() + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("access").asString()).isNotEqualTo(pair.get("access").asString());
    }

    @Test
    void seed03ListsPaymentsWithABearerAccessToken() {
        var response = http.bearer(f.supplier1.token()).get("/api/payments/");

        assertThat(response.status()).isEqualTo(200);
    }
}
