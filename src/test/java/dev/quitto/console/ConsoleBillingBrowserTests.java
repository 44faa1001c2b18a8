package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The billing pages in headless Chromium: an operator uploads a debts file of a few thousand rows in the Kanastra
 * sample's shape and watches the progress bar (updated by htmx, without reloading the page) reach 100 % with the counts,
 * then goes from the import to its debts and to one debt's invoice. An auditor gets the pages without the form.
 */
@QuittoIntegrationTest
class ConsoleBillingBrowserTests {

    private static final int ROWS = 4000;
    private static ConsoleBrowser browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;
    @Autowired
    TestClock clock;

    private ConsoleFixture fixture;
    private Path file;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @BeforeEach
    void freshSession() throws IOException {
        if (browser == null) {
            browser = ConsoleBrowser.start(port);
        }
        browser.reset();
        fixture = new ConsoleFixture(jdbc, users, clock);
        file = Files.createTempFile("quitto-debts-", ".csv");
    }

    @AfterEach
    void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOperatorUploadsADebtsFileAndWatchesTheProgressBarReachCompletionWithTheCounts() throws IOException {
        TestUser operator = fixture.operator();
        String prefix = BillingFiles.unique();
        Files.write(file, BillingFiles.withEveryOutcome(prefix, ROWS));

        browser.signIn(operator.login(), TestUsers.PASSWORD);
        browser.click(By.linkText("Debt imports"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Debt imports");
        browser.chooseFile(By.id("file"), file);
        browser.click(By.id("upload-submit"));

        browser.awaitPath("/console/operator/billing/imports/[0-9a-f-]{36}");
        // A mark on this page's window: it is gone if the page is reloaded, so the counts below arrive through htmx
        browser.script("window.quittoSamePage = true");
        browser.waitForText(By.id("import-status"), "COMPLETED", Duration.ofSeconds(90));
        assertThat(browser.script("return window.quittoSamePage === true")).isEqualTo(true);
        assertThat(browser.attribute(By.id("import-progress"), "value")).isEqualTo("100");
        assertThat(browser.text(By.id("import-percent"))).isEqualTo("100%");
        assertThat(browser.text(By.id("count-rowsRead"))).isEqualTo(String.valueOf(ROWS + 3));
        assertThat(browser.text(By.id("count-accepted"))).isEqualTo(String.valueOf(ROWS));
        assertThat(browser.text(By.id("count-duplicates"))).isEqualTo("1");
        assertThat(browser.text(By.id("count-conflicts"))).isEqualTo("1");
        assertThat(browser.text(By.id("count-rejected"))).isEqualTo("2");
        assertThat(browser.attribute(By.id("error-report"), "href")).endsWith("/errors.csv");
        assertThat(browser.script("return document.getElementById('import-announcement').textContent")).isEqualTo("Import completed.");

        browser.click(By.id("import-debts"));
        assertThat(browser.text(By.id("debts-total"))).isEqualTo("(" + ROWS + ")");
        browser.type(By.id("debtId"), prefix + "-1");
        browser.click(By.id("debt-open"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Debt " + prefix + "-1");
        assertThat(browser.text(By.id("invoices"))).contains("OPEN", "R$ 7.811,00", "19/01/2024");
        assertThat(browser.attribute(By.cssSelector("a.invoice-pdf"), "href")).matches(".*/console/operator/billing/invoices/[0-9a-f-]{36}\\.pdf");
    }

    @Test
    void aFormSentWithoutAFileShowsTheFieldErrorBesideTheInput() {
        browser.signIn(fixture.operator().login(), TestUsers.PASSWORD).open("/console/operator/billing/imports");

        browser.click(By.id("upload-submit"));

        assertThat(browser.text(By.id("file-error"))).isEqualTo("Choose a CSV file to upload.");
        assertThat(browser.attribute(By.id("file"), "aria-invalid")).isEqualTo("true");
    }

    @Test
    void aFileOverTheFormsLimitIsAFieldErrorBeforeItIsSent() throws IOException {
        Files.write(file, BillingFiles.csv(BillingFiles.rows(BillingFiles.unique(), 20)));
        browser.signIn(fixture.operator().login(), TestUsers.PASSWORD).open("/console/operator/billing/imports");
        assertThat(browser.attribute(By.id("file"), "data-max-bytes")).isEqualTo("1073741824");
        // The limit is the servlet container's (1 GB here); the page's copy of it is lowered to make a small file too large
        browser.script("document.getElementById('file').dataset.maxBytes = '1000'");

        browser.chooseFile(By.id("file"), file);
        browser.click(By.id("upload-submit"));

        assertThat(browser.text(By.id("file-error"))).isEqualTo("The file is larger than the limit of 1 GB.");
        assertThat(browser.attribute(By.id("file"), "aria-invalid")).isEqualTo("true");
        browser.awaitPath(Pattern.quote("/console/operator/billing/imports"));
    }

    @Test
    void anAuditorSeesTheImportsAndDebtsWithoutTheUploadForm() {
        browser.signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD).open("/console/operator/billing/imports");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Debt imports");
        assertThat(browser.pageText()).doesNotContain("Upload a debts file");
        assertThat(browser.text(By.cssSelector("nav.side"))).contains("Debt imports", "Debts", "Debt payments");
    }
}
