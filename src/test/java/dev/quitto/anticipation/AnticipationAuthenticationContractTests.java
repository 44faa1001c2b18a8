package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestTokens;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * F20 and E17 on the module's own endpoints: 401 with the seed's bodies on the seed paths and a problem on the
 * canonical paths, for no or garbage credentials, an expired access token, a refresh token used as access, and a user
 * deactivated through the module's admin API while holding valid tokens.
 *
 * <p>Covered by the platform's tests and not repeated here: an access token sent to {@code /api/token/refresh/}
 * ({@code TokenIntegrationTests.refusesAnAccessTokenSentAsRefresh}), a wrong password, an unknown e-mail and an inactive
 * user on {@code /api/token/} ({@code TokenIntegrationTests.refusesWrongPasswordUnknownEmailAndInactiveUserWithOneBody}),
 * and 429 with {@code Retry-After} after the 11th failed login for one e-mail
 * ({@code LoginThrottleIntegrationTests.throttlesTheEleventhFailedLoginWithRetryAfter}).
 */
@QuittoIntegrationTest
class AnticipationAuthenticationContractTests {

    private static final String BASE = "/api/v1/anticipation";
    private static final String NOT_PROVIDED = "Authentication credentials were not provided.";
    private static final String TOKEN_NOT_VALID = "Given token not valid for any token type";

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
    long anticipation;

    @BeforeEach
    void setUp() {
        http = Http.on(port);
        f = SeedFixture.create(http, jdbc, users, clock);
        anticipation = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(5));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** One call of each seed endpoint, as the caller {@code http} is. */
    private List<Call> seedCalls() {
        return List.of(
                new Call("GET /api/payments/", h -> h.get("/api/payments/")),
                new Call("POST /api/payments/", h -> h.post("/api/payments/", "{\"supplier\": " + f.supplier1.supplierId()
                        + ", \"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": 1000}")),
                new Call("GET /api/payments/{id}/", h -> h.get("/api/payments/" + f.payment1 + "/")),
                new Call("POST /api/anticipations/", h -> h.post("/api/anticipations/", "{\"payment\": " + f.payment2
                        + ", \"new_due_date\": \"" + f.today() + "\"}")),
                new Call("GET /api/anticipations/", h -> h.get("/api/anticipations/")),
                new Call("GET /api/anticipations/{id}/", h -> h.get("/api/anticipations/" + anticipation + "/")),
                new Call("PATCH /api/anticipations/{id}/", h -> h.patch("/api/anticipations/" + anticipation + "/", "{\"status\": \"A\"}")),
                new Call("GET /api/logs/", h -> h.get("/api/logs/")));
    }

    /** One call of each canonical endpoint. */
    private List<Call> canonicalCalls() {
        return List.of(
                new Call("GET /payments", h -> h.get(BASE + "/payments")),
                new Call("POST /payments", h -> h.post(BASE + "/payments", "{\"dueDate\": \"" + f.today().plusDays(10) + "\", \"value\": \"10.00\"}")),
                new Call("GET /payments/{id}", h -> h.get(BASE + "/payments/" + f.payment1)),
                new Call("GET /payments/{id}/anticipation-preview", h -> h.get(BASE + "/payments/" + f.payment2 + "/anticipation-preview?newDueDate=" + f.today())),
                new Call("POST /payments/{id}/anticipations", h -> h.post(BASE + "/payments/" + f.payment2 + "/anticipations", "{\"newDueDate\": \"" + f.today() + "\"}")),
                new Call("GET /anticipations", h -> h.get(BASE + "/anticipations")),
                new Call("POST /anticipations/{id}/approve", h -> h.post(BASE + "/anticipations/" + anticipation + "/approve", "")),
                new Call("GET /logs", h -> h.get(BASE + "/logs")),
                new Call("GET /suppliers", h -> h.get(BASE + "/suppliers")),
                new Call("GET /me", h -> h.get(BASE + "/me")),
                new Call("GET /admin/users", h -> h.get(BASE + "/admin/users")));
    }

    private void assertSeed401(Http caller, String detail, boolean tokenCode) {
        SoftAssertions soft = new SoftAssertions();
        for (Call call : seedCalls()) {
            Http.Response response = call.send().apply(caller);
            soft.assertThat(response.status()).as(call.name()).isEqualTo(401);
            soft.assertThat(response.headerValues("WWW-Authenticate")).as(call.name()).contains("Bearer realm=\"api\"");
            soft.assertThat(response.json().get("detail").asString()).as(call.name()).isEqualTo(detail);
            if (tokenCode) {
                soft.assertThat(response.json().get("code").asString()).as(call.name()).isEqualTo("token_not_valid");
            }
        }
        soft.assertAll();
        assertThat(f.status(anticipation)).isEqualTo("PENDING");
    }

    private void assertCanonical401(Http caller, String code, String detail) {
        SoftAssertions soft = new SoftAssertions();
        for (Call call : canonicalCalls()) {
            Http.Response response = call.send().apply(caller);
            soft.assertThat(response.status()).as(call.name()).isEqualTo(401);
            soft.assertThat(response.contentType()).as(call.name()).startsWith("application/problem+json");
            soft.assertThat(response.headerValues("WWW-Authenticate")).as(call.name()).contains("Bearer realm=\"api\"");
            soft.assertThat(response.json().get("type").asString()).as(call.name()).isEqualTo("urn:quitto:problem:" + code);
            soft.assertThat(response.json().get("status").asInt()).as(call.name()).isEqualTo(401);
            soft.assertThat(response.json().get("detail").asString()).as(call.name()).isEqualTo(detail);
            soft.assertThat(response.json().get("instance").asString()).as(call.name()).startsWith(BASE + "/");
        }
        soft.assertAll();
        assertThat(f.status(anticipation)).isEqualTo("PENDING");
    }

    @Test
    void f20AnswersNoAuthorizationHeaderWithCredentialsNotProvidedOnSeedPaths() {
        assertSeed401(http, NOT_PROVIDED, false);
    }

    @Test
    void f20AnswersNoAuthorizationHeaderWithAnUnauthenticatedProblemOnCanonicalPaths() {
        assertCanonical401(http, "unauthorized", NOT_PROVIDED);
    }

    @Test
    void f20AnswersAGarbageBearerTokenWithTokenNotValidOnBothSurfaces() {
        Http garbage = http.bearer("eyJhbGciOiJIUzI1NiJ9.garbage.garbage");

        assertSeed401(garbage, TOKEN_NOT_VALID, true);
        assertCanonical401(garbage, "token_not_valid", TOKEN_NOT_VALID);
    }

    @Test
    void f20AnswersAnAccessTokenPastItsFiveMinutesWithTokenNotValidOnBothSurfaces() {
        Http expired = http.bearer(TestTokens.access(http, f.operator.user()));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertSeed401(expired, TOKEN_NOT_VALID, true);
        assertCanonical401(expired, "token_not_valid", TOKEN_NOT_VALID);
    }

    @Test
    void f20AnswersARefreshTokenSentAsBearerWithTokenNotValidOnBothSurfaces() {
        Http refreshAsAccess = http.bearer(TestTokens.refresh(http, f.operator.user()));

        assertSeed401(refreshAsAccess, TOKEN_NOT_VALID, true);
        assertCanonical401(refreshAsAccess, "token_not_valid", TOKEN_NOT_VALID);
    }

    @Test
    void e17AUserDeactivatedThroughTheAdminApiLosesItsValidAccessAndRefreshTokensAndItsLogin() {
        var admin = f.actor(users.createWithEmail(Role.ADMIN));
        var supplier = f.supplier1;
        String refresh = TestTokens.refresh(http, supplier.user());
        assertThat(http.bearer(supplier.token()).get("/api/payments/").status()).isEqualTo(200);

        var deactivated = http.bearer(admin.token()).patch(BASE + "/admin/users/" + supplier.user().id(), "{\"active\": false}");

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertSeed401(http.bearer(supplier.token()), TOKEN_NOT_VALID, true);
        assertCanonical401(http.bearer(supplier.token()), "token_not_valid", TOKEN_NOT_VALID);
        var refreshed = http.post("/api/token/refresh/", "{\"refresh\": \"" + refresh + "\"}");
        assertThat(refreshed.status()).isEqualTo(401);
        assertThat(refreshed.json().get("detail").asString()).isEqualTo("Token is invalid or expired");
        assertThat(refreshed.json().get("code").asString()).isEqualTo("token_not_valid");
        var login = http.post("/api/token/", "{\"email\": \"" + supplier.user().login() + "\", \"password\": \"" + supplier.user().password() + "\"}");
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.json().get("detail").asString()).isEqualTo("No active account found with the given credentials");
    }

