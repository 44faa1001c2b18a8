package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.imports.ImportOptions;
import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.mail.internal.FakeTicker;
import dev.quitto.platform.mail.internal.MailDispatcher;
import dev.quitto.platform.mail.internal.MailFaults;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.OwnDatabase;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.SmtpStub;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Acceptance items 28, 29 and 30 of billing.md: an invoice e-mail whose dispatcher stopped between the SMTP server's
 * acceptance and the database update is UNKNOWN and never sent twice; SMTP outages are retried with backoff and a
 * permanent refusal fails at once; the throttle spaces the e-mails on its own time. The platform's MailIntegrationTests
 * prove the same for any message; these follow a billing e-mail from its import to GreenMail.
 */
@QuittoIntegrationTest
class BillingMailDispatchIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    Environment environment;

    BillingTestSupport billing;
    String p;

    @BeforeEach
    void setUp() {
        TestMailServer.start();
        billing = new BillingTestSupport(Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD), port);
        p = BillingTestSupport.unique();
    }

    @AfterEach
    void restore() {
        MailFaults.disarm();
        TestMailServer.start();
        clock.reset();
    }

    @Test
    void anInvoiceMailWhoseDispatcherStoppedAfterSmtpAcceptedIsUnknownAfterRestartAndNotSentAgain() {
        String to = address("fault");
        MailFaults.stopAfterSmtpAccepts(to);

        String key = importInvoiceMailFor("fault");
        await().atMost(WAIT).until(() -> TestMailServer.messagesTo(to).size() == 1 && "SENDING".equals(column(key, "status")));
        dispatcher.stop();
        dispatcher.start();
        clock.set(instant(key, "lease_until").plusSeconds(1));

        await().atMost(WAIT).until(() -> column(key, "status"), "UNKNOWN"::equals);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> TestMailServer.messagesTo(to).size() == 1);
        assertThat(column(key, "status")).isEqualTo("UNKNOWN");
        assertThat(column(key, "attempts")).isEqualTo("1");
        assertThat(column(key, "last_error")).contains("may or may not have gone out");
    }

    @Test
    void anInvoiceMailIsRetriedWithBackoffWhileSmtpIsDownAndSentOnceWhenItIsBack() {
        String to = address("down");
        TestMailServer.stop();

        String key = importInvoiceMailFor("down");
        awaitRetry(key, 1);
        Instant firstRetry = instant(key, "next_attempt_at");
        assertThat(Duration.between(clock.instant(), firstRetry)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(column(key, "last_error")).contains("Connect");
        clock.set(firstRetry);
        awaitRetry(key, 2);
        Instant secondRetry = instant(key, "next_attempt_at");
        assertThat(Duration.between(clock.instant(), secondRetry)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
        TestMailServer.start();
        clock.set(secondRetry);

        await().atMost(WAIT).until(() -> column(key, "status"), "SENT"::equals);
        assertThat(column(key, "attempts")).isEqualTo("3");
        assertThat(TestMailServer.messagesTo(to)).hasSize(1);
    }

    @Test
    void anInvoiceMailRefusedWith550FailsAfterOneAttempt() {
        String to = address("bounce");
        TestMailServer.stop();
        String key;
        try (var server = SmtpStub.answeringRecipientsWith(TestMailServer.port(), "550 5.1.1 Mailbox unavailable")) {
            key = importInvoiceMailFor("bounce");

            await().atMost(WAIT).until(() -> column(key, "status"), "FAILED"::equals);
        }

        assertThat(column(key, "attempts")).isEqualTo("1");
        assertThat(column(key, "last_error")).contains("550 5.1.1 Mailbox unavailable");
    }

    /**
     * An instance of its own, on a database of its own (so no other test context's dispatcher sends these e-mails),
     * limited to 10 a second on a fake ticker that is also its clock: the e-mails' sent times are throttle time.
     */
    @Test
    void fiftyInvoiceMailsAtTenASecondNeedAtLeastFourPointNineSecondsOfThrottleTime() throws Exception {
        OwnDatabase database = OwnDatabase.create(jdbc, environment, "billing_throttle");
        List<String> recipients = IntStream.range(0, 50).mapToObj(i -> p + "-throttle-" + i + "@example.com").toList();
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < recipients.size(); i++) {
            file.append("Ana Souza,9558,").append(recipients.get(i)).append(",7811,2024-01-19,").append(p).append("-throttle-").append(i).append('\n');
        }
        FakeTicker ticker = new FakeTicker();
        List<OffsetDateTime> sentAt;
        try (var throttled = SecondInstance.start("billing-throttled", ticker.clock(TestClock.START, BusinessTime.ZONE), List.of(ticker),
                database.arguments("--quitto.mail.rate-per-second=10", "--quitto.mail.workers=1"))) {
            try (InputStream csv = new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8))) {
                throttled.getBean(Imports.class).accept(throttled.getBean(DebtImportKind.class), csv, "fifty.csv",
                        new ImportOptions(StandardCharsets.UTF_8, ','), BillingPaths.IMPORTS);
            }
            JdbcClient own = throttled.getBean(JdbcClient.class);

            await().atMost(Duration.ofMinutes(2)).until(() -> sentAt(own).size() == 50);
            sentAt = sentAt(own);
        }

        assertThat(Duration.between(sentAt.getFirst(), sentAt.getLast())).isGreaterThanOrEqualTo(Duration.ofMillis(4900));
        assertThat(recipients).allSatisfy(to -> assertThat(TestMailServer.messagesTo(to)).hasSize(1));
    }

    /** Imports debt {@code p-<name>} of the debtor at {@code address(name)}; returns the mail business key of its INVOICE e-mail. */
    private String importInvoiceMailFor(String name) {
        String to = address(name);
        String debtId = p + "-" + name;
        billing.importCompleted(HEADER + "Ana Souza,9558," + to + ",7811,2024-01-19," + debtId + "\n");
        return "billing:" + billing.debt(debtId).get("currentInvoiceId").asString() + ":INVOICE";
    }

    private String address(String name) {
        return p + "-" + name + "@example.com";
    }

    private void awaitRetry(String key, int attempts) {
        await().atMost(WAIT).until(() -> column(key, "status") + "/" + column(key, "attempts"), ("PENDING/" + attempts)::equals);
    }

    private String column(String key, String column) {
        return jdbc.sql("select " + column + "::text from platform_mail where business_key = :key").param("key", key)
                .query(String.class).optional().orElse("(not handed over yet)");
    }

    private Instant instant(String key, String column) {
        return jdbc.sql("select " + column + " from platform_mail where business_key = :key").param("key", key)
                .query(OffsetDateTime.class).single().toInstant();
    }

    private static List<OffsetDateTime> sentAt(JdbcClient jdbc) {
        return jdbc.sql("select sent_at from platform_mail where business_key like 'billing:%' and status = 'SENT' order by sent_at")
                .query(OffsetDateTime.class).list();
    }
}
