package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console in a real browser (headless Chromium) against the whole service: sign in and out, a supplier's
 * anticipation from request to approval with its e-mail, and a supplier kept out of another supplier's payment.
 */
@QuittoIntegrationTest
class ConsoleBrowserTests {

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

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @BeforeEach
    void freshSession() {
        if (browser == null) {
            browser = ConsoleBrowser.start(port);
        }
        browser.reset();
        fixture = new ConsoleFixture(jdbc, users, clock);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aSupplierSignsInByEmailLandsOnOwnPaymentsAndSignsOut() {
        ConsoleFixture.Supplier supplier = fixture.supplier("Supplier Login");

        browser.open("/console/supplier/payments");
        browser.awaitPath(Pattern.quote("/login"));
        browser.signIn(supplier.user().login(), TestUsers.PASSWORD);

        browser.awaitPath(Pattern.quote("/console/supplier/payments") + ".*");
        assertThat(browser.text(By.cssSelector("header .who"))).isEqualTo(supplier.user().login());
        assertThat(browser.text(By.cssSelector("nav.side"))).contains("My payments", "My requests", "Request log").doesNotContain("Anticipations");

        browser.signOut();
        browser.awaitPath(Pattern.quote("/login?logout"));
        assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("You have signed out.");
        browser.open("/console/supplier/payments");
        browser.awaitPath(Pattern.quote("/login"));
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        TestUser operator = fixture.operator();

        browser.signIn(operator.login(), "not-the-password");

        browser.awaitPath(Pattern.quote("/login?error"));
        assertThat(browser.text(By.id("login-error"))).isEqualTo("The e-mail or username and password do not match an active account.");
        assertThat(browser.attribute(By.id("login"), "value")).isEqualTo(operator.login());
    }

    @Test
    void blankFieldsAreShownAsFieldErrorsBesideTheirInputs() {
        browser.signIn("", "");

        assertThat(browser.text(By.id("login-field-error"))).isEqualTo("This field is required.");
        assertThat(browser.text(By.id("password-field-error"))).isEqualTo("This field is required.");
        assertThat(browser.attribute(By.id("login"), "aria-invalid")).isEqualTo("true");
    }

    @Test
    void aSupplierRequestsAnAnticipationAnOperatorApprovesItAndTheSupplierSeesItApprovedAndIsMailed() {
        ConsoleFixture.Supplier supplier = fixture.supplier("Supplier Flow");
        long payment = fixture.payment(supplier, fixture.today().plusDays(10), "1100.00");
        TestUser operator = fixture.operator();

        browser.signIn(supplier.user().login(), TestUsers.PASSWORD).open("/console/supplier/payments/" + payment);
        assertThat(browser.text(By.id("payment-state"))).isEqualTo("Available");
        // 1100.00 x 0.03 x 7 / 30 = 7.70 off: the preview computes with the module's formula as the date is picked
        browser.pickDate(By.id("newDueDate"), fixture.today().plusDays(3).toString());
        browser.waitForText(By.id("preview-new-value"), "R$ 1.092,30");
        assertThat(browser.text(By.id("preview-days"))).isEqualTo("7");
        assertThat(browser.text(By.id("preview-discount"))).isEqualTo("R$ 7,70");
        browser.click(By.id("request-submit"));

        browser.awaitPath(Pattern.quote("/console/supplier/requests"));
        String row = "tr[data-payment-id='" + payment + "']";
        assertThat(browser.text(By.cssSelector(row + " .badge"))).isEqualTo("PENDING");
        assertThat(browser.text(By.cssSelector(row))).contains("R$ 1.100,00", "R$ 1.092,30");
        browser.signOut();

        browser.signIn(operator.login(), TestUsers.PASSWORD).open("/console/operator/anticipations?supplier=" + supplier.supplierId());
        String requestId = browser.attribute(By.xpath("//table[@id='anticipations']//tr[td[2][normalize-space()='Supplier Flow']]"),
                "data-request-id");
        browser.click(By.cssSelector("tr[data-request-id='" + requestId + "'] button.approve"));
        assertThat(browser.text(By.cssSelector("main [role=status]"))).startsWith("Request " + requestId + " approved");
        assertThat(browser.pageText()).doesNotContain("Supplier Flow");
        browser.signOut();

        browser.signIn(supplier.user().login(), TestUsers.PASSWORD).open("/console/supplier/requests");
        assertThat(browser.text(By.cssSelector(row + " .badge"))).isEqualTo("APPROVED");
        browser.open("/console/supplier/payments/" + payment);
        assertThat(browser.text(By.id("payment-state"))).isEqualTo("Anticipated");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(TestMailServer.messagesTo(supplier.user().login())).extracting(MimeMessage::getSubject)
                        .contains("New anticipation requested.", "Anticipation approved."));
    }

    @Test
    void aSupplierOpeningAnotherSuppliersPaymentGetsTheNotFoundPage() {
        ConsoleFixture.Supplier mine = fixture.supplier("Supplier Mine");
        ConsoleFixture.Supplier theirs = fixture.supplier("Supplier Theirs");
        fixture.payment(mine, fixture.today().plusDays(10), "1100.00");
        long theirPayment = fixture.payment(theirs, fixture.today().plusDays(10), "1234.56");

        browser.signIn(mine.user().login(), TestUsers.PASSWORD).open("/console/supplier/payments/" + theirPayment);

        assertThat(browser.title()).startsWith("Not found");
        assertThat(browser.text(By.cssSelector("main [role=alert]"))).startsWith("404");
        assertThat(browser.pageText()).doesNotContain("1.234,56").doesNotContain("Supplier Theirs");
    }
}
