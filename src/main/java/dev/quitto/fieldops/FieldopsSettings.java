package dev.quitto.fieldops;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code quitto.fieldops.*}: anonymous seed access (demo only) and extra holidays. */
@ConfigurationProperties("quitto.fieldops")
record FieldopsSettings(@DefaultValue("false") boolean allowAnonymous, @DefaultValue BusinessDays businessDays) {

    record BusinessDays(@DefaultValue("") List<LocalDate> extraHolidays) {
    }
}
