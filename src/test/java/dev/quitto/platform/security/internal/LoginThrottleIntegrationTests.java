package dev.quitto.platform.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@QuittoIntegrationTest
class LoginThrottleIntegrationTests {

    private static final String ME = "/api/v1/test-probe/me";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    LoginFailureRepository failures;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = Http.on(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void throttlesTheEleventhFailedLoginWithRetryAfter() {
        TestUser supplier = users.createWithEmail(Role.SUPPLIER);
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(login(supplier.login(), "wrong-" + attempt).status()).isEqualTo(401);
        }

        var response = login(supplier.login(), "wrong-11");

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("900");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("too-many-requests");
        assertThat(response.json().get("detail").asString()).isEqualTo("Request was throttled. Expected available in 900 seconds.");
    }

    @Test
    void refusesEvenTheRightPasswordWhileThrottled() {
        TestUser supplier = users.createWithEmail(Role.SUPPLIER);
        failTenTimes(supplier.login());

        assertThat(login(supplier.login(), supplier.password()).status()).isEqualTo(429);
    }

    @Test
    void countsDownRetryAfterAsTheOldestFailureAges() {
        TestUser supplier = users.createWithEmail(Role.SUPPLIER);
        failTenTimes(supplier.login());
        clock.advance(Duration.ofMinutes(10));

        var response = login(supplier.login(), supplier.password());

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("300");
    }

    @Test
    void letsTheAccountInOnceTheFailuresLeaveTheWindow() {
        TestUser supplier = users.createWithEmail(Role.SUPPLIER);
        failTenTimes(supplier.login());
        clock.advance(Duration.ofMinutes(15));

        assertThat(login(supplier.login(), supplier.password()).status()).isEqualTo(200);
    }

    @Test
    void keepsCountingFailuresAfterASuccessfulLogin() {
        TestUser supplier = users.createWithEmail(Role.SUPPLIER);
        for (int attempt = 1; attempt <= 9; attempt++) {
            login(supplier.login(), "wrong-" + attempt);
        }
        assertThat(login(supplier.login(), supplier.password()).status()).isEqualTo(200);
        assertThat(login(supplier.login(), "wrong-10").status()).isEqualTo(401);

        assertThat(login(supplier.login(), supplier.password()).status()).isEqualTo(429);
    }

    @Test
    void throttlesFailedBasicAuthenticationOfTheSameAccount() {
        TestUser clinic = users.create(Role.CLINIC);
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(http.basic(clinic.login(), "wrong-" + attempt).get(ME).status()).isEqualTo(401);
        }

        var response = http.basic(clinic.login(), clinic.password()).get(ME);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("900");
        assertThat(response.json().get("code").asString()).isEqualTo("too-many-requests");
    }

    @Test
    void sharesTheCountBetweenTheTokenEndpointAndBasic() {
        TestUser clinic = users.create(Role.CLINIC);
        for (int attempt = 1; attempt <= 5; attempt++) {
            http.basic(clinic.login(), "wrong-" + attempt).get(ME);
            login(clinic.login(), "wrong-token-" + attempt);
        }

        assertThat(login(clinic.login(), clinic.password()).status()).isEqualTo(429);
    }

    @Test
    void throttlesAnAddressAfterFiftyFailuresOnAnyAccounts() {
        LoginThrottle throttle = new LoginThrottle(failures, new SecuritySettings.LoginRateLimit(10, 50, Duration.ofMinutes(15)));
        String address = "203.0.113." + UUID.randomUUID().toString().substring(0, 8);
        for (int attempt = 1; attempt <= 49; attempt++) {
            throttle.recordFailure("guess-" + UUID.randomUUID() + "@example.com", address, clock.instant());
        }
        assertThat(throttle.waitFor("someone-else@example.com", address, clock.instant())).isEmpty();

        throttle.recordFailure("guess-" + UUID.randomUUID() + "@example.com", address, clock.instant());

        assertThat(throttle.waitFor("someone-else@example.com", address, clock.instant())).contains(Duration.ofMinutes(15));
    }

    @Test
    void deletesFailuresThatLeftTheWindow() {
        LoginThrottle throttle = new LoginThrottle(failures, new SecuritySettings.LoginRateLimit(10, 50, Duration.ofMinutes(15)));
        String login = "aged-" + UUID.randomUUID() + "@example.com";
        throttle.recordFailure(login, "198.51.100.1", clock.instant());
        clock.advance(Duration.ofMinutes(15));

        throttle.recordFailure("other-" + UUID.randomUUID() + "@example.com", "198.51.100.1", clock.instant());

        assertThat(jdbc.sql("select count(*) from platform_login_failure where login = :login").param("login", login)
                .query(Long.class).single()).isZero();
    }

    private void failTenTimes(String login) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            login(login, "wrong-" + attempt);
        }
    }

    private Http.Response login(String email, String password) {
        String field = email.contains("@") ? "email" : "username";
        return http.post("/api/token/", "{\"" + field + "\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }
}
