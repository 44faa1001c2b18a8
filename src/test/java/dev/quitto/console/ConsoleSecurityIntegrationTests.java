package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.anticipation.AnticipationPortal;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's session chain beside the platform's stateless API chain: sessions and CSRF on the console paths only,
 * least privilege per role, scoping (another supplier's row is 404), and an account change ending a session.
 */
@QuittoIntegrationTest
class ConsoleSecurityIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;
    @Autowired
    TestClock clock;
    @Autowired
    AnticipationPortal anticipation;

    ConsoleFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new ConsoleFixture(jdbc, users, clock);
    }

    @Test
    void theApiIgnoresAConsoleSessionCookieAndStillAnswers401ProblemJson() {
        ConsoleFixture.Supplier supplier = fixture.supplier("Supplier Cookie");
        ConsoleSession console = new ConsoleSession(port).signIn(supplier.user().login(), TestUsers.PASSWORD);

        ConsoleSession.Page api = console.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/anticipation/payments"))
                .header("Cookie", "JSESSIONID=" + console.sessionCookie()).GET());

        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theApiSetsNoSessionCookieForHttpBasic() {
        ConsoleFixture.Supplier supplier = fixture.supplier("Supplier Basic");

        Http.Response api = Http.on(port).basic(supplier.user()).get("/api/v1/anticipation/payments");

        assertThat(api.status()).isEqualTo(200);
        assertThat(api.headerValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aConsoleFormPostedWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        ConsoleFixture.Supplier supplier = fixture.supplier("Supplier Csrf");
        long payment = fixture.payment(supplier, fixture.today().plusDays(10), "1100.00");
        ConsoleSession console = new ConsoleSession(port).signIn(supplier.user().login(), TestUsers.PASSWORD);

        ConsoleSession.Page refused = console.postWithoutToken("/console/supplier/payments/" + payment + "/anticipations",
                Map.of("newDueDate", fixture.today().plusDays(3).toString()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from anticipation_request where payment_id = :id").param("id", payment).query(Long.class).single()).isZero();
    }

    @Test
    void theLoginFormNeedsTheCsrfTokenToo() {
        ConsoleSession console = new ConsoleSession(port);

        ConsoleSession.Page refused = console.postWithoutToken("/login", Map.of("login", "admin", "password", "teste123"));

        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void consolePagesCarryAContentSecurityPolicyThatAllowsOnlyTheServiceItself() {
        ConsoleSession.Page login = new ConsoleSession(port).get("/login");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(login.body()).contains("/webjars/htmx.org/", "/dist/htmx.min.js").doesNotContain("https://");
    }

    @Test
    void htmxAndChartJsAreServedFromTheJarWithoutSigningIn() {
        ConsoleSession anonymous = new ConsoleSession(port);

        assertThat(anonymous.get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/webjars/chart.js/dist/chart.umd.min.js").status()).isEqualTo(200);
    }

    @Test
    void anotherSuppliersPaymentItsPreviewAndItsRequestAreAll404() {
        ConsoleFixture.Supplier mine = fixture.supplier("Supplier Scope A");
        ConsoleFixture.Supplier theirs = fixture.supplier("Supplier Scope B");
        long theirPayment = fixture.payment(theirs, fixture.today().plusDays(10), "1200.00");
        ConsoleSession console = new ConsoleSession(port).signIn(mine.user().login(), TestUsers.PASSWORD);
        String path = "/console/supplier/payments/" + theirPayment;

        ConsoleSession.Page page = console.get(path);
        ConsoleSession.Page preview = console.get(path + "/preview?newDueDate=" + fixture.today().plusDays(3));
        ConsoleSession.Page request = console.post(path + "/anticipations", Map.of("newDueDate", fixture.today().plusDays(3).toString()));

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("1.200,00").doesNotContain("Supplier Scope B");
        assertThat(preview.status()).isEqualTo(404);
        assertThat(request.status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from anticipation_request where payment_id = :id").param("id", theirPayment).query(Long.class).single())
                .isZero();
    }

    @Test
    void aSupplierMayNotOpenTheOperatorPages() {
        ConsoleFixture.Supplier supplier = fixture.supplier("Supplier Operator Pages");
        ConsoleSession console = new ConsoleSession(port).signIn(supplier.user().login(), TestUsers.PASSWORD);

        assertThat(console.get("/console/operator/anticipations").status()).isEqualTo(403);
        assertThat(console.get("/console/operator/deliveries").status()).isEqualTo(403);
        assertThat(console.get("/console/operator/mail").status()).isEqualTo(403);
        assertThat(console.get("/console/operator/imports").status()).isEqualTo(403);
    }

    @Test
    void anOperatorMayNotOpenTheSupplierArea() {
        ConsoleSession console = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);

        assertThat(console.get("/console/supplier/payments").status()).isEqualTo(403);
    }

    @Test
    void anAuditorSeesDeliveriesMailAndImportsButNotTheAnticipationQueue() {
        ConsoleSession console = new ConsoleSession(port).signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD);

        assertThat(console.get("/console/operator/deliveries").status()).isEqualTo(200);
        assertThat(console.get("/console/operator/mail").status()).isEqualTo(200);
        assertThat(console.get("/console/operator/imports").status()).isEqualTo(200);
        assertThat(console.get("/console/operator/anticipations").status()).isEqualTo(403);
    }

    @Test
    void theNavigationListsOnlyWhatTheRolesMayOpen() {
        ConsoleSession auditor = new ConsoleSession(port).signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD);
        ConsoleSession operator = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);

        String auditorPage = auditor.get("/console/operator/deliveries").body();
        String operatorPage = operator.get("/console/operator/deliveries").body();

        assertThat(auditorPage).contains(">Deliveries<", ">Sent mail<", ">Imports<").doesNotContain(">Anticipations<", ">My payments<");
        assertThat(operatorPage).contains(">Anticipations<", ">Deliveries<", ">Sent mail<", ">Imports<").doesNotContain(">My payments<");
    }

    @Test
    void theConsoleEntryOpensTheFirstPageTheRolesAllow() {
        ConsoleSession operator = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);

        ConsoleSession.Page entry = operator.get("/console");

        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.location()).isEqualTo("/console/operator/anticipations");
    }

    @Test
    void aDeactivatedAccountIsSignedOutAtItsNextPage() {
        ConsoleFixture.Supplier supplier = fixture.supplier("Supplier Deactivated");
        ConsoleSession console = new ConsoleSession(port).signIn(supplier.user().login(), TestUsers.PASSWORD);
        assertThat(console.get("/console/supplier/payments").status()).isEqualTo(200);

        users.deactivate(supplier.user());
        ConsoleSession.Page after = console.get("/console/supplier/payments");

        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).endsWith("/login");
    }

    @Test
    void aRoleTakenAwayAppliesToTheOpenSession() {
        var operator = fixture.operator();
        ConsoleSession console = new ConsoleSession(port).signIn(operator.login(), TestUsers.PASSWORD);
        assertThat(console.get("/console/operator/anticipations").status()).isEqualTo(200);

        users.replaceRoles(operator, Role.AUDITOR);

        assertThat(console.get("/console/operator/anticipations").status()).isEqualTo(403);
        assertThat(console.get("/console/operator/deliveries").status()).isEqualTo(200);
    }

    @Test
    void aDecisionReturnsToTheOperatorsListAndNeverToAnotherSite() {
        ConsoleFixture.Supplier supplier = fixture.supplier("Supplier Redirect");
        long payment = fixture.payment(supplier, fixture.today().plusDays(10), "1100.00");
        long first = anticipation.request(new CurrentUser(supplier.user().id(), supplier.user().login(), Set.of(Role.SUPPLIER)), payment,
                fixture.today().plusDays(3)).id();
        ConsoleSession operator = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);
        operator.get("/console/operator/anticipations?supplier=" + supplier.supplierId());

        ConsoleSession.Page denied = operator.post("/console/operator/anticipations/" + first + "/deny", Map.of("back", "https://evil.example/"));

        assertThat(denied.status()).isEqualTo(302);
        assertThat(denied.location()).isEqualTo("/console/operator/anticipations");
        assertThat(operator.get("/console/operator/anticipations?status=DENIED&supplier=" + supplier.supplierId()).body())
                .contains("data-request-id=\"" + first + "\"");
    }

    @Test
    void repeatedWrongPasswordsAreThrottledByThePlatformsLoginLimit() {
        var operator = fixture.operator();
        ConsoleSession console = new ConsoleSession(port);
        ConsoleSession.Page last = null;
        for (int i = 0; i < 12; i++) {
            console.get("/login");
            last = console.post("/login", Map.of("login", operator.login(), "password", "wrong-" + i));
        }
        String page = console.get(last.location()).body();

        assertThat(page).contains("Too many failed attempts. Try again in");
    }
}
