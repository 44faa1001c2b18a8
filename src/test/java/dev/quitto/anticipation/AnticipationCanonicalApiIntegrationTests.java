package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The canonical API {@code /api/v1/anticipation} (F4, F7, F10, F13, F14, F19, F23 on this surface). */
@QuittoIntegrationTest
class AnticipationCanonicalApiIntegrationTests {

    private static final String BASE = "/api/v1/anticipation";

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

    private Http.Response request(String token, long payment, Object newDueDate) {
        return http.bearer(token).post(BASE + "/payments/" + payment + "/anticipations", "{\"newDueDate\": \"" + newDueDate + "\"}");
    }

    @Test
    void aSupplierWhoseUserHasNoEmailAddressGetsNoEmailWhileItsRequestAndDecisionStand() {
        TestUsers.TestUser withoutAddress = users.create(Role.SUPPLIER);
        long supplier = f.supplier(withoutAddress.id(), "Supplier without e-mail");
        long payment = f.payment(supplier, f.today().plusDays(10), "1000.00");

        long id = f.requestAnticipation(f.operator, payment, f.today());
        var approved = http.bearer(f.operator.token()).post(BASE + "/anticipations/" + id + "/approve", "");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(f.status(id)).isEqualTo("APPROVED");
        assertThat(f.logRows(id)).isEqualTo(2);
        assertThat(f.mails(id)).isEmpty();
    }

