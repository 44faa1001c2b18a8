package dev.quitto.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestTokens;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@QuittoIntegrationTest
class TokenIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

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
    void issuesAccessAndRefreshForEmailAndPassword() {
        TestUser supplier = users.createWithEmail(Role.SUPPLIER);

        var response = http.post("/api/token/", "{\"email\":\"" + supplier.login() + "\",\"password\":\"" + supplier.password() + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("refresh", "access");
        JsonNode access = claims(response.json().get("access").asString());
        assertThat(access.get("sub").asString()).isEqualTo(Long.toString(supplier.id()));
        assertThat(access.get("typ").asString()).isEqualTo("access");
        assertThat(access.get("iat").asLong()).isEqualTo(TestClock.START.getEpochSecond());
        assertThat(access.get("exp").asLong()).isEqualTo(TestClock.START.plus(Duration.ofMinutes(5)).getEpochSecond());
        JsonNode refresh = claims(response.json().get("refresh").asString());
        assertThat(refresh.get("typ").asString()).isEqualTo("refresh");
        assertThat(refresh.get("exp").asLong()).isEqualTo(TestClock.START.plus(Duration.ofHours(24)).getEpochSecond());
        assertThat(refresh.get("jti").asString()).isNotEqualTo(access.get("jti").asString());
    }

    @Test
    void issuesTokensForUsernameAndPassword() {
        TestUser erp = users.create(Role.ERP);

        var response = http.post("/api/token", "{\"username\":\"" + erp.login() + "\",\"password\":\"" + erp.password() + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("refresh", "access");
    }

    @Test
    void matchesTheEmailCaseInsensitively() {
        TestUser supplier = users.createWithEmail(Role.SUPPLIER);

        var response = http.post("/api/token/", "{\"email\":\"" + supplier.login().toUpperCase() + "\",\"password\":\"" + supplier.password() + "\"}");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void issuesADifferentTokenPairEachTime() {
        TestUser erp = users.create(Role.ERP);

        String first = TestTokens.access(http, erp);
        String second = TestTokens.access(http, erp);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesWrongPasswordUnknownEmailAndInactiveUserWithOneBody() {
        TestUser active = users.createWithEmail(Role.SUPPLIER);
        TestUser inactive = users.createWithEmail(Role.SUPPLIER);
        users.deactivate(inactive);

        var wrongPassword = http.post("/api/token/", "{\"email\":\"" + active.login() + "\",\"password\":\"wrong-password\"}");
        var unknownEmail = http.post("/api/token/", "{\"email\":\"nobody-" + active.id() + "@example.com\",\"password\":\"whatever\"}");
        var inactiveUser = http.post("/api/token/", "{\"email\":\"" + inactive.login() + "\",\"password\":\"" + inactive.password() + "\"}");

        for (var response : new Http.Response[] {wrongPassword, unknownEmail, inactiveUser}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).isEqualTo("No active account found with the given credentials");
            assertThat(response.headerValues("WWW-Authenticate")).contains("Bearer realm=\"api\"");
        }
    }

    @Test
    void answersAMissingEmailWithTheSeedFieldMap() {
        var response = http.post("/api/token/", "{\"password\":\"whatever\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("email").toString()).isEqualTo("[\"This field is required.\"]");
        assertThat(response.json().has("password")).isFalse();
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void answersAMissingPasswordWithTheSeedFieldMap() {
        var response = http.post("/api/token/", "{\"email\":\"user01@email.com\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("password").toString()).isEqualTo("[\"This field is required.\"]");
        assertThat(response.json().has("email")).isFalse();
    }

    @Test
    void answersAnEmptyBodyWithBothMissingFields() {
        var response = http.post("/api/token/", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("email").toString()).isEqualTo("[\"This field is required.\"]");
        assertThat(response.json().get("password").toString()).isEqualTo("[\"This field is required.\"]");
        assertThat(response.json().get("errors")).hasSize(2);
    }

    @Test
    void refreshGivesANewAccessTokenDifferentFromTheOldOne() {
        TestUser erp = users.create(Role.ERP);
        var pair = http.post("/api/token/", "{\"username\":\"" + erp.login() + "\",\"password\":\"" + erp.password() + "\"}").json();

        var response = http.post("/api/token/refresh/", "{\"refresh\":\"" + pair.get("refresh").asString() + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("access");
        String access = response.json().get("access").asString();
        assertThat(access).isNotEqualTo(pair.get("access").asString());
        assertThat(claims(access).get("typ").asString()).isEqualTo("access");
        assertThat(http.bearer(access).get(RoleProbeController.ME).status()).isEqualTo(200);
    }

    @Test
    void servesRefreshWithoutTheTrailingSlash() {
        TestUser erp = users.create(Role.ERP);

        var response = http.post("/api/token/refresh", "{\"refresh\":\"" + TestTokens.refresh(http, erp) + "\"}");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void refusesAnAccessTokenSentAsRefresh() {
        TestUser erp = users.create(Role.ERP);

        var response = http.post("/api/token/refresh/", "{\"refresh\":\"" + TestTokens.access(http, erp) + "\"}");

        assertTokenInvalidOrExpired(response);
    }

    @Test
    void refusesAnExpiredRefreshToken() {
        TestUser erp = users.create(Role.ERP);
        String refresh = TestTokens.refresh(http, erp);
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        var response = http.post("/api/token/refresh/", "{\"refresh\":\"" + refresh + "\"}");

        assertTokenInvalidOrExpired(response);
    }

    @Test
    void refusesTheRefreshTokenOfAUserDeactivatedSince() {
        TestUser erp = users.create(Role.ERP);
        String refresh = TestTokens.refresh(http, erp);
        users.deactivate(erp);

        var response = http.post("/api/token/refresh/", "{\"refresh\":\"" + refresh + "\"}");

        assertTokenInvalidOrExpired(response);
    }

    @Test
    void refusesAGarbageRefreshToken() {
        var response = http.post("/api/token/refresh/", "{\"refresh\":\"not.a.token\"}");

        assertTokenInvalidOrExpired(response);
    }

    @Test
    void answersAMissingRefreshWithTheSeedFieldMap() {
        var response = http.post("/api/token/refresh/", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("refresh").toString()).isEqualTo("[\"This field is required.\"]");
    }

    @Test
    void ignoresAStaleBearerHeaderOnTheTokenEndpoints() {
        TestUser erp = users.create(Role.ERP);
        String refresh = TestTokens.refresh(http, erp);

        var response = http.bearer("expired.or.garbage").post("/api/token/refresh/", "{\"refresh\":\"" + refresh + "\"}");

        assertThat(response.status()).isEqualTo(200);
    }

    private static void assertTokenInvalidOrExpired(Http.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("Token is invalid or expired");
        assertThat(response.json().get("code").asString()).isEqualTo("token_not_valid");
    }

    private static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
