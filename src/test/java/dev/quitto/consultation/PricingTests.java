package dev.quitto.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The price vectors of spec 4.1 at the default rate of 200.00, including the HALF_EVEN ties. */
class PricingTests {

    @ParameterizedTest(name = "{0} s bill {1} h and cost {2}")
    @CsvSource({
            "0, 1.00, 200.00",
            "1800, 1.00, 200.00",
            "3600, 1.00, 200.00",
            "3601, 1.00, 200.00",
            "3618, 1.00, 200.00",
            "3654, 1.02, 204.00",
            "3660, 1.02, 204.00",
            "3900, 1.08, 216.00",
            "5400, 1.50, 300.00",
            "9000, 2.50, 500.00",
            "90000, 25.00, 5000.00",
            "2592000, 720.00, 144000.00"})
    void pricesWholeSecondsWithTheOneHourMinimumAndBankersRounding(long seconds, String billedHours, String price) {
        Pricing pricing = Pricing.ofSeconds(seconds, Money.of("200.00"));

        assertThat(pricing.billedHours().toPlainString()).isEqualTo(billedHours);
        assertThat(pricing.price()).isEqualTo(Money.of(price));
    }

    @ParameterizedTest(name = "{0} s at {1}/h cost {2}")
    @CsvSource({
            // 1.005 h is a tie rounded to the even 1.00 (the seed's float round gave 1.00 too, by accident)
            "3618, 150.00, 150.00",
            // 1.015 h is a tie rounded to the even 1.02 (the seed's binary float gave 1.01 -> 202.00)
            "3654, 200.00, 204.00",
            // billed 1.08 x 333.33 = 359.9964 -> 360.00
            "3900, 333.33, 360.00",
            // billed 1.25 x 0.10 = 0.125, a cent tie -> 0.12 (even)
            "4500, 0.10, 0.12"})
    void roundsThePriceToCentsHalfEven(long seconds, String rate, String price) {
        assertThat(Pricing.ofSeconds(seconds, Money.of(rate)).price()).isEqualTo(Money.of(price));
    }
}
