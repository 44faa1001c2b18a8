package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SmtpStub;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance items 27, 31 and 32 of billing.md: INVOICE e-mails in GreenMail, one per debtor, each with its own line, PIX
 * payload and signed link, and once only; reminders on the policy's days, once.
 */
@QuittoIntegrationTest
class BillingMailIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    Reminders reminders;

    @Autowired
    BillingWorkers.HandOverLoop handOver;

    BillingTestSupport billing;
    Http http;
    String p;

    @BeforeEach
    void setUp() {
        TestMailServer.start();
        http = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        billing = new BillingTestSupport(http, port);
        p = BillingTestSupport.unique();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String address(int i) {
        return p + "-" + i + "@example.com";
    }

    @Test
    void eachNewInvoiceIsMailedOnceWithItsLinePixAndSignedLink() throws Exception {
        String file = HEADER + "Ana Souza,9558," + address(1) + ",7811,2024-01-19," + p + "1\n"
                + "Bia Lima,9558," + address(2) + ",10,2024-01-19," + p + "2\n"
                + "Caio Reis,2027," + address(3) + ",20.50,2026-12-15," + p + "3\n";
        billing.importCompleted(file);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestMailServer.messagesTo(address(1)).size() + TestMailServer.messagesTo(address(2)).size()
                        + TestMailServer.messagesTo(address(3)).size() == 3);

        assertInvoiceMail(address(1), p + "1", "Ana Souza", "R$ 7.811,00", "19/01/2024");
        assertInvoiceMail(address(2), p + "2", "Bia Lima", "R$ 10,00", "19/01/2024");
        assertInvoiceMail(address(3), p + "3", "Caio Reis", "R$ 20,50", "15/12/2026");

        billing.importCompleted(file);
        handOver.runOnce();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> TestMailServer.messagesTo(address(1)).size()
                + TestMailServer.messagesTo(address(2)).size() + TestMailServer.messagesTo(address(3)).size() == 3);
    }

    /** Exactly one message to {@code to}: multipart/alternative, text then HTML, with the invoice's line, PIX payload and signed link. */
    private void assertInvoiceMail(String to, String debtId, String name, String amount, String due) throws Exception {
        List<MimeMessage> received = TestMailServer.messagesTo(to);
        assertThat(received).as("messages to " + to).hasSize(1);
        MimeMessage message = received.getFirst();
        JsonNode invoice = billing.debt(debtId).get("invoices").get(0);
        assertThat(message.getSubject()).contains(amount).contains(due);
        assertThat(message.getMessageID()).isEqualTo("<" + invoice.get("id").asString() + ".INVOICE@quitto.local>");
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        String signedLink = "/api/v1/billing/invoices/" + invoice.get("id").asString() + "\\.pdf\\?exp=\\d+&(amp;)?sig=[0-9a-f]{64}";
        assertThat(text).contains(name).contains(invoice.get("digitableLineFormatted").asString())
                .contains(invoice.get("pixCopyPaste").asString()).containsPattern(signedLink);
        assertThat(html).contains(invoice.get("digitableLineFormatted").asString()).contains(invoice.get("pixCopyPaste").asString())
                .containsPattern(signedLink);
    }

    @Test
    void remindersGoOutOnTheirDaysAndNeverTwice() {
        clock.set(at(2026, 11, 20, 9));
        billing.importCompleted(HEADER + "Ana Souza,9558," + address(1) + ",100,2026-12-10," + p + "open\n"
                + "Bia Lima,9558," + address(2) + ",100,2026-12-10," + p + "paid\n");
        handOver.runOnce();
        awaitInvoiceMailSent(p + "open");
        awaitInvoiceMailSent(p + "paid");

        clock.set(at(2026, 12, 7, 6));
        reminders.enqueueDue();
        assertThat(kinds(p + "open")).containsExactly("INVOICE", "REMINDER_D-3");
        reminders.enqueueDue();
        assertThat(kinds(p + "open")).containsExactly("INVOICE", "REMINDER_D-3");

        clock.set(at(2026, 12, 9, 10));
        Http.Response paid = Http.on(port).header("Content-Type", "application/json").post("/payment",
                "{\"debtId\":\"" + p + "paid\",\"paidAt\":\"2026-12-09 10:00:00\",\"paidAmount\":\"100.00\",\"paidBy\":\"Bia\"}");
        assertThat(paid.status()).isEqualTo(201);

        clock.set(at(2026, 12, 10, 6));
        reminders.enqueueDue();
        assertThat(kinds(p + "open")).containsExactly("INVOICE", "REMINDER_D+0", "REMINDER_D-3");

        clock.set(at(2026, 12, 17, 6));
        reminders.enqueueDue();
        assertThat(kinds(p + "open")).containsExactly("INVOICE", "REMINDER_D+0", "REMINDER_D+7", "REMINDER_D-3");

        clock.set(at(2026, 12, 18, 6));
        reminders.enqueueDue();
        assertThat(kinds(p + "open")).hasSize(4);
        assertThat(kinds(p + "paid")).containsExactly("INVOICE", "REMINDER_D-3");
    }

    @Test
    void aDebtImportedLongOverdueGetsOnlyItsInvoiceMail() {
        billing.importCompleted(HEADER + "Ana Souza,9558," + address(1) + ",7811,2024-01-19," + p + "old\n");
        handOver.runOnce();
        awaitInvoiceMailSent(p + "old");

        for (int day = 22; day <= 30; day++) {
            clock.set(at(2026, 11, day, 6));
            reminders.enqueueDue();
        }

        assertThat(kinds(p + "old")).containsExactly("INVOICE");
    }

    @Test
    void aDebtorWhoseInvoiceMailBouncedGetsNoReminders() {
        clock.set(at(2026, 11, 20, 9));
        String bounced = address(1);
        TestMailServer.stop();
        try (var refusing = SmtpStub.answeringRecipientsWith(TestMailServer.port(),
                "550 5.1.1 <" + bounced + ">: Recipient address rejected: User unknown")) {
            billing.importCompleted(HEADER + "Ana Souza,9558," + bounced + ",100,2026-12-10," + p + "bounced\n");
            handOver.runOnce();
            await().atMost(Duration.ofSeconds(30)).until(() -> invoiceMailStatus(p + "bounced"), "FAILED"::equals);
        } finally {
            TestMailServer.start();
        }

        for (int day : new int[] {7, 10, 17}) {
            clock.set(at(2026, 12, day, 6));
            reminders.enqueueDue();
        }

        assertThat(kinds(p + "bounced")).containsExactly("INVOICE");
    }

    private void awaitInvoiceMailSent(String debtId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> invoiceMailStatus(debtId), "SENT"::equals);
    }

    private String invoiceMailStatus(String debtId) {
        return jdbc.sql("""
                select m.status from platform_mail m join billing_invoice i on m.business_key = 'billing:' || i.id || ':INVOICE'
                join billing_debt d on d.id = i.debt_pk where d.debt_id = :id""").param("id", debtId).query(String.class).optional().orElse("none");
    }

    private List<String> kinds(String debtId) {
        return jdbc.sql("""
                select e.kind from billing_email e join billing_invoice i on i.id = e.invoice_id join billing_debt d on d.id = i.debt_pk
                where d.debt_id = :id and i.nosso_numero = (select min(nosso_numero) from billing_invoice where debt_pk = d.id) order by e.kind""")
                .param("id", debtId).query(String.class).list();
    }

    private static java.time.Instant at(int year, int month, int day, int hour) {
        return BusinessTime.fromLocal(LocalDateTime.of(year, month, day, hour, 0));
    }
}
