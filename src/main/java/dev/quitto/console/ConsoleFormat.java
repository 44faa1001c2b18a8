package dev.quitto.console;

import dev.quitto.platform.time.BusinessTime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How pages show values ({@code ${@fmt.money(v)}}): reais as {@code R$ 1.100,00}, dates as {@code 02/12/2026}, instants in
 * America/Sao_Paulo. Display only: amounts are already rounded by the module that computed them, and are shown exactly
 * (scale 2, no rounding: {@link RoundingMode#UNNECESSARY} fails loudly rather than hide a third decimal).
 */
@Component("fmt")
public class ConsoleFormat {

    private static final Locale BRAZIL = Locale.of("pt", "BR");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    public String money(@Nullable BigDecimal value) {
        if (value == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(BRAZIL));
        BigDecimal exact = value.scale() <= 2 ? value.setScale(2, RoundingMode.UNNECESSARY) : value;
        return "R$ " + format.format(exact);
    }

    /** A rate as a percentage: 0.03 is {@code 3%}, 0.025 is {@code 2.5%}. */
    public String percent(@Nullable BigDecimal rate) {
        return rate == null ? "" : rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    public String date(@Nullable LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(BusinessTime.ZONE));
    }

    public String time(@Nullable OffsetDateTime time) {
        return time == null ? "" : TIME.format(time.atZoneSameInstant(BusinessTime.ZONE));
    }
}
