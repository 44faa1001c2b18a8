package dev.quitto.consultation;

import dev.quitto.platform.money.Money;
import dev.quitto.platform.money.Rounding;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The price of a finished consultation (spec 4.1): whole seconds of {@code end - start}; one billed hour up to 3,600 s,
 * otherwise {@code seconds / 3600} rounded to 2 decimals HALF_EVEN ({@link Rounding#BANKERS}); price = billed hours x
 * rate, rounded to cents HALF_EVEN. Exact decimals throughout.
 */
record Pricing(long durationSeconds, BigDecimal billedHours, Money pricePerHour, Money price) {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal ONE_HOUR = new BigDecimal("1.00");

    static Pricing of(Instant start, Instant end, Money pricePerHour) {
        long seconds = Duration.between(start, end).getSeconds();
        return ofSeconds(Math.max(0, seconds), pricePerHour);
    }

    static Pricing ofSeconds(long durationSeconds, Money pricePerHour) {
        BigDecimal billedHours = durationSeconds <= 3600
                ? ONE_HOUR
                : BigDecimal.valueOf(durationSeconds).divide(SECONDS_PER_HOUR, 2, Rounding.BANKERS.mode());
        return new Pricing(durationSeconds, billedHours, pricePerHour, pricePerHour.times(billedHours, Rounding.BANKERS));
    }
}
