package dev.quitto.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@QuittoIntegrationTest
class JobsIntegrationTests {

    @Autowired
    Jobs jobs;

    @Autowired
    OneTimeTask<TestJobs.Work> recordExecution;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    InstanceName instance;

    @Test
    void runsAJobScheduledInACommittedTransactionOnce() {
        String run = UUID.randomUUID().toString();

        transaction.executeWithoutResult(status -> jobs.schedule(recordExecution, run + "-1", new TestJobs.Work(run, "1", 0)));

        await().atMost(Duration.ofSeconds(10)).until(() -> executions(run), executions -> executions.size() == 1);
        assertThat(executions(run)).containsExactly("1@" + instance.value());
    }

    @Test
    void neverRunsAJobWhoseTransactionRolledBack() {
        String run = UUID.randomUUID().toString();

        transaction.executeWithoutResult(status -> {
            jobs.schedule(recordExecution, run + "-rolled-back", new TestJobs.Work(run, "rolled-back", 0));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> jobs.schedule(recordExecution, run + "-committed", new TestJobs.Work(run, "committed", 0)));

        await().atMost(Duration.ofSeconds(10)).until(() -> executions(run), executions -> !executions.isEmpty());
        assertThat(executions(run)).containsExactly("committed@" + instance.value());
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = :id").param("id", run + "-rolled-back")
                .query(Long.class).single()).isZero();
    }

    @Test
    void schedulesAnInstanceIdOnlyOnceWhileItIsPending() {
        String run = UUID.randomUUID().toString();
        Instant later = clock.instant().plus(Duration.ofDays(365));

        Boolean first = transaction.execute(status -> jobs.schedule(recordExecution, run, new TestJobs.Work(run, "1", 0), later));
        Boolean second = transaction.execute(status -> jobs.schedule(recordExecution, run, new TestJobs.Work(run, "2", 0), later));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = :id").param("id", run)
                .query(Long.class).single()).isOne();
    }

    @Test
    void refusesToScheduleOutsideATransaction() {
        assertThatThrownBy(() -> jobs.schedule(recordExecution, UUID.randomUUID().toString(), new TestJobs.Work("x", "x", 0)))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void runsARecurringJobAtEachTimeOfItsCronOnTheBusinessClock() {
        Instant due = nextExecution(TestJobs.HEARTBEAT);
        assertThat(due.atZone(BusinessTime.ZONE).getSecond()).isZero();
        int before = executions(TestJobs.HEARTBEAT).size();

        clock.set(later(due));

        await().atMost(Duration.ofSeconds(10)).until(() -> executions(TestJobs.HEARTBEAT).size() > before);
        ZonedDateTime next = nextExecution(TestJobs.HEARTBEAT).atZone(BusinessTime.ZONE);
        assertThat(next.getSecond()).isZero();
        assertThat(next.toInstant()).isAfter(clock.instant()).isBeforeOrEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void schedulesTheEventResubmissionEveryMinuteByDefault() {
        ZonedDateTime next = nextExecution("platform-event-resubmission").atZone(BusinessTime.ZONE);

        assertThat(next.getSecond()).isZero();
        assertThat(next.toInstant()).isBeforeOrEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    private Instant later(Instant instant) {
        return instant.isAfter(clock.instant()) ? instant : clock.instant();
    }

    private Instant nextExecution(String task) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = :task")
                .param("task", task).query(OffsetDateTime.class).single().toInstant();
    }

    private List<String> executions(String run) {
        return jdbc.sql("select job_id || '@' || instance from test_job_execution where run_id = :run order by executed_at, job_id")
                .param("run", run).query(String.class).list();
    }
}
