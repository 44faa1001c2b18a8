package dev.quitto.anticipation;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The discount of an anticipation ({@code quitto.anticipation}): {@code monthlyRate} per {@code periodDays}
 * calendar days, pro rata per day. Each request stores the rate it used.
 *
 * @param monthlyRate between 0 and 1 ({@code QUITTO_ANTICIPATION_MONTHLY_RATE}, default 0.03)
 * @param periodDays  days the rate applies to ({@code QUITTO_ANTICIPATION_PERIOD_DAYS}, default 30)
 */
@ConfigurationProperties("quitto.anticipation")
public record AnticipationSettings(@DefaultValue("0.03") BigDecimal monthlyRate, @DefaultValue("30") int periodDays) {

    public AnticipationSettings {
        if (monthlyRate.signum() < 0 || monthlyRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("quitto.anticipation.monthly-rate must be between 0 and 1, got " + monthlyRate.toPlainString());
        }
        if (monthlyRate.scale() > 6) {
            throw new IllegalArgumentException("quitto.anticipation.monthly-rate has at most 6 decimals, got " + monthlyRate.toPlainString());
        }
        if (periodDays < 1) {
            throw new IllegalArgumentException("quitto.anticipation.period-days must be 1 or more, got " + periodDays);
        }
    }
}
