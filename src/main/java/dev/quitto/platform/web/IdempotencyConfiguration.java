package dev.quitto.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the {@code Idempotency-Key} filter right after Spring Security's, so it knows the caller. */
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
}
