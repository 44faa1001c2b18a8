package dev.quitto.fieldops;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code quitto.fieldops.*}: extra holidays besides the national ones. */
@ConfigurationProperties("quitto.fieldops")
record FieldopsSettings(@DefaultValue BusinessDays businessDays) {

    record BusinessDays(@DefaultValue("") List<LocalDate> extraHolidays) {
    }
}
