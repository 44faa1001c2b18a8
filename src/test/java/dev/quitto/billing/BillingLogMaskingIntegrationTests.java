package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.privacy.Masked;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.LogCapture;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SmtpStub;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * billing.md 4.7, "Logs mask governmentId (last 2 digits) and the e-mail local part": everything the application logs
 * (root logger at INFO, Quitto's own loggers at DEBUG) while an import with bad rows runs, its invoice e-mails reach
 * GreenMail, one e-mail is refused with 550 and one deferred with 451, and the bank's webhook delivers a matched payment
 * and one for a debt imported only afterwards. Every debtor has a governmentId, local part and domain of its own, so any
 * trace of them in the log is theirs.
 */
@QuittoIntegrationTest
class BillingLogMaskingIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    BillingTestSupport billing;
    Http operator;
    Http bank;
    String p;

    /** A row's debtor; the e-mail may be invalid (no {@code @}) for a row the import rejects. */
    record Debtor(String name, String governmentId, String email) {

        static Debtor named(String name) {
            return new Debtor(name, digits(11), localPart(name) + "@" + token() + ".example.com");
        }

        Debtor withGovernmentId(String governmentId) {
            return new Debtor(name, governmentId, email);
        }

        Debtor withEmail(String email) {
            return new Debtor(name, governmentId, email);
        }

        String localPart() {
            int at = email.lastIndexOf('@');
            return at < 0 ? email : email.substring(0, at);
        }

        String row(String amount, String debtId) {
            return name + "," + governmentId + "," + email + "," + amount + ",2024-01-19," + debtId + "\n";
        }

        private static String localPart(String name) {
            return name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "." + token();
        }
    }

    @BeforeEach
    void setUp() {
        TestMailServer.start();
        operator = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        bank = Http.on(port).header("Content-Type", "application/json");
        billing = new BillingTestSupport(operator, port);
        p = BillingTestSupport.unique();
    }

    @AfterEach
    void restore() {
        TestMailServer.start();
        clock.reset();
    }

    @Test
    void nothingLoggedDuringImportMailAndPaymentsShowsAFullGovernmentIdOrEmailAndLinesNamingADebtorShowTheMaskedForms() {
        Debtor elijah = Debtor.named("Elijah Santos");
        Debtor dwayne = Debtor.named("Dwayne Johnson").withGovernmentId("12ABC34501DE35");
        Debtor badEmail = Debtor.named("Janet Doe").withEmail("janet95." + token() + "example.com");
        Debtor badAmount = Debtor.named("Bia Lima");
        Debtor badGovernmentId = Debtor.named("Caio Reis").withGovernmentId(digits(15));
        Debtor shortRow = Debtor.named("Ana Souza");
        Debtor late = Debtor.named("Paul Late");
        Debtor bounced = Debtor.named("Rita Bounce");
        Debtor deferred = Debtor.named("Tito Later");
        List<Debtor> everyone = List.of(elijah, dwayne, badEmail, badAmount, badGovernmentId, shortRow, late, bounced, deferred);

        String paymentId;
        String latePaymentId;
        String text;
        List<String> lines;
        try (LogCapture log = LogCapture.start()) {
            String importId = billing.importCompleted(HEADER + elijah.row("7811", p + "-a") + dwayne.row("1000000.00", p + "-b")
                    + badEmail.row("100", p + "-c") + badAmount.row("0", p + "-d") + badGovernmentId.row("100", p + "-e")
                    + shortRow.row("100", p + "-f").replace(",2024-01-19", "")).get("id").asString();
            assertThat(billing.errors(importId)).hasSize(4);
            assertThat(operator.header("Accept", "text/csv").get(BillingPaths.IMPORTS + "/" + importId + "/errors").status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> mails(elijah) == 1 && mails(dwayne) == 1);

            Http.Response matched = bank.post("/payment", payment(p + "-b", "100000.00"));
            assertThat(matched.status()).isEqualTo(201);
            paymentId = matched.json().get("paymentId").asString();
            await().atMost(WAIT).until(() -> mails(dwayne) == 2);

            Http.Response unmatched = bank.post("/payment", payment(p + "-late", "100.00"));
            assertThat(unmatched.status()).isEqualTo(404);
            latePaymentId = unmatched.json().get("paymentId").asString();
            billing.importCompleted(HEADER + late.row("100.00", p + "-late"));
            await().atMost(WAIT).until(() -> paymentStatus(latePaymentId), "APPLIED"::equals);

            TestMailServer.stop();
            try (var refusing = SmtpStub.answeringRecipientsWith(TestMailServer.port(),
                    "550 5.1.1 <" + bounced.email() + ">: Recipient address rejected: User unknown")) {
                String key = invoiceMailKey(billing.importCompleted(HEADER + bounced.row("100", p + "-r")), p + "-r");
                await().atMost(WAIT).until(() -> mailColumn(key, "status"), "FAILED"::equals);
            }
            String deferredKey;
            try (var deferring = SmtpStub.answeringRecipientsWith(TestMailServer.port(),
                    "451 4.2.1 <" + deferred.email() + ">: Mailbox busy, try again later")) {
                deferredKey = invoiceMailKey(billing.importCompleted(HEADER + deferred.row("100", p + "-t")), p + "-t");
                await().atMost(WAIT).until(() -> mailColumn(deferredKey, "status") + "/" + mailColumn(deferredKey, "attempts"), "PENDING/1"::equals);
            }
            TestMailServer.start();
            clock.set(jdbc.sql("select next_attempt_at from platform_mail where business_key = :key").param("key", deferredKey)
                    .query(OffsetDateTime.class).single().toInstant());
            await().atMost(WAIT).until(() -> mails(deferred) == 1);

            text = log.text();
            lines = log.lines();
        }

        for (Debtor debtor : everyone) {
            assertThat(text).as("the log names %s's governmentId", debtor.name()).doesNotContain(debtor.governmentId());
            assertThat(text).as("the log names %s's e-mail local part", debtor.name()).doesNotContain(debtor.localPart());
        }
        assertThat(lines).as("a line of each e-mail sent, naming its masked recipient")
                .anyMatch(line -> line.contains(" SENT") && line.contains(Masked.email(elijah.email())))
                .anyMatch(line -> line.contains(" SENT") && line.contains(Masked.email(dwayne.email())))
                .anyMatch(line -> line.contains(" SENT") && line.contains(Masked.email(deferred.email())));
        assertThat(lines).as("the refused e-mail's line, with the server's reply masked too")
                .anyMatch(line -> line.contains("FAILED") && line.contains("to " + Masked.email(bounced.email()))
                        && line.contains("550 5.1.1 <" + Masked.email(bounced.email()) + ">"));
        assertThat(lines).as("the deferred e-mail's retry line")
                .anyMatch(line -> line.contains("retrying") && line.contains("to " + Masked.email(deferred.email()))
                        && line.contains("451 4.2.1 <" + Masked.email(deferred.email()) + ">"));
        assertThat(lines).as("the matched payment's line names its debtor masked")
                .anyMatch(line -> line.contains(paymentId) && line.contains("APPLIED") && line.contains(Masked.governmentId(dwayne.governmentId()))
                        && line.contains(Masked.email(dwayne.email())));
        assertThat(lines).as("the payment for a debt imported later: UNMATCHED, then applied by the matcher with its debtor masked")
                .anyMatch(line -> line.contains(latePaymentId) && line.contains("UNMATCHED"))
                .anyMatch(line -> line.contains(latePaymentId) && line.contains("APPLIED") && line.contains(Masked.governmentId(late.governmentId()))
                        && line.contains(Masked.email(late.email())));
    }

    @Test
    void aDatabaseErrorAboutADebtRowQuotesNeitherItsGovernmentIdNorItsEmail() {
        Debtor debtor = Debtor.named("Elijah Santos");

        Throwable refused = catchThrowable(() -> jdbc.sql("""
                        insert into billing_debt (debt_id, name, government_id, email, amount, due_date, created_at, updated_at)
                        values (:debtId, :name, :governmentId, :email, 0, date '2024-01-19', now(), now())""")
                .param("debtId", p + "-zero").param("name", debtor.name()).param("governmentId", debtor.governmentId())
                .param("email", debtor.email()).update());

        assertThat(refused).isInstanceOf(DataIntegrityViolationException.class);
        String asLogged = stackTrace(refused);
        assertThat(asLogged).contains("billing_debt_amount_positive").doesNotContain(debtor.governmentId()).doesNotContain(debtor.localPart());
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static String payment(String debtId, String amount) {
        return "{\"debtId\":\"" + debtId + "\",\"paidAt\":\"2026-11-20 10:00:00\",\"paidAmount\":\"" + amount + "\",\"paidBy\":\"The Payer\"}";
    }

    private static int mails(Debtor debtor) {
        return TestMailServer.messagesTo(debtor.email()).size();
    }

    private String paymentStatus(String paymentId) {
        return jdbc.sql("select status from billing_payment where id = :id").param("id", UUID.fromString(paymentId)).query(String.class).single();
    }

    private String invoiceMailKey(tools.jackson.databind.JsonNode completed, String debtId) {
        assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
        return "billing:" + billing.debt(debtId).get("currentInvoiceId").asString() + ":INVOICE";
    }

    private String mailColumn(String key, String column) {
        return jdbc.sql("select " + column + "::text from platform_mail where business_key = :key").param("key", key)
                .query(String.class).optional().orElse("(not handed over yet)");
    }

    private static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random number of {@code length} digits, first digit not 0. */
    private static String digits(int length) {
        StringBuilder digits = new StringBuilder().append(ThreadLocalRandom.current().nextInt(1, 10));
        while (digits.length() < length) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }
}
