package dev.quitto.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestMailServer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rate limit, measured on the times the messages were recorded sent: an instance limited to 5 a second, on
 * the real clock, with this context's dispatcher paused so it does all the sending.
 */
@QuittoIntegrationTest
class MailRateLimitIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sendsTwentyMessagesNoFasterThanFiveASecond() {
        SmartLifecycle dispatcher = context.getBean("mailDispatcher", SmartLifecycle.class);
        dispatcher.stop();
        String run = UUID.randomUUID().toString();
        List<String> recipients = IntStream.range(0, 20).mapToObj(i -> MailIntegrationTests.recipient()).toList();
        try (var limited = SecondInstance.start("rate-limited", Clock.system(BusinessTime.ZONE), "--quitto.mail.rate-per-second=5")) {
            Mail mail = limited.getBean(Mail.class);
            limited.getBean(TransactionTemplate.class).executeWithoutResult(status -> mail.enqueueAll(recipients.stream()
                    .map(to -> MailMessage.of("rate:" + run + ":" + to, to, "Devagar", MailContent.text("um de vinte"))).toList()));

            await().atMost(Duration.ofSeconds(30)).until(() -> sent(run).size() == 20);
        } finally {
            dispatcher.start();
        }

        List<OffsetDateTime> sentAt = sent(run);
        Duration spread = Duration.between(sentAt.getFirst(), sentAt.getLast());
        // A full bucket (5) goes at once; the other 15 need 15 / 5 = 3 s of tokens.
        assertThat(spread).isGreaterThanOrEqualTo(Duration.ofMillis(2800));
        assertThat(recipients).allSatisfy(to -> assertThat(TestMailServer.messagesTo(to)).hasSize(1));
    }

    private List<OffsetDateTime> sent(String run) {
        return jdbc.sql("select sent_at from platform_mail where business_key like :run and status = 'SENT' order by sent_at")
                .param("run", "rate:" + run + ":%").query(OffsetDateTime.class).list();
    }
}
