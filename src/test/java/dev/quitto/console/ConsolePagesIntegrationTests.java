package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.OutboundDelivery;
import dev.quitto.platform.imports.internal.ErrorReportPurge;
import dev.quitto.platform.mail.Mail;
import dev.quitto.platform.mail.MailContent;
import dev.quitto.platform.mail.MailMessage;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestDestination;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pages' answers over HTTP: the preview and the request form's field errors (the module's problem violations shown
 * beside the input, never a 500), dead letters retried, a failed e-mail resent, an import's counts and error report.
 */
@QuittoIntegrationTest
class ConsolePagesIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;
    @Autowired
    TestClock clock;
    @Autowired
    Deliveries deliveries;
    @Autowired
    Mail mail;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ErrorReportPurge purge;

    ConsoleFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new ConsoleFixture(jdbc, users, clock);
    }

    private ConsoleSession supplierWithPayment(String name, String value) {
        ConsoleFixture.Supplier supplier = fixture.supplier(name);
        payment = fixture.payment(supplier, fixture.today().plusDays(10), value);
        return new ConsoleSession(port).signIn(supplier.user().login(), TestUsers.PASSWORD);
    }

    private long payment;

    @Test
    void thePreviewGivesTheNewValueOfTheModulesDiscountFormula() {
        ConsoleSession console = supplierWithPayment("Supplier Preview", "1100.00");

        // 1100.00 x 0.03 x 7 / 30 = 7.70 off
        String preview = console.get("/console/supplier/payments/" + payment + "/preview?newDueDate=" + fixture.today().plusDays(3)).body();

        assertThat(preview).contains("id=\"preview-days\">7<", "id=\"preview-discount\">R$ 7,70<", "id=\"preview-new-value\">R$ 1.092,30<");
    }

    @Test
    void thePreviewRoundsTheNewValueHalfEvenAtATie() {
        // 100.50 x 0.03 x 5 / 30 = 0.5025 off: 99.9975 rounds half-even to 100.00 (the tie is at the third decimal: 99.9975 -> 100.00)
        ConsoleSession console = supplierWithPayment("Supplier Tie", "100.50");

        String preview = console.get("/console/supplier/payments/" + payment + "/preview?newDueDate=" + fixture.today().plusDays(5)).body();

        assertThat(preview).contains("id=\"preview-new-value\">R$ 100,00<");
    }

    @Test
    void thePreviewNamesTheModulesRefusalForADateNotBeforeTheDueDate() {
        ConsoleSession console = supplierWithPayment("Supplier Late Date", "1100.00");

        ConsoleSession.Page preview = console.get("/console/supplier/payments/" + payment + "/preview?newDueDate=" + fixture.today().plusDays(10));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("Inform a date before the payment due date.").doesNotContain("preview-new-value");
    }

    @Test
    void aRequestWithoutADateShowsTheRequiredFieldErrorBesideTheInput() {
        ConsoleSession console = supplierWithPayment("Supplier No Date", "1100.00");
        console.get("/console/supplier/payments/" + payment);

        ConsoleSession.Page refused = console.post("/console/supplier/payments/" + payment + "/anticipations", Map.of("newDueDate", ""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"newDueDate-error\" class=\"field-error\">This field is required.<", "aria-invalid=\"true\"");
    }

    @Test
    void aMalformedDateIsAFieldErrorNotAServerError() {
        ConsoleSession console = supplierWithPayment("Supplier Bad Date", "1100.00");
        console.get("/console/supplier/payments/" + payment);

        ConsoleSession.Page refused = console.post("/console/supplier/payments/" + payment + "/anticipations", Map.of("newDueDate", "2026-13-45"));
        ConsoleSession.Page preview = console.get("/console/supplier/payments/" + payment + "/preview?newDueDate=soon");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains(">Enter a date as YYYY-MM-DD.<", "value=\"2026-13-45\"");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("Enter a date as YYYY-MM-DD.");
    }

    @Test
    void aDateInThePastIsTheModulesFieldError() {
        ConsoleSession console = supplierWithPayment("Supplier Past Date", "1100.00");
        console.get("/console/supplier/payments/" + payment);

        ConsoleSession.Page refused = console.post("/console/supplier/payments/" + payment + "/anticipations",
                Map.of("newDueDate", fixture.today().minusDays(1).toString()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"newDueDate-error\"");
    }

    @Test
    void aSecondRequestOnAPendingPaymentIsNotOfferedAndIsRefusedWith409() {
        ConsoleSession console = supplierWithPayment("Supplier Twice", "1100.00");
        console.get("/console/supplier/payments/" + payment);
        String path = "/console/supplier/payments/" + payment + "/anticipations";
        assertThat(console.post(path, Map.of("newDueDate", fixture.today().plusDays(3).toString())).status()).isEqualTo(302);

        String page = console.get("/console/supplier/payments/" + payment).body();
        ConsoleSession.Page again = console.post(path, Map.of("newDueDate", fixture.today().plusDays(4).toString()));

        assertThat(page).contains(">Pending confirmation<").doesNotContain("id=\"request-form\"");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void theSupplierPaymentsPageGroupsByTheFiveStatesAndFeedsTheChart() {
        ConsoleSession console = supplierWithPayment("Supplier Groups", "1100.00");

        String page = console.get("/console/supplier/payments").body();

        assertThat(page).contains("id=\"state-AVAILABLE\"", "id=\"state-UNAVAILABLE\"", "id=\"state-PENDING_CONFIRMATION\"",
                "id=\"state-ANTICIPATED\"", "id=\"state-DENIED\"");
        assertThat(page).contains("data-chart-values=\"1|0|0|0|0\"", "/webjars/chart.js/", "/dist/chart.umd.min.js");
    }

    @Test
    void everyFieldOfEveryFormHasALabelAndEveryPageHasItsLandmarks() {
        ConsoleSession supplier = supplierWithPayment("Supplier Labels", "1100.00");
        ConsoleSession operator = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);
        List<String> pages = List.of(new ConsoleSession(port).get("/login").body(),
                supplier.get("/console/supplier/payments/" + payment).body(), operator.get("/console/operator/deliveries").body());

        for (String page : pages) {
            Matcher fields = Pattern.compile("<(?:input|select)(?![^>]*type=\"hidden\")[^>]*\\sid=\"([^\"]+)\"").matcher(page);
            int checked = 0;
            while (fields.find()) {
                assertThat(page).as("label of #" + fields.group(1)).contains("<label for=\"" + fields.group(1) + "\"");
                checked++;
            }
            assertThat(checked).isPositive();
            assertThat(page).contains("<html lang=\"en\"", "<main id=\"main\"", "role=\"banner\"");
        }
    }

    @Test
    void anOperatorRetriesADeadDeliveryFromTheDeadLettersUntilItIsDelivered() {
        try (TestDestination destination = TestDestination.start().behave(TestDestination.answer(400, "{\"error\":\"not yet\"}"))) {
            String key = "console-" + UUID.randomUUID();
            UUID id = transactions.execute(status -> deliveries.enqueue(OutboundDelivery.post("test-api", key, destination.url("/x"),
                    Map.of("amount", "10.00"))));
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.find(id).orElseThrow().state() == DeliveryState.DEAD);
            destination.behave(TestDestination.idempotent());
            ConsoleSession console = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);

            String dead = console.get("/console/operator/deliveries/" + id).body();
            ConsoleSession.Page retried = console.post("/console/operator/deliveries/" + id + "/retry", Map.of());

            assertThat(dead).contains(key, ">DEAD<", "id=\"retry\"");
            assertThat(retried.status()).isEqualTo(302);
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.find(id).orElseThrow().state() == DeliveryState.DELIVERED);
            assertThat(console.get("/console/operator/deliveries/" + id).body()).contains("DELIVERED", "SUCCESS");
        }
    }

    @Test
    void anAuditorMayNotRetryADelivery() {
        ConsoleSession auditor = new ConsoleSession(port).signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD);
        auditor.get("/console/operator/deliveries");

        ConsoleSession.Page refused = auditor.post("/console/operator/deliveries/" + UUID.randomUUID() + "/retry", Map.of());

        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void anUnknownDeliveryIsTheNotFoundPage() {
        ConsoleSession console = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);

        assertThat(console.get("/console/operator/deliveries/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(console.get("/console/operator/deliveries/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void anOperatorResendsAFailedEmailAndItArrives() {
        String to = "console-" + UUID.randomUUID() + "@example.com";
        String key = "console:test:" + UUID.randomUUID();
        UUID id = transactions.execute(status -> {
            UUID queued = mail.enqueue(MailMessage.of(key, to, "Console resend", new MailContent.Text("Hello", null)));
            jdbc.sql("update platform_mail set status = 'FAILED', last_error = '550 mailbox unavailable' where id = :id").param("id", queued).update();
            return queued;
        });
        ConsoleSession console = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);

        String failed = console.get("/console/operator/mail?status=FAILED&businessKey=" + key).body();
        ConsoleSession.Page resent = console.post("/console/operator/mail/" + id + "/resend", Map.of());

        assertThat(failed).contains("data-mail-id=\"" + id + "\"", "550 mailbox unavailable");
        assertThat(resent.status()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(TestMailServer.messagesTo(to)).extracting(MimeMessage::getSubject).containsExactly("Console resend"));
    }

    @Test
    void resendingAnEmailThatWentOutIsTheConflictPage() {
        String to = "console-" + UUID.randomUUID() + "@example.com";
        UUID id = transactions.execute(status ->
                mail.enqueue(MailMessage.of("console:test:" + UUID.randomUUID(), to, "Console sent", new MailContent.Text("Hello", null))));
        await().atMost(Duration.ofSeconds(20)).until(() -> !TestMailServer.messagesTo(to).isEmpty());
        ConsoleSession console = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);
        console.get("/console/operator/mail");

        ConsoleSession.Page refused = console.post("/console/operator/mail/" + id + "/resend", Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("only UNKNOWN or FAILED e-mails can be resent");
    }

    @Test
    void theImportsPageShowsCountsAndProgressAndServesTheErrorReport() {
        var operator = fixture.operator();
        String p = "c" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "id,name,email,amount\n" + p + "-1,Ana,ana@example.com,10.00\n" + p + "-2,,bad@example.com,5.00\n";
        Http.Response accepted = Http.on(port).basic(operator).header("Content-Type", "text/csv")
                .post("/api/v1/test/imports/people", csv.getBytes(StandardCharsets.UTF_8));
        String id = accepted.json().get("id").asString();
        ConsoleSession console = new ConsoleSession(port).signIn(operator.login(), TestUsers.PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> console.get("/console/operator/imports/" + id + "/row").body().contains("COMPLETED"));

        String row = console.get("/console/operator/imports/" + id + "/row").body();
        ConsoleSession.Page report = console.get("/console/operator/imports/" + id + "/errors.csv");

        assertThat(row).contains("<progress max=\"100\" value=\"100\"");
        assertThat(row).containsSubsequence(">2<", ">1<", ">0<", ">1<");
        assertThat(row).doesNotContain("hx-trigger");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Type")).startsWith("text/csv");
        assertThat(report.body()).startsWith("line,column,reason,message,value").contains("3,name");
    }

    @Test
    void anImportWhoseErrorReportWasDeletedSaysSoInItsRow() {
        var operator = fixture.operator();
        String p = "c" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "id,name,email,amount\n" + p + "-1,,bad@example.com,5.00\n";
        String id = Http.on(port).basic(operator).header("Content-Type", "text/csv")
                .post("/api/v1/test/imports/people", csv.getBytes(StandardCharsets.UTF_8)).json().get("id").asString();
        ConsoleSession console = new ConsoleSession(port).signIn(operator.login(), TestUsers.PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> console.get("/console/operator/imports/" + id + "/row").body().contains("COMPLETED"));
        jdbc.sql("update platform_import set finished_at = :finished where id = :id")
                .param("finished", java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(31)))).param("id", UUID.fromString(id)).update();

        purge.purgeExpired();

        String row = console.get("/console/operator/imports/" + id + "/row").body();
        assertThat(row).contains(">deleted<").doesNotContain("errors.csv");
    }
}
