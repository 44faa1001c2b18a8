package dev.quitto.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestTokens;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@QuittoIntegrationTest
class UserAdministrationIntegrationTests {

    private static final String USERS = "/api/v1/platform/users";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    Http http;
    Http admin;

    @BeforeEach
    void setUp() {
        http = Http.on(port);
        admin = http.bearer(TestTokens.access(http, users.create(Role.ADMIN)));
    }

    @Test
    void createsAUserAndAnswers201WithLocationAndNoPassword() {
        String username = fresh();

        var response = admin.post(USERS, """
                {"username":"%s","email":"%s@Example.com","firstName":"Ana","password":"s3cret-pass","roles":["OPERATOR","AUDITOR"]}
                """.formatted(username, username));

        assertThat(response.status()).isEqualTo(201);
        JsonNode user = response.json();
        assertThat(response.header("Location")).isEqualTo(USERS + "/" + user.get("id").asLong());
        assertThat(user.get("username").asString()).isEqualTo(username);
        assertThat(user.get("email").asString()).isEqualTo(username + "@example.com");
        assertThat(user.get("firstName").asString()).isEqualTo("Ana");
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.get("roles").toString()).isEqualTo("[\"OPERATOR\",\"AUDITOR\"]");
        assertThat(user.get("createdAt").asString()).endsWith("-03:00");
        assertThat(response.body()).doesNotContainIgnoringCase("password").doesNotContain("s3cret-pass").doesNotContain("{bcrypt}");
    }

    @Test
    void letsTheCreatedUserObtainTokens() {
        String username = fresh();
        admin.post(USERS, """
                {"username":"%s","firstName":"Bia","password":"s3cret-pass","roles":["ERP"]}
                """.formatted(username));

        var response = http.post("/api/token/", "{\"username\":\"" + username + "\",\"password\":\"s3cret-pass\"}");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void getsOneUser() {
        TestUser clinic = users.create(Role.CLINIC);

        var response = admin.get(USERS + "/" + clinic.id());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("username").asString()).isEqualTo(clinic.login());
        assertThat(response.json().get("roles").toString()).isEqualTo("[\"CLINIC\"]");
        assertThat(response.json().has("passwordHash")).isFalse();
    }

    @Test
    void answersAnUnknownUserWith404() {
        var response = admin.get(USERS + "/" + Long.MAX_VALUE);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asString()).isEqualTo("not-found");
    }

    @Test
    void listsUsersInPages() {
        users.create(Role.ERP);
        users.create(Role.ERP);

        var response = admin.get(USERS + "?page=1&size=2");

        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("totalItems").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.get("links").get("next").asString()).contains("page=2").contains("size=2");
        assertThat(StreamSupport.stream(page.get("items").spliterator(), false)).allSatisfy(user -> assertThat(user.has("passwordHash")).isFalse());
    }

    @Test
    void refusesPageZeroWith400() {
        var response = admin.get(USERS + "?page=0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("page");
    }

    @Test
    void replacesTheRoles() {
        TestUser clinic = users.create(Role.CLINIC);

        var response = admin.put(USERS + "/" + clinic.id() + "/roles", "{\"roles\":[\"FINANCE\",\"ERP\"]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("roles").toString()).isEqualTo("[\"ERP\",\"FINANCE\"]");
        assertThat(admin.get(USERS + "/" + clinic.id()).json().get("roles").toString()).isEqualTo("[\"ERP\",\"FINANCE\"]");
    }

    @Test
    void deactivatesAUserWhoseTokenStopsAtOnce() {
        TestUser clinic = users.create(Role.CLINIC);
        String access = TestTokens.access(http, clinic);

        var response = admin.patch(USERS + "/" + clinic.id(), "{\"active\":false}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("active").asBoolean()).isFalse();
        assertThat(http.bearer(access).get("/api/v1/test-probe/me").status()).isEqualTo(401);
    }

    @Test
    void reactivatesAUser() {
        TestUser clinic = users.create(Role.CLINIC);
        users.deactivate(clinic);

        var response = admin.patch(USERS + "/" + clinic.id(), "{\"active\":true}");

        assertThat(response.json().get("active").asBoolean()).isTrue();
        assertThat(http.basic(clinic.login(), clinic.password()).get("/api/v1/test-probe/me").status()).isEqualTo(200);
    }

    @Test
    void changesTheFirstNameAndKeepsTheRest() {
        TestUser clinic = users.create(Role.CLINIC);

        var response = admin.patch(USERS + "/" + clinic.id(), "{\"firstName\":\"Carla\"}");

        assertThat(response.json().get("firstName").asString()).isEqualTo("Carla");
        assertThat(response.json().get("active").asBoolean()).isTrue();
        assertThat(response.json().get("roles").toString()).isEqualTo("[\"CLINIC\"]");
    }

    @Test
    void changesThePasswordAndForgetsTheCachedBasicCredentials() {
        TestUser clinic = users.create(Role.CLINIC);
        Http oldBasic = http.basic(clinic.login(), clinic.password());
        assertThat(oldBasic.get("/api/v1/test-probe/me").status()).isEqualTo(200);

        var response = admin.patch(USERS + "/" + clinic.id(), "{\"password\":\"brand-new-pass\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(oldBasic.get("/api/v1/test-probe/me").status()).isEqualTo(401);
        assertThat(http.basic(clinic.login(), "brand-new-pass").get("/api/v1/test-probe/me").status()).isEqualTo(200);
    }

    @Test
    void refusesADuplicateUsernameWith409() {
        TestUser existing = users.create(Role.ERP);

        var response = admin.post(USERS, """
                {"username":"%s","firstName":"Dup","password":"s3cret-pass","roles":["ERP"]}
                """.formatted(existing.login()));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("user-exists");
        assertThat(response.json().get("field").asString()).isEqualTo("username");
    }

    @Test
    void refusesADuplicateEmailInAnotherCaseWith409() {
        TestUser existing = users.createWithEmail(Role.SUPPLIER);

        var response = admin.post(USERS, """
                {"email":"%s","firstName":"Dup","password":"s3cret-pass","roles":["SUPPLIER"]}
                """.formatted(existing.login().toUpperCase()));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("code").asString()).isEqualTo("user-exists");
        assertThat(response.json().get("field").asString()).isEqualTo("email");
    }

    @Test
    void listsEveryInvalidFieldAtOnce() {
        var response = admin.post(USERS, """
                {"username":"Not Valid!","email":"not-an-email","firstName":"X","password":"short","roles":["ERP"]}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(fields(response)).containsExactlyInAnyOrder("username", "email", "password");
    }

    @Test
    void refusesAUserWithNeitherUsernameNorEmail() {
        var response = admin.post(USERS, "{\"firstName\":\"X\",\"password\":\"s3cret-pass\",\"roles\":[]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("usernameOrEmail");
    }

    @Test
    void refusesAPasswordLongerThan128() {
        var response = admin.post(USERS, """
                {"username":"%s","firstName":"X","password":"%s","roles":[]}
                """.formatted(fresh(), "p".repeat(129)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("password");
    }

    @Test
    void refusesAnUnknownRoleNamingTheField() {
        var response = admin.post(USERS, """
                {"username":"%s","firstName":"X","password":"s3cret-pass","roles":["WIZARD"]}
                """.formatted(fresh()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response).getFirst()).startsWith("roles");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("WIZARD");
    }

    @Test
    void refusesAnUnknownRoleWhenReplacingRoles() {
        TestUser clinic = users.create(Role.CLINIC);

        var response = admin.put(USERS + "/" + clinic.id() + "/roles", "{\"roles\":[\"CLINIC\",\"WIZARD\"]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response).getFirst()).startsWith("roles");
    }

    @Test
    void refusesNonAdminsWith403() {
        Http operator = http.bearer(TestTokens.access(http, users.create(Role.OPERATOR)));

        assertThat(operator.get(USERS).status()).isEqualTo(403);
        var response = operator.post(USERS, "{\"username\":\"" + fresh() + "\",\"firstName\":\"X\",\"password\":\"s3cret-pass\",\"roles\":[\"ADMIN\"]}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void refusesAnonymousCallersWith401() {
        assertThat(http.get(USERS).status()).isEqualTo(401);
    }

    private static List<String> fields(Http.Response response) {
        return StreamSupport.stream(response.json().get("errors").spliterator(), false).map(error -> error.get("field").asString()).toList();
    }

    private static String fresh() {
        return "a-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
