package dev.quitto.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.privacy.Masked;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.OwnDatabase;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestMailServer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An instance started without {@code spring.mail.host}, on a database of its own so that it sends only its own message
 * (on the shared one its dispatcher, on the real clock, would log and mark SENT any message other tests left due) and no
 * other context's dispatcher sends this one; the log shows the recipient with its local part masked (billing.md 4.7).
 */
@QuittoIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogOnlyMailIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Test
    void writesMailToTheLogAndRecordsItSentWhenNoSmtpServerIsConfigured(CapturedOutput output) {
        OwnDatabase database = OwnDatabase.create(jdbc, environment, "log_only_mail");
        String to = MailIntegrationTests.recipient();
        UUID id;
        try (var withoutSmtp = SecondInstance.start("without-smtp", Clock.system(BusinessTime.ZONE), database.arguments("--quitto.test.greenmail=false"))) {
            assertThat(withoutSmtp.getBeanProvider(JavaMailSender.class).getIfAvailable()).isNull();
            Mail mail = withoutSmtp.getBean(Mail.class);
            JdbcClient own = withoutSmtp.getBean(JdbcClient.class);
            id = withoutSmtp.getBean(TransactionTemplate.class).execute(status -> mail.enqueue(
                    MailMessage.of("log-only:" + to, to, "Só no log", MailContent.template("test/greeting",
                            java.util.Map.of("name", "Ana", "amount", "10,00", "dueDate", "01/12/2026")))));

            await().atMost(Duration.ofSeconds(15)).until(() -> own.sql("select status from platform_mail where id = :id")
                    .param("id", id).query(String.class).single(), "SENT"::equals);
        } finally {
            database.drop(jdbc);
        }

        assertThat(output.getOut()).contains("no SMTP server configured").contains("Mail <" + id + "@quitto.local>")
                .contains("to " + Masked.email(to)).doesNotContain(to).contains("Só no log").contains("Olá, Ana!");
        assertThat(TestMailServer.messagesTo(to)).isEmpty();
    }
}
