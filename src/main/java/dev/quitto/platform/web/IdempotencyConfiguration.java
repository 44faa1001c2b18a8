package dev.quitto.platform.web;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.quitto.platform.jobs.RecurringJob;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the {@code Idempotency-Key} filter right after Spring Security's, so it knows the caller, and purges expired
 * records on a recurring job (one instance at a time).
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyRecords records, IdempotencySettings settings, WebSettings web,
                                                                Problems problems, Clock clock, MeterRegistry meters,
                                                                SecurityFilterProperties security) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(records, settings, web, problems, clock, meters));
        registration.setOrder(security.getOrder() + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    RecurringTask<Void> idempotencyPurgeJob(IdempotencyRecords records, IdempotencySettings settings) {
        return RecurringJob.cron("platform-idempotency-purge", settings.purgeCron(), records::purgeExpired);
    }
}
