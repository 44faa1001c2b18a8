package dev.quitto.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.OwnDatabase;
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
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rate limit, measured on the times the messages were recorded sent: an instance limited to 5 a second, on
 * the real clock, on a database of its own in the same PostgreSQL server, so that no other test context's
 * dispatcher (each shares the suite's database) can send any of its messages.
 */
@QuittoIntegrationTest
class MailRateLimitIntegrationTests {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sendsTwentyMessagesNoFasterThanFiveASecond() {
        String run = UUID.randomUUID().toString();
        OwnDatabase database = OwnDatabase.create(jdbc, environment, "mail_rate");
        List<String> recipients = IntStream.range(0, 20).mapToObj(i -> MailIntegrationTests.recipient()).toList();
        List<OffsetDateTime> sentAt;
        try (var limited = SecondInstance.start("rate-limited", Clock.system(BusinessTime.ZONE), database.arguments("--quitto.mail.rate-per-second=5"))) {
            Mail mail = limited.getBean(Mail.class);
            JdbcClient own = limited.getBean(JdbcClient.class);
            limited.getBean(TransactionTemplate.class).executeWithoutResult(status -> mail.enqueueAll(recipients.stream()
                    .map(to -> MailMessage.of("rate:" + run + ":" + to, to, "Devagar", MailContent.text("um de vinte"))).toList()));

            await().atMost(Duration.ofSeconds(30)).until(() -> sent(own, run).size() == 20);
            sentAt = sent(own, run);
        }

        Duration spread = Duration.between(sentAt.getFirst(), sentAt.getLast());
        // One token goes at once (the bucket holds a tenth of a second's worth, at least one); the other 19 need 19 / 5 = 3.8 s
        // (less the first send's own SMTP time).
        assertThat(spread).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
        assertThat(recipients).allSatisfy(to -> assertThat(TestMailServer.messagesTo(to)).hasSize(1));
    }

    private static List<OffsetDateTime> sent(JdbcClient jdbc, String run) {
        return jdbc.sql("select sent_at from platform_mail where business_key like :run and status = 'SENT' order by sent_at")
                .param("run", "rate:" + run + ":%").query(OffsetDateTime.class).list();
    }
}
