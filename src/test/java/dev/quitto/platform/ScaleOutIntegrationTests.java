package dev.quitto.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.DeliveryAttempt;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.OutboundDelivery;
import dev.quitto.platform.jobs.InstanceName;
import dev.quitto.platform.jobs.Jobs;
import dev.quitto.platform.jobs.TestJobs;
import dev.quitto.platform.mail.Mail;
import dev.quitto.platform.mail.MailContent;
import dev.quitto.platform.mail.MailMessage;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestDestination;
import dev.quitto.testsupport.TestMailServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances of the service (this test's context and a second one) on one PostgreSQL, sharing one clock: a
 * batch of jobs, e-mails and outbound deliveries enqueued at once is done exactly once each, and both instances
 * take part.
 */
@QuittoIntegrationTest
class ScaleOutIntegrationTests {

    private static final int BATCH = 200;

    @Autowired
    Jobs jobs;

    @Autowired
    OneTimeTask<TestJobs.Work> recordExecution;

    @Autowired
    Mail mail;

    @Autowired
    Deliveries deliveries;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    InstanceName instance;

    @Test
    void twoInstancesSendEachDeliveryExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        try (TestDestination destination = TestDestination.start();
             var second = SecondInstance.start("instance-b", clock, "--quitto.delivery.worker.instance-id=instance-b")) {
            destination.behave((request, exchange, self) -> {
                sleep(Duration.ofMillis(10));
                TestDestination.idempotent().handle(request, exchange, self);
            });
            List<UUID> ids = transaction.execute(status -> IntStream.range(0, BATCH)
                    .mapToObj(i -> deliveries.enqueue(OutboundDelivery.post("test-scale-out", run + "-" + i, destination.url("/charges"),
                            Map.of("n", i))))
                    .toList());

            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> deliveries.find(id).orElseThrow().state() == DeliveryState.DELIVERED));

            Map<String, Long> requestsPerKey = destination.received().stream()
                    .collect(Collectors.groupingBy(TestDestination.Received::idempotencyKey, Collectors.counting()));
            assertThat(requestsPerKey).hasSize(BATCH).allSatisfy((key, requests) -> assertThat(requests).isEqualTo(1));
            List<DeliveryAttempt> attempts = ids.stream().flatMap(id -> deliveries.attempts(id).stream()).toList();
            assertThat(attempts).hasSize(BATCH).allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo("SUCCESS"));
            assertThat(attempts.stream().map(DeliveryAttempt::worker).distinct()).hasSize(2).contains("instance-b");
        }
    }

    @Test
    void twoInstancesRunEachJobAndSendEachMailExactlyOnce() {
        String run = UUID.randomUUID().toString();
        List<String> recipients = IntStream.range(0, BATCH).mapToObj(i -> "scale-" + i + "-" + run.substring(0, 8) + "@example.com").toList();
        try (var second = SecondInstance.start("instance-b", clock)) {
            Instant due = clock.instant().plusSeconds(1);
            transaction.executeWithoutResult(status -> {
                IntStream.range(0, BATCH).forEach(i -> jobs.schedule(recordExecution, run + "-" + i, new TestJobs.Work(run, "job-" + i, 50), due));
                mail.enqueueAll(recipients.stream()
                        .map(to -> MailMessage.of("scale:" + run + ":" + to, to, "Uma só vez", MailContent.text("uma"))).toList());
            });
            clock.advance(Duration.ofSeconds(1));

            await().atMost(Duration.ofSeconds(60)).until(() -> count("""
                    select count(*) from test_job_execution where run_id = :run""", run) == BATCH
                    && count("select count(*) from platform_mail where business_key like :run || '%' and status = 'SENT'", "scale:" + run) == BATCH);

            assertThat(count("select count(distinct job_id) from test_job_execution where run_id = :run", run)).isEqualTo(BATCH);
            assertThat(recipients).allSatisfy(to -> assertThat(TestMailServer.messagesTo(to)).hasSize(1));
            assertThat(names("select distinct instance from test_job_execution where run_id = :run", run))
                    .containsExactlyInAnyOrder(instance.value(), "instance-b");
            assertThat(names("select distinct claimed_by from platform_mail where business_key like :run || '%'", "scale:" + run))
                    .containsExactlyInAnyOrder(instance.value(), "instance-b");
        }
        assertThat(count("select count(*) from test_job_execution where run_id = :run", run)).isEqualTo(BATCH);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long count(String sql, String run) {
        return jdbc.sql(sql).param("run", run).query(Long.class).single();
    }

    private List<String> names(String sql, String run) {
        return jdbc.sql(sql).param("run", run).query(String.class).list();
    }
}
