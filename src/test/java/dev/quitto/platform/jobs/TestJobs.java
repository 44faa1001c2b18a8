package dev.quitto.platform.jobs;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Jobs that exist only in tests; each execution is a row in {@code test_job_execution} naming the instance that ran it. */
@Configuration(proxyBeanMethods = false)
public class TestJobs {

    public static final String RECORD = "test-record-execution";
    public static final String HEARTBEAT = "test-heartbeat";

    /** A one-off job's data: which test run, which job, and how long its work takes (0 for none). */
    public record Work(String runId, String jobId, int workMillis) {
    }

    @Bean
    OneTimeTask<Work> recordExecution(JdbcClient jdbc, InstanceName instance, Clock clock) {
        return Tasks.oneTime(RECORD, Work.class).execute((task, context) -> {
            Work work = task.getData();
            if (work.workMillis() > 0) {
                // Work that takes a while, done by the database, as a real job's remote call would be.
                jdbc.sql("select 1 from pg_sleep(:seconds)").param("seconds", work.workMillis() / 1000.0).query(Integer.class).single();
            }
            record(jdbc, work.runId(), work.jobId(), instance, clock);
        });
    }

    @Bean
    RecurringTask<Void> heartbeat(@Value("${quitto.test.heartbeat-cron:0 * * * * *}") String cron, JdbcClient jdbc,
                                  InstanceName instance, Clock clock) {
        return RecurringJob.cron(HEARTBEAT, cron, () -> record(jdbc, HEARTBEAT, clock.instant().toString(), instance, clock));
    }

    private static void record(JdbcClient jdbc, String runId, String jobId, InstanceName instance, Clock clock) {
        jdbc.sql("insert into test_job_execution (run_id, job_id, instance, executed_at) values (:run, :job, :instance, :at)")
                .param("run", runId).param("job", jobId).param("instance", instance.value())
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }
}
