package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cashback sales page over HTTP, on sales posted through the cashback API: a failed sale with its attempt and the
 * ADMIN's retry until the provider has it, the AUDITOR's read-only view, field errors of the filter, and who may open it
 * (cashback.md: ADMIN and AUDITOR read every sale, only ADMIN retries).
 */
@QuittoIntegrationTest
class ConsoleCashbackPagesIntegrationTests {

    static final String PAGE = "/console/cashback/sales";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;
    @Autowired
    TestClock clock;

    ConsoleFixture fixture;
    ConsoleModuleData data;

    @BeforeEach
    void fixture() {
        fixture = new ConsoleFixture(jdbc, users, clock);
        data = new ConsoleModuleData(port, users, clock);
    }

    private ConsoleSession signedIn(Role role) {
        return new ConsoleSession(port).signIn(fixture.user(role).login(), TestUsers.PASSWORD);
    }

    @Test
    void anAdminSeesAFailedSaleWithItsRefusedAttemptAndRetriesItUntilTheProviderHasIt() {
        String cpf = ConsoleModuleData.cpf();
        long id = data.failedSale(cpf);
        TestUser admin = fixture.user(Role.ADMIN);
        ConsoleSession console = new ConsoleSession(port).signIn(admin.login(), TestUsers.PASSWORD);
        String list = PAGE + "?status=FAILED&document=" + cpf;

        String failed = console.get(list).body();
        ConsoleSession.Page retried = console.post(PAGE + "/" + id + "/retry", Map.of("back", list));

        assertThat(failed).contains("data-sale-id=\"" + id + "\"", ">FAILED<", "1 attempt", ">PERMANENT<", ">400<",
                "Max number of elements reached for this resource!", "aria-label=\"Retry sale " + id + "\"");
        assertThat(retried.status()).isEqualTo(302);
        assertThat(retried.location()).isEqualTo(list);
        data.awaitSale(id, "DELIVERED");
        String delivered = console.get(PAGE + "?document=" + cpf).body();
        assertThat(delivered).contains("data-sale-id=\"" + id + "\"", ">DELIVERED<", "2 attempts", ">SUCCESS<", ">MANUAL_RETRY<", "by " + admin.login())
                .doesNotContain("aria-label=\"Retry sale " + id + "\"");
    }

    @Test
    void theRetryLandsBackOnTheListWithANoticeAndNeverOnAnotherSite() {
        String cpf = ConsoleModuleData.cpf();
        long id = data.failedSale(cpf);
        ConsoleSession console = signedIn(Role.ADMIN);
        console.get(PAGE + "?document=" + cpf);

        ConsoleSession.Page retried = console.post(PAGE + "/" + id + "/retry", Map.of("back", "https://evil.example/"));

        assertThat(retried.location()).isEqualTo(PAGE);
        assertThat(console.get(PAGE).body()).contains("role=\"status\"", "Sale " + id + " is PENDING again");
    }

    @Test
    void anAuditorSeesEverySaleWithoutTheRetryButtonAndIsRefusedIfItPostsOne() {
        String cpf = ConsoleModuleData.cpf();
        long id = data.failedSale(cpf);
        ConsoleSession auditor = signedIn(Role.AUDITOR);

        String page = auditor.get(PAGE + "?document=" + cpf).body();
        ConsoleSession.Page refused = auditor.post(PAGE + "/" + id + "/retry", Map.of());

        assertThat(page).contains("data-sale-id=\"" + id + "\"", ">FAILED<").doesNotContain("/retry");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(data.awaitSale(id, "FAILED").get("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void retryingASaleThatIsNotFailedIsTheConflictPage() {
        String cpf = ConsoleModuleData.cpf();
        long id = data.sale(cpf);
        data.awaitSale(id, "DELIVERED");
        ConsoleSession admin = signedIn(Role.ADMIN);
        admin.get(PAGE);

        ConsoleSession.Page refused = admin.post(PAGE + "/" + id + "/retry", Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("Sale " + id + " is DELIVERED; only a FAILED sale can be retried.");
    }

    @Test
    void aRetryWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        long id = data.failedSale(ConsoleModuleData.cpf());
        ConsoleSession admin = signedIn(Role.ADMIN);

        ConsoleSession.Page refused = admin.postWithoutToken(PAGE + "/" + id + "/retry", Map.of());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(data.awaitSale(id, "FAILED").get("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void theFiltersNarrowBySaleDayStatusAndDocument() {
        String cpf = ConsoleModuleData.cpf();
        long delivered = data.sale(cpf);
        data.awaitSale(delivered, "DELIVERED");
        ConsoleSession auditor = signedIn(Role.AUDITOR);
        String today = fixture.today().toString();

        String byDocument = auditor.get(PAGE + "?document=" + cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-"
                + cpf.substring(9)).body();
        String failedOnly = auditor.get(PAGE + "?status=FAILED&document=" + cpf).body();
        String otherDays = auditor.get(PAGE + "?from=2020-01-01&to=2020-01-31&document=" + cpf).body();

        assertThat(byDocument).contains("data-sale-id=\"" + delivered + "\"", "1 sale, newest first.");
        assertThat(failedOnly).doesNotContain("data-sale-id=").contains("No sales.");
        assertThat(otherDays).doesNotContain("data-sale-id=");
        assertThat(auditor.get(PAGE + "?from=" + fixture.today().minusDays(1) + "&to=" + today + "&document=" + cpf).body())
                .contains("data-sale-id=\"" + delivered + "\"");
    }

    @Test
    void aReversedPeriodAMalformedDateAndABadCpfAreFieldErrorsBesideTheirInputs() {
        ConsoleSession auditor = signedIn(Role.AUDITOR);

        ConsoleSession.Page reversed = auditor.get(PAGE + "?from=2026-11-20&to=2026-11-01&document=12345678912");
        ConsoleSession.Page malformed = auditor.get(PAGE + "?from=2026-02-30&status=LOST");

        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body()).contains("id=\"from-error\" class=\"field-error\">The start date must not be after the end date.<",
                "id=\"document-error\" class=\"field-error\">Enter a valid CPF: 11 digits, with or without dots and dash.<",
                "aria-describedby=\"document-error\"", "value=\"12345678912\"", "Check the highlighted fields.");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("id=\"from-error\" class=\"field-error\">Enter a date as YYYY-MM-DD.<",
                "id=\"status-error\" class=\"field-error\">Choose one of the listed statuses.<");
    }

    @Test
    void onlyAdminAndAuditorOpenTheSalesAndSeeTheLink() {
        ConsoleSession operator = signedIn(Role.OPERATOR);
        ConsoleSession erp = signedIn(Role.ERP);
        ConsoleSession supplier = new ConsoleSession(port).signIn(fixture.supplier("Supplier Cashback").user().login(), TestUsers.PASSWORD);

        assertThat(signedIn(Role.AUDITOR).get(PAGE).body()).contains(">Cashback sales<");
        assertThat(signedIn(Role.ADMIN).get(PAGE).status()).isEqualTo(200);
        assertThat(operator.get(PAGE).status()).isEqualTo(403);
        assertThat(operator.get("/console/operator/deliveries").body()).doesNotContain(">Cashback sales<");
        assertThat(erp.get(PAGE).status()).isEqualTo(403);
        assertThat(supplier.get(PAGE).status()).isEqualTo(403);
    }
}
