package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestFinanceGateway;
import dev.quitto.testsupport.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The consultation charges page over HTTP, on consultations finished through the seed's clinic API with the JVM's
 * finance gateway in front of finance: a dead charge retried by an operator until finance records it, the auditor's
 * read-only view, field errors of the filter, and who may open it (consultation-finance.md: OPERATOR and AUDITOR read,
 * OPERATOR re-arms).
 */
@QuittoIntegrationTest
class ConsoleChargesPagesIntegrationTests {

    static final String PAGE = "/console/operator/charges";

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
        TestFinanceGateway.reset();
        TestFinanceGateway.start();
        fixture = new ConsoleFixture(jdbc, users, clock);
        data = new ConsoleModuleData(port, users, clock);
    }

    @AfterEach
    void financeAnswersAgain() {
        TestFinanceGateway.reset();
        TestFinanceGateway.start();
    }

    /** A charge finance refused with 401 (the worker's credentials arrive wrong), dead as REJECTED; finance then accepts again. */
    private JsonNode rejectedCharge() {
        TestFinanceGateway.wrongCredentials(true);
        String consultation = data.finishedConsultation();
        JsonNode charge = data.awaitCharge(consultation, c -> c.get("status").asString().equals("DEAD"));
        TestFinanceGateway.wrongCredentials(false);
        return charge;
    }

    private ConsoleSession signedIn(Role role) {
        return new ConsoleSession(port).signIn(fixture.user(role).login(), TestUsers.PASSWORD);
    }

    @Test
    void anOperatorRetriesADeadChargeFromItsPageAndFinanceRecordsIt() {
        JsonNode dead = rejectedCharge();
        String id = dead.get("id").asString();
        String consultation = dead.get("consultationId").asString();
        ConsoleSession operator = signedIn(Role.OPERATOR);

        String list = operator.get(PAGE + "?status=DEAD&consultationId=" + consultation).body();
        String page = operator.get(PAGE + "/" + id).body();
        ConsoleSession.Page retried = operator.post(PAGE + "/" + id + "/retry", Map.of());

        assertThat(list).contains("data-charge-id=\"" + id + "\"", ">DEAD<", ">REJECTED<", ">401<", "R$ 200,00",
                "aria-label=\"Retry the charge of consultation " + consultation + "\"");
        assertThat(page).contains("id=\"charge-consultation\">" + consultation + "<", ">PERMANENT<", ">401<", "id=\"retry\"", "R$ 200,00",
                ">Consultation<", "ea959b03-5577-45c9-b9f7-a45d3e77ce82");
        assertThat(retried.status()).isEqualTo(302);
        assertThat(retried.location()).isEqualTo(PAGE + "/" + id);
        JsonNode delivered = data.awaitCharge(consultation, c -> c.get("status").asString().equals("DELIVERED"));
        assertThat(operator.get(PAGE + "/" + id).body()).contains(">DELIVERED<", ">SUCCESS<", delivered.get("financeRecordId").asString())
                .doesNotContain("id=\"retry\"");
    }

    @Test
    void anOperatorRetriesEveryDeadChargeOfAReasonAtOnce() {
        JsonNode first = rejectedCharge();
        JsonNode second = rejectedCharge();
        ConsoleSession operator = signedIn(Role.OPERATOR);
        String page = operator.get(PAGE + "?status=DEAD&deadReason=REJECTED").body();

        ConsoleSession.Page retried = operator.post(PAGE + "/retry-all", Map.of("deadReason", "REJECTED"));

        assertThat(page).contains("id=\"retry-all\"", "Retry all dead charges (REJECTED)");
        assertThat(retried.status()).isEqualTo(302);
        assertThat(retried.location()).isEqualTo(PAGE + "?status=DEAD&deadReason=REJECTED");
        data.awaitCharge(first.get("consultationId").asString(), c -> c.get("status").asString().equals("DELIVERED"));
        data.awaitCharge(second.get("consultationId").asString(), c -> c.get("status").asString().equals("DELIVERED"));
    }

    @Test
    void anAuditorSeesTheChargesWithoutRetryButtonsAndIsRefusedIfItPostsOne() {
        JsonNode dead = rejectedCharge();
        String id = dead.get("id").asString();
        ConsoleSession auditor = signedIn(Role.AUDITOR);

        String list = auditor.get(PAGE + "?consultationId=" + dead.get("consultationId").asString()).body();
        String page = auditor.get(PAGE + "/" + id).body();
        ConsoleSession.Page refused = auditor.post(PAGE + "/" + id + "/retry", Map.of());

        assertThat(list).contains("data-charge-id=\"" + id + "\"", "id=\"count-dead\"").doesNotContain("/retry");
        assertThat(page).contains(">DEAD<").doesNotContain("id=\"retry\"");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(data.awaitCharge(dead.get("consultationId").asString(), c -> true).get("status").asString()).isEqualTo("DEAD");
    }

    @Test
    void retryingADeliveredChargeIsTheConflictPage() {
        String consultation = data.finishedConsultation();
        String id = data.awaitCharge(consultation, c -> c.get("status").asString().equals("DELIVERED")).get("id").asString();
        ConsoleSession operator = signedIn(Role.OPERATOR);
        operator.get(PAGE);

        ConsoleSession.Page refused = operator.post(PAGE + "/" + id + "/retry", Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("Charge " + id + " was delivered; it is never sent again.");
    }

    @Test
    void aConsultationIdThatIsNotAUuidAndAnUnknownStateAreFieldErrorsBesideTheirInputs() {
        ConsoleSession auditor = signedIn(Role.AUDITOR);

        ConsoleSession.Page refused = auditor.get(PAGE + "?consultationId=abc&status=LOST&deadReason=TIRED");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains(
                "id=\"consultationId-error\" class=\"field-error\">Enter a consultation id: a UUID such as 25b1b0e4-23cd-4764-ad3d-ac7fcbb76f5a.<",
                "id=\"status-error\" class=\"field-error\">Choose one of the listed states.<",
                "id=\"deadReason-error\" class=\"field-error\">Choose one of the listed reasons.<", "value=\"abc\"", "aria-invalid=\"true\"");
    }

    @Test
    void anUnknownChargeIsTheNotFoundPage() {
        ConsoleSession auditor = signedIn(Role.AUDITOR);

        assertThat(auditor.get(PAGE + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(auditor.get(PAGE + "/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void operatorsAndAuditorsOpenTheChargesAndOtherRolesAreRefused() {
        ConsoleSession supplier = new ConsoleSession(port).signIn(fixture.supplier("Supplier Charges").user().login(), TestUsers.PASSWORD);

        assertThat(signedIn(Role.OPERATOR).get(PAGE).body()).contains(">Consultation charges<", "id=\"count-pending\"");
        assertThat(signedIn(Role.AUDITOR).get(PAGE).status()).isEqualTo(200);
        assertThat(signedIn(Role.CLINIC).get(PAGE).status()).isEqualTo(403);
        assertThat(supplier.get(PAGE).status()).isEqualTo(403);
    }
}