    @Test
    void e17AnOperatorDeactivatedThroughTheAdminApiCannotApproveWithItsStillValidToken() {
        var admin = f.actor(users.createWithEmail(Role.ADMIN));

        http.bearer(admin.token()).patch(BASE + "/admin/users/" + f.operator.id(), "{\"active\": false}");
        var seed = f.decide(f.operator, anticipation, "A");
        var canonical = http.bearer(f.operator.token()).post(BASE + "/anticipations/" + anticipation + "/approve", "");

        assertThat(seed.status()).isEqualTo(401);
        assertThat(seed.json().get("detail").asString()).isEqualTo(TOKEN_NOT_VALID);
        assertThat(canonical.status()).isEqualTo(401);
        assertThat(f.status(anticipation)).isEqualTo("PENDING");
        assertThat(f.logRows(anticipation)).isEqualTo(1);
    }

    @Test
    void e17AReactivatedUserMayLogInAndUseTheApiAgain() {
        var admin = f.actor(users.createWithEmail(Role.ADMIN));
        Http asAdmin = http.bearer(admin.token());
        asAdmin.patch(BASE + "/admin/users/" + f.supplier1.user().id(), "{\"active\": false}");

        asAdmin.patch(BASE + "/admin/users/" + f.supplier1.user().id(), "{\"active\": true}");

        assertThat(http.bearer(f.supplier1.token()).get("/api/payments/").status()).isEqualTo(200);
        assertThat(http.bearer(TestTokens.access(http, f.supplier1.user())).get(BASE + "/me").status()).isEqualTo(200);
    }

    record Call(String name, Function<Http, Http.Response> send) {
    }
}
