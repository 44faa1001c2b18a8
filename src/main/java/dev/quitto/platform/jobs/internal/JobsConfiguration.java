package dev.quitto.platform.jobs.internal;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.Jackson3Serializer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.quitto.platform.jobs.InstanceName;
import dev.quitto.platform.jobs.RecurringJob;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * db-scheduler as Quitto runs it: time from the one injected {@link Clock} (so tests freeze and move it), the
 * instance name in {@code picked_by}, task data as JSON. The starter wraps the datasource in a
 * {@code TransactionAwareDataSourceProxy}, so scheduling joins the caller's Spring transaction; the scheduler
 * stops with the context, waiting up to {@code db-scheduler.shutdown-max-wait} for running jobs.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    static final String EVENT_RESUBMISSION = "platform-event-resubmission";

    @Bean
    InstanceName instanceName(@Value("${quitto.instance-name:}") String configured) {
        if (!configured.isBlank()) {
            return new InstanceName(configured.trim());
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return new InstanceName(host + "-" + ProcessHandle.current().pid());
    }

    @Bean
    com.github.kagkarlsson.scheduler.Clock jobsClock(Clock clock) {
        return clock::instant;
    }

    @Bean
    DbSchedulerCustomizer jobsCustomizer(InstanceName instanceName) {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<SchedulerName> schedulerName() {
                return Optional.of(new SchedulerName.Fixed(instanceName.value()));
            }

            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(new Jackson3Serializer());
            }
        };
    }

    @Bean
    RecurringTask<Void> eventResubmissionJob(EventResubmission resubmission, JobsSettings settings) {
        return RecurringJob.cron(EVENT_RESUBMISSION, settings.eventResubmission().cron(), resubmission::run);
    }
}
