package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.quitto.billing.BillingPortal.DebtImport;
import dev.quitto.billing.BillingPortal.DebtSearch;
import dev.quitto.platform.imports.ImportStatus;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Refusal;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockMultipartHttpServletRequest;
import tools.jackson.databind.JsonNode;

/** The module's face to the console: the API's import, rules and role checks behind each call, and the counts it adds. */
@QuittoIntegrationTest
class BillingPortalIntegrationTests {

    private static final CurrentUser OPERATOR = new CurrentUser(1, "portal-operator", Set.of(Role.OPERATOR));
    private static final CurrentUser AUDITOR = new CurrentUser(2, "portal-auditor", Set.of(Role.AUDITOR));
    private static final CurrentUser SUPPLIER = new CurrentUser(3, "portal-supplier", Set.of(Role.SUPPLIER));

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;
    @Autowired
    BillingPortal portal;

    BillingTestSupport billing;
    String p;

    @BeforeEach
    void signIn() {
        billing = new BillingTestSupport(Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD), port);
        p = BillingTestSupport.unique();
    }

    private String row(String debtId, String amount) {
        return "Ana Souza,9558,ana@example.com," + amount + ",2024-01-19," + p + debtId + "\n";
    }

    private static MockMultipartHttpServletRequest upload(String csv) {
        MockMultipartHttpServletRequest request = new MockMultipartHttpServletRequest();
        request.addFile(new MockMultipartFile("file", "portal.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        return request;
    }

    @Test
    void anUploadThroughThePortalIsImportedAsThroughTheApi() {
        DebtImport started = portal.upload(OPERATOR, upload(HEADER + row("-1", "10.00") + row("-2", "20.00")), null);

        DebtImport done = await().atMost(Duration.ofSeconds(30)).until(() -> portal.debtImport(AUDITOR, started.id().toString()), DebtImport::finished);

        assertThat(started.fileName()).isEqualTo("portal.csv");
        assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.accepted()).isEqualTo(2);
        assertThat(portal.debt(AUDITOR, p + "-2").debt().amount()).isEqualByComparingTo("20.00");
    }

    @Test
    void conflictsAreCountedAmongTheRejectedRowsOnceTheImportCompletes() {
        billing.importCompleted(HEADER + row("-stored", "10.00"));
        JsonNode done = billing.importCompleted(HEADER + row("-stored", "11.00") + row("-1", "10.00") + row("-1", "12.00") + row("-1", "10.00")
                + row("-bad", "0"));

        DebtImport seen = portal.debtImport(OPERATOR, done.get("id").asString());

        assertThat(seen.accepted()).isEqualTo(1);
        assertThat(seen.duplicates()).isEqualTo(1);
        assertThat(seen.conflicts()).isEqualTo(2L);
        assertThat(seen.rejected()).isEqualTo(3);
        assertThat(seen.rowsRead()).isEqualTo(5);
    }

    @Test
    void everyBadDebtFilterIsReportedAtOnceUnderTheApisParameterNames() {
        DebtSearch search = new DebtSearch("LATE", "maybe", "19/01/2024", "2024-02-30", "nope", null, "yes", "amount");

        assertThatThrownBy(() -> portal.debts(OPERATOR, search, new PageQuery(1, 20))).isInstanceOfSatisfying(InvalidInput.class, invalid ->
                assertThat(invalid.violations()).extracting(FieldViolation::field)
                        .containsExactly("status", "sort", "importId", "overdue", "dueFrom", "dueTo", "hasExcess"));
    }

    @Test
    void theApiStillAnswersTheFirstBadFilterWithItsParameter() {
        Http.Response refused = Http.on(port).basic(users.create(Role.AUDITOR).login(), TestUsers.PASSWORD)
                .get("/api/v1/billing/debts?dueFrom=19/01/2024&importId=nope");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid-parameter");
        assertThat(refused.json().get("parameter").asString()).isEqualTo("importId");
        assertThat(refused.json().get("detail").asString()).isEqualTo("importId must be a UUID");
    }

    @Test
    void onlyOperatorsUploadAndOnlyBillingRolesRead() {
        assertThatThrownBy(() -> portal.upload(AUDITOR, upload(HEADER + row("-a", "10.00")), null))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> portal.debts(SUPPLIER, DebtSearch.ALL, new PageQuery(1, 20)))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> portal.payments(SUPPLIER, null, null, new PageQuery(1, 20)))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.status().value()).isEqualTo(403));
        assertThat(portal.debts(AUDITOR, DebtSearch.ALL, new PageQuery(1, 20)).page()).isEqualTo(1);
    }
}
