package dev.quitto.anticipation.anticipation;

import dev.quitto.platform.money.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The price of being paid early: {@code monthlyRate} per {@code periodDays} calendar days, pro rata per day.
 * {@code value × rate × days / periodDays} is exact (DECIMAL128 for the division) and the new value is rounded once,
 * at the end, half-even (banker's rounding, as the seed did).
 */
public record Discount(BigDecimal monthlyRate, int periodDays) {

    public Quote quote(BigDecimal value, LocalDate dueDate, LocalDate newDueDate) {
        long days = ChronoUnit.DAYS.between(newDueDate, dueDate);
        BigDecimal discount = value.multiply(monthlyRate).multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(periodDays), MathContext.DECIMAL128);
        BigDecimal newValue = value.subtract(discount).setScale(2, Rounding.BANKERS.mode());
        return new Quote(value.setScale(2), dueDate, newDueDate, days, newValue);
    }

    /** What a request would give: the days in advance and the new value; the discount is what the supplier gives up. */
    public record Quote(BigDecimal originalValue, LocalDate originalDueDate, LocalDate newDueDate, long daysInAdvance, BigDecimal newValue) {

        public BigDecimal discount() {
            return originalValue.subtract(newValue);
        }

        public boolean isPositive() {
            return newValue.signum() > 0;
        }
    }
}
