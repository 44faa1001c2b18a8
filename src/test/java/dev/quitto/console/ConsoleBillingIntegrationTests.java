package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.imports.internal.ErrorReportPurge;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
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

/**
 * The billing pages over HTTP with a session: a debts file uploaded through the form (CSRF in the multipart body) and
 * followed to completion, the upload's field errors in the API's words, debts with their filters, invoices and PDF,
 * payments with the unmatched ones, and who may see and do what.
 */
@QuittoIntegrationTest
class ConsoleBillingIntegrationTests {

    private static final String IMPORTS = "/console/operator/billing/imports";
    private static final String DEBTS = "/console/operator/billing/debts";
    private static final String PAYMENTS = "/console/operator/billing/payments";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;
    @Autowired
    TestClock clock;
    @Autowired
    ErrorReportPurge purge;

    ConsoleFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new ConsoleFixture(jdbc, users, clock);
    }

    private ConsoleSession operator() {
        return new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);
    }

    /** Uploads through the form and follows the redirect to the import's page; returns the import id. */
    private String upload(ConsoleSession console, String fileName, byte[] csv) {
        console.get(IMPORTS);
        ConsoleSession.Page started = console.postFile(IMPORTS, Map.of(), "file", fileName, csv);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        assertThat(started.location()).startsWith(IMPORTS + "/");
        return started.location().substring(IMPORTS.length() + 1);
    }

    private String completed(ConsoleSession console, String importId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> console.get(IMPORTS + "/" + importId + "/progress").body(), body -> body.contains("data-status=\"COMPLETED\""));
    }

    @Test
    void anImportWhoseErrorReportWasDeletedSaysSoInsteadOfOfferingTheReportOrCountingConflicts() {
        ConsoleSession console = operator();
        String id = upload(console, "old.csv", BillingFiles.withEveryOutcome(BillingFiles.unique(), 3));
        assertThat(completed(console, id)).contains("id=\"count-conflicts\">1<", "id=\"error-report\"");
        jdbc.sql("update platform_import set finished_at = :finished where id = :id")
                .param("finished", java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(31)))).param("id", java.util.UUID.fromString(id)).update();

        purge.purgeExpired();

        String progress = console.get(IMPORTS + "/" + id + "/progress").body();
        assertThat(progress).contains("id=\"count-rejected\">2<", "id=\"count-conflicts\">—<", "id=\"error-report-deleted\"")
                .doesNotContain("id=\"error-report\"");
        assertThat(console.get(IMPORTS).body()).doesNotContain("/console/operator/billing/imports/" + id + "/errors.csv");
    }

    private long importsCount() {
        return jdbc.sql("select count(*) from platform_import where kind = 'billing-debts'").query(Long.class).single();
    }

    @Test
    void anOperatorUploadsADebtsFileAndFollowsItToCompletionWithEveryCount() {
        ConsoleSession console = operator();
        String prefix = BillingFiles.unique();

        String id = upload(console, "debts.csv", BillingFiles.withEveryOutcome(prefix, 40));
        String page = console.get(IMPORTS + "/" + id).body();
        String done = completed(console, id);

        assertThat(page).contains("id=\"import-file\">debts.csv<", "<progress id=\"import-progress\" max=\"100\"");
        assertThat(done).contains("<progress id=\"import-progress\" max=\"100\" value=\"100\"", "id=\"import-percent\">100%<",
                "id=\"count-rowsRead\">43<", "id=\"count-accepted\">40<", "id=\"count-duplicates\">1<", "id=\"count-conflicts\">1<",
                "id=\"count-rejected\">2<", "id=\"error-report\"", "importId=" + id);
        assertThat(done).doesNotContain("hx-trigger");
        assertThat(done).contains("id=\"import-announcement\" hx-swap-oob=\"innerHTML\">Import completed.<");
    }

    @Test
    void aRunningImportsSectionPollsItselfAndTheListRowToo() {
        ConsoleSession console = operator();
        String id = upload(console, "poll.csv", BillingFiles.csv(BillingFiles.rows(BillingFiles.unique(), 3)));

        String page = console.get(IMPORTS + "/" + id).body();

        // Right after the upload the import is QUEUED or already running; either way the page asks for its progress
        if (!page.contains("data-status=\"COMPLETED\"")) {
            assertThat(page).contains("hx-get=\"" + IMPORTS + "/" + id + "/progress\"", "hx-trigger=\"every 1s\"");
        }
        completed(console, id);
        assertThat(console.get(IMPORTS).body()).contains("data-import-id=\"" + id + "\"").contains(">poll.csv<");
    }

    @Test
    void theErrorReportOfAnImportIsServedAsCsv() {
        ConsoleSession console = operator();
        String prefix = BillingFiles.unique();
        String id = upload(console, "errors.csv", BillingFiles.withEveryOutcome(prefix, 5));
        completed(console, id);

        ConsoleSession.Page report = console.get(IMPORTS + "/" + id + "/errors.csv");

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Type")).startsWith("text/csv");
        assertThat(report.header("Content-Disposition")).startsWith("attachment").contains("import-" + id + "-errors.csv");
        assertThat(report.body()).startsWith("line,column,reason,message,value")
                .contains("8,debtId,CONFLICT_IN_FILE,conflicts with line 3").contains("9,debtAmount,AMOUNT_NOT_POSITIVE");
    }

    @Test
    void theUploadFormStatesTheColumnsAndTheSizeLimitTheBrowserChecks() {
        String form = operator().get(IMPORTS).body();

        assertThat(form).contains("enctype=\"multipart/form-data\"", "name=\"_csrf\"", "data-max-bytes=\"1073741824\"",
                "data-too-large=\"The file is larger than the limit of 1 GB.\"", "name,governmentId,email,debtAmount,debtDueDate,debtId",
                "to <span>1 GB</span>");
    }

    @Test
    void uploadingWithoutAFileShowsTheFieldErrorBesideTheInputAndStoresNothing() {
        ConsoleSession console = operator();
        console.get(IMPORTS);
        long before = importsCount();

        ConsoleSession.Page refused = console.postFile(IMPORTS, Map.of(), "file", "", new byte[0]);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"file-error\" class=\"field-error\">Choose a CSV file to upload.<", "aria-invalid=\"true\"",
                "aria-describedby=\"file-error file-hint\"");
        assertThat(importsCount()).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotADebtsCsvIsAFieldErrorNamingTheMissingColumns() {
        ConsoleSession console = operator();
        console.get(IMPORTS);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        long before = importsCount();

        ConsoleSession.Page picture = console.postFile(IMPORTS, Map.of(), "file", "photo.png", png);
        ConsoleSession.Page semicolons = console.postFile(IMPORTS, Map.of(), "file", "excel.csv",
                "name;governmentId;email;debtAmount;debtDueDate;debtId\nA;1;a@example.com;10;2024-01-19;x\n".getBytes(StandardCharsets.UTF_8));

        assertThat(picture.status()).isEqualTo(400);
        assertThat(picture.body()).contains("id=\"file-error\" class=\"field-error\">This is not a debts file. The header lacks the required columns");
        assertThat(semicolons.status()).isEqualTo(400);
        assertThat(semicolons.body()).contains("This is not a debts file.", "email");
        assertThat(importsCount()).isEqualTo(before);
    }

    @Test
    void anEmptyFileIsAFieldError() {
        ConsoleSession console = operator();
        console.get(IMPORTS);

        ConsoleSession.Page refused = console.postFile(IMPORTS, Map.of(), "file", "empty.csv", new byte[0]);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"file-error\" class=\"field-error\">The file is empty.<");
    }

    @Test
    void theSameFormSentTwiceStartsOneImport() {
        ConsoleSession console = operator();
        String form = console.get(IMPORTS).body();
        Matcher key = Pattern.compile("name=\"uploadKey\" value=\"([^\"]+)\"").matcher(form);
        assertThat(key.find()).isTrue();
        byte[] csv = BillingFiles.csv(BillingFiles.rows(BillingFiles.unique(), 2));

        ConsoleSession.Page first = console.postFile(IMPORTS, Map.of("uploadKey", key.group(1)), "file", "twice.csv", csv);
        ConsoleSession.Page second = console.postFile(IMPORTS, Map.of("uploadKey", key.group(1)), "file", "twice.csv", csv);

        assertThat(first.status()).isEqualTo(302);
        assertThat(second.location()).isEqualTo(first.location());
    }

    @Test
    void anUploadWithoutTheCsrfTokenIsRefusedAndStoresNothing() {
        ConsoleSession console = operator();
        console.get(IMPORTS);
        long before = importsCount();

        ConsoleSession.Page refused = console.postFileWithoutToken(IMPORTS, Map.of(), "file", "debts.csv",
                BillingFiles.csv(BillingFiles.rows(BillingFiles.unique(), 2)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(importsCount()).isEqualTo(before);
    }

    @Test
    void anAuditorFollowsImportsWithoutTheUploadFormAndMayNotUpload() {
        ConsoleSession auditor = new ConsoleSession(port).signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD);
        long before = importsCount();

        ConsoleSession.Page page = auditor.get(IMPORTS);
        ConsoleSession.Page refused = auditor.postFile(IMPORTS, Map.of(), "file", "debts.csv", BillingFiles.csv(BillingFiles.rows(BillingFiles.unique(), 2)));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Imports of debts files").doesNotContain("id=\"upload-form\"");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(importsCount()).isEqualTo(before);
        assertThat(auditor.get(DEBTS).status()).isEqualTo(200);
        assertThat(auditor.get(PAYMENTS).status()).isEqualTo(200);
    }

    @Test
    void aSupplierMayOpenNoneOfTheBillingPages() {
        ConsoleSession supplier = new ConsoleSession(port).signIn(fixture.supplier("Supplier Billing").user().login(), TestUsers.PASSWORD);

        for (String path : List.of(IMPORTS, IMPORTS + "/" + UUID.randomUUID(), DEBTS, DEBTS + "/8291", PAYMENTS,
                "/console/operator/billing/invoices/" + UUID.randomUUID() + ".pdf")) {
            ConsoleSession.Page page = supplier.get(path);
            assertThat(page.status()).as(path).isEqualTo(403);
            assertThat(page.body()).as(path).doesNotContain("R$");
        }
        assertThat(supplier.get("/console/supplier/payments").body()).doesNotContain("Debt imports", "Debt payments");
    }

    @Test
    void operatorsAndAuditorsSeeTheBillingLinksInTheNavigation() {
        String operatorPage = operator().get(DEBTS).body();
        String auditorPage = new ConsoleSession(port).signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD).get(DEBTS).body();

        for (String page : List.of(operatorPage, auditorPage)) {
            assertThat(page).contains(">Debt imports<", ">Debts<", ">Debt payments<");
        }
        assertThat(operatorPage).containsSubsequence(">Anticipations<", ">Debt imports<", ">Deliveries<");
    }

    @Test
    void theDebtsOfAnImportAreListedWithTheirStatusAndFilteredByStatus() {
        ConsoleSession console = operator();
        String prefix = BillingFiles.unique();
        String id = upload(console, "list.csv", BillingFiles.csv(BillingFiles.rows(prefix, 3)));
        completed(console, id);

        String all = console.get(DEBTS + "?importId=" + id).body();
        String paid = console.get(DEBTS + "?importId=" + id + "&status=PAID").body();

        // The sample's first row: Elijah Santos, 9558, R$ 7.811,00 due 19/01/2024, overdue on the test clock's 22/11/2026
        assertThat(all).contains("id=\"debts-total\">(3)<", "data-debt-id=\"" + prefix + "-1\"", "Elijah Santos", "R$ 7.811,00", "19/01/2024",
                ">overdue<", "data-debt-id=\"" + prefix + "-3\"");
        assertThat(paid).contains("id=\"debts-total\">(0)<", "No debts match.");
    }

    @Test
    void everyBadFilterIsAFieldErrorInTheApisWordsAtOnce() {
        ConsoleSession console = operator();

        ConsoleSession.Page refused = console.get(DEBTS + "?dueFrom=19/01/2024&importId=not-an-id&sort=amount&status=LATE");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"dueFrom-error\" class=\"field-error\">Must be a date as yyyy-MM-dd.<",
                "id=\"importId-error\" class=\"field-error\">Must be a UUID.<",
                "id=\"sort-error\" class=\"field-error\">Must be dueDate or createdAt, optionally followed by ,asc or ,desc.<",
                "id=\"status-error\" class=\"field-error\">Must be a comma list of OPEN, PARTIALLY_PAID, PAID.<");
        assertThat(refused.body()).contains("value=\"19/01/2024\"", "value=\"not-an-id\"");
    }

    @Test
    void aDebtIdOpensTheDebtAndAnUnknownOneIsAFieldError() {
        ConsoleSession console = operator();
        String prefix = BillingFiles.unique();
        completed(console, upload(console, "lookup.csv", BillingFiles.csv(BillingFiles.rows(prefix, 1))));

        ConsoleSession.Page found = console.get(DEBTS + "?debtId=" + prefix + "-1");
        ConsoleSession.Page missing = console.get(DEBTS + "?debtId=" + prefix + "-404");

        assertThat(found.status()).isEqualTo(302);
        assertThat(found.location()).isEqualTo(DEBTS + "/" + prefix + "-1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("id=\"debtId-error\" class=\"field-error\">There is no debt with this id.<", "value=\"" + prefix + "-404\"");
    }

    @Test
    void aDebtShowsItsInvoicesAndPaymentsAndItsInvoicePdfIsServedUnderTheSession() {
        ConsoleSession console = operator();
        String prefix = BillingFiles.unique();
        completed(console, upload(console, "detail.csv", BillingFiles.csv(BillingFiles.rows(prefix, 1))));
        Http.Response paid = Http.on(port).header("Content-Type", "application/json").post("/payment",
                "{\"debtId\":\"" + prefix + "-1\",\"paidAt\":\"2024-01-10 10:00:00\",\"paidAmount\":\"811.00\",\"paidBy\":\"Elijah Santos\"}");
        assertThat(paid.status()).isEqualTo(201);

        String page = console.get(DEBTS + "/" + prefix + "-1").body();
        Matcher pdfLink = Pattern.compile("href=\"(/console/operator/billing/invoices/[0-9a-f-]{36}\\.pdf)\"").matcher(page);
        assertThat(pdfLink.find()).isTrue();
        ConsoleSession.Page pdf = console.get(pdfLink.group(1));

        // 7811.00 - 811.00: the first invoice is superseded by one for the balance, as billing.md 4.6 says
        assertThat(page).contains("id=\"debt-status\"", ">PARTIALLY_PAID<", "id=\"debt-balance\">R$ 7.000,00<", ">SUPERSEDED<", ">OPEN<",
                "R$ 811,00", "Elijah Santos", "id=\"pix\"");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).startsWith("inline").contains("invoice-").contains(".pdf");
        assertThat(pdf.body()).startsWith("%PDF-");
    }

    @Test
    void anUnknownDebtOrInvoiceIsTheNotFoundPage() {
        ConsoleSession console = operator();

        assertThat(console.get(DEBTS + "/" + BillingFiles.unique()).status()).isEqualTo(404);
        assertThat(console.get("/console/operator/billing/invoices/" + UUID.randomUUID() + ".pdf").status()).isEqualTo(404);
        assertThat(console.get(IMPORTS + "/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void theUnmatchedFilterListsPaymentsForUnknownDebtsOnly() {
        String unknown = BillingFiles.unique() + "-nope";
        Http bank = Http.on(port).header("Content-Type", "application/json");
        assertThat(bank.post("/payment", "{\"debtId\":\"" + unknown + "\",\"paidAt\":\"2024-01-10 10:00:00\",\"paidAmount\":\"100.00\","
                + "\"paidBy\":\"Nobody Known\"}").status()).isEqualTo(404);
        ConsoleSession console = operator();
        String prefix = BillingFiles.unique();
        completed(console, upload(console, "applied.csv", BillingFiles.csv(BillingFiles.rows(prefix, 1))));
        assertThat(bank.post("/payment", "{\"debtId\":\"" + prefix + "-1\",\"paidAt\":\"2024-01-10 10:00:00\",\"paidAmount\":\"10.00\","
                + "\"paidBy\":\"Elijah Santos\"}").status()).isEqualTo(201);

        String unmatched = console.get(PAYMENTS + "?status=UNMATCHED&debtId=" + unknown).body();
        String applied = console.get(PAYMENTS + "?status=UNMATCHED&debtId=" + prefix + "-1").body();
        String all = console.get(PAYMENTS + "?debtId=" + prefix + "-1").body();

        assertThat(unmatched).contains("<h1>Unmatched payments</h1>", ">" + unknown + "<", "Nobody Known", "R$ 100,00", ">UNMATCHED<");
        assertThat(applied).contains("No payments.");
        assertThat(all).contains(">APPLIED<", "href=\"" + DEBTS + "/" + prefix + "-1\"");
    }

    @Test
    void everyFieldOfTheBillingFormsHasALabel() {
        ConsoleSession console = operator();

        for (String path : List.of(IMPORTS, DEBTS, PAYMENTS)) {
            String page = console.get(path).body();
            Matcher fields = Pattern.compile("<(?:input|select)(?![^>]*type=\"hidden\")[^>]*\\sid=\"([^\"]+)\"").matcher(page);
            int checked = 0;
            while (fields.find()) {
                assertThat(page).as(path + ": label of #" + fields.group(1)).contains("<label for=\"" + fields.group(1) + "\"");
                checked++;
            }
            assertThat(checked).as(path).isPositive();
            assertThat(page).contains("<html lang=\"en\"", "<main id=\"main\"", "role=\"banner\"");
        }
    }
}