    @Test
    void f13PreviewEqualsTheStoredRequestAndThePaymentShowsIt() {
        var preview = http.bearer(f.supplier1.token()).get(BASE + "/payments/" + f.payment1 + "/anticipation-preview?newDueDate=" + f.today());
        var created = request(f.supplier1.token(), f.payment1, f.today());
        var payment = http.bearer(f.supplier1.token()).get(BASE + "/payments/" + f.payment1);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(BASE + "/anticipations/" + created.json().get("id").asLong());
        JsonNode a = created.json();
        for (String field : new String[]{"originalDueDate", "originalValue", "newDueDate", "newValue", "daysInAdvance", "discount", "monthlyRate"}) {
            assertThat(preview.json().get(field)).as(field).isEqualTo(a.get(field));
        }
        assertThat(a.get("newValue").asString()).isEqualTo("1089.00");
        assertThat(a.get("discount").asString()).isEqualTo("11.00");
        assertThat(a.get("monthlyRate").asString()).isEqualTo("0.03");
        assertThat(a.get("status").asString()).isEqualTo("PENDING");
        assertThat(a.get("approvable").asBoolean()).isTrue();
        assertThat(a.get("requestedBy").get("role").asString()).isEqualTo("SUPPLIER");
        assertThat(payment.json().get("status").asString()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(payment.json().get("statusCode").asString()).isEqualTo("PC");
        assertThat(payment.json().get("canRequestAnticipation").asBoolean()).isFalse();
        assertThat(payment.json().get("supplier").get("corporateName").asString()).isEqualTo("Supplier 01");
        assertThat(payment.json().get("anticipation").get("id").asLong()).isEqualTo(a.get("id").asLong());
    }

    @Test
    void f4RefusesASecondDecisionWith409ProblemOnTheCanonicalSurface() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));
        var approved = http.bearer(f.operator.token()).post(BASE + "/anticipations/" + id + "/approve", "");

        var denied = http.bearer(f.operator.token()).post(BASE + "/anticipations/" + id + "/deny", "");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("decidedBy").get("userId").asLong()).isEqualTo(f.operator.id());
        assertThat(denied.status()).isEqualTo(409);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        assertThat(denied.json().get("code").asString()).isEqualTo("anticipation-not-pending");
        assertThat(f.logRows(id)).isEqualTo(2);
    }

    @Test
    void refusesASupplierOnApproveWith403BeforeAnyLookup() {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        var own = http.bearer(f.supplier1.token()).post(BASE + "/anticipations/" + id + "/approve", "");
        var missing = http.bearer(f.supplier1.token()).post(BASE + "/anticipations/999999999/approve", "");

        assertThat(own.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(f.status(id)).isEqualTo("PENDING");
    }

    @Test
    void f7AnswersAnUnavailablePaymentAndADuplicateWith409() {
        long dueToday = f.payment(f.supplier1.supplierId(), f.today(), "100.00");
        f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today());

        var unavailable = request(f.supplier1.token(), dueToday, f.today());
        var duplicate = request(f.supplier1.token(), f.payment1, f.today());

        assertThat(unavailable.status()).isEqualTo(409);
        assertThat(unavailable.json().get("code").asString()).isEqualTo("payment-unavailable");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asString()).isEqualTo("anticipation-exists");
    }

    @Test
    void f10AnswersForeignAndMissingPaymentsAlikeOnCreateAndPreview() {
        var foreign = request(f.supplier1.token(), f.payment2, f.today());
        var missing = request(f.supplier1.token(), 999999999, f.today());
        var foreignPreview = http.bearer(f.supplier1.token()).get(BASE + "/payments/" + f.payment2 + "/anticipation-preview?newDueDate=" + f.today());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreignPreview.status()).isEqualTo(404);
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
    }

    @Test
    void f23RefusesASupplierCreatingAPaymentForAnotherSupplier() {
        var response = http.bearer(f.supplier1.token()).post(BASE + "/payments",
                "{\"supplierId\": " + f.supplier2.supplierId() + ", \"dueDate\": \"" + f.today().plusDays(5) + "\", \"value\": \"10.00\"}");
        var own = http.bearer(f.supplier1.token()).post(BASE + "/payments", "{\"dueDate\": \"" + f.today().plusDays(5) + "\", \"value\": 10.5}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("supplierId");
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.json().get("value").asString()).isEqualTo("10.50");
        assertThat(own.json().get("status").asString()).isEqualTo("AVAILABLE");
    }

    @Test
    void refusesUnknownPropertiesAndBadFiltersWith400() {
        var unknown = http.bearer(f.operator.token()).post(BASE + "/payments",
                "{\"supplierId\": " + f.supplier1.supplierId() + ", \"dueDate\": \"" + f.today() + "\", \"value\": \"1.00\", \"status\": \"A\"}");
        var status = http.bearer(f.operator.token()).get(BASE + "/payments?status=X");
        var size = http.bearer(f.operator.token()).get(BASE + "/payments?size=101");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(status.status()).isEqualTo(400);
        assertThat(size.status()).isEqualTo(400);
    }

    @Test
    void f15SuppliersFilteringByAnotherSupplierGetAnEmptyPage() {
        var response = http.bearer(f.supplier1.token()).get(BASE + "/payments?supplierId=" + f.supplier2.supplierId());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("totalItems").asLong()).isZero();
    }

    @Test
    void f19LogRowsHoldActorRoleTransitionValuesAndDates() {
        long id = f.requestAnticipation(f.operator, f.payment1, f.today().plusDays(1));
        f.decide(f.operator, id, "A");

        var rows = http.bearer(f.supplier1.token()).get(BASE + "/logs?anticipationId=" + id).json().get("items");

        assertThat(rows.size()).isEqualTo(2);
        JsonNode approved = rows.get(0);
        assertThat(approved.get("action").asString()).isEqualTo("A");
        assertThat(approved.get("actorUserId").asLong()).isEqualTo(f.operator.id());
        assertThat(approved.get("actorRole").asString()).isEqualTo("OPERATOR");
        assertThat(approved.get("fromStatus").asString()).isEqualTo("PENDING");
        assertThat(approved.get("toStatus").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("valueBefore").asString()).isEqualTo("1100.00");
        assertThat(approved.get("valueAfter").asString()).isEqualTo("1090.10");
        assertThat(approved.get("dueDateBefore").asString()).isEqualTo(f.today().plusDays(10).toString());
        assertThat(approved.get("dueDateAfter").asString()).isEqualTo(f.today().plusDays(1).toString());
        assertThat(rows.get(1).get("fromStatus").isNull()).isTrue();
        assertThat(f.mails(id)).extracting(SeedFixture.Mail::recipient).containsOnly(f.supplier1.user().login());
    }

    @Test
    void listsAnticipationsByStatusAndHistoryOfAPayment() {
        long denied = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));
        f.decide(f.operator, denied, "D");
        long pending = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(2));

        var history = http.bearer(f.supplier1.token()).get(BASE + "/payments/" + f.payment1 + "/anticipations");
        var pendingList = http.bearer(f.supplier1.token()).get(BASE + "/anticipations?status=PENDING");
        var deniedList = http.bearer(f.supplier1.token()).get(BASE + "/anticipations?status=D");
        var seedList = http.bearer(f.supplier1.token()).get("/api/anticipations/?status=PC");

        assertThat(history.json().valueStream().map(a -> a.get("id").asLong())).containsExactly(pending, denied);
        assertThat(pendingList.json().get("items").valueStream().map(a -> a.get("id").asLong())).containsExactly(pending);
        assertThat(deniedList.json().get("items").valueStream().map(a -> a.get("id").asLong())).containsExactly(denied);
        assertThat(seedList.json().get("results").valueStream().map(a -> a.get("id").asLong())).containsExactly(pending);
    }

    @Test
    void f14AdminCreatesAUserAndLinksASupplierAndMayActAsAnOperator() {
        SeedFixture.Actor admin = f.actor(users.createWithEmail(Role.ADMIN));
        String email = "u-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        var user = http.bearer(admin.token()).post(BASE + "/admin/users", "{\"email\": \"" + email.toUpperCase() + "\", \"firstName\": \"Ana\", \"password\": \"secret-123\"}");
        long userId = user.json().get("id").asLong();
        String cnpj = SeedFixture.randomCnpj();
        var supplier = http.bearer(admin.token()).post(BASE + "/admin/suppliers",
                "{\"corporateName\": \"  Ana Ltda \", \"cnpj\": \"" + cnpj.substring(0, 2) + "." + cnpj.substring(2, 5) + "." + cnpj.substring(5, 8) + "/"
                        + cnpj.substring(8, 12) + "-" + cnpj.substring(12) + "\", \"userId\": " + userId + "}");
        var again = http.bearer(admin.token()).post(BASE + "/admin/suppliers",
                "{\"corporateName\": \"Other\", \"cnpj\": \"" + SeedFixture.randomCnpj() + "\", \"userId\": " + userId + "}");
        var makeOperator = http.bearer(admin.token()).patch(BASE + "/admin/users/" + userId, "{\"operator\": true}");
        var approveAsAdmin = http.bearer(admin.token()).post(BASE + "/anticipations/"
                + f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today()) + "/approve", "");

        assertThat(user.status()).isEqualTo(201);
        assertThat(user.json().get("email").asString()).isEqualTo(email);
        assertThat(user.body()).doesNotContain("password");
        assertThat(supplier.status()).isEqualTo(201);
        assertThat(supplier.json().get("cnpj").asString()).isEqualTo(cnpj);
        assertThat(supplier.json().get("corporateName").asString()).isEqualTo("Ana Ltda");
        assertThat(again.status()).isEqualTo(409);
        assertThat(makeOperator.status()).isEqualTo(409);
        assertThat(approveAsAdmin.status()).isEqualTo(200);
        var me = http.bearer(TestTokensFor.email(http, email, "secret-123")).get(BASE + "/me");
        assertThat(me.json().get("supplierId").asLong()).isEqualTo(supplier.json().get("id").asLong());
        assertThat(me.json().get("roles").get(0).asString()).isEqualTo("SUPPLIER");
    }

    @ParameterizedTest(name = "CNPJ {0}: {1}")
    @CsvSource({"11.222.333/0001-81, 201", "12.abc.345/01de-35, 201", "11.222.333/0001-82, 400", "00.000.000/0000-00, 400"})
    void f14ChecksTheCnpjVectors(String cnpj, int status) {
        SeedFixture.Actor admin = f.actor(users.createWithEmail(Role.ADMIN));
        var user = users.createWithEmail();
        String normalized = cnpj.replaceAll("[./-]", "").toUpperCase();
        jdbc.sql("delete from anticipation_supplier s where cnpj = :cnpj and not exists (select 1 from anticipation_payment p where p.supplier_id = s.id)")
                .param("cnpj", normalized).update();

        var response = http.bearer(admin.token()).post(BASE + "/admin/suppliers",
                "{\"corporateName\": \"Vector\", \"cnpj\": \"" + cnpj + "\", \"userId\": " + user.id() + "}");

        assertThat(response.status()).isIn(status, status == 201 ? 409 : 400);
        if (response.status() == 201) {
            assertThat(response.json().get("cnpj").asString()).isEqualTo(normalized);
            jdbc.sql("delete from anticipation_supplier where id = :id").param("id", response.json().get("id").asLong()).update();
        }
    }

    @Test
    void f14RefusesNonAdminsOnAdminPathsAndNoRoleUsersOnMe() {
        assertThat(http.bearer(f.operator.token()).get(BASE + "/admin/users").status()).isEqualTo(403);
        assertThat(http.bearer(f.supplier1.token()).post(BASE + "/admin/suppliers", "{}").status()).isEqualTo(403);
        assertThat(http.bearer(f.common.token()).get(BASE + "/me").status()).isEqualTo(403);
        assertThat(http.bearer(f.supplier1.token()).get(BASE + "/suppliers").json().get("totalItems").asLong()).isEqualTo(1);
    }

    /** A token for an account created through the API. */
    static final class TestTokensFor {

        static String email(Http http, String email, String password) {
            return http.post("/api/token/", "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}").json().get("access").asString();
        }
    }
}
