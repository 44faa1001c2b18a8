package dev.quitto.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestTokens;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@QuittoIntegrationTest
class AuthenticationIntegrationTests {

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
    void acceptsABearerAccessTokenAndResolvesTheCurrentUser() {
        TestUser clinic = users.create(Role.CLINIC);

        var response = http.bearer(TestTokens.access(http, clinic)).get(RoleProbeController.ME);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asLong()).isEqualTo(clinic.id());
        assertThat(response.json().get("login").asString()).isEqualTo(clinic.login());
        assertThat(response.json().get("roles").toString()).isEqualTo("[\"CLINIC\"]");
    }

    @Test
    void acceptsHttpBasic() {
        TestUser clinic = users.createWithEmail(Role.CLINIC);

        var response = http.basic(clinic.login(), clinic.password()).get(RoleProbeController.ME);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asLong()).isEqualTo(clinic.id());
    }

    @Test
    void answersNoCredentialsWith401BothChallengesAndAProblem() {
        var response = http.get(RoleProbeController.ME);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headerValues("WWW-Authenticate")).containsExactlyInAnyOrder("Bearer realm=\"api\"", "Basic realm=\"quitto\"");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("Authentication credentials were not provided.");
        assertThat(response.json().get("code").asString()).isEqualTo("unauthorized");
        assertThat(response.json().get("instance").asString()).isEqualTo(RoleProbeController.ME);
    }

    @Test
    void treatsAnUnknownAuthorizationSchemeAsNoCredentials() {
        var response = http.header("Authorization", "Token abc").get(RoleProbeController.ME);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).isEqualTo("Authentication credentials were not provided.");
    }

    @Test
    void refusesAnExpiredAccessToken() {
        TestUser clinic = users.create(Role.CLINIC);
        String access = TestTokens.access(http, clinic);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        var response = http.bearer(access).get(RoleProbeController.ME);

        assertTokenNotValid(response);
    }

    @Test
    void acceptsAnAccessTokenUntilItsLastSecond() {
        TestUser clinic = users.create(Role.CLINIC);
        String access = TestTokens.access(http, clinic);
        clock.advance(Duration.ofMinutes(5));

        var response = http.bearer(access).get(RoleProbeController.ME);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void refusesARefreshTokenAsBearer() {
        TestUser clinic = users.create(Role.CLINIC);

        var response = http.bearer(TestTokens.refresh(http, clinic)).get(RoleProbeController.ME);

        assertTokenNotValid(response);
    }

    @Test
    void refusesAMalformedBearerToken() {
        var response = http.bearer("not-a-jwt").get(RoleProbeController.ME);

        assertTokenNotValid(response);
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        TestUser clinic = users.create(Role.CLINIC);
        String[] parts = TestTokens.access(http, clinic).split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + "A" + parts[2].substring(1);

        var response = http.bearer(forged).get(RoleProbeController.ME);

        assertTokenNotValid(response);
    }

    @Test
    void stopsTheTokenOfADeactivatedUserAtOnce() {
        TestUser clinic = users.create(Role.CLINIC);
        String access = TestTokens.access(http, clinic);
        users.deactivate(clinic);

        var response = http.bearer(access).get(RoleProbeController.ME);

        assertTokenNotValid(response);
    }

    @Test
    void stopsTheCachedBasicCredentialsOfADeactivatedUserAtOnce() {
        TestUser clinic = users.create(Role.CLINIC);
        Http basic = http.basic(clinic.login(), clinic.password());
        assertThat(basic.get(RoleProbeController.ME).status()).isEqualTo(200);
        users.deactivate(clinic);

        var response = basic.get(RoleProbeController.ME);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void refusesAWrongBasicPasswordWith401Unauthorized() {
        TestUser clinic = users.create(Role.CLINIC);

        var response = http.basic(clinic.login(), "wrong-password").get(RoleProbeController.ME);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headerValues("WWW-Authenticate")).containsExactlyInAnyOrder("Bearer realm=\"api\"", "Basic realm=\"quitto\"");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("unauthorized");
        assertThat(response.json().get("detail").asString()).isEqualTo("Invalid username/password.");
    }

    @Test
    void refusesAMalformedBasicHeader() {
        var response = http.header("Authorization", "Basic %%%").get(RoleProbeController.ME);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void answersAMissingRoleWith403Problem() {
        TestUser erp = users.create(Role.ERP);

        var response = http.bearer(TestTokens.access(http, erp)).get(RoleProbeController.CLINIC_ONLY);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void answersAMissingRoleOverBasicWith403Problem() {
        TestUser erp = users.create(Role.ERP);

        var response = http.basic(erp.login(), erp.password()).get(RoleProbeController.CLINIC_ONLY);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void letsAdminPassTheRoleCheckOfAnotherRole() {
        TestUser admin = users.create(Role.ADMIN);

        var response = http.bearer(TestTokens.access(http, admin)).get(RoleProbeController.CLINIC_ONLY);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void readsRolesFromTheDatabaseOnEveryRequest() {
        TestUser clinic = users.create(Role.CLINIC);
        String access = TestTokens.access(http, clinic);
        Http basic = http.basic(clinic.login(), clinic.password());
        assertThat(basic.get(RoleProbeController.CLINIC_ONLY).status()).isEqualTo(200);
        users.replaceRoles(clinic, Role.ERP);

        assertThat(http.bearer(access).get(RoleProbeController.CLINIC_ONLY).status()).isEqualTo(403);
        assertThat(basic.get(RoleProbeController.CLINIC_ONLY).status()).isEqualTo(403);
    }

    @Test
    void keepsHealthOpenWithoutCredentials() {
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    }

    private static void assertTokenNotValid(Http.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headerValues("WWW-Authenticate")).containsExactlyInAnyOrder("Bearer realm=\"api\"", "Basic realm=\"quitto\"");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("Given token not valid for any token type");
        assertThat(response.json().get("code").asString()).isEqualTo("token_not_valid");
    }
}
