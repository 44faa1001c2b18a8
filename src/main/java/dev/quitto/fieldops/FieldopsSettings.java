package dev.quitto.fieldops;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/** {@code quitto.fieldops.*}: extra holidays besides the national ones; the largest visit file accepted. */
@ConfigurationProperties("quitto.fieldops")
record FieldopsSettings(@DefaultValue BusinessDays businessDays, @Name("import") @DefaultValue VisitFile visitFile) {

    record BusinessDays(@DefaultValue("") List<LocalDate> extraHolidays) {
    }

    /** {@code quitto.fieldops.import.max-size}: a larger upload gets 413 {@code file-too-large} (spec 7). */
    record VisitFile(@DefaultValue("1GB") DataSize maxSize) {
    }
}
