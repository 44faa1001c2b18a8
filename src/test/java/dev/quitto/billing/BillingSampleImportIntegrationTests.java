package dev.quitto.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance items 1-3 of billing.md: the shared sample of the challenge's file (10,787 rows) through {@code POST /billing}
 * multipart, then, once its 10,787 INVOICE e-mails are in GreenMail, the same file again as raw {@code text/csv}: a new
 * import of duplicates only that creates no debt, invoice or e-mail job, and GreenMail receives nothing more. The only
 * test class that imports the sample's debtIds, and the only one that mails example.org and example.net.
 */
@QuittoIntegrationTest
class BillingSampleImportIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BillingWorkers.HandOverLoop handOver;

    BillingTestSupport billing;
    Http http;

    @BeforeEach
    void signIn() {
        http = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        billing = new BillingTestSupport(http, port);
    }

    @Test
    void theSampleImportsEveryRowAndAReUploadCreatesNothing() {
        Http.Response accepted = billing.uploadMultipart("/billing", "input.csv", "application/vnd.ms-excel", BillingTestSupport.sample());

        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.json().get("id").asString();
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/billing/imports/" + id);
        JsonNode done = billing.awaitCompleted(id);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(BillingTestSupport.count(done, "rowsRead")).isEqualTo(10_787);
        assertThat(BillingTestSupport.count(done, "accepted")).isEqualTo(10_787);
        assertThat(BillingTestSupport.count(done, "duplicates")).isZero();
        assertThat(BillingTestSupport.count(done, "rejected")).isZero();
        UUID importId = UUID.fromString(id);
        assertThat(debtsOf(importId)).isEqualTo(10_787);
        assertThat(invoicesOf(importId)).isEqualTo(10_787);
        assertThat(jdbc.sql("select sum(amount) from billing_debt where import_id = :id").param("id", importId).query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("59136652.00");

        JsonNode elijah = billing.debt("ea23f2ca-663a-4266-a742-9da4c9f4fcb3");
        assertThat(elijah.get("name").asString()).isEqualTo("Elijah Santos");
        assertThat(elijah.get("governmentId").asString()).isEqualTo("9558");
        assertThat(elijah.get("amount").asString()).isEqualTo("7811.00");
        assertThat(elijah.get("dueDate").asString()).isEqualTo("2024-01-19");
        assertThat(elijah.get("status").asString()).isEqualTo("OPEN");
        assertThat(elijah.get("overdue").asBoolean()).isTrue();
        assertThat(elijah.get("invoices")).hasSize(1);
        assertThat(elijah.get("currentInvoiceId").asString()).isEqualTo(elijah.get("invoices").get(0).get("id").asString());
        JsonNode last = billing.debt("5d9bf3e8-2a72-4030-9d3b-04c740685fe9");
        assertThat(last.get("amount").asString()).isEqualTo("3212.00");
        assertThat(last.get("dueDate").asString()).isEqualTo("2023-03-31");

        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> sentMails(importId) == 10_787);
        long emailsBefore = emailJobs(importId);
        int receivedBefore = sampleOnlyDomainMessages();
        JsonNode again = billing.importCompleted(BillingTestSupport.sample());
        handOver.runOnce();

        assertThat(again.get("id").asString()).isNotEqualTo(id);
        assertThat(BillingTestSupport.count(again, "rowsRead")).isEqualTo(10_787);
        assertThat(BillingTestSupport.count(again, "accepted")).isZero();
        assertThat(BillingTestSupport.count(again, "duplicates")).isEqualTo(10_787);
        assertThat(BillingTestSupport.count(again, "rejected")).isZero();
        assertThat(debtsOf(UUID.fromString(again.get("id").asString()))).isZero();
        assertThat(debtsOf(importId)).isEqualTo(10_787);
        assertThat(invoicesOf(importId)).isEqualTo(10_787);
        assertThat(emailJobs(importId)).isEqualTo(emailsBefore);
        assertThat(jdbc.sql("select count(*) from billing_email where import_id = :id").param("id", UUID.fromString(again.get("id").asString()))
                .query(Long.class).single()).isZero();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> sampleOnlyDomainMessages() == receivedBefore);
        TestMailServer.forgetReceivedMessages();
    }

    /** The import's INVOICE e-mails recorded SENT by the platform mail sender. */
    private long sentMails(UUID importId) {
        return jdbc.sql("""
                        select count(*) from platform_mail m join billing_email e on m.business_key = 'billing:' || e.invoice_id || ':INVOICE'
                        where e.import_id = :id and m.status = 'SENT'""")
                .param("id", importId).query(Long.class).single();
    }

    /** Messages GreenMail holds for example.org and example.net, domains only the sample's debtors use in this test JVM. */
    private static int sampleOnlyDomainMessages() {
        return TestMailServer.messagesForDomain("example.org").size() + TestMailServer.messagesForDomain("example.net").size();
    }

    private long debtsOf(UUID importId) {
        return jdbc.sql("select count(*) from billing_debt where import_id = :id").param("id", importId).query(Long.class).single();
    }

    private long invoicesOf(UUID importId) {
        return jdbc.sql("select count(*) from billing_invoice i join billing_debt d on d.id = i.debt_pk where d.import_id = :id")
                .param("id", importId).query(Long.class).single();
    }

    /** E-mail jobs of every invoice of the import's debts, whatever import or payment created them. */
    private long emailJobs(UUID importId) {
        return jdbc.sql("""
                select count(*) from billing_email e join billing_invoice i on i.id = e.invoice_id join billing_debt d on d.id = i.debt_pk
                where d.import_id = :id""").param("id", importId).query(Long.class).single();
    }
}
