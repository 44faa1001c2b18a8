package dev.quitto.fieldops;

import java.util.HashSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FieldopsSettings.class)
class FieldopsConfiguration {

    @Bean
    BusinessCalendar fieldopsBusinessCalendar(FieldopsSettings settings) {
        var extra = new HashSet<java.time.LocalDate>();
        if (settings.businessDays() != null && settings.businessDays().extraHolidays() != null) {
            extra.addAll(settings.businessDays().extraHolidays());
        }
        return new BusinessCalendar(extra);
    }
}
