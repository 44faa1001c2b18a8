package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.anticipation.anticipation.Discount;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The discount of spec 4.1: 3 % per 30 days, pro rata per calendar day, rounded once half-even. */
class AnticipationDiscountTests {

    private final Discount discount = new Discount(new BigDecimal("0.03"), 30);
    private final LocalDate due = LocalDate.of(2026, 12, 31);

    @ParameterizedTest(name = "{0} over {1} days -> {2}")
    @CsvSource({
            "1000.00, 16, 984.00",
            "1000.00, 10, 990.00",
            "1100.00, 15, 1083.50",
            "1.00, 15, 0.98",
            "3.00, 5, 2.98",
            "1.00, 5, 1.00",
            "1000.00, 999, 1.00",
            "1000.00, 1000, 0.00",
            "0.01, 499, 0.01",
            "0.01, 500, 0.00",
            "999999999.99, 1, 998999999.99"})
    void discountsThreePercentPerThirtyDaysRoundedHalfEven(String value, int days, String newValue) {
        var quote = discount.quote(new BigDecimal(value), due, due.minusDays(days));

        assertThat(quote.daysInAdvance()).isEqualTo(days);
        assertThat(quote.newValue()).isEqualTo(new BigDecimal(newValue));
        assertThat(quote.isPositive()).isEqualTo(new BigDecimal(newValue).signum() > 0);
    }

    @Test
    void roundsOneRealOverFifteenDaysToNinetyEightCentsNotNinetyNine() {
        assertThat(discount.quote(new BigDecimal("1.00"), due, due.minusDays(15)).newValue()).isEqualTo(new BigDecimal("0.98"));
    }

    @Test
    void countsTheReadmeExampleAsSixteenDaysAndNineHundredEightyFour() {
        var quote = discount.quote(new BigDecimal("1000.00"), LocalDate.of(2019, 10, 1), LocalDate.of(2019, 9, 15));

        assertThat(quote.daysInAdvance()).isEqualTo(16);
        assertThat(quote.newValue()).isEqualTo(new BigDecimal("984.00"));
        assertThat(quote.discount()).isEqualTo(new BigDecimal("16.00"));
    }

    @Test
    void countsTwoDaysFromTheTwentyEighthOfFebruaryInALeapYear() {
        assertThat(discount.quote(new BigDecimal("100.00"), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 2, 28)).daysInAdvance()).isEqualTo(2);
    }

    @Test
    void usesTheConfiguredRate() {
        var quote = new Discount(new BigDecimal("0.06"), 30).quote(new BigDecimal("1000.00"), due, due.minusDays(10));

        assertThat(quote.newValue()).isEqualTo(new BigDecimal("980.00"));
    }
}
