package dev.quitto.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestMailServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** An instance that stops while it sends finishes and records the batch in hand; another instance sends the rest. */
@QuittoIntegrationTest
class MailShutdownIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Test
    void leavesNothingSendingWhenAnInstanceStopsMidwayAndNothingIsSentTwice() {
        SmartLifecycle dispatcher = context.getBean("mailDispatcher", SmartLifecycle.class);
        dispatcher.stop();
        String run = UUID.randomUUID().toString();
        List<String> recipients = IntStream.range(0, 150).mapToObj(i -> MailIntegrationTests.recipient()).toList();
        try {
            try (var stopping = SecondInstance.start("stopping", clock, "--quitto.mail.rate-per-second=50")) {
                Mail mail = stopping.getBean(Mail.class);
                stopping.getBean(TransactionTemplate.class).executeWithoutResult(status -> mail.enqueueAll(recipients.stream()
                        .map(to -> MailMessage.of("stop:" + run + ":" + to, to, "Parada", MailContent.text("x"))).toList()));
                await().atMost(Duration.ofSeconds(15)).until(() -> count(run, "SENT") > 0);
            }

            assertThat(count(run, "SENDING")).isZero();
            assertThat(count(run, "PENDING")).isPositive();
        } finally {
            dispatcher.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> count(run, "SENT") == recipients.size());
        assertThat(recipients).allSatisfy(to -> assertThat(TestMailServer.messagesTo(to)).hasSize(1));
    }

    private long count(String run, String status) {
        return jdbc.sql("select count(*) from platform_mail where business_key like :run and status = :status")
                .param("run", "stop:" + run + ":%").param("status", status).query(Long.class).single();
    }
}
