package dev.quitto.anticipation.log;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** Narrows the log; {@code from}/{@code to} are Sao Paulo dates, inclusive. */
public record LogFilter(@Nullable Long anticipationId, @Nullable Long paymentId, @Nullable LogAction action,
                        @Nullable LocalDate from, @Nullable LocalDate to) {

    public static final LogFilter ALL = new LogFilter(null, null, null, null, null);
}
