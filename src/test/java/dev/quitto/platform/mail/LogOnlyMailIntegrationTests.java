package dev.quitto.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.privacy.Masked;
import dev.quitto.platform.time.BusinessTime;
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
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An instance started without {@code spring.mail.host}, with this context's dispatcher paused so it does the sending; the
 * log shows the recipient with its local part masked (billing.md 4.7).
 */
@QuittoIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogOnlyMailIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void writesMailToTheLogAndRecordsItSentWhenNoSmtpServerIsConfigured(CapturedOutput output) {
        SmartLifecycle dispatcher = context.getBean("mailDispatcher", SmartLifecycle.class);
        dispatcher.stop();
        String to = MailIntegrationTests.recipient();
        UUID id;
        try (var withoutSmtp = SecondInstance.start("without-smtp", Clock.system(BusinessTime.ZONE), "--quitto.test.greenmail=false")) {
            assertThat(withoutSmtp.getBeanProvider(JavaMailSender.class).getIfAvailable()).isNull();
            Mail mail = withoutSmtp.getBean(Mail.class);
            id = withoutSmtp.getBean(TransactionTemplate.class).execute(status -> mail.enqueue(
                    MailMessage.of("log-only:" + to, to, "Só no log", MailContent.template("test/greeting",
                            java.util.Map.of("name", "Ana", "amount", "10,00", "dueDate", "01/12/2026")))));

            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select status from platform_mail where id = :id")
                    .param("id", id).query(String.class).single(), "SENT"::equals);
        } finally {
            dispatcher.start();
        }

        assertThat(output.getOut()).contains("no SMTP server configured").contains("Mail <" + id + "@quitto.local>")
                .contains("to " + Masked.email(to)).doesNotContain(to).contains("Só no log").contains("Olá, Ana!");
        assertThat(TestMailServer.messagesTo(to)).isEmpty();
    }
}
